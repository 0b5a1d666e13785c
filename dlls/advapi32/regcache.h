/* advapi32's cache of registry reads (regcache.c) */
#ifndef CARAFE_ADVAPI32_REGCACHE_H
#define CARAFE_ADVAPI32_REGCACHE_H

#include <stdint.h>

/* the registry generation now (0: no server page, nothing is cached);
 * read it before a request whose answer goes to regcache_put */
uint64_t regcache_generation(void);
/* 1 and the answer (DATA malloc'd, if asked for) if the cache has it;
 * NAME NULL: whether the key ROOT\PATH exists */
int regcache_get(uint32_t root, const WCHAR *path, const WCHAR *name, DWORD *status, DWORD *type, BYTE **data,
                 DWORD *size);
void regcache_put(uint64_t gen, uint32_t root, const WCHAR *path, const WCHAR *name, DWORD status, DWORD type,
                  const BYTE *data, DWORD size);

#endif
