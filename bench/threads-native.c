/* Thread benchmarks, native Linux (pthreads): the same four tests as
 * threads-win.c, with auto-reset events made of a mutex, a condition
 * variable and a flag (what a careful POSIX port would write). */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct event { pthread_mutex_t m; pthread_cond_t c; int set; };
static void ev_init(struct event *e) { pthread_mutex_init(&e->m, NULL); pthread_cond_init(&e->c, NULL); e->set = 0; }
static void ev_set(struct event *e)
{
    pthread_mutex_lock(&e->m);
    e->set = 1;
    pthread_cond_signal(&e->c);
    pthread_mutex_unlock(&e->m);
}
static void ev_wait(struct event *e)
{
    pthread_mutex_lock(&e->m);
    while (!e->set) pthread_cond_wait(&e->c, &e->m);
    e->set = 0;
    pthread_mutex_unlock(&e->m);
}

/* 64 auto-reset events waited on together: flags under one lock */
static pthread_mutex_t many_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t many_c = PTHREAD_COND_INITIALIZER;
static int many_set[64];
static int many_wait(void)
{
    pthread_mutex_lock(&many_m);
    for (;;) {
        for (int i = 0; i < 64; i++)
            if (many_set[i]) {
                many_set[i] = 0;
                pthread_mutex_unlock(&many_m);
                return i;
            }
        pthread_cond_wait(&many_c, &many_m);
    }
}
static void many_signal(int i)
{
    pthread_mutex_lock(&many_m);
    many_set[i] = 1;
    pthread_cond_signal(&many_c);
    pthread_mutex_unlock(&many_m);
}

#define ROUNDS 200000
#define CS_OPS 2000000
static struct event ping, pong;
static pthread_mutex_t cs = PTHREAD_MUTEX_INITIALIZER;
static volatile long shared;

static void *ponger(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        ev_wait(&ping);
        ev_set(&pong);
    }
    return NULL;
}

static void *many_ponger(void *arg)
{
    for (int i = 0; i < ROUNDS; i++) {
        many_wait();
        ev_set(&pong);
    }
    return NULL;
}

static void *cs_worker(void *arg)
{
    for (int i = 0; i < CS_OPS; i++) {
        pthread_mutex_lock(&cs);
        shared++;
        pthread_mutex_unlock(&cs);
    }
    return NULL;
}

int main(void)
{
    pthread_t t, t2;
    ev_init(&ping);
    ev_init(&pong);
    pthread_create(&t, NULL, ponger, NULL);
    double start = now();
    for (int i = 0; i < ROUNDS; i++) {
        ev_set(&ping);
        ev_wait(&pong);
    }
    printf("event ping-pong: %.0f round trips per second\n", ROUNDS / (now() - start));
    pthread_join(t, NULL);

    start = now();
    for (int i = 0; i < CS_OPS * 5; i++) {
        pthread_mutex_lock(&cs);
        shared++;
        pthread_mutex_unlock(&cs);
    }
    printf("critical section, uncontended: %.0f enter/leave per second\n", CS_OPS * 5 / (now() - start));
    start = now();
    pthread_create(&t, NULL, cs_worker, NULL);
    pthread_create(&t2, NULL, cs_worker, NULL);
    pthread_join(t, NULL);
    pthread_join(t2, NULL);
    printf("critical section, 2 threads contending: %.0f enter/leave per second\n", 2 * CS_OPS / (now() - start));

    pthread_create(&t, NULL, many_ponger, NULL);
    start = now();
    for (int i = 0; i < ROUNDS; i++) {
        many_signal(63 - i % 64);
        ev_wait(&pong);
    }
    printf("WaitForMultipleObjects(64) ping-pong: %.0f round trips per second\n", ROUNDS / (now() - start));
    pthread_join(t, NULL);
    return 0;
}
