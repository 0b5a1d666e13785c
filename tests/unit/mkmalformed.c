/* mkmalformed GOOD.exe OUTDIR: writes a corpus of broken Windows programs
 * made from a valid PE32+ executable (tests/golden/hello.exe).  Each is
 * OUTDIR/NAME.exe; NAME.expect holds a phrase that carafe's refusal must
 * contain (taken from the messages of dlls/ntdll/pe.c and the loader).
 * The random byte flips have no .expect: their message varies, and the
 * harness only requires a "carafe:" message and exit status 125-127.
 *
 * The byte-flip variants are kept only when pe.c's own checks refuse them
 * (a flip in a field nobody reads would leave a program that runs), so
 * this tool compiles pe.c in; the build command names one source file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../dlls/ntdll/pe.c"

static const unsigned char *good;
static size_t good_size;
static const char *outdir;
static int written, failed;

/* ---- little helpers over a file image in memory ---- */

static DWORD get32(const unsigned char *p) { DWORD v; memcpy(&v, p, 4); return v; }
static void put32(unsigned char *p, DWORD v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, ULONGLONG v) { memcpy(p, &v, 8); }

static IMAGE_NT_HEADERS64 *nt_of(unsigned char *p) { return (IMAGE_NT_HEADERS64 *)(p + ((IMAGE_DOS_HEADER *)p)->e_lfanew); }
static IMAGE_OPTIONAL_HEADER64 *opt_of(unsigned char *p) { return &nt_of(p)->OptionalHeader; }
static IMAGE_DATA_DIRECTORY *dir_of(unsigned char *p, int i) { return &opt_of(p)->DataDirectory[i]; }
static IMAGE_SECTION_HEADER *sections_of(unsigned char *p)
{
    IMAGE_NT_HEADERS64 *nt = nt_of(p);
    return (IMAGE_SECTION_HEADER *)((unsigned char *)&nt->OptionalHeader + nt->FileHeader.SizeOfOptionalHeader);
}
static size_t section_table_offset(unsigned char *p) { return (unsigned char *)sections_of(p) - p; }

/* file offset of LEN bytes at RVA inside a section's raw data, 0 if none */
static size_t rva_to_offset(unsigned char *p, DWORD rva, DWORD len)
{
    IMAGE_SECTION_HEADER *s = sections_of(p);
    for (unsigned int i = 0; i < nt_of(p)->FileHeader.NumberOfSections; i++) {
        DWORD raw = s[i].SizeOfRawData;
        if (s[i].VirtualSize && s[i].VirtualSize < raw) raw = s[i].VirtualSize;
        if (rva >= s[i].VirtualAddress && (ULONGLONG)rva + len <= (ULONGLONG)s[i].VirtualAddress + raw)
            return s[i].PointerToRawData + (rva - s[i].VirtualAddress);
    }
    return 0;
}

static unsigned char *copy_good(void)
{
    unsigned char *p = malloc(good_size);
    if (!p) {
        perror("malloc");
        exit(1);
    }
    memcpy(p, good, good_size);
    return p;
}

/* ---- output ---- */

static int write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f)) {
        fprintf(stderr, "mkmalformed: %s: %s\n", path, strerror(errno));
        if (f) fclose(f);
        return -1;
    }
    return 0;
}

/* OUTDIR/NAME.exe with DATA, and NAME.expect holding EXPECT (none if NULL) */
static void emit(const char *name, const void *data, size_t size, const char *expect)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s.expect", outdir, name);
    if (expect) {
        char line[512];
        snprintf(line, sizeof(line), "%s\n", expect);
        if (write_file(path, line, strlen(line))) { failed++; return; }
    } else if (unlink(path) && errno != ENOENT) {
        fprintf(stderr, "mkmalformed: %s: %s\n", path, strerror(errno));
    }
    snprintf(path, sizeof(path), "%s/%s.exe", outdir, name);
    unlink(path);   /* it may be a symlink from an older corpus */
    if (write_file(path, data, size)) { failed++; return; }
    written++;
}

/* emit a modified copy of the good file and free it */
static void emit_copy(const char *name, unsigned char *p, size_t size, const char *expect)
{
    emit(name, p, size, expect);
    free(p);
}

static void skip(const char *name, const char *why)
{
    fprintf(stderr, "mkmalformed: %s skipped: %s\n", name, why);
}

