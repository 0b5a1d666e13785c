/* advapi32.dll: RtlGenRandom, exported as SystemFunction036 (Go 1.20's
 * runtime seeds itself with it).  As on Windows, a wrapper of
 * bcryptprimitives' ProcessPrng. */
#include "winbase.h"
#include "bcrypt.h"

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG size)
{
    return ProcessPrng(buffer, size);
}
