/* Unit tests of the PE header checks (dlls/ntdll/pe.c): a minimal valid
 * PE32+ image is built in memory, then each test corrupts one field and
 * checks that the right rejection (by a key phrase of its message) comes
 * back.  Ends with a deterministic byte-flip fuzz over both checks, meant to
 * be run under -fsanitize=address,undefined as well. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ntdll_private.h"
#include "unit.h"

/* layout of the test image (file offsets and RVAs) */
#define FILE_SIZE   0x800
#define IMAGE_SIZE  0x4000
#define LFANEW      0x80
#define HDR_SIZE    0x200
#define NSECTIONS   3
#define TEXT_RVA    0x1000
#define RDATA_RVA   0x2000
#define DATA_RVA    0x3000
#define TEXT_RAW    0x200
#define RDATA_RAW   0x400
#define DATA_RAW    0x600
#define RAW_SIZE    0x200

/* in .rdata */
#define IMPORT_RVA  0x2000   /* two descriptors and a terminator */
#define ILT0_RVA    0x2040
#define IAT0_RVA    0x2060
#define ILT1_RVA    0x2080
#define IAT1_RVA    0x2090
#define DLL0_RVA    0x20c0
#define DLL1_RVA    0x20d0
#define HINT0_RVA   0x2100
#define HINT1_RVA   0x2120
#define EXPORT_RVA  0x2140
#define EFUNCS_RVA  0x2170
#define ENAMES_RVA  0x2180
#define EORDS_RVA   0x2190
#define ENAME_RVA   0x21a0
#define ESTR0_RVA   0x21b0
#define ESTR1_RVA   0x21b4
/* in .data */
#define RELOC_RVA   0x3000
#define RELOC_SIZE  12
#define TLS_RVA     0x3100

static unsigned char file[FILE_SIZE];
static unsigned char *image;   /* IMAGE_SIZE bytes, malloc'd so ASan sees its end */
static char msgbuf[512];

static IMAGE_DOS_HEADER *dos_of(unsigned char *p) { return (IMAGE_DOS_HEADER *)p; }
static IMAGE_NT_HEADERS64 *nt_of(unsigned char *p) { return (IMAGE_NT_HEADERS64 *)(p + dos_of(p)->e_lfanew); }
static IMAGE_SECTION_HEADER *sec_of(unsigned char *p)
{
    IMAGE_NT_HEADERS64 *nt = nt_of(p);
    return (IMAGE_SECTION_HEADER *)((unsigned char *)&nt->OptionalHeader + nt->FileHeader.SizeOfOptionalHeader);
}

/* file offset of an RVA inside .rdata or .data of the test file */
static unsigned char *at(DWORD rva)
{
    if (rva >= DATA_RVA) return file + DATA_RAW + (rva - DATA_RVA);
    return file + RDATA_RAW + (rva - RDATA_RVA);
}

static void put32(unsigned char *p, DWORD v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, ULONGLONG v) { memcpy(p, &v, 8); }

static void set_section(IMAGE_SECTION_HEADER *s, const char *name, DWORD rva, DWORD raw, DWORD ch)
{
    memcpy(s->Name, name, strlen(name));
    s->VirtualAddress = rva;
    s->VirtualSize = RAW_SIZE;
    s->SizeOfRawData = RAW_SIZE;
    s->PointerToRawData = raw;
    s->Characteristics = ch;
}