/* ---- the corpus ---- */

static void files_that_are_not_programs(void)
{
    emit("empty", "", 0, "empty file");
    emit("one_byte", "M", 1, "no MZ signature");
    emit("mz_only", "MZ", 2, "too small for a DOS header");
    emit("text_file", "hello\n", 6, "no MZ signature");
    emit("truncated_64", good, 64, "PE header offset");
    emit("truncated_in_dos_header", good, 40, "too small for a DOS header");
}

static void dos_and_file_header(void)
{
    unsigned char *p;
    size_t lfanew = ((const IMAGE_DOS_HEADER *)good)->e_lfanew;

    p = copy_good();
    ((IMAGE_DOS_HEADER *)p)->e_lfanew = (LONG)(good_size + 0x1000);
    emit_copy("lfanew_past_end", p, good_size, "PE header offset");

    p = copy_good();
    ((IMAGE_DOS_HEADER *)p)->e_lfanew = -8;
    emit_copy("lfanew_negative", p, good_size, "PE header offset");

    p = copy_good();
    memcpy(p + lfanew, "NE\0\0", 4);   /* a 16-bit program's signature */
    emit_copy("no_pe_signature", p, good_size, "no PE signature");

    p = copy_good();
    nt_of(p)->FileHeader.Machine = IMAGE_FILE_MACHINE_I386;
    emit_copy("machine_i386", p, good_size, "32-bit");

    p = copy_good();
    nt_of(p)->FileHeader.Machine = IMAGE_FILE_MACHINE_ARM64;
    emit_copy("machine_arm64", p, good_size, "ARM64");

    p = copy_good();
    nt_of(p)->FileHeader.Machine = 0x01c4;   /* ARM Thumb-2 */
    emit_copy("machine_arm", p, good_size, "ARM");

    p = copy_good();
    nt_of(p)->FileHeader.NumberOfSections = 0xffff;
    emit_copy("many_sections", p, good_size, "absurd number of sections");

    p = copy_good();
    nt_of(p)->FileHeader.Characteristics |= IMAGE_FILE_DLL;
    emit_copy("dll", p, good_size, "a DLL, not a program");

    /* the file ends inside the section table */
    p = copy_good();
    size_t cut = section_table_offset(p) + 20;
    opt_of(p)->SizeOfHeaders = cut;
    emit_copy("truncated_section_table", p, cut, "section headers end past the end of the file");

    /* the file ends inside the optional header */
    emit("truncated_optional_header", good, lfanew + 4 + sizeof(IMAGE_FILE_HEADER) + 64, "optional header ends");
}

static void optional_header(void)
{
    unsigned char *p;

    p = copy_good();
    opt_of(p)->Magic = IMAGE_NT_OPTIONAL_HDR32_MAGIC;
    emit_copy("pe32_magic", p, good_size, "PE32 optional header");

    p = copy_good();
    nt_of(p)->FileHeader.SizeOfOptionalHeader = 16;
    emit_copy("optional_header_small", p, good_size, "optional header too small");

    p = copy_good();
    opt_of(p)->NumberOfRvaAndSizes = 0x1000;
    emit_copy("data_directories_4096", p, good_size, "absurd number of data directories");

    p = copy_good();
    opt_of(p)->SizeOfImage = 0;
    emit_copy("sizeofimage_zero", p, good_size, "absurd SizeOfImage");

    p = copy_good();
    opt_of(p)->SizeOfImage = 0xfffff000;
    emit_copy("sizeofimage_huge", p, good_size, "absurd SizeOfImage");

    p = copy_good();
    opt_of(p)->SectionAlignment = 0x1234;
    emit_copy("section_alignment", p, good_size, "bad SectionAlignment");

    p = copy_good();
    opt_of(p)->ImageBase += 0x1000;
    emit_copy("imagebase_unaligned", p, good_size, "not 64 KiB aligned");

    p = copy_good();
    opt_of(p)->SizeOfHeaders = good_size + 1;
    emit_copy("sizeofheaders_past_end", p, good_size, "SizeOfHeaders");

    /* headers that the loader would not copy into the image */
    p = copy_good();
    opt_of(p)->SizeOfHeaders = 0x100;
    emit_copy("headers_past_sizeofheaders", p, good_size, "SizeOfHeaders");

    p = copy_good();
    opt_of(p)->AddressOfEntryPoint = opt_of(p)->SizeOfImage + 0x100;
    emit_copy("entry_outside_image", p, good_size, "entry point RVA");

    p = copy_good();
    dir_of(p, IMAGE_DIRECTORY_ENTRY_IMPORT)->VirtualAddress = opt_of(p)->SizeOfImage + 0x1000;
    emit_copy("import_directory_outside", p, good_size, "import directory");
}

