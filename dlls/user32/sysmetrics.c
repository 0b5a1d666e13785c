/* user32.dll: GetSystemMetrics for the metrics that describe the system
 * rather than a display (CMake's libuv asks for SM_CLEANBOOT at start).
 * There are no windows yet, so screen, window and input-device metrics are
 * unknown: they return 0, the documented failure, with a fixme. */
#include "winbase.h"
#include "carafe/debug.h"

DEFAULT_DEBUG_CHANNEL(sysmetrics);

#define SM_DEBUG            22
#define SM_SECURE           44
#define SM_NETWORK          63
#define SM_CLEANBOOT        67
#define SM_SLOWMACHINE      73
#define SM_MIDEASTENABLED   74
#define SM_TABLETPC         86
#define SM_MEDIACENTER      87
#define SM_STARTER          88
#define SM_SERVERR2         89
#define SM_REMOTESESSION    0x1000
#define SM_SHUTTINGDOWN     0x2000
#define SM_REMOTECONTROL    0x2001

int WINAPI GetSystemMetrics(int index)
{
    switch (index) {
    case SM_NETWORK:
        return 1;          /* bit 0: a network is present */
    case SM_CLEANBOOT:     /* 0: a normal boot, not safe mode */
    case SM_DEBUG:         /* not the debugging build of user32 */
    case SM_SECURE:
    case SM_SLOWMACHINE:
    case SM_MIDEASTENABLED:
    case SM_TABLETPC:
    case SM_MEDIACENTER:
    case SM_STARTER:
    case SM_SERVERR2:
    case SM_REMOTESESSION: /* a local session */
    case SM_SHUTTINGDOWN:
    case SM_REMOTECONTROL:
        return 0;
    }
    FIXME("metric %d needs a display\n", index);
    return 0;
}
