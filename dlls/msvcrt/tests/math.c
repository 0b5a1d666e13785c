/* msvcrt math: results and the errno values msvcrt sets, _fpclass, and the
 * floating-point control and status words. */
#include <math.h>
#include <float.h>
#include <errno.h>
#include "test.h"

#ifndef _SW_ZERODIVIDE
#define _SW_INEXACT    0x00000001
#define _SW_ZERODIVIDE 0x00000008
#endif
#include "crt.h"

static int *errp(void) { return CRTT(int *(*)(void), _errno)(); }

typedef double (*fn1)(double);
typedef double (*fn2)(double, double);

static void check1(const char *name, double x, double expect, int expect_errno, int line)
{
    fn1 f = (fn1)crt_proc(name);
    *errp() = 0;
    double r = f(x);
    int same = isnan(expect) ? isnan(r) : r == expect || fabs(r - expect) < 1e-12 * fabs(expect);
    test_ok(same && *errp() == expect_errno, __FILE__, line, "%s(%g) = %g errno %d", name, x, r, *errp());
}

static void check2(const char *name, double x, double y, double expect, int expect_errno, int line)
{
    fn2 f = (fn2)crt_proc(name);
    *errp() = 0;
    double r = f(x, y);
    int same = isnan(expect) ? isnan(r) : r == expect || fabs(r - expect) < 1e-12 * fabs(expect);
    test_ok(same && *errp() == expect_errno, __FILE__, line, "%s(%g, %g) = %g errno %d", name, x, y, r, *errp());
}

#define C1(n, x, e, err) check1(n, x, e, err, __LINE__)
#define C2(n, x, y, e, err) check2(n, x, y, e, err, __LINE__)

static void test_functions(void)
{
    C1("sqrt", 4, 2, 0);
    C1("sqrt", -1, NAN, EDOM);
    C1("log", 1, 0, 0);
    C1("log", -1, NAN, EDOM);
    C1("log", 0, -INFINITY, ERANGE);
    C1("log10", 1000, 3, 0);
    C1("log10", -1, NAN, EDOM);
    C1("log10", 0, -INFINITY, ERANGE);
    C1("exp", 0, 1, 0);
    C1("exp", 1000, INFINITY, ERANGE);
    C1("exp", -1000, 0, 0);
    C1("sin", 0, 0, 0);
    C1("sin", INFINITY, NAN, EDOM);
    C1("cos", 0, 1, 0);
    C1("cos", -INFINITY, NAN, EDOM);
    C1("tan", INFINITY, NAN, EDOM);
    C1("asin", 1, M_PI / 2, 0);
    C1("asin", 2, NAN, EDOM);
    C1("acos", 1, 0, 0);
    C1("acos", -2, NAN, EDOM);
    C1("atan", 1, M_PI / 4, 0);
    C1("sinh", 0, 0, 0);
    C1("cosh", 0, 1, 0);
    C1("tanh", 0, 0, 0);
    C1("floor", -1.5, -2, 0);
    C1("ceil", -1.5, -1, 0);
    C1("fabs", -3, 3, 0);
    C1("_logb", 1000, 9, 0);
    C1("_logb", 0, -INFINITY, ERANGE);
    C1("_y0", -1, NAN, EDOM);
    C1("_y0", 0, -INFINITY, ERANGE);
    C1("_y1", -1, NAN, EDOM);
    C1("_j0", 0, 1, 0);
    C2("pow", 2, 10, 1024, 0);
    C2("pow", -1, 0.5, NAN, EDOM);
    C2("pow", 0, -1, INFINITY, ERANGE);
    C2("pow", 10, 400, INFINITY, ERANGE);
    C2("pow", 0, 0, 1, 0);
    C2("atan2", 1, 1, M_PI / 4, 0);
    C2("atan2", 0, 0, 0, 0);
    C2("fmod", 7, 3, 1, 0);
    C2("fmod", INFINITY, 1, NAN, EDOM);
    C2("_hypot", 3, 4, 5, 0);
    C2("_copysign", 2, -1, -2, 0);

    int e;
    double m = CRT(frexp)(8, &e);
    ok(m == 0.5 && e == 4, "frexp %g %d", m, e);
    ok(CRT(ldexp)(0.5, 4) == 8, "ldexp");
    double ip;
    ok(CRT(modf)(-3.25, &ip) == -0.25 && ip == -3, "modf");
    ok(CRT(_chgsign)(2) == -2, "_chgsign");
    ok(CRT(_finite)(1) && !CRT(_finite)(INFINITY) && !CRT(_finite)(NAN), "_finite");
    ok(CRT(_isnan)(NAN) && !CRT(_isnan)(1), "_isnan");
    ok(CRT(_scalb)(1, 3) == 8, "_scalb");
    ok(CRT(_nextafter)(1, 2) == 1 + DBL_EPSILON, "_nextafter");
    ok(fabs(CRT(_jn)(2, 1.5) - 0.2320876721) < 1e-9, "_jn");
    struct _complex z = { 3, 4 };
    ok(CRT(_cabs)(z) == 5, "_cabs");

    float (*p_sqrtf)(float) = CRTT(float (*)(float), sqrtf);
    float (*p_powf)(float, float) = CRTT(float (*)(float, float), powf);
    ok(p_sqrtf(16.0f) == 4.0f && p_powf(2.0f, 3.0f) == 8.0f, "float forms");
    ok(CRTT(int (*)(float), _isnanf)(NAN) && CRTT(int (*)(float), _finitef)(1.0f), "_isnanf/_finitef");
}

