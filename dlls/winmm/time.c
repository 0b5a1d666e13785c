/* winmm.dll: the multimedia timer queries.  Go programs load winmm.dll at
 * start for timeBeginPeriod.  Linux sleeps and timers already have
 * millisecond resolution, so a period request only needs validating. */
#include "winbase.h"
#include "mmsystem.h"

#define PERIOD_MIN 1          /* milliseconds, as Windows reports them */
#define PERIOD_MAX 1000000

/* milliseconds since the system started, the GetTickCount clock */
DWORD WINAPI timeGetTime(void)
{
    return GetTickCount();
}

MMRESULT WINAPI timeGetSystemTime(LPMMTIME time, UINT size)
{
    if (!time || size < sizeof(*time)) return TIMERR_STRUCT;
    time->wType = TIME_MS;
    time->u.ms = timeGetTime();
    return TIMERR_NOERROR;
}

MMRESULT WINAPI timeGetDevCaps(LPTIMECAPS caps, UINT size)
{
    if (!caps || size < sizeof(*caps)) return TIMERR_NOCANDO;
    caps->wPeriodMin = PERIOD_MIN;
    caps->wPeriodMax = PERIOD_MAX;
    return TIMERR_NOERROR;
}

/* Nothing to change: the host timer resolution is already 1 ms. */
MMRESULT WINAPI timeBeginPeriod(UINT period)
{
    return period < PERIOD_MIN || period > PERIOD_MAX ? TIMERR_NOCANDO : TIMERR_NOERROR;
}

MMRESULT WINAPI timeEndPeriod(UINT period)
{
    return period < PERIOD_MIN || period > PERIOD_MAX ? TIMERR_NOCANDO : TIMERR_NOERROR;
}