/* the minimal valid PE32+ file: headers, .text, .rdata (imports, exports), .data (relocs, TLS) */
static void build_file(void)
{
    memset(file, 0, sizeof(file));
    IMAGE_DOS_HEADER *dos = dos_of(file);
    dos->e_magic = IMAGE_DOS_SIGNATURE;
    dos->e_lfanew = LFANEW;
    IMAGE_NT_HEADERS64 *nt = nt_of(file);
    nt->Signature = IMAGE_NT_SIGNATURE;
    nt->FileHeader.Machine = IMAGE_FILE_MACHINE_AMD64;
    nt->FileHeader.NumberOfSections = NSECTIONS;
    nt->FileHeader.SizeOfOptionalHeader = sizeof(IMAGE_OPTIONAL_HEADER64);
    nt->FileHeader.Characteristics = 0x0022;   /* executable, large address aware */
    IMAGE_OPTIONAL_HEADER64 *opt = &nt->OptionalHeader;
    opt->Magic = IMAGE_NT_OPTIONAL_HDR64_MAGIC;
    opt->AddressOfEntryPoint = TEXT_RVA;
    opt->ImageBase = 0x140000000ull;
    opt->SectionAlignment = 0x1000;
    opt->FileAlignment = 0x200;
    opt->SizeOfImage = IMAGE_SIZE;
    opt->SizeOfHeaders = HDR_SIZE;
    opt->Subsystem = IMAGE_SUBSYSTEM_WINDOWS_CUI;
    opt->NumberOfRvaAndSizes = IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress = IMPORT_RVA;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].Size = 3 * sizeof(IMAGE_IMPORT_DESCRIPTOR);
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress = EXPORT_RVA;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT].Size = 0x80;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress = RELOC_RVA;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC].Size = RELOC_SIZE;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_TLS].VirtualAddress = TLS_RVA;
    opt->DataDirectory[IMAGE_DIRECTORY_ENTRY_TLS].Size = sizeof(IMAGE_TLS_DIRECTORY64);
    IMAGE_SECTION_HEADER *sec = sec_of(file);
    set_section(&sec[0], ".text", TEXT_RVA, TEXT_RAW, IMAGE_SCN_CNT_CODE | IMAGE_SCN_MEM_EXECUTE | IMAGE_SCN_MEM_READ);
    set_section(&sec[1], ".rdata", RDATA_RVA, RDATA_RAW, IMAGE_SCN_MEM_READ);
    set_section(&sec[2], ".data", DATA_RVA, DATA_RAW, IMAGE_SCN_MEM_READ | IMAGE_SCN_MEM_WRITE);
    file[TEXT_RAW] = 0xc3;   /* ret */

    /* imports: KERNEL32.dll!ExitProcess and #5, msvcrt.dll!printf */
    IMAGE_IMPORT_DESCRIPTOR *imp = (IMAGE_IMPORT_DESCRIPTOR *)at(IMPORT_RVA);
    imp[0].OriginalFirstThunk = ILT0_RVA;
    imp[0].Name = DLL0_RVA;
    imp[0].FirstThunk = IAT0_RVA;
    imp[1].OriginalFirstThunk = ILT1_RVA;
    imp[1].Name = DLL1_RVA;
    imp[1].FirstThunk = IAT1_RVA;
    put64(at(ILT0_RVA), HINT0_RVA);
    put64(at(ILT0_RVA) + 8, IMAGE_ORDINAL_FLAG64 | 5);
    put64(at(IAT0_RVA), HINT0_RVA);
    put64(at(IAT0_RVA) + 8, IMAGE_ORDINAL_FLAG64 | 5);
    put64(at(ILT1_RVA), HINT1_RVA);
    put64(at(IAT1_RVA), HINT1_RVA);
    strcpy((char *)at(DLL0_RVA), "KERNEL32.dll");
    strcpy((char *)at(DLL1_RVA), "msvcrt.dll");
    strcpy((char *)at(HINT0_RVA) + 2, "ExitProcess");
    strcpy((char *)at(HINT1_RVA) + 2, "printf");

    /* exports: two named functions */
    IMAGE_EXPORT_DIRECTORY *exp = (IMAGE_EXPORT_DIRECTORY *)at(EXPORT_RVA);
    exp->Name = ENAME_RVA;
    exp->Base = 1;
    exp->NumberOfFunctions = 2;
    exp->NumberOfNames = 2;
    exp->AddressOfFunctions = EFUNCS_RVA;
    exp->AddressOfNames = ENAMES_RVA;
    exp->AddressOfNameOrdinals = EORDS_RVA;
    put32(at(EFUNCS_RVA), TEXT_RVA);
    put32(at(EFUNCS_RVA) + 4, TEXT_RVA);
    put32(at(ENAMES_RVA), ESTR0_RVA);
    put32(at(ENAMES_RVA) + 4, ESTR1_RVA);
    at(EORDS_RVA + 2)[0] = 1;
    strcpy((char *)at(ENAME_RVA), "test.exe");
    strcpy((char *)at(ESTR0_RVA), "a");
    strcpy((char *)at(ESTR1_RVA), "b");

    /* one relocation block: DIR64 at 0x1010 and a padding entry */
    put32(at(RELOC_RVA), TEXT_RVA);
    put32(at(RELOC_RVA) + 4, RELOC_SIZE);
    WORD e0 = (IMAGE_REL_BASED_DIR64 << 12) | 0x10, e1 = 0;
    memcpy(at(RELOC_RVA) + 8, &e0, 2);
    memcpy(at(RELOC_RVA) + 10, &e1, 2);
    /* the TLS directory stays zero: no data, no callbacks */
}

