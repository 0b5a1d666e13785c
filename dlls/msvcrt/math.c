/* msvcrt math: libm with msvcrt's errno conventions (EDOM for a domain
 * error, ERANGE for a pole or overflow), the _matherr hook, and the
 * floating-point control and status words in Windows' bit layout,
 * translated to and from MXCSR (x64 code computes with SSE). */
#include <float.h>
#include <math.h>
#include "msvcrt_private.h"

typedef int (CDECL *msvcrt_matherr_fn)(void *exception);
static msvcrt_matherr_fn user_matherr;

void CDECL MSVCRT___setusermatherr(msvcrt_matherr_fn fn) { user_matherr = fn; }

static double domain_error(double r) { msvcrt_set_errno(MSVCRT_EDOM); return r; }
static double range_error(double r) { msvcrt_set_errno(MSVCRT_ERANGE); return r; }

double CDECL MSVCRT_sin(double x) { return isinf(x) ? domain_error(sin(x)) : sin(x); }
double CDECL MSVCRT_cos(double x) { return isinf(x) ? domain_error(cos(x)) : cos(x); }
double CDECL MSVCRT_tan(double x) { return isinf(x) ? domain_error(tan(x)) : tan(x); }
double CDECL MSVCRT_asin(double x) { return fabs(x) > 1 ? domain_error(asin(x)) : asin(x); }
double CDECL MSVCRT_acos(double x) { return fabs(x) > 1 ? domain_error(acos(x)) : acos(x); }
double CDECL MSVCRT_atan(double x) { return isnan(x) ? domain_error(x) : atan(x); }
double CDECL MSVCRT_atan2(double y, double x) { return atan2(y, x); }
double CDECL MSVCRT_sinh(double x) { return sinh(x); }
double CDECL MSVCRT_cosh(double x) { return cosh(x); }
double CDECL MSVCRT_tanh(double x) { return isnan(x) ? domain_error(x) : tanh(x); }

double CDECL MSVCRT_exp(double x)
{
    if (isnan(x)) return domain_error(x);
    double r = exp(x);
    return isinf(r) && isfinite(x) ? range_error(r) : r;
}

static double log_checked(double x, double (*fn)(double))
{
    if (x < 0) return domain_error(NAN);
    if (x == 0) return range_error(-HUGE_VAL);
    return fn(x);
}

double CDECL MSVCRT_log(double x) { return log_checked(x, log); }
double CDECL MSVCRT_log10(double x) { return log_checked(x, log10); }

