/* winmm.dll timer functions, loaded at run time the way Go programs do. */
#include <windows.h>
#include <mmsystem.h>
#include "test.h"

static DWORD (WINAPI *p_timeGetTime)(void);
static MMRESULT (WINAPI *p_timeBeginPeriod)(UINT);
static MMRESULT (WINAPI *p_timeEndPeriod)(UINT);
static MMRESULT (WINAPI *p_timeGetDevCaps)(LPTIMECAPS, UINT);
static MMRESULT (WINAPI *p_timeGetSystemTime)(LPMMTIME, UINT);

int main(void)
{
    HMODULE winmm = LoadLibraryA("winmm.dll");
    ok(winmm != NULL, "LoadLibraryA winmm.dll: %lu", GetLastError());
    if (!winmm) return test_summary();
    p_timeGetTime = (void *)GetProcAddress(winmm, "timeGetTime");
    p_timeBeginPeriod = (void *)GetProcAddress(winmm, "timeBeginPeriod");
    p_timeEndPeriod = (void *)GetProcAddress(winmm, "timeEndPeriod");
    p_timeGetDevCaps = (void *)GetProcAddress(winmm, "timeGetDevCaps");
    p_timeGetSystemTime = (void *)GetProcAddress(winmm, "timeGetSystemTime");
    ok(p_timeGetTime && p_timeBeginPeriod && p_timeEndPeriod && p_timeGetDevCaps && p_timeGetSystemTime,
       "all five exports");
    if (!p_timeGetTime || !p_timeBeginPeriod || !p_timeEndPeriod || !p_timeGetDevCaps || !p_timeGetSystemTime)
        return test_summary();

    TIMECAPS caps = { 0xdead, 0xbeef };
    ok(p_timeGetDevCaps(&caps, sizeof(caps)) == TIMERR_NOERROR, "timeGetDevCaps");
    ok(caps.wPeriodMin == 1, "wPeriodMin %u", caps.wPeriodMin);
    ok(caps.wPeriodMax >= 1000, "wPeriodMax %u", caps.wPeriodMax);
    ok(p_timeGetDevCaps(NULL, sizeof(caps)) == TIMERR_NOCANDO, "timeGetDevCaps(NULL)");

    ok(p_timeBeginPeriod(1) == TIMERR_NOERROR, "timeBeginPeriod(1)");
    ok(p_timeEndPeriod(1) == TIMERR_NOERROR, "timeEndPeriod(1)");
    ok(p_timeBeginPeriod(0) == TIMERR_NOCANDO, "timeBeginPeriod(0)");
    ok(p_timeEndPeriod(0) == TIMERR_NOCANDO, "timeEndPeriod(0)");

    DWORD t0 = p_timeGetTime(), tick = GetTickCount();
    ok((LONG)(t0 - tick) < 1000 && (LONG)(tick - t0) < 1000, "timeGetTime %lu near GetTickCount %lu", t0, tick);
    Sleep(50);
    DWORD t1 = p_timeGetTime();
    ok(t1 - t0 >= 40 && t1 - t0 < 5000, "50 ms sleep took %lu ms", t1 - t0);

    MMTIME mmt;
    memset(&mmt, 0xcc, sizeof(mmt));
    ok(p_timeGetSystemTime(&mmt, sizeof(mmt)) == TIMERR_NOERROR, "timeGetSystemTime");
    ok(mmt.wType == TIME_MS, "wType %u", mmt.wType);
    ok(mmt.u.ms - t1 < 5000, "ms %lu after %lu", mmt.u.ms, t1);

    ok(FreeLibrary(winmm), "FreeLibrary");
    return test_summary();
}