static void sections(void)
{
    unsigned char *p;
    IMAGE_SECTION_HEADER *s;

    /* the file is cut in the middle of the first section with raw data */
    p = copy_good();
    s = sections_of(p);
    size_t cut = 0;
    for (unsigned int i = 0; i < nt_of(p)->FileHeader.NumberOfSections && !cut; i++)
        if (s[i].SizeOfRawData >= 2) cut = s[i].PointerToRawData + s[i].SizeOfRawData / 2;
    if (cut) emit_copy("section_truncated", p, cut, "truncated or corrupt");
    else { skip("section_truncated", "no section with raw data"); free(p); }

    p = copy_good();
    s = sections_of(p);
    s[0].PointerToRawData = (DWORD)good_size;
    emit_copy("section_raw_past_end", p, good_size, "lies outside the file");

    p = copy_good();
    s = sections_of(p);
    s[nt_of(p)->FileHeader.NumberOfSections - 1].VirtualAddress = 0x7fff0000;
    emit_copy("section_outside_image", p, good_size, "lies outside the image");

    p = copy_good();
    s = sections_of(p);
    s[0].VirtualAddress = 0;
    emit_copy("section_over_headers", p, good_size, "overlaps the headers");
}

/* the first import descriptor's file offset; 0 if the program imports nothing */
static size_t first_import(unsigned char *p)
{
    IMAGE_DATA_DIRECTORY *d = dir_of(p, IMAGE_DIRECTORY_ENTRY_IMPORT);
    if (opt_of(p)->NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_IMPORT || !d->Size) return 0;
    return rva_to_offset(p, d->VirtualAddress, sizeof(IMAGE_IMPORT_DESCRIPTOR));
}

static void imports(void)
{
    unsigned char *p = copy_good();
    size_t off = first_import(p);
    free(p);
    if (!off) {
        skip("import_*", "the program imports nothing");
        return;
    }
    const size_t oft = offsetof(IMAGE_IMPORT_DESCRIPTOR, OriginalFirstThunk);
    const size_t name = offsetof(IMAGE_IMPORT_DESCRIPTOR, Name);
    const size_t ft = offsetof(IMAGE_IMPORT_DESCRIPTOR, FirstThunk);

    p = copy_good();
    put32(p + off + name, 0x7fffff00);
    emit_copy("import_name_garbage", p, good_size, "DLL name at RVA");

    p = copy_good();
    put32(p + off + oft, 0x7ffffff0);
    emit_copy("import_thunk_garbage", p, good_size, "has its thunks at RVA");

    p = copy_good();
    put32(p + off + oft, 0);
    put32(p + off + ft, 0xfffffff8);
    emit_copy("import_iat_garbage", p, good_size, "has its thunks at RVA");

    /* the first import by name of the first DLL names a garbage RVA */
    p = copy_good();
    DWORD lookup = get32(p + off + oft) ? get32(p + off + oft) : get32(p + off + ft);
    size_t t = rva_to_offset(p, lookup, 8);
    if (t) {
        put64(p + t, 0x7fff0000);
        emit_copy("import_hint_name_garbage", p, good_size, "names RVA");
    } else { skip("import_hint_name_garbage", "lookup table not in the file"); free(p); }

    /* descriptors that run to the end of the image without a terminator */
    p = copy_good();
    IMAGE_DATA_DIRECTORY *d = dir_of(p, IMAGE_DIRECTORY_ENTRY_IMPORT);
    d->VirtualAddress = opt_of(p)->SizeOfImage - 8;
    d->Size = 8;
    emit_copy("import_no_terminator", p, good_size, "no terminating entry");
}

