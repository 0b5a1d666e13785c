/* PE32+ header checks: a flat list of bounds-checked reads, one precise
 * message per rejection.  Pure functions over memory, unit-tested in
 * tests/unit/pe_test.c and fuzzable. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "ntdll_private.h"

#define MAX_SECTIONS 96
#define MAX_IMAGE_SIZE 0x80000000u   /* 2 GiB */

int pe_rva_ok(DWORD size_of_image, ULONGLONG rva, ULONGLONG len)
{
    return rva <= size_of_image && len <= size_of_image - rva;
}

static const char *fail(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static const char *fail(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return buf;
}

static const char *machine_name(WORD m)
{
    switch (m) {
    case IMAGE_FILE_MACHINE_I386: return "x86 (32-bit)";
    case IMAGE_FILE_MACHINE_ARM64: return "ARM64";
    case 0x01c4: return "ARM";
    case 0x0200: return "Itanium";
    default: return "an unknown machine";
    }
}

const char *pe_check_file(const void *data, size_t size, struct pe_file *pe, char *buf, size_t bufsize)
{
    const unsigned char *p = data;
    const IMAGE_DOS_HEADER *dos = data;
    memset(pe, 0, sizeof(*pe));
    if (size < 2 || p[0] != 'M' || p[1] != 'Z')
        return fail(buf, bufsize, "not a Windows program (no MZ signature)");
    if (size < sizeof(IMAGE_DOS_HEADER))
        return fail(buf, bufsize, "truncated: %zu bytes, too small for a DOS header", size);
    ULONGLONG lfanew = (ULONGLONG)(DWORD)dos->e_lfanew;
    if (dos->e_lfanew < 0 || lfanew + 4 + sizeof(IMAGE_FILE_HEADER) > size)
        return fail(buf, bufsize, "an MS-DOS program or truncated: the PE header offset 0x%x lies outside the file (%zu bytes)",
                    (unsigned)dos->e_lfanew, size);
    const IMAGE_NT_HEADERS64 *nt = (const void *)(p + lfanew);
    if (nt->Signature != IMAGE_NT_SIGNATURE)
        return fail(buf, bufsize, "an MS-DOS or 16-bit program (no PE signature at offset 0x%llx)", lfanew);
    WORD machine = nt->FileHeader.Machine;
    if (machine != IMAGE_FILE_MACHINE_AMD64)
        return fail(buf, bufsize, "a program for %s (machine 0x%04x); carafe runs x86-64 programs only",
                    machine_name(machine), machine);
    DWORD opt_size = nt->FileHeader.SizeOfOptionalHeader;
    ULONGLONG opt_off = lfanew + 4 + sizeof(IMAGE_FILE_HEADER);
    if (opt_size < offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory))
        return fail(buf, bufsize, "optional header too small (%u bytes)", opt_size);
    if (opt_off + opt_size > size)
        return fail(buf, bufsize, "truncated: the optional header ends at 0x%llx, past the end of the file (%zu bytes)",
                    opt_off + opt_size, size);
    const IMAGE_OPTIONAL_HEADER64 *opt = &nt->OptionalHeader;
    if (opt->Magic == IMAGE_NT_OPTIONAL_HDR32_MAGIC)
        return fail(buf, bufsize, "a 32-bit program (PE32 optional header); carafe runs x86-64 programs only");
    if (opt->Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC)
        return fail(buf, bufsize, "unknown optional header magic 0x%x", opt->Magic);
    if (opt->NumberOfRvaAndSizes > IMAGE_NUMBEROF_DIRECTORY_ENTRIES)
        return fail(buf, bufsize, "absurd number of data directories (%u, at most 16)", opt->NumberOfRvaAndSizes);
    if (offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory) + opt->NumberOfRvaAndSizes * sizeof(IMAGE_DATA_DIRECTORY) > opt_size)
        return fail(buf, bufsize, "optional header (%u bytes) too small for its %u data directories",
                    opt_size, opt->NumberOfRvaAndSizes);
    DWORD soi = opt->SizeOfImage;
    if (!soi || soi > MAX_IMAGE_SIZE)
        return fail(buf, bufsize, "absurd SizeOfImage 0x%x", soi);
    if (opt->SectionAlignment < 0x200 || (opt->SectionAlignment & (opt->SectionAlignment - 1)))
        return fail(buf, bufsize, "bad SectionAlignment 0x%x", opt->SectionAlignment);
    if (opt->SizeOfHeaders > size || opt->SizeOfHeaders > soi)
        return fail(buf, bufsize, "SizeOfHeaders 0x%x is larger than the file or the image", opt->SizeOfHeaders);
    if (opt->ImageBase & 0xffff)
        return fail(buf, bufsize, "ImageBase 0x%llx is not 64 KiB aligned", (unsigned long long)opt->ImageBase);
    if (opt->AddressOfEntryPoint && !pe_rva_ok(soi, opt->AddressOfEntryPoint, 1))
        return fail(buf, bufsize, "entry point RVA 0x%x lies outside the image (SizeOfImage 0x%x)",
                    opt->AddressOfEntryPoint, soi);
    static const char *dir_names[16] = { "export", "import", "resource", "exception", "security", "relocation",
        "debug", "architecture", "global pointer", "TLS", "load config", "bound import", "IAT",
        "delay import", "CLR", "reserved" };
    for (DWORD i = 0; i < opt->NumberOfRvaAndSizes; i++) {
        const IMAGE_DATA_DIRECTORY *d = &opt->DataDirectory[i];
        if (i == 4) continue;   /* the security directory holds a file offset, not an RVA */
        if (d->Size && !pe_rva_ok(soi, d->VirtualAddress, d->Size))
            return fail(buf, bufsize, "%s directory (RVA 0x%x, size 0x%x) lies outside the image (SizeOfImage 0x%x)",
                        dir_names[i], d->VirtualAddress, d->Size, soi);
    }
    unsigned int nsec = nt->FileHeader.NumberOfSections;
    if (nsec > MAX_SECTIONS)
        return fail(buf, bufsize, "absurd number of sections (%u, at most %d)", nsec, MAX_SECTIONS);
    ULONGLONG sec_off = opt_off + opt_size;
    if (sec_off + (ULONGLONG)nsec * sizeof(IMAGE_SECTION_HEADER) > size)
        return fail(buf, bufsize, "truncated: the %u section headers end past the end of the file (%zu bytes)", nsec, size);
    /* the loader copies only SizeOfHeaders bytes and then reads the headers
     * and the section table from the image */
    if (sec_off + (ULONGLONG)nsec * sizeof(IMAGE_SECTION_HEADER) > opt->SizeOfHeaders)
        return fail(buf, bufsize, "the headers and section table end at 0x%llx, past SizeOfHeaders 0x%x",
                    sec_off + (ULONGLONG)nsec * sizeof(IMAGE_SECTION_HEADER), opt->SizeOfHeaders);
    const IMAGE_SECTION_HEADER *sec = (const void *)(p + sec_off);
    for (unsigned int i = 0; i < nsec; i++) {
        char name[9];
        memcpy(name, sec[i].Name, 8);
        name[8] = 0;
        for (char *c = name; *c; c++) if (*c < 32 || *c > 126) *c = '?';
        DWORD vsize = sec[i].VirtualSize ? sec[i].VirtualSize : sec[i].SizeOfRawData;
        if (!pe_rva_ok(soi, sec[i].VirtualAddress, vsize))
            return fail(buf, bufsize, "section %u (%s) at RVA 0x%x, size 0x%x, lies outside the image (SizeOfImage 0x%x)",
                        i + 1, name, sec[i].VirtualAddress, vsize, soi);
        if (sec[i].VirtualAddress < opt->SizeOfHeaders && vsize)
            return fail(buf, bufsize, "section %u (%s) at RVA 0x%x overlaps the headers", i + 1, name, sec[i].VirtualAddress);
        if (sec[i].SizeOfRawData && (ULONGLONG)sec[i].PointerToRawData + sec[i].SizeOfRawData > size)
            return fail(buf, bufsize, "section %u (%s): raw data at 0x%x, size 0x%x, lies outside the file (%zu bytes); the file is truncated or corrupt",
                        i + 1, name, sec[i].PointerToRawData, sec[i].SizeOfRawData, size);
    }
    pe->data = p;
    pe->size = size;
    pe->nt = nt;
    pe->sections = sec;
    pe->nsections = nsec;
    return NULL;
}

