/* bcryptprimitives.dll: ProcessPrng, the random bytes Rust's standard
 * library (1.78 and later) and Go's runtime (1.22 and later) ask for at
 * start.  The kernel's CSPRNG (getrandom) stands in for Windows' per-processor
 * generators. */
#include <errno.h>
#include <sys/random.h>
#include "bcrypt.h"

/* Documented to always return TRUE: getrandom without GRND_NONBLOCK waits
 * only until the kernel's pool is first initialised, and a call is cut short
 * (a signal, more than 32 MiB) only after it has written some bytes. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size) {
        ssize_t got = getrandom(data, size, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            break;   /* cannot happen with a valid buffer (EFAULT) */
        }
        data += got;
        size -= got;
    }
    return TRUE;
}
