// A C++ program that uses the mingw-w64 runtime DLLs (libstdc++-6,
// libgcc_s_seh-1, libwinpthread-1) beside it: they must load and initialize.
// Exceptions need the exception dispatcher, std::thread the threads work.
#include <windows.h>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include "test.h"

struct Counted {
    static int live;
    Counted() { live++; }
    ~Counted() { live--; }
};
int Counted::live;

static Counted global_object;   // constructed by the runtime before main

static void test_runtime_dlls()
{
    const char *names[] = { "libstdc++-6.dll", "libgcc_s_seh-1.dll", "libwinpthread-1.dll" };
    for (const char *name : names) ok(GetModuleHandleA(name) != NULL, "%s is not loaded", name);
}

static void test_containers()
{
    std::vector<std::string> words = { "carafe", "runs", "windows", "programs" };
    std::map<std::string, size_t> lengths;
    for (const auto &w : words) lengths[w] = w.size();
    ok(lengths.size() == 4 && lengths["windows"] == 7, "std::map");
    std::ostringstream out;
    out << words[0] << ' ' << 42 << ' ' << 1.5;
    ok(out.str() == "carafe 42 1.5", "ostringstream gave \"%s\"", out.str().c_str());
    std::string s = std::to_string(12345) + "!";
    ok(s == "12345!", "to_string gave %s", s.c_str());
    ok(Counted::live == 1, "global constructor: %d live", Counted::live);
}

static void test_exceptions()
{
    int caught = 0;
    try {
        Counted local;
        throw std::runtime_error("thrown");
    } catch (const std::exception &e) {
        caught = std::string(e.what()) == "thrown";
    }
    ok(caught, "runtime_error not caught");
    ok(Counted::live == 1, "unwinding left %d live", Counted::live);
}

int main()
{
    test_runtime_dlls();
    test_containers();
    test_exceptions();
    return test_summary();
}