static int str_ok(const unsigned char *base, DWORD soi, DWORD rva)
{
    if (!rva || rva >= soi) return 0;
    return memchr(base + rva, 0, soi - rva) != NULL;
}

/* Checks on the mapped image (before relocations and imports are touched). */
const char *pe_check_directories(const unsigned char *base, DWORD soi, char *buf, size_t bufsize)
{
    const IMAGE_NT_HEADERS64 *nt = (const void *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    const IMAGE_OPTIONAL_HEADER64 *opt = &nt->OptionalHeader;
    const IMAGE_DATA_DIRECTORY *dirs = opt->DataDirectory;
    DWORD ndirs = opt->NumberOfRvaAndSizes;

    if (ndirs > IMAGE_DIRECTORY_ENTRY_IMPORT && dirs[IMAGE_DIRECTORY_ENTRY_IMPORT].Size) {
        DWORD rva = dirs[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
        for (unsigned int i = 0;; i++) {
            if (!pe_rva_ok(soi, rva, (i + 1) * (ULONGLONG)sizeof(IMAGE_IMPORT_DESCRIPTOR)))
                return fail(buf, bufsize, "import table: descriptor %u lies outside the image (no terminating entry)", i);
            const IMAGE_IMPORT_DESCRIPTOR *d = (const IMAGE_IMPORT_DESCRIPTOR *)(base + rva) + i;
            if (!d->Name && !d->FirstThunk) break;
            if (!str_ok(base, soi, d->Name))
                return fail(buf, bufsize, "import table: descriptor %u has its DLL name at RVA 0x%x, outside the image", i, d->Name);
            DWORD lookup = d->OriginalFirstThunk ? d->OriginalFirstThunk : d->FirstThunk;
            if (!pe_rva_ok(soi, d->FirstThunk, 8) || !pe_rva_ok(soi, lookup, 8))
                return fail(buf, bufsize, "import table: %s has its thunks at RVA 0x%x, outside the image",
                            (const char *)base + d->Name, lookup);
            for (unsigned int k = 0;; k++) {
                if (!pe_rva_ok(soi, lookup, (k + 1) * 8ull) || !pe_rva_ok(soi, d->FirstThunk, (k + 1) * 8ull))
                    return fail(buf, bufsize, "import table: the thunks of %s run past the end of the image",
                                (const char *)base + d->Name);
                ULONGLONG t = ((const ULONGLONG *)(base + lookup))[k];
                if (!t) break;
                if (k > 65536)
                    return fail(buf, bufsize, "import table: absurd number of imports from %s", (const char *)base + d->Name);
                if (t & IMAGE_ORDINAL_FLAG64) continue;
                if (t >= soi || !str_ok(base, soi, (DWORD)t + 2))
                    return fail(buf, bufsize, "import table: import %u of %s names RVA 0x%llx, outside the image",
                                k, (const char *)base + d->Name, t);
            }
        }
    }
    if (ndirs > IMAGE_DIRECTORY_ENTRY_BASERELOC && dirs[IMAGE_DIRECTORY_ENTRY_BASERELOC].Size) {
        DWORD rva = dirs[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress;
        DWORD end = rva + dirs[IMAGE_DIRECTORY_ENTRY_BASERELOC].Size;
        while (rva + sizeof(IMAGE_BASE_RELOCATION) <= end) {
            const IMAGE_BASE_RELOCATION *r = (const void *)(base + rva);
            if (!r->SizeOfBlock) break;
            if (r->SizeOfBlock < sizeof(*r) || r->SizeOfBlock > end - rva)
                return fail(buf, bufsize, "relocation block at RVA 0x%x has a bad size (0x%x)", rva, r->SizeOfBlock);
            if (!pe_rva_ok(soi, r->VirtualAddress, 0x1000))
                if (r->VirtualAddress >= soi)
                    return fail(buf, bufsize, "relocation block at RVA 0x%x patches page 0x%x, outside the image", rva, r->VirtualAddress);
            rva += r->SizeOfBlock;
        }
    }
    if (ndirs > IMAGE_DIRECTORY_ENTRY_EXPORT && dirs[IMAGE_DIRECTORY_ENTRY_EXPORT].Size) {
        DWORD rva = dirs[IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress;
        if (!pe_rva_ok(soi, rva, sizeof(IMAGE_EXPORT_DIRECTORY)))
            return fail(buf, bufsize, "export directory lies outside the image");
        const IMAGE_EXPORT_DIRECTORY *e = (const void *)(base + rva);
        if (e->NumberOfFunctions > 65536 || e->NumberOfNames > e->NumberOfFunctions + 65536u)
            return fail(buf, bufsize, "export directory: absurd counts (%u functions, %u names)", e->NumberOfFunctions, e->NumberOfNames);
        if (!pe_rva_ok(soi, e->AddressOfFunctions, e->NumberOfFunctions * 4ull) ||
            !pe_rva_ok(soi, e->AddressOfNames, e->NumberOfNames * 4ull) ||
            !pe_rva_ok(soi, e->AddressOfNameOrdinals, e->NumberOfNames * 2ull))
            return fail(buf, bufsize, "export directory: its tables lie outside the image");
        const DWORD *names = (const void *)(base + e->AddressOfNames);
        for (DWORD i = 0; i < e->NumberOfNames; i++)
            if (!str_ok(base, soi, names[i]))
                return fail(buf, bufsize, "export directory: name %u at RVA 0x%x lies outside the image", i, names[i]);
    }
    if (ndirs > IMAGE_DIRECTORY_ENTRY_TLS && dirs[IMAGE_DIRECTORY_ENTRY_TLS].Size) {
        if (dirs[IMAGE_DIRECTORY_ENTRY_TLS].Size < sizeof(IMAGE_TLS_DIRECTORY64))
            return fail(buf, bufsize, "TLS directory too small (%u bytes)", dirs[IMAGE_DIRECTORY_ENTRY_TLS].Size);
    }
    return NULL;
}