/* What the loader does: copy headers and sections into an image of
 * SizeOfImage bytes.  Needs a file that passed pe_check_file. */
static unsigned char *map_file(const unsigned char *data, const struct pe_file *pe)
{
    const IMAGE_OPTIONAL_HEADER64 *opt = &pe->nt->OptionalHeader;
    unsigned char *base = calloc(1, opt->SizeOfImage);
    if (!base) abort();
    memcpy(base, data, opt->SizeOfHeaders);
    for (unsigned int i = 0; i < pe->nsections; i++) {
        const IMAGE_SECTION_HEADER *s = &pe->sections[i];
        DWORD n = s->SizeOfRawData;
        if (s->VirtualSize && s->VirtualSize < n) n = s->VirtualSize;
        if (n) memcpy(base + s->VirtualAddress, data + s->PointerToRawData, n);
    }
    return base;
}

/* rebuild the valid file and its mapped image */
static void reset(void)
{
    struct pe_file pe;
    build_file();
    free(image);
    image = NULL;
    if (pe_check_file(file, FILE_SIZE, &pe, msgbuf, sizeof(msgbuf))) {
        printf("the valid test file is rejected: %s\n", msgbuf);
        exit(1);
    }
    image = map_file(file, &pe);
}

/* pe_check_file on the first SIZE bytes of a copy of the test file */
static const char *check_file_n(size_t size)
{
    struct pe_file pe;
    unsigned char *copy = malloc(size ? size : 1);   /* exact size, so ASan sees overreads */
    memcpy(copy, file, size);
    const char *msg = pe_check_file(copy, size, &pe, msgbuf, sizeof(msgbuf));
    free(copy);
    return msg;
}

static void expect_file_n(int line, size_t size, const char *phrase)
{
    const char *msg = check_file_n(size);
    ok(msg != NULL, "line %d: accepted, expected \"%s\"", line, phrase);
    ok(msg && strstr(msg, phrase), "line %d: message \"%s\" lacks \"%s\"", line, msg ? msg : "(none)", phrase);
    build_file();
}
#define expect_file(phrase) expect_file_n(__LINE__, FILE_SIZE, phrase)
#define expect_file_size(size, phrase) expect_file_n(__LINE__, size, phrase)

static void expect_dirs_line(int line, const char *phrase)
{
    const char *msg = pe_check_directories(image, IMAGE_SIZE, msgbuf, sizeof(msgbuf));
    ok(msg != NULL, "line %d: directories accepted, expected \"%s\"", line, phrase);
    ok(msg && strstr(msg, phrase), "line %d: message \"%s\" lacks \"%s\"", line, msg ? msg : "(none)", phrase);
    reset();
}
#define expect_dirs(phrase) expect_dirs_line(__LINE__, phrase)

static IMAGE_OPTIONAL_HEADER64 *fopt(void) { return &nt_of(file)->OptionalHeader; }
static IMAGE_SECTION_HEADER *fsec(void) { return sec_of(file); }
static IMAGE_DATA_DIRECTORY *idir(int i) { return &nt_of(image)->OptionalHeader.DataDirectory[i]; }
static unsigned char *img(DWORD rva) { return image + rva; }

