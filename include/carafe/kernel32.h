/* kernel32 services for the other builtin DLLs (not Windows exports). */
#ifndef CARAFE_KERNEL32_H
#define CARAFE_KERNEL32_H

#include <stdint.h>
#include "carafe/ntdll.h"

/* The carafe-server object behind event H (a private event moves to a
 * shared page first) and the byte offsets, in its state page, of its
 * SIGNALED and SEQ words: what the server needs to signal it
 * (RegNotifyChangeKeyValue).  0 or a Win32 error. */
CARAFE_API DWORD carafe_event_share(HANDLE h, uint32_t *id, uint32_t *signaled_off, uint32_t *seq_off);

#endif
