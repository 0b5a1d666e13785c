/* winmm.dll: the multimedia timer functions. */
#ifndef CARAFE_MMSYSTEM_H
#define CARAFE_MMSYSTEM_H

#include "windef.h"

typedef UINT MMRESULT;
#define TIMERR_NOERROR 0
#define TIMERR_BASE    96
#define TIMERR_NOCANDO (TIMERR_BASE + 1)
#define TIMERR_STRUCT  (TIMERR_BASE + 33)

#define TIME_MS 0x0001

typedef struct timecaps_tag { UINT wPeriodMin, wPeriodMax; } TIMECAPS, *LPTIMECAPS;

typedef struct mmtime_tag {
    UINT wType;
    union {
        DWORD ms, sample, cb, ticks;
        struct { BYTE hour, min, sec, frame, fps, dummy, pad[2]; } smpte;
        struct { DWORD songptrpos; } midi;
    } u;
} MMTIME, *LPMMTIME;

#endif