static void relocations(void)
{
    unsigned char *p = copy_good();
    IMAGE_DATA_DIRECTORY *d = dir_of(p, IMAGE_DIRECTORY_ENTRY_BASERELOC);
    size_t off = d->Size ? rva_to_offset(p, d->VirtualAddress, sizeof(IMAGE_BASE_RELOCATION)) : 0;
    if (!off) {
        skip("reloc_*", "no relocations");
        free(p);
        return;
    }
    put32(p + off + offsetof(IMAGE_BASE_RELOCATION, SizeOfBlock), 0xfffffff0);
    emit_copy("reloc_block_size", p, good_size, "has a bad size");

    p = copy_good();
    put32(p + off + offsetof(IMAGE_BASE_RELOCATION, SizeOfBlock), 3);
    emit_copy("reloc_block_size_small", p, good_size, "has a bad size");

    p = copy_good();
    put32(p + off + offsetof(IMAGE_BASE_RELOCATION, VirtualAddress), 0x7fff0000);
    emit_copy("reloc_page_outside", p, good_size, "outside the image");
}

/* An export directory in the unused DOS stub (RVA 0x40, copied with the
 * headers), pointed to by the export data directory. */
static unsigned char *with_export_dir(IMAGE_EXPORT_DIRECTORY **exp)
{
    unsigned char *p = copy_good();
    DWORD at = sizeof(IMAGE_DOS_HEADER);
    if (((IMAGE_DOS_HEADER *)p)->e_lfanew < (LONG)(at + sizeof(IMAGE_EXPORT_DIRECTORY))) {
        free(p);
        return NULL;
    }
    memset(p + at, 0, sizeof(IMAGE_EXPORT_DIRECTORY));
    *exp = (IMAGE_EXPORT_DIRECTORY *)(p + at);
    (*exp)->Base = 1;
    dir_of(p, IMAGE_DIRECTORY_ENTRY_EXPORT)->VirtualAddress = at;
    dir_of(p, IMAGE_DIRECTORY_ENTRY_EXPORT)->Size = sizeof(IMAGE_EXPORT_DIRECTORY);
    return p;
}

static void exports(void)
{
    IMAGE_EXPORT_DIRECTORY *exp;
    unsigned char *p;

    if (!(p = with_export_dir(&exp))) {
        skip("export_*", "no room in the DOS stub");
        return;
    }
    exp->NumberOfFunctions = 0x7fffffff;
    exp->NumberOfNames = 0x7fffffff;
    emit_copy("export_absurd_counts", p, good_size, "absurd counts");

    p = with_export_dir(&exp);
    exp->NumberOfFunctions = 16;
    exp->AddressOfFunctions = 0x7ffffff0;
    emit_copy("export_tables_outside", p, good_size, "its tables lie outside the image");

    p = copy_good();
    dir_of(p, IMAGE_DIRECTORY_ENTRY_EXPORT)->VirtualAddress = opt_of(p)->SizeOfImage - 8;
    dir_of(p, IMAGE_DIRECTORY_ENTRY_EXPORT)->Size = 8;
    emit_copy("export_directory_outside", p, good_size, "export directory lies outside the image");
}

static void tls(void)
{
    unsigned char *p = copy_good();
    IMAGE_DATA_DIRECTORY *d = dir_of(p, IMAGE_DIRECTORY_ENTRY_TLS);
    if (!d->Size) {
        skip("tls_too_small", "no TLS directory");
        free(p);
        return;
    }
    d->Size = 8;
    emit_copy("tls_too_small", p, good_size, "TLS directory too small");
}

static void missing_file(void)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/dangling_link.exe", outdir);
    unlink(path);
    if (symlink("no-such-file-for-carafe.exe", path)) {
        fprintf(stderr, "mkmalformed: %s: %s\n", path, strerror(errno));
        failed++;
        return;
    }
    /* the message names the file; its reason is strerror's, maybe translated */
    snprintf(path, sizeof(path), "%s/dangling_link.expect", outdir);
    if (write_file(path, "dangling_link.exe\n", 18)) failed++;
    else written++;
}

/* ---- random byte flips ---- */