double CDECL MSVCRT_pow(double x, double y)
{
    double r = pow(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error(r);
    if (x == 0 && y < 0) return range_error(r);
    if (isinf(r) && isfinite(x) && isfinite(y)) return range_error(r);
    return r;
}

double CDECL MSVCRT_sqrt(double x) { return x < 0 ? domain_error(NAN) : sqrt(x); }
double CDECL MSVCRT_fabs(double x) { return fabs(x); }
double CDECL MSVCRT_floor(double x) { return floor(x); }
double CDECL MSVCRT_ceil(double x) { return ceil(x); }
double CDECL MSVCRT_fmod(double x, double y) { return isinf(x) ? domain_error(NAN) : fmod(x, y); }
double CDECL MSVCRT_frexp(double x, int *e) { return frexp(x, e); }
double CDECL MSVCRT_ldexp(double x, int e) { return ldexp(x, e); }
double CDECL MSVCRT_modf(double x, double *ip) { return modf(x, ip); }
double CDECL MSVCRT_fma(double x, double y, double z) { return fma(x, y, z); }
double CDECL MSVCRT__hypot(double x, double y) { return hypot(x, y); }

struct msvcrt_complex { double x, y; };
double CDECL MSVCRT__cabs(struct msvcrt_complex z) { return hypot(z.x, z.y); }

/* Bessel functions: y* of a negative argument is a domain error, of 0 a pole */
double CDECL MSVCRT__j0(double x) { return isinf(x) || isnan(x) ? domain_error(isnan(x) ? x : 0) : j0(x); }
double CDECL MSVCRT__j1(double x) { return isinf(x) || isnan(x) ? domain_error(isnan(x) ? x : 0) : j1(x); }
double CDECL MSVCRT__jn(int n, double x) { return isinf(x) || isnan(x) ? domain_error(isnan(x) ? x : 0) : jn(n, x); }

static double bessel_y(double x, double r)
{
    if (x < 0) return domain_error(NAN);
    if (x == 0) return range_error(-HUGE_VAL);
    return r;
}

double CDECL MSVCRT__y0(double x) { return bessel_y(x, x > 0 ? y0(x) : 0); }
double CDECL MSVCRT__y1(double x) { return bessel_y(x, x > 0 ? y1(x) : 0); }
double CDECL MSVCRT__yn(int n, double x) { return bessel_y(x, x > 0 ? yn(n, x) : 0); }

double CDECL MSVCRT__chgsign(double x) { return -x; }
double CDECL MSVCRT__copysign(double x, double y) { return copysign(x, y); }
int CDECL MSVCRT__finite(double x) { return isfinite(x) != 0; }
int CDECL MSVCRT__isnan(double x) { return isnan(x) != 0; }

double CDECL MSVCRT__logb(double x) { return x == 0 ? range_error(-HUGE_VAL) : logb(x); }
double CDECL MSVCRT__nextafter(double x, double y)
{
    double r = nextafter(x, y);
    if (isfinite(x) && (isinf(r) || fpclassify(r) == FP_SUBNORMAL || r == 0)) msvcrt_set_errno(MSVCRT_ERANGE);
    return r;
}
double CDECL MSVCRT__scalb(double x, int32_t e) { return scalbn(x, e); }

#define MSVCRT_FPCLASS_SNAN 0x0001
#define MSVCRT_FPCLASS_QNAN 0x0002
#define MSVCRT_FPCLASS_NINF 0x0004
#define MSVCRT_FPCLASS_NN   0x0008
#define MSVCRT_FPCLASS_ND   0x0010
#define MSVCRT_FPCLASS_NZ   0x0020
#define MSVCRT_FPCLASS_PZ   0x0040
#define MSVCRT_FPCLASS_PD   0x0080
#define MSVCRT_FPCLASS_PN   0x0100
#define MSVCRT_FPCLASS_PINF 0x0200

int CDECL MSVCRT__fpclass(double x)
{
    int neg = signbit(x) != 0;
    switch (fpclassify(x)) {
    case FP_NAN: {
        union { double d; uint64_t u; } v = { x };
        return v.u & (UINT64_C(1) << 51) ? MSVCRT_FPCLASS_QNAN : MSVCRT_FPCLASS_SNAN;
    }
    case FP_INFINITE: return neg ? MSVCRT_FPCLASS_NINF : MSVCRT_FPCLASS_PINF;
    case FP_ZERO: return neg ? MSVCRT_FPCLASS_NZ : MSVCRT_FPCLASS_PZ;
    case FP_SUBNORMAL: return neg ? MSVCRT_FPCLASS_ND : MSVCRT_FPCLASS_PD;
    default: return neg ? MSVCRT_FPCLASS_NN : MSVCRT_FPCLASS_PN;
    }
}

/* float forms: msvcrt's leave errno alone */
float CDECL MSVCRT_sinf(float x) { return sinf(x); }
float CDECL MSVCRT_cosf(float x) { return cosf(x); }
float CDECL MSVCRT_tanf(float x) { return tanf(x); }
float CDECL MSVCRT_asinf(float x) { return asinf(x); }
float CDECL MSVCRT_acosf(float x) { return acosf(x); }
float CDECL MSVCRT_atanf(float x) { return atanf(x); }
float CDECL MSVCRT_atan2f(float y, float x) { return atan2f(y, x); }
float CDECL MSVCRT_sinhf(float x) { return sinhf(x); }
float CDECL MSVCRT_coshf(float x) { return coshf(x); }
float CDECL MSVCRT_tanhf(float x) { return tanhf(x); }
float CDECL MSVCRT_expf(float x) { return expf(x); }
float CDECL MSVCRT_logf(float x) { return logf(x); }
float CDECL MSVCRT_log10f(float x) { return log10f(x); }
float CDECL MSVCRT_powf(float x, float y) { return powf(x, y); }
float CDECL MSVCRT_sqrtf(float x) { return sqrtf(x); }
float CDECL MSVCRT_floorf(float x) { return floorf(x); }
float CDECL MSVCRT_ceilf(float x) { return ceilf(x); }
float CDECL MSVCRT_fmodf(float x, float y) { return fmodf(x, y); }
float CDECL MSVCRT_frexpf(float x, int *e) { return frexpf(x, e); }
float CDECL MSVCRT_modff(float x, float *ip) { return modff(x, ip); }
float CDECL MSVCRT_fmaf(float x, float y, float z) { return fmaf(x, y, z); }
float CDECL MSVCRT__hypotf(float x, float y) { return hypotf(x, y); }
float CDECL MSVCRT__chgsignf(float x) { return -x; }
float CDECL MSVCRT__copysignf(float x, float y) { return copysignf(x, y); }
int CDECL MSVCRT__finitef(float x) { return isfinite(x) != 0; }
int CDECL MSVCRT__isnanf(float x) { return isnan(x) != 0; }
float CDECL MSVCRT__logbf(float x) { return x == 0 ? (float)range_error(-HUGE_VAL) : logbf(x); }
float CDECL MSVCRT__nextafterf(float x, float y) { return nextafterf(x, y); }
float CDECL MSVCRT__scalbf(float x, int32_t e) { return scalbnf(x, e); }
int CDECL MSVCRT__fpclassf(float x) { return MSVCRT__fpclass(x); }

/* ---- control and status words ---- */

/* Windows bits */
#define CW_EM_INEXACT    0x00000001
#define CW_EM_UNDERFLOW  0x00000002
#define CW_EM_OVERFLOW   0x00000004
#define CW_EM_ZERODIVIDE 0x00000008
#define CW_EM_INVALID    0x00000010
#define CW_EM_DENORMAL   0x00080000
#define CW_MCW_EM        0x0008001f
#define CW_RC_DOWN       0x00000100
#define CW_RC_UP         0x00000200
#define CW_MCW_RC        0x00000300
#define CW_MCW_PC        0x00030000
#define CW_MCW_IC        0x00040000
#define CW_DN_FLUSH                      0x01000000
#define CW_DN_FLUSH_OPERANDS_SAVE_RESULTS 0x02000000
#define CW_DN_SAVE_OPERANDS_FLUSH_RESULTS 0x03000000
#define CW_MCW_DN        0x03000000

/* MXCSR bits */
#define MX_IE 0x0001
#define MX_DE 0x0002
#define MX_ZE 0x0004
#define MX_OE 0x0008
#define MX_UE 0x0010
#define MX_PE 0x0020
#define MX_DAZ 0x0040
#define MX_IM 0x0080
#define MX_DM 0x0100
#define MX_ZM 0x0200
#define MX_OM 0x0400
#define MX_UM 0x0800
#define MX_PM 0x1000
#define MX_RC_DOWN 0x2000
#define MX_RC_UP   0x4000
#define MX_FZ  0x8000
#define MX_DEFAULT 0x1f80

static unsigned int get_mxcsr(void)
{
    unsigned int v;
    __asm__ __volatile__("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(unsigned int v) { __asm__ __volatile__("ldmxcsr %0" : : "m"(v)); }

static const struct { unsigned int win, mx; } exception_bits[] = {
    { CW_EM_INVALID, MX_IE }, { CW_EM_DENORMAL, MX_DE }, { CW_EM_ZERODIVIDE, MX_ZE },
    { CW_EM_OVERFLOW, MX_OE }, { CW_EM_UNDERFLOW, MX_UE }, { CW_EM_INEXACT, MX_PE },
};

static unsigned int control_from_mxcsr(unsigned int mx)
{
    unsigned int cw = 0;
    for (size_t i = 0; i < 6; i++)
        if (mx & (exception_bits[i].mx << 7)) cw |= exception_bits[i].win;
    if (mx & MX_RC_DOWN) cw |= CW_RC_DOWN;
    if (mx & MX_RC_UP) cw |= CW_RC_UP;
    if ((mx & (MX_FZ | MX_DAZ)) == (MX_FZ | MX_DAZ)) cw |= CW_DN_FLUSH;
    else if (mx & MX_DAZ) cw |= CW_DN_FLUSH_OPERANDS_SAVE_RESULTS;
    else if (mx & MX_FZ) cw |= CW_DN_SAVE_OPERANDS_FLUSH_RESULTS;
    return cw;
}

static unsigned int mxcsr_from_control(unsigned int cw, unsigned int mx)
{
    mx &= ~(0x3f << 7) & ~(MX_RC_DOWN | MX_RC_UP | MX_FZ | MX_DAZ);
    for (size_t i = 0; i < 6; i++)
        if (cw & exception_bits[i].win) mx |= exception_bits[i].mx << 7;
    if (cw & CW_RC_DOWN) mx |= MX_RC_DOWN;
    if (cw & CW_RC_UP) mx |= MX_RC_UP;
    switch (cw & CW_MCW_DN) {
    case CW_DN_FLUSH: mx |= MX_FZ | MX_DAZ; break;
    case CW_DN_FLUSH_OPERANDS_SAVE_RESULTS: mx |= MX_DAZ; break;
    case CW_DN_SAVE_OPERANDS_FLUSH_RESULTS: mx |= MX_FZ; break;
    }
    return mx;
}

/* x64 has no precision or infinity control: those bits are ignored */
unsigned int CDECL MSVCRT__control87(unsigned int value, unsigned int mask)
{
    unsigned int mx = get_mxcsr();
    unsigned int cw = control_from_mxcsr(mx);
    mask &= ~(CW_MCW_PC | CW_MCW_IC);
    if (mask) {
        cw = (cw & ~mask) | (value & mask);
        set_mxcsr(mxcsr_from_control(cw, mx));
    }
    return cw;
}

unsigned int CDECL MSVCRT__controlfp(unsigned int value, unsigned int mask)
{
    return MSVCRT__control87(value, mask);
}

void CDECL MSVCRT__set_controlfp(unsigned int value, unsigned int mask)
{
    MSVCRT__control87(value, mask);
}

int CDECL MSVCRT__controlfp_s(unsigned int *current, unsigned int value, unsigned int mask)
{
    const unsigned int valid = CW_MCW_EM | CW_MCW_RC | CW_MCW_DN | CW_MCW_IC | CW_MCW_PC;
    if ((value & mask) & ~valid) {
        if (current) *current = MSVCRT__control87(0, 0);
        msvcrt_set_errno(MSVCRT_EINVAL);
        return MSVCRT_EINVAL;
    }
    unsigned int cw = MSVCRT__control87(value, mask);
    if (current) *current = cw;
    return 0;
}

static unsigned int status_from_flags(unsigned int flags)
{
    unsigned int sw = 0;
    for (size_t i = 0; i < 6; i++)
        if (flags & exception_bits[i].mx) sw |= exception_bits[i].win;
    return sw;
}

static unsigned int x87_status(void)
{
    unsigned short sw;
    __asm__ __volatile__("fnstsw %0" : "=m"(sw));
    return sw & 0x3f;   /* same bit order as MXCSR's flags */
}

unsigned int CDECL MSVCRT__statusfp(void)
{
    return status_from_flags((get_mxcsr() | x87_status()) & 0x3f);
}

unsigned int CDECL MSVCRT__clearfp(void)
{
    unsigned int status = MSVCRT__statusfp();
    set_mxcsr(get_mxcsr() & ~0x3fu);
    __asm__ __volatile__("fnclex");
    return status;
}

void CDECL MSVCRT__fpreset(void)
{
    const unsigned short x87_default = 0x27f;   /* all masked, 53-bit, nearest */
    __asm__ __volatile__("fninit; fldcw %0" : : "m"(x87_default));
    set_mxcsr(MX_DEFAULT);
}

int * CDECL MSVCRT___fpecode(void)
{
    return &msvcrt_td()->fpecode;
}

/* _HUGE: HUGE_VAL for programs that read the data export */
double MSVCRT__HUGE = HUGE_VAL;