static void test_valid(void)
{
    struct pe_file pe;
    const char *msg;
    build_file();
    msg = pe_check_file(file, FILE_SIZE, &pe, msgbuf, sizeof(msgbuf));
    ok(!msg, "valid file rejected: %s", msg);
    ok(pe.nt == (const void *)(file + LFANEW), "nt %p, expected %p", (const void *)pe.nt, (void *)(file + LFANEW));
    ok(pe.nsections == NSECTIONS, "nsections %u", pe.nsections);
    ok(pe.sections == sec_of(file), "sections %p", (const void *)pe.sections);
    ok(pe.data == file && pe.size == FILE_SIZE, "data %p size %zu", (const void *)pe.data, pe.size);
    reset();
    msg = pe_check_directories(image, IMAGE_SIZE, msgbuf, sizeof(msgbuf));
    ok(!msg, "valid image's directories rejected: %s", msg);

    /* accepted variants */
    {   /* a short optional header: the section table follows it */
        IMAGE_SECTION_HEADER tmp[NSECTIONS];
        build_file();
        memcpy(tmp, sec_of(file), sizeof(tmp));
        fopt()->NumberOfRvaAndSizes = 2;
        nt_of(file)->FileHeader.SizeOfOptionalHeader = offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory) + 2 * sizeof(IMAGE_DATA_DIRECTORY);
        memcpy(sec_of(file), tmp, sizeof(tmp));
        msg = check_file_n(FILE_SIZE);
        ok(!msg, "2 data directories rejected: %s", msg);
    }
    build_file();
    fopt()->AddressOfEntryPoint = 0;   /* a DLL without DllMain */
    msg = check_file_n(FILE_SIZE);
    ok(!msg, "entry point 0 rejected: %s", msg);
    build_file();
    fopt()->DataDirectory[4].VirtualAddress = 0x100000;   /* security: a file offset */
    fopt()->DataDirectory[4].Size = 0x100;
    msg = check_file_n(FILE_SIZE);
    ok(!msg, "security directory past SizeOfImage rejected: %s", msg);
    build_file();
    fsec()[2].VirtualSize = 0x1000;   /* .bss-like tail */
    msg = check_file_n(FILE_SIZE);
    ok(!msg, "VirtualSize > SizeOfRawData rejected: %s", msg);
    build_file();
    fsec()[2].SizeOfRawData = 0;
    fsec()[2].PointerToRawData = 0x12345678;   /* no raw data: pointer ignored */
    msg = check_file_n(FILE_SIZE);
    ok(!msg, "section without raw data rejected: %s", msg);
    build_file();
    nt_of(file)->FileHeader.Characteristics |= IMAGE_FILE_DLL;   /* the loader, not pe.c, refuses DLLs as programs */
    msg = check_file_n(FILE_SIZE);
    ok(!msg, "DLL rejected by pe_check_file: %s", msg);
    build_file();
}

static void test_dos_header(void)
{
    file[0] = 'X';
    expect_file("no MZ signature");
    expect_file_size(0, "no MZ signature");
    expect_file_size(1, "no MZ signature");
    expect_file_size(2, "too small for a DOS header");
    expect_file_size(63, "too small for a DOS header");
    dos_of(file)->e_lfanew = FILE_SIZE;
    expect_file("PE header offset");
    dos_of(file)->e_lfanew = FILE_SIZE - 8;   /* signature fits, file header does not */
    expect_file("lies outside the file");
    dos_of(file)->e_lfanew = -4;
    expect_file("PE header offset");
    dos_of(file)->e_lfanew = 0x7ffffff0;
    expect_file("lies outside the file");
    expect_file_size(LFANEW + 2, "PE header offset");
    memset(file + LFANEW, 0, 4);
    expect_file("no PE signature");
    file[LFANEW + 2] = 'x';   /* "PEx\0" */
    expect_file("no PE signature");
}