static unsigned int next_random(unsigned int *state)
{
    unsigned int x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* Does pe.c refuse this file, as the loader would check it? */
static int refused(const unsigned char *data, size_t size)
{
    char buf[512];
    struct pe_file pe;
    if (pe_check_file(data, size, &pe, buf, sizeof(buf))) return 1;
    const IMAGE_OPTIONAL_HEADER64 *opt = &pe.nt->OptionalHeader;
    unsigned char *base = calloc(1, opt->SizeOfImage);
    if (!base) return 0;
    memcpy(base, data, opt->SizeOfHeaders);
    for (unsigned int i = 0; i < pe.nsections; i++) {
        const IMAGE_SECTION_HEADER *s = &pe.sections[i];
        DWORD n = s->SizeOfRawData;
        if (s->VirtualSize && s->VirtualSize < n) n = s->VirtualSize;
        if (n) memcpy(base + s->VirtualAddress, data + s->PointerToRawData, n);
    }
    int bad = pe_check_directories(base, opt->SizeOfImage, buf, sizeof(buf)) != NULL;
    free(base);
    return bad;
}

/* COUNT variants NAME_01.. with 1-6 bytes in [FROM, TO) flipped, each the
 * first refused one in a deterministic sequence from its seed */
static void flips(const char *name, size_t from, size_t to, unsigned int seed, int count)
{
    if (to > good_size) to = good_size;
    if (from >= to) {
        skip(name, "empty range");
        return;
    }
    unsigned char *p = malloc(good_size);
    if (!p) return;
    for (int v = 1; v <= count; v++) {
        unsigned int state = seed * 2654435761u + v;
        int found = 0;
        for (int attempt = 0; attempt < 1000 && !found; attempt++) {
            memcpy(p, good, good_size);
            int n = 1 + next_random(&state) % 6;
            for (int k = 0; k < n; k++) {
                size_t off = from + next_random(&state) % (to - from);
                unsigned int r = next_random(&state);
                if (r & 0x100) p[off] ^= 1u << (r & 7);
                else p[off] = (unsigned char)(r >> 16);
            }
            found = refused(p, good_size);
        }
        char vname[64];
        snprintf(vname, sizeof(vname), "%s_%02d", name, v);
        if (found) emit(vname, p, good_size, NULL);
        else skip(vname, "no refused variant found");
    }
    free(p);
}

static void random_flips(void)
{
    unsigned char *p = copy_good();
    size_t lfanew = ((IMAGE_DOS_HEADER *)p)->e_lfanew;
    size_t headers_end = section_table_offset(p) + nt_of(p)->FileHeader.NumberOfSections * sizeof(IMAGE_SECTION_HEADER);
    size_t imp = first_import(p);
    free(p);
    flips("flip_headers", 0, headers_end, 1, 6);          /* DOS, file and optional headers, sections */
    flips("flip_nt_headers", lfanew, lfanew + sizeof(IMAGE_NT_HEADERS64), 2, 4);
    flips("flip_section_table", headers_end - 40 * 3, headers_end, 3, 3);
    if (imp) flips("flip_imports", imp, imp + 0x200, 4, 4);
}

static unsigned char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    unsigned char *data = NULL;
    if (!f || fstat(fileno(f), &st) || !(data = malloc(st.st_size ? st.st_size : 1)) ||
        fread(data, 1, st.st_size, f) != (size_t)st.st_size) {
        fprintf(stderr, "mkmalformed: %s: %s\n", path, errno ? strerror(errno) : "short read");
        free(data);
        if (f) fclose(f);
        return NULL;
    }
    fclose(f);
    *size = st.st_size;
    return data;
}

int main(int argc, char **argv)
{
    char msg[512];
    struct pe_file pe;
    unsigned char *data;
    if (argc != 3) {
        fprintf(stderr, "usage: mkmalformed GOOD.exe OUTDIR\n");
        return 2;
    }
    outdir = argv[2];
    if (!(data = read_file(argv[1], &good_size))) return 1;
    good = data;
    if (pe_check_file(good, good_size, &pe, msg, sizeof(msg))) {
        fprintf(stderr, "mkmalformed: %s is not a valid program: %s\n", argv[1], msg);
        return 1;
    }
    if (refused(good, good_size)) {
        fprintf(stderr, "mkmalformed: %s: its directories are refused\n", argv[1]);
        return 1;
    }
    if (mkdir(outdir, 0777) && errno != EEXIST) {
        fprintf(stderr, "mkmalformed: %s: %s\n", outdir, strerror(errno));
        return 1;
    }
    files_that_are_not_programs();
    dos_and_file_header();
    optional_header();
    sections();
    imports();
    relocations();
    exports();
    tls();
    missing_file();
    random_flips();
    free(data);
    printf("%d malformed programs written to %s\n", written, outdir);
    if (failed) fprintf(stderr, "mkmalformed: %d could not be written\n", failed);
    return failed || written < 20;
}