static void test_fpclass(void)
{
    int (*p)(double) = CRT(_fpclass);
    ok(p(1) == _FPCLASS_PN && p(-1) == _FPCLASS_NN, "normal");
    ok(p(0.0) == _FPCLASS_PZ && p(-0.0) == _FPCLASS_NZ, "zero");
    ok(p(INFINITY) == _FPCLASS_PINF && p(-INFINITY) == _FPCLASS_NINF, "infinity");
    ok(p(NAN) == _FPCLASS_QNAN, "nan %x", p(NAN));
    ok(p(1e-310) == _FPCLASS_PD && p(-1e-310) == _FPCLASS_ND, "denormal");
}

static void test_control(void)
{
    unsigned int (*p_controlfp)(unsigned int, unsigned int) = CRT(_controlfp);
    unsigned int (*p_control87)(unsigned int, unsigned int) = CRT(_control87);
    unsigned int cw = p_controlfp(0, 0);
    ok(cw == (_MCW_EM | _RC_NEAR), "default control word %#x", cw);
    ok(p_control87(0, 0) == cw, "_control87 agrees");
    ok(p_controlfp(_RC_UP, _MCW_RC) == (_MCW_EM | _RC_UP), "set rounding up");
    volatile double one = 1, three = 3;
    double up = one / three;
    p_controlfp(_RC_DOWN, _MCW_RC);
    double down = one / three;
    ok(up > down, "rounding mode reaches the hardware");
    p_controlfp(_RC_NEAR, _MCW_RC);
    ok(p_controlfp(0, 0) == cw, "restored %#x", p_controlfp(0, 0));
    ok(p_controlfp(_EM_ZERODIVIDE, _EM_ZERODIVIDE) == cw, "setting masked bits changes nothing");

    unsigned int (*p_clearfp)(void) = CRT(_clearfp);
    unsigned int (*p_statusfp)(void) = CRT(_statusfp);
    p_clearfp();
    ok(p_statusfp() == 0, "status after _clearfp %#x", p_statusfp());
    volatile double zero = 0;
    volatile double r = one / zero;
    (void)r;
    unsigned int sw = p_statusfp();
    ok(sw & _SW_ZERODIVIDE, "zero division flagged %#x", sw);
    ok(p_clearfp() & _SW_ZERODIVIDE, "_clearfp returns the old status");
    ok(p_statusfp() == 0, "status cleared");
    r = one / three;
    ok(p_statusfp() & _SW_INEXACT, "inexact flagged");
    CRT(_fpreset)();
    ok(p_controlfp(0, 0) == cw, "_fpreset restores the default");
}

int main(void)
{
    test_functions();
    test_fpclass();
    test_control();
    return test_summary();
}