static void test_file_header(void)
{
    const char *msg;
    nt_of(file)->FileHeader.Machine = IMAGE_FILE_MACHINE_I386;
    msg = check_file_n(FILE_SIZE);
    ok(msg && strstr(msg, "32-bit") && strstr(msg, "x86"), "i386: \"%s\" should say 32-bit x86", msg ? msg : "(none)");
    expect_file("x86-64 programs only");
    nt_of(file)->FileHeader.Machine = IMAGE_FILE_MACHINE_ARM64;
    expect_file("ARM64");
    nt_of(file)->FileHeader.Machine = 0x1234;
    expect_file("unknown machine");
    nt_of(file)->FileHeader.NumberOfSections = 97;
    expect_file("absurd number of sections");
    nt_of(file)->FileHeader.NumberOfSections = 0xffff;
    expect_file("absurd number of sections");
    nt_of(file)->FileHeader.NumberOfSections = 50;   /* 50 * 40 bytes from 0x188 run past the 0x800 file */
    expect_file("section headers end past the end of the file");
}

static void test_optional_header(void)
{
    fopt()->Magic = IMAGE_NT_OPTIONAL_HDR32_MAGIC;
    expect_file("PE32 optional header");
    fopt()->Magic = 0x107;   /* ROM image */
    expect_file("unknown optional header magic");
    nt_of(file)->FileHeader.SizeOfOptionalHeader = 64;
    expect_file("optional header too small");
    nt_of(file)->FileHeader.SizeOfOptionalHeader = 0;
    expect_file("optional header too small");
    nt_of(file)->FileHeader.SizeOfOptionalHeader = 0xfff0;
    expect_file("past the end of the file");
    expect_file_size(LFANEW + 4 + sizeof(IMAGE_FILE_HEADER) + 100, "past the end of the file");
    fopt()->NumberOfRvaAndSizes = 17;
    expect_file("absurd number of data directories");
    fopt()->NumberOfRvaAndSizes = 0xffffffff;
    expect_file("absurd number of data directories");
    nt_of(file)->FileHeader.SizeOfOptionalHeader = offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory) + 8;
    expect_file("too small for its 16 data directories");
    fopt()->SizeOfImage = 0;
    expect_file("absurd SizeOfImage");
    fopt()->SizeOfImage = 0x80001000;
    expect_file("absurd SizeOfImage");
    fopt()->SizeOfImage = 0xffffffff;
    expect_file("absurd SizeOfImage");
    fopt()->SectionAlignment = 0;
    expect_file("bad SectionAlignment");
    fopt()->SectionAlignment = 0x1800;
    expect_file("bad SectionAlignment");
    fopt()->SectionAlignment = 0x100;
    expect_file("bad SectionAlignment");
    fopt()->SizeOfHeaders = FILE_SIZE + 1;
    expect_file("SizeOfHeaders");
    fopt()->SizeOfHeaders = 0xffffffff;
    expect_file("SizeOfHeaders");
    fopt()->SizeOfImage = 0x100;   /* smaller than SizeOfHeaders */
    expect_file("SizeOfHeaders");
    fopt()->ImageBase = 0x140001000ull;
    expect_file("not 64 KiB aligned");
    fopt()->ImageBase = 0x140000001ull;
    expect_file("not 64 KiB aligned");
    fopt()->AddressOfEntryPoint = IMAGE_SIZE;
    expect_file("entry point RVA");
    fopt()->AddressOfEntryPoint = 0xffffffff;
    expect_file("entry point RVA");
}

static void test_data_directories(void)
{
    fopt()->DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress = IMAGE_SIZE;
    expect_file("import directory");
    fopt()->DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].Size = IMAGE_SIZE;
    expect_file("lies outside the image");
    fopt()->DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress = 0xfffffff0;
    fopt()->DataDirectory[IMAGE_DIRECTORY_ENTRY_IMPORT].Size = 0x20;   /* wraps around in 32 bits */
    expect_file("import directory");
    fopt()->DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT].Size = 0xffffffff;
    expect_file("export directory");
    fopt()->DataDirectory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress = 0x10000;
    expect_file("relocation directory");
    fopt()->DataDirectory[IMAGE_DIRECTORY_ENTRY_TLS].VirtualAddress = IMAGE_SIZE - 8;
    expect_file("TLS directory");
    fopt()->DataDirectory[15].VirtualAddress = IMAGE_SIZE;
    fopt()->DataDirectory[15].Size = 1;
    expect_file("reserved directory");
}

