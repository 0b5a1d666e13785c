/* KUSER_SHARED_DATA: the read-only page at 0x7ffe0000 that Windows maps
 * into every process (layout in Microsoft's ntddk.h documentation).
 * Programs read it directly instead of calling an API: Go's runtime takes
 * nanotime from InterruptTime and walltime from SystemTime.  The page is a
 * memfd mapped twice: read-only at the fixed address, writable elsewhere
 * for a clock thread that updates the times every clock interval. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "ntdll_private.h"

DEFAULT_DEBUG_CHANNEL(time);

#define USER_SHARED_DATA_ADDR  0x7ffe0000UL
#define USER_SHARED_DATA_SIZE  0x1000
/* Windows' default clock interval: 15.625 ms (64 Hz) */
#define CLOCK_INTERVAL_NS      15625000L
#define TICKS_PER_SEC          10000000LL
#define TICKS_1601_TO_1970     116444736000000000LL
#define IMAGE_FILE_MACHINE_AMD64 0x8664
#define PROCESSOR_ARCHITECTURE_AMD64 9
#define NT_PRODUCT_WIN_NT      1

/* Readers take High1Time, LowPart, High2Time and retry until the two high
 * parts agree; so the writer stores High2Time first and High1Time last. */
typedef struct {
    ULONG LowPart;
    LONG High1Time;
    LONG High2Time;
} KSYSTEM_TIME;

struct user_shared_data {
    ULONG TickCountLowDeprecated;          /* 0x000 */
    ULONG TickCountMultiplier;             /* 0x004 */
    KSYSTEM_TIME InterruptTime;            /* 0x008 */
    KSYSTEM_TIME SystemTime;               /* 0x014 */
    KSYSTEM_TIME TimeZoneBias;             /* 0x020 */
    USHORT ImageNumberLow;                 /* 0x02c */
    USHORT ImageNumberHigh;                /* 0x02e */
    WCHAR NtSystemRoot[260];               /* 0x030 */
    BYTE reserved1[0x260 - 0x238];
    ULONG NtBuildNumber;                   /* 0x260 */
    ULONG NtProductType;                   /* 0x264 */
    BYTE ProductTypeIsValid;               /* 0x268 */
    BYTE Reserved0;
    USHORT NativeProcessorArchitecture;    /* 0x26a */
    ULONG NtMajorVersion;                  /* 0x26c */
    ULONG NtMinorVersion;                  /* 0x270 */
    BYTE reserved2[0x320 - 0x274];
    KSYSTEM_TIME TickCount;                /* 0x320 */
};

_Static_assert(offsetof(struct user_shared_data, SystemTime) == 0x14, "KUSER_SHARED_DATA layout");
_Static_assert(offsetof(struct user_shared_data, NtMajorVersion) == 0x26c, "KUSER_SHARED_DATA layout");
_Static_assert(offsetof(struct user_shared_data, TickCount) == 0x320, "KUSER_SHARED_DATA layout");

static struct user_shared_data *shared;   /* the writable view */

static void store_time(volatile KSYSTEM_TIME *t, LONGLONG v)
{
    t->High2Time = (LONG)(v >> 32);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    t->LowPart = (ULONG)v;
    __atomic_thread_fence(__ATOMIC_RELEASE);
    t->High1Time = (LONG)(v >> 32);
}

static LONGLONG ts_ticks(const struct timespec *ts)
{
    return ts->tv_sec * TICKS_PER_SEC + ts->tv_nsec / 100;
}

static void update_times(void)
{
    struct timespec mono, real;
    struct tm tm;
    /* the clock of QueryPerformanceCounter and GetTickCount64 */
    clock_gettime(CLOCK_MONOTONIC, &mono);
    clock_gettime(CLOCK_REALTIME, &real);
    LONGLONG interrupt = ts_ticks(&mono);
    store_time(&shared->InterruptTime, interrupt);
    store_time(&shared->SystemTime, ts_ticks(&real) + TICKS_1601_TO_1970);
    /* bias = UTC - local time */
    if (localtime_r(&real.tv_sec, &tm)) store_time(&shared->TimeZoneBias, -(LONGLONG)tm.tm_gmtoff * TICKS_PER_SEC);
    /* TickCount counts milliseconds here: a multiplier of 1.0 in 8.24 */
    LONGLONG ms = interrupt / 10000;
    store_time(&shared->TickCount, ms);
    shared->TickCountLowDeprecated = (ULONG)ms;
}

static void *clock_thread(void *arg)
{
    struct timespec next;
    (void)arg;
    clock_gettime(CLOCK_MONOTONIC, &next);
    for (;;) {
        next.tv_nsec += CLOCK_INTERVAL_NS;
        if (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR) ;
        update_times();
    }
    return NULL;
}

static void fill_static(void)
{
    static const char root[] = "C:\\windows";
    shared->TickCountMultiplier = 1u << 24;
    shared->ImageNumberLow = IMAGE_FILE_MACHINE_AMD64;
    shared->ImageNumberHigh = IMAGE_FILE_MACHINE_AMD64;
    for (size_t i = 0; i < sizeof(root); i++) shared->NtSystemRoot[i] = (WCHAR)root[i];
    shared->NtBuildNumber = carafe_peb->OSBuildNumber;
    shared->NtProductType = NT_PRODUCT_WIN_NT;
    shared->ProductTypeIsValid = 1;
    shared->NativeProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
    shared->NtMajorVersion = carafe_peb->OSMajorVersion;
    shared->NtMinorVersion = carafe_peb->OSMinorVersion;
}

/* Maps the page and starts its clock; before the program runs.  A failure
 * leaves the address unmapped (the program faults there, as it would). */
void user_shared_data_init(void)
{
    int fd = memfd_create("carafe-user-shared-data", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, USER_SHARED_DATA_SIZE)) goto fail_fd;
    void *rw = mmap(NULL, USER_SHARED_DATA_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED) goto fail_fd;
    void *ro = mmap((void *)USER_SHARED_DATA_ADDR, USER_SHARED_DATA_SIZE, PROT_READ,
                    MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
    if (ro != (void *)USER_SHARED_DATA_ADDR) {
        if (ro != MAP_FAILED) munmap(ro, USER_SHARED_DATA_SIZE);
        munmap(rw, USER_SHARED_DATA_SIZE);
        goto fail_fd;
    }
    close(fd);
    shared = rw;
    fill_static();
    update_times();

    /* the clock thread never takes a signal: it has no TEB */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_t thread;
    if (pthread_create(&thread, &attr, clock_thread, NULL)) WARN("no clock thread: the shared times stay still\n");
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return;

fail_fd:
    WARN("cannot map KUSER_SHARED_DATA at %#lx: %s\n", USER_SHARED_DATA_ADDR, strerror(errno));
    if (fd >= 0) close(fd);
}
