// C++ exceptions of mingw's g++ (SEH: RaiseException, RtlUnwindEx,
// RtlVirtualUnwind, RtlLookupFunctionEntry, RtlCaptureContext), including
// throws from callbacks called by builtin DLLs (qsort, bsearch).
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>
#include <csetjmp>
#include "test.h"

static int dtors, live;
struct Counted { int id; explicit Counted(int i) : id(i) { live++; } ~Counted() { dtors++; live--; } };

static void level3(int x) { Counted c(3); if (x) throw std::runtime_error("level3 " + std::to_string(x)); }
static void level2(int x) { Counted c(2); std::vector<Counted> v; v.emplace_back(20); level3(x); }
static void level1(int x) { Counted c(1); level2(x); }

static void test_across_frames()
{
    dtors = 0;
    std::string what;
    try { level1(7); } catch (const std::exception &e) { what = e.what(); }
    ok(what == "level3 7", "caught \"%s\"\n", what.c_str());
    ok(dtors == 4, "%d destructors ran, expected 4\n", dtors);
}

static void test_rethrow()
{
    std::string got;
    try {
        try { throw std::string("payload"); }
        catch (std::string &s) { s += "+inner"; throw; }
    } catch (const std::string &s) { got = s; }
    ok(got == "payload+inner", "rethrown \"%s\"\n", got.c_str());

    int n = 0;
    try {
        try { throw 5; }
        catch (...) { n = 1; throw std::logic_error("second"); }
    } catch (const std::logic_error &e) { n += 10; ok(!strcmp(e.what(), "second"), "what %s\n", e.what()); }
    ok(n == 11, "n = %d\n", n);
}

static void test_catch_all()
{
    int caught = 0;
    try { throw 3.5; } catch (int) { caught = 1; } catch (...) { caught = 2; }
    ok(caught == 2, "catch(...): %d\n", caught);
}

static int cmp_throw(const void *a, const void *b)
{
    Counted c(9);
    if (*(const int *)a == 42 || *(const int *)b == 42) throw std::runtime_error("from comparator");
    return *(const int *)a - *(const int *)b;
}

static void test_qsort_callback()
{
    int arr[16];
    for (int i = 0; i < 16; i++) arr[i] = (i * 7) % 16;
    arr[5] = 42;
    live = 0;
    std::string what;
    try { qsort(arr, 16, sizeof(int), cmp_throw); }
    catch (const std::exception &e) { what = e.what(); }
    ok(what == "from comparator", "qsort: caught \"%s\"\n", what.c_str());
    ok(live == 0, "qsort: %d objects not destroyed\n", live);

    int key = 42;
    what.clear();
    try { bsearch(&key, arr, 16, sizeof(int), cmp_throw); }
    catch (const std::exception &e) { what = e.what(); }
    ok(what == "from comparator", "bsearch: caught \"%s\"\n", what.c_str());

    /* the program goes on normally afterwards */
    for (int i = 0; i < 16; i++) arr[i] = 16 - i;
    qsort(arr, 16, sizeof(int), [](const void *a, const void *b) { return *(const int *)a - *(const int *)b; });
    ok(arr[0] == 1 && arr[15] == 16, "qsort after a throw: %d %d\n", arr[0], arr[15]);
}

static int nested_result()
{
    int r = 0;
    for (int i = 0; i < 3; i++) {
        try {
            try { if (i != 1) throw i; r += 100; }
            catch (int v) { r += v; if (v == 2) throw std::string("out"); }
        } catch (const std::string &) { r += 1000; }
    }
    return r;
}

static void test_nested()
{
    ok(nested_result() == 1102, "nested: %d\n", nested_result());
}

static void test_many()
{
    int caught = 0;
    for (int i = 0; i < 2000; i++) {
        try { level1(i + 1); } catch (const std::runtime_error &) { caught++; }
    }
    ok(caught == 2000, "caught %d of 2000\n", caught);
}

int main()
{
    test_across_frames();
    test_rethrow();
    test_catch_all();
    test_qsort_callback();
    test_nested();
    test_many();
    return test_summary();
}