static void test_sections(void)
{
    fsec()[1].PointerToRawData = FILE_SIZE - 0x100;
    expect_file("raw data at");
    fsec()[2].SizeOfRawData = 0x400;
    expect_file("lies outside the file");
    fsec()[0].PointerToRawData = 0xfffffff0;   /* offset + size wraps in 32 bits */
    expect_file("lies outside the file");
    expect_file_size(DATA_RAW + 0x100, "truncated or corrupt");   /* file cut inside .data */
    fsec()[2].VirtualAddress = IMAGE_SIZE;
    expect_file("lies outside the image");
    fsec()[2].VirtualSize = 0x2000;
    expect_file("section 3 (.data)");
    fsec()[1].VirtualAddress = 0xfffff000;
    fsec()[1].VirtualSize = 0x2000;   /* wraps around in 32 bits */
    expect_file("lies outside the image");
    fsec()[0].VirtualAddress = 0;
    expect_file("overlaps the headers");
    fsec()[0].VirtualAddress = HDR_SIZE - 1;
    expect_file("overlaps the headers");
    memcpy(fsec()[1].Name, "\x01\x02\xff.bad\x7f", 8);
    fsec()[1].VirtualAddress = IMAGE_SIZE;
    expect_file("section 2 (???.bad?)");   /* control bytes of the name are not printed */
}

/* headers that the image does not contain, so the loader would read them
 * from the mapped image (nt_headers(), protect_sections()) and miss */
static void test_headers_in_image(void)
{
    /* section table beyond SizeOfHeaders: it is not copied into the image */
    fopt()->SizeOfHeaders = 0x100;
    expect_file("SizeOfHeaders");
    /* PE header beyond SizeOfHeaders: moved into .data's raw data */
    {
        size_t n = sizeof(IMAGE_NT_HEADERS64) + NSECTIONS * sizeof(IMAGE_SECTION_HEADER);
        memmove(file + DATA_RAW, file + LFANEW, n);
        memset(file + LFANEW, 0, n);
        dos_of(file)->e_lfanew = DATA_RAW;
        fsec()[2].SizeOfRawData = 0;   /* keep .data from claiming the moved headers */
        expect_file("past SizeOfHeaders");
    }
    /* SizeOfHeaders 0: nothing of the headers would reach the image */
    fopt()->SizeOfHeaders = 0;
    expect_file("SizeOfHeaders 0x0");
}

static void test_imports(void)
{
    IMAGE_IMPORT_DESCRIPTOR *imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);

    /* descriptors run to the end of the image without a terminator */
    idir(IMAGE_DIRECTORY_ENTRY_IMPORT)->VirtualAddress = IMAGE_SIZE - 2 * sizeof(IMAGE_IMPORT_DESCRIPTOR);
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMAGE_SIZE - 2 * sizeof(IMAGE_IMPORT_DESCRIPTOR));
    imp[0].Name = DLL0_RVA; imp[0].FirstThunk = IAT0_RVA; imp[0].OriginalFirstThunk = ILT0_RVA;
    imp[1].Name = DLL1_RVA; imp[1].FirstThunk = IAT1_RVA; imp[1].OriginalFirstThunk = ILT1_RVA;
    expect_dirs("no terminating entry");
    idir(IMAGE_DIRECTORY_ENTRY_IMPORT)->VirtualAddress = IMAGE_SIZE - 4;
    expect_dirs("no terminating entry");

    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[1].Name = IMAGE_SIZE + 0x100;
    expect_dirs("has its DLL name at RVA");
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[0].Name = 0xffffffff;
    expect_dirs("descriptor 0 has its DLL name");
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[0].Name = 0;   /* FirstThunk set: not the terminator */
    expect_dirs("DLL name");
    /* a name that runs to the end of the image without its NUL */
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    memset(img(IMAGE_SIZE - 16), 'A', 16);
    imp[1].Name = IMAGE_SIZE - 16;
    expect_dirs("DLL name at RVA");

    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[1].FirstThunk = 0x7fff0000;
    expect_dirs("has its thunks at RVA");
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[0].OriginalFirstThunk = IMAGE_SIZE - 4;
    expect_dirs("KERNEL32.dll has its thunks");
    /* thunk array that runs past the end of the image */
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[1].OriginalFirstThunk = IMAGE_SIZE - 16;
    memset(img(IMAGE_SIZE - 16), 0, 16);
    put64(img(IMAGE_SIZE - 16), IMAGE_ORDINAL_FLAG64 | 1);
    put64(img(IMAGE_SIZE - 8), IMAGE_ORDINAL_FLAG64 | 2);
    expect_dirs("run past the end of the image");

    /* thunk names */
    put64(img(ILT1_RVA), IMAGE_SIZE);
    expect_dirs("names RVA");
    put64(img(ILT0_RVA), 0x7fffffff00000000ull);
    expect_dirs("import 0 of KERNEL32.dll names RVA");
    put64(img(ILT0_RVA), IMAGE_SIZE - 2);   /* hint fits, name does not */
    expect_dirs("names RVA");
    /* a hint/name that runs to the end of the image without its NUL */
    memset(img(IMAGE_SIZE - 8), 'x', 8);
    put64(img(ILT1_RVA), IMAGE_SIZE - 8);
    expect_dirs("import 0 of msvcrt.dll");
    /* without OriginalFirstThunk the IAT is the lookup table */
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[1].OriginalFirstThunk = 0;
    put64(img(IAT1_RVA), IMAGE_SIZE + 8);
    expect_dirs("names RVA");
    imp = (IMAGE_IMPORT_DESCRIPTOR *)img(IMPORT_RVA);
    imp[1].OriginalFirstThunk = 0;
    {
        const char *msg = pe_check_directories(image, IMAGE_SIZE, msgbuf, sizeof(msgbuf));
        ok(!msg, "IAT as lookup table rejected: %s", msg);
    }
    reset();
}

