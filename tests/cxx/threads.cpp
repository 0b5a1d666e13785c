// C++ exceptions on threads other than the main one: thrown and caught in
// std::thread and CreateThread threads, many threads throwing at once,
// through a destructor's cleanup, and a catch(...) rethrow.
#include <windows.h>
#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include "test.h"

static std::atomic<int> destroyed;
struct Guard {
    ~Guard() { destroyed++; }
};

static __attribute__((noinline)) void thrower(int depth, int value)
{
    Guard g;
    if (!depth) throw std::runtime_error("v" + std::to_string(value));
    thrower(depth - 1, value);
}

static int catch_in_thread(int value)
{
    try {
        thrower(5, value);
    } catch (const std::runtime_error &e) {
        return std::stoi(std::string(e.what()).substr(1));
    }
    return -1;
}

static DWORD WINAPI win_thread(void *arg)
{
    int v = (int)(INT_PTR)arg;
    try {
        try {
            throw v;
        } catch (...) {
            throw;   // rethrown to the outer handler
        }
    } catch (int x) {
        return x + 1;
    }
    return 0;
}

int main()
{
    int result = 0;
    std::thread t([&] { result = catch_in_thread(42); });
    t.join();
    ok(result == 42, "std::thread: caught %d\n", result);
    ok(destroyed == 6, "%d destructors ran\n", destroyed.load());

    HANDLE h = CreateThread(NULL, 0, win_thread, (void *)(INT_PTR)7, 0, NULL);
    ok(h != NULL, "CreateThread failed\n");
    WaitForSingleObject(h, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(h, &code);
    ok(code == 8, "CreateThread thread: exit code %lu\n", code);
    CloseHandle(h);

    // many threads throwing at the same time
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    destroyed = 0;
    for (int i = 0; i < 8; i++)
        threads.emplace_back([&, i] {
            for (int n = 0; n < 200; n++)
                if (catch_in_thread(i * 1000 + n) == i * 1000 + n) good++;
        });
    for (auto &th : threads) th.join();
    ok(good == 8 * 200, "%d of %d concurrent throws caught\n", good.load(), 8 * 200);
    ok(destroyed == 8 * 200 * 6, "%d destructors ran\n", destroyed.load());

    // an exception_ptr carried from a thread to the main thread
    std::exception_ptr ep;
    std::thread t2([&] {
        try {
            thrower(2, 99);
        } catch (...) {
            ep = std::current_exception();
        }
    });
    t2.join();
    try {
        std::rethrow_exception(ep);
    } catch (const std::runtime_error &e) {
        ok(std::string(e.what()) == "v99", "rethrown: %s\n", e.what());
    }
    return test_summary();
}