static void test_relocations(void)
{
    put32(img(RELOC_RVA) + 4, 4);   /* smaller than the block header */
    expect_dirs("has a bad size");
    put32(img(RELOC_RVA) + 4, 0x1000);   /* larger than the directory */
    expect_dirs("has a bad size");
    put32(img(RELOC_RVA) + 4, 0xfffffff8);
    expect_dirs("relocation block at RVA 0x3000 has a bad size");
    put32(img(RELOC_RVA), IMAGE_SIZE);
    expect_dirs("outside the image");
    /* a zero-sized block ends the list */
    idir(IMAGE_DIRECTORY_ENTRY_BASERELOC)->Size = 0x100;
    {
        const char *msg = pe_check_directories(image, IMAGE_SIZE, msgbuf, sizeof(msgbuf));
        ok(!msg, "zero-terminated relocation list rejected: %s", msg);
    }
    reset();
}

static void test_exports(void)
{
    IMAGE_EXPORT_DIRECTORY *exp = (IMAGE_EXPORT_DIRECTORY *)img(EXPORT_RVA);
    exp->NumberOfFunctions = 0x7fffffff;
    expect_dirs("absurd counts");
    exp = (IMAGE_EXPORT_DIRECTORY *)img(EXPORT_RVA);
    exp->NumberOfFunctions = 0xffffffff;   /* + 65536 must not wrap to a small bound */
    exp->NumberOfNames = 2;
    expect_dirs("absurd counts");
    exp = (IMAGE_EXPORT_DIRECTORY *)img(EXPORT_RVA);
    exp->NumberOfNames = 0x40000000;
    expect_dirs("absurd counts");
    exp = (IMAGE_EXPORT_DIRECTORY *)img(EXPORT_RVA);
    exp->NumberOfFunctions = 0x10000;   /* plausible, but the table does not fit */
    expect_dirs("its tables lie outside the image");
    exp = (IMAGE_EXPORT_DIRECTORY *)img(EXPORT_RVA);
    exp->AddressOfFunctions = IMAGE_SIZE;
    expect_dirs("its tables lie outside the image");
    exp = (IMAGE_EXPORT_DIRECTORY *)img(EXPORT_RVA);
    exp->AddressOfNames = IMAGE_SIZE - 4;
    expect_dirs("its tables lie outside the image");
    exp = (IMAGE_EXPORT_DIRECTORY *)img(EXPORT_RVA);
    exp->AddressOfNameOrdinals = 0xfffffffe;
    expect_dirs("its tables lie outside the image");
    put32(img(ENAMES_RVA) + 4, IMAGE_SIZE);
    expect_dirs("name 1 at RVA");
    put32(img(ENAMES_RVA), 0);
    expect_dirs("name 0 at RVA 0x0");
    memset(img(IMAGE_SIZE - 4), 'n', 4);
    put32(img(ENAMES_RVA), IMAGE_SIZE - 4);
    expect_dirs("lies outside the image");
    idir(IMAGE_DIRECTORY_ENTRY_EXPORT)->VirtualAddress = IMAGE_SIZE - 8;
    expect_dirs("export directory lies outside the image");
}

static void test_tls(void)
{
    idir(IMAGE_DIRECTORY_ENTRY_TLS)->Size = 8;
    expect_dirs("TLS directory too small");
    idir(IMAGE_DIRECTORY_ENTRY_TLS)->Size = sizeof(IMAGE_TLS_DIRECTORY64) - 1;
    expect_dirs("TLS directory too small");
    /* directories beyond NumberOfRvaAndSizes are not looked at */
    idir(IMAGE_DIRECTORY_ENTRY_TLS)->Size = 8;
    nt_of(image)->OptionalHeader.NumberOfRvaAndSizes = IMAGE_DIRECTORY_ENTRY_TLS;
    {
        const char *msg = pe_check_directories(image, IMAGE_SIZE, msgbuf, sizeof(msgbuf));
        ok(!msg, "TLS beyond NumberOfRvaAndSizes looked at: %s", msg);
    }
    reset();
}

/* Deterministic byte flips over the headers and tables: no check may crash
 * or read out of bounds (run under ASan to see it), and whatever passes
 * pe_check_file is mapped and given to pe_check_directories. */
static void test_fuzz(void)
{
    unsigned int seed = 12345, accepted = 0, rejected = 0, dir_rejected = 0;
    enum { ROUNDS = 20000 };
    for (int round = 0; round < ROUNDS; round++) {
        build_file();
        int flips = 1 + (seed = seed * 1103515245 + 12345) % 8;
        for (int k = 0; k < flips; k++) {
            seed = seed * 1103515245 + 12345;
            size_t off = (seed >> 8) % 0x400;   /* headers and .rdata */
            if (off >= HDR_SIZE && off < RDATA_RAW) off += RDATA_RAW - HDR_SIZE;
            seed = seed * 1103515245 + 12345;
            file[off] ^= 1u << ((seed >> 16) & 7);
            if ((seed >> 24) % 4 == 0) file[off] = 0xff;
        }
        seed = seed * 1103515245 + 12345;
        size_t size = (seed >> 8) % 16 ? FILE_SIZE : (seed >> 12) % FILE_SIZE;
        unsigned char *copy = malloc(size ? size : 1);
        memcpy(copy, file, size);
        struct pe_file pe;
        if (pe_check_file(copy, size, &pe, msgbuf, sizeof(msgbuf))) rejected++;
        else {
            accepted++;
            unsigned char *base = map_file(copy, &pe);
            if (pe_check_directories(base, pe.nt->OptionalHeader.SizeOfImage, msgbuf, sizeof(msgbuf))) dir_rejected++;
            free(base);
        }
        free(copy);
    }
    printf("fuzz: %u variants accepted (%u of them rejected by the directory checks), %u rejected\n",
           accepted, dir_rejected, rejected);
    ok(accepted + rejected == ROUNDS, "fuzz: %u accepted, %u rejected", accepted, rejected);
    ok(rejected > 0 && accepted > 0, "fuzz: %u accepted (%u by the directory checks too), %u rejected",
       accepted, dir_rejected, rejected);
    reset();
}

int main(void)
{
    reset();
    test_valid();
    build_file();
    test_dos_header();
    test_file_header();
    test_optional_header();
    test_data_directories();
    test_sections();
    test_headers_in_image();
    reset();
    test_imports();
    test_relocations();
    test_exports();
    test_tls();
    test_fuzz();
    free(image);
    return unit_summary();
}
