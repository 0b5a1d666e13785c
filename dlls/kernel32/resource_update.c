/* Resource updating: BeginUpdateResource, UpdateResource, EndUpdateResource.
 *
 * BeginUpdateResource copies the file's resources (read through a
 * LOAD_LIBRARY_AS_DATAFILE handle and the lookup code of resource.c) into a
 * flat list of (type, name, language, data) entries; UpdateResource adds,
 * replaces or deletes entries; EndUpdateResource lays out a new resource
 * directory (PE format, "The .rsrc Section") and writes it either over the
 * old .rsrc section, when that is the last section of the file, or as a new
 * last section.  The handle is a heap block checked by a magic number. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "kernel32_private.h"

DEFAULT_DEBUG_CHANNEL(resource);

#define UPDATE_MAGIC 0x44505552u /* "RUPD" */
#define RES_DATA_ALIGN 8

/* a type or a name: an id, or a string when str is set */
struct res_key {
    WORD id;
    WCHAR *str;
};

struct res_item {
    struct res_key type, name;
    WORD lang;
    DWORD size;
    BYTE *data;
};

struct res_update {
    DWORD magic;
    WCHAR *path;
    struct res_item *items;
    size_t count, cap;
    BOOL failed;  /* set by the enumeration callbacks */
};

static WCHAR upper_w(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* "#123" names the id 123, as for FindResource */
static BOOL key_from_name(LPCWSTR name, struct res_key *key)
{
    key->str = NULL;
    if (IS_INTRESOURCE(name)) { key->id = (WORD)(ULONG_PTR)name; return TRUE; }
    if (name[0] == '#') {
        DWORD v = 0;
        for (const WCHAR *p = name + 1; *p >= '0' && *p <= '9'; p++) v = v * 10 + (*p - '0');
        key->id = (WORD)v;
        return TRUE;
    }
    size_t len = 0;
    while (name[len]) len++;
    if (len > 0xffff) len = 0xffff;
    key->id = 0;
    if (!(key->str = malloc((len + 1) * sizeof(WCHAR)))) return FALSE;
    memcpy(key->str, name, len * sizeof(WCHAR));
    key->str[len] = 0;
    return TRUE;
}

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

/* directory order: strings (compared without case) before ids, ids ascending */
static int key_cmp(const struct res_key *a, const struct res_key *b)
{
    if (a->str && !b->str) return -1;
    if (!a->str && b->str) return 1;
    if (!a->str) return (int)a->id - (int)b->id;
    const WCHAR *p = a->str, *q = b->str;
    for (; *p && *q; p++, q++)
        if (upper_w(*p) != upper_w(*q)) return (int)upper_w(*p) - (int)upper_w(*q);
    return (int)*p - (int)*q;
}

static int item_cmp(const void *pa, const void *pb)
{
    const struct res_item *a = pa, *b = pb;
    int c = key_cmp(&a->type, &b->type);
    if (!c) c = key_cmp(&a->name, &b->name);
    if (!c) c = (int)a->lang - (int)b->lang;
    return c;
}

static void item_free(struct res_item *it)
{
    free(it->type.str);
    free(it->name.str);
    free(it->data);
}

/* add, replace or (data NULL and size 0) delete one resource */
static BOOL set_item(struct res_update *u, LPCWSTR type, LPCWSTR name, WORD lang, const void *data, DWORD size)
{
    struct res_item it = { .lang = lang, .size = size };
    if (!key_from_name(type, &it.type) || !key_from_name(name, &it.name)) goto nomem;
    size_t i;
    for (i = 0; i < u->count; i++)
        if (!item_cmp(&u->items[i], &it)) break;
    if (!data && !size) {
        if (i < u->count) {
            item_free(&u->items[i]);
            u->items[i] = u->items[--u->count];
        }
        item_free(&it);
        return TRUE;
    }
    if (!(it.data = malloc(size ? size : 1))) goto nomem;
    if (size) memcpy(it.data, data, size);
    if (i < u->count) {
        item_free(&u->items[i]);
        u->items[i] = it;
        return TRUE;
    }
    if (u->count == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 16;
        struct res_item *n = realloc(u->items, cap * sizeof(*n));
        if (!n) goto nomem;
        u->items = n;
        u->cap = cap;
    }
    u->items[u->count++] = it;
    return TRUE;
nomem:
    item_free(&it);
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
}

static void update_free(struct res_update *u)
{
    for (size_t i = 0; i < u->count; i++) item_free(&u->items[i]);
    free(u->items);
    free(u->path);
    u->magic = 0;
    free(u);
}

/* --- reading the current resources --- */

static BOOL WINAPI read_lang(HMODULE mod, LPCWSTR type, LPCWSTR name, WORD lang, LONG_PTR param)
{
    struct res_update *u = (struct res_update *)param;
    HRSRC r = FindResourceExW(mod, type, name, lang);
    const void *data = r ? LockResource(LoadResource(mod, r)) : NULL;
    DWORD size = r ? SizeofResource(mod, r) : 0;
    /* data is not NULL even for an empty resource, so set_item keeps it */
    if (!data || !set_item(u, type, name, lang, data, size)) {
        u->failed = TRUE;
        return FALSE;
    }
    return TRUE;
}

static BOOL WINAPI read_name(HMODULE mod, LPCWSTR type, LPWSTR name, LONG_PTR param)
{
    EnumResourceLanguagesW(mod, type, name, read_lang, param);
    return !((struct res_update *)param)->failed;
}

static BOOL WINAPI read_type(HMODULE mod, LPWSTR type, LONG_PTR param)
{
    EnumResourceNamesW(mod, type, read_name, param);
    return !((struct res_update *)param)->failed;
}

static BOOL read_resources(struct res_update *u)
{
    HMODULE mod = LoadLibraryExW(u->path, NULL, LOAD_LIBRARY_AS_DATAFILE);
    if (!mod) return FALSE;
    EnumResourceTypesW(mod, read_type, (LONG_PTR)u);  /* fails harmlessly when there are none */
    FreeLibrary(mod);
    if (u->failed) SetLastError(ERROR_INVALID_DATA);
    return !u->failed;
}

HANDLE WINAPI BeginUpdateResourceW(LPCWSTR path, BOOL delete_existing)
{
    if (!path) { SetLastError(ERROR_INVALID_PARAMETER); return NULL; }
    /* the file must exist and be writable now, not only at EndUpdateResource */
    HANDLE f = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (f == INVALID_HANDLE_VALUE) return NULL;
    IMAGE_DOS_HEADER dos;
    DWORD got = 0, sig = 0;
    BOOL pe = ReadFile(f, &dos, sizeof(dos), &got, NULL) && got == sizeof(dos) &&
              dos.e_magic == IMAGE_DOS_SIGNATURE && dos.e_lfanew > 0 &&
              SetFilePointer(f, dos.e_lfanew, NULL, FILE_BEGIN) != INVALID_SET_FILE_POINTER &&
              ReadFile(f, &sig, sizeof(sig), &got, NULL) && got == sizeof(sig) && sig == IMAGE_NT_SIGNATURE;
    CloseHandle(f);
    if (!pe) { SetLastError(ERROR_BAD_EXE_FORMAT); return NULL; }

    struct res_update *u = calloc(1, sizeof(*u));
    if (!u || !(u->path = malloc((wlen(path) + 1) * sizeof(WCHAR)))) {
        free(u);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    memcpy(u->path, path, (wlen(path) + 1) * sizeof(WCHAR));
    u->magic = UPDATE_MAGIC;
    if (!delete_existing && !read_resources(u)) {
        update_free(u);
        return NULL;
    }
    TRACE("%zu resources\n", u->count);
    return (HANDLE)u;
}

HANDLE WINAPI BeginUpdateResourceA(LPCSTR path, BOOL delete_existing)
{
    if (!path) { SetLastError(ERROR_INVALID_PARAMETER); return NULL; }
    WCHAR *w = k32_strdup_AtoW(path);
    if (!w) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); return NULL; }
    HANDLE h = BeginUpdateResourceW(w, delete_existing);
    free(w);
    return h;
}

static struct res_update *get_update(HANDLE h)
{
    struct res_update *u = h;
    if (!u || u->magic != UPDATE_MAGIC) { SetLastError(ERROR_INVALID_HANDLE); return NULL; }
    return u;
}

BOOL WINAPI UpdateResourceW(HANDLE h, LPCWSTR type, LPCWSTR name, WORD lang, LPVOID data, DWORD size)
{
    struct res_update *u = get_update(h);
    if (!u) return FALSE;
    if (!type || !name || (!data && size)) { SetLastError(ERROR_INVALID_PARAMETER); return FALSE; }
    return set_item(u, type, name, lang, data, size);
}

BOOL WINAPI UpdateResourceA(HANDLE h, LPCSTR type, LPCSTR name, WORD lang, LPVOID data, DWORD size)
{
    WCHAR *wtype = IS_INTRESOURCE(type) ? (WCHAR *)type : k32_strdup_AtoW(type);
    WCHAR *wname = IS_INTRESOURCE(name) ? (WCHAR *)name : k32_strdup_AtoW(name);
    BOOL ret = FALSE;
    if (wtype && wname) ret = UpdateResourceW(h, wtype, wname, lang, data, size);
    else SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    if (!IS_INTRESOURCE(type)) free(wtype);
    if (!IS_INTRESOURCE(name)) free(wname);
    return ret;
}

/* --- laying out the new .rsrc section --- */

static DWORD align_up(DWORD v, DWORD a)
{
    return (v + a - 1) & ~(a - 1);
}

static void put16(BYTE *p, WORD v) { memcpy(p, &v, sizeof(v)); }
static void put32(BYTE *p, DWORD v) { memcpy(p, &v, sizeof(v)); }
static WORD get16(const BYTE *p) { WORD v; memcpy(&v, p, sizeof(v)); return v; }
static DWORD get32(const BYTE *p) { DWORD v; memcpy(&v, p, sizeof(v)); return v; }

struct rsrc_writer {
    BYTE *p;
    DWORD dir_next, str_next, entry_next, data_next, rva;
};

/* a directory table with NAMED string entries and IDS id entries, at dir_next */
static DWORD new_dir(struct rsrc_writer *w, WORD named, WORD ids)
{
    DWORD off = w->dir_next;
    put16(w->p + off + 12, named);
    put16(w->p + off + 14, ids);
    w->dir_next += sizeof(IMAGE_RESOURCE_DIRECTORY) + (named + ids) * sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY);
    return off;
}

/* the Name field of a directory entry: the id, or the offset of a counted string */
static DWORD key_field(struct rsrc_writer *w, const struct res_key *k)
{
    if (!k->str) return k->id;
    DWORD off = w->str_next, len = (DWORD)wlen(k->str);
    put16(w->p + off, (WORD)len);
    memcpy(w->p + off + 2, k->str, len * sizeof(WCHAR));
    w->str_next += 2 + len * sizeof(WCHAR);
    return IMAGE_RESOURCE_NAME_IS_STRING | off;
}

static void set_entry(struct rsrc_writer *w, DWORD dir, DWORD idx, DWORD name, DWORD target)
{
    BYTE *e = w->p + dir + sizeof(IMAGE_RESOURCE_DIRECTORY) + idx * sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY);
    put32(e, name);
    put32(e + 4, target);
}

/* the end of the run of items from FIRST with its type (level 0) or type and name (1) */
static size_t group_end(const struct res_item *items, size_t first, size_t end, int level)
{
    size_t i = first + 1;
    while (i < end && !key_cmp(&items[i].type, &items[first].type) &&
           (level == 0 || !key_cmp(&items[i].name, &items[first].name)))
        i++;
    return i;
}

/* how many distinct types (level 0) or names (1) in [first, end) are strings and ids */
static void count_groups(const struct res_item *items, size_t first, size_t end, int level, WORD *named, WORD *ids)
{
    *named = *ids = 0;
    for (size_t i = first; i < end; i = group_end(items, i, end, level)) {
        const struct res_key *k = level == 0 ? &items[i].type : &items[i].name;
        if (k->str) (*named)++;
        else (*ids)++;
    }
}

/* one data entry and its data */
static DWORD put_data(struct rsrc_writer *w, const struct res_item *it)
{
    DWORD off = w->entry_next;
    w->entry_next += sizeof(IMAGE_RESOURCE_DATA_ENTRY);
    put32(w->p + off, w->rva + w->data_next);
    put32(w->p + off + 4, it->size);
    memcpy(w->p + w->data_next, it->data, it->size);
    w->data_next += align_up(it->size, RES_DATA_ALIGN);
    return off;
}

/* the resource directory for items (sorted) placed at RVA; its size in *size */
static BYTE *build_rsrc(const struct res_update *u, DWORD rva, DWORD *size)
{
    const struct res_item *items = u->items;
    size_t n = u->count, ntypes = 0, nnames = 0;
    DWORD strings = 0, data = 0;
    for (size_t i = 0; i < n; i++) {
        BOOL new_type = !i || key_cmp(&items[i].type, &items[i - 1].type);
        if (new_type) {
            ntypes++;
            if (items[i].type.str) strings += 2 + wlen(items[i].type.str) * sizeof(WCHAR);
        }
        if (new_type || key_cmp(&items[i].name, &items[i - 1].name)) {
            nnames++;
            if (items[i].name.str) strings += 2 + wlen(items[i].name.str) * sizeof(WCHAR);
        }
        data += align_up(items[i].size, RES_DATA_ALIGN);
    }
    DWORD dirs = (DWORD)((1 + ntypes + nnames) * sizeof(IMAGE_RESOURCE_DIRECTORY) +
                         (ntypes + nnames + n) * sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY));
    struct rsrc_writer w = { .rva = rva, .entry_next = dirs };
    w.str_next = dirs + (DWORD)(n * sizeof(IMAGE_RESOURCE_DATA_ENTRY));
    w.data_next = align_up(w.str_next + strings, RES_DATA_ALIGN);
    *size = w.data_next + data;
    if (!(w.p = calloc(1, *size))) return NULL;

    WORD named, ids;
    count_groups(items, 0, n, 0, &named, &ids);
    DWORD root = new_dir(&w, named, ids), ti = 0;
    for (size_t t = 0; t < n; t = group_end(items, t, n, 0), ti++) {
        size_t tend = group_end(items, t, n, 0);
        count_groups(items, t, tend, 1, &named, &ids);
        DWORD tdir = new_dir(&w, named, ids), ni = 0;
        set_entry(&w, root, ti, key_field(&w, &items[t].type), IMAGE_RESOURCE_DATA_IS_DIRECTORY | tdir);
        for (size_t m = t; m < tend; m = group_end(items, m, tend, 1), ni++) {
            size_t mend = group_end(items, m, tend, 1);
            DWORD ldir = new_dir(&w, 0, (WORD)(mend - m));
            set_entry(&w, tdir, ni, key_field(&w, &items[m].name), IMAGE_RESOURCE_DATA_IS_DIRECTORY | ldir);
            for (size_t l = m; l < mend; l++)
                set_entry(&w, ldir, (DWORD)(l - m), items[l].lang, put_data(&w, &items[l]));
        }
    }
    return w.p;
}

/* --- rewriting the file --- */

/* PE checksum: 16-bit one's-complement-style sum of the file, plus its length */
static DWORD pe_checksum(const BYTE *p, DWORD size, DWORD sum_off)
{
    DWORD sum = 0;
    for (DWORD i = 0; i + 1 < size; i += 2) {
        if (i == sum_off || i == sum_off + 2) continue;
        sum += get16(p + i);
        sum = (sum & 0xffff) + (sum >> 16);
    }
    if (size & 1) {
        sum += p[size - 1];
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return (sum & 0xffff) + size;
}

/* PE32 (32-bit) optional header offsets, per the PE format's table; before
 * them PE32 has BaseOfData and a 4-byte ImageBase where PE32+ has an 8-byte
 * ImageBase, so everything up to CheckSum is at the same offset in both. */
#define PE32_NUMBER_OF_RVA_AND_SIZES 92
#define PE32_DATA_DIRECTORY 96

struct pe_file {
    BYTE *p;
    DWORD size;
    DWORD opt, sec;     /* offsets of the optional header and section table */
    WORD nsec;
    DWORD ddir, nddir;  /* offset and count of the data directories */
};

static BOOL parse_pe(struct pe_file *pe)
{
    if (pe->size < sizeof(IMAGE_DOS_HEADER) || get16(pe->p) != IMAGE_DOS_SIGNATURE) return FALSE;
    DWORD nt = get32(pe->p + offsetof(IMAGE_DOS_HEADER, e_lfanew));
    if (nt > pe->size || pe->size - nt < 4 + sizeof(IMAGE_FILE_HEADER) + 2) return FALSE;
    if (get32(pe->p + nt) != IMAGE_NT_SIGNATURE) return FALSE;
    DWORD fh = nt + 4;
    pe->nsec = get16(pe->p + fh + offsetof(IMAGE_FILE_HEADER, NumberOfSections));
    pe->opt = fh + sizeof(IMAGE_FILE_HEADER);
    pe->sec = pe->opt + get16(pe->p + fh + offsetof(IMAGE_FILE_HEADER, SizeOfOptionalHeader));
    WORD magic = get16(pe->p + pe->opt);
    if (magic == IMAGE_NT_OPTIONAL_HDR64_MAGIC) {
        pe->ddir = pe->opt + offsetof(IMAGE_OPTIONAL_HEADER64, DataDirectory);
        pe->nddir = offsetof(IMAGE_OPTIONAL_HEADER64, NumberOfRvaAndSizes);
    } else if (magic == IMAGE_NT_OPTIONAL_HDR32_MAGIC) {
        pe->ddir = pe->opt + PE32_DATA_DIRECTORY;
        pe->nddir = PE32_NUMBER_OF_RVA_AND_SIZES;
    } else return FALSE;
    if (pe->opt + pe->nddir + 4 > pe->size) return FALSE;
    pe->nddir = get32(pe->p + pe->opt + pe->nddir);
    if (pe->nddir <= IMAGE_DIRECTORY_ENTRY_RESOURCE || pe->ddir + pe->nddir * 8 > pe->sec) return FALSE;
    if ((size_t)pe->sec + pe->nsec * sizeof(IMAGE_SECTION_HEADER) > pe->size) return FALSE;
    return TRUE;
}

/* The fields of IMAGE_OPTIONAL_HEADER32 and 64 used here sit at the same offsets. */
#define OPT_FIELD(f) offsetof(IMAGE_OPTIONAL_HEADER64, f)
#define SEC_FIELD(i, f) (pe->sec + (i) * sizeof(IMAGE_SECTION_HEADER) + offsetof(IMAGE_SECTION_HEADER, f))

/* the new file contents for PE with resources U; NULL with the last error set */
static BYTE *relayout(struct pe_file *pe, const struct res_update *u, DWORD *new_size)
{
    BYTE *p = pe->p;
    DWORD falign = get32(p + pe->opt + OPT_FIELD(FileAlignment));
    DWORD salign = get32(p + pe->opt + OPT_FIELD(SectionAlignment));
    DWORD headers = get32(p + pe->opt + OPT_FIELD(SizeOfHeaders));
    DWORD res_rva = get32(p + pe->ddir + IMAGE_DIRECTORY_ENTRY_RESOURCE * 8);
    if (!falign || (falign & (falign - 1)) || !salign || (salign & (salign - 1)) || !pe->nsec) goto bad;

    /* the end of the section data: what follows it (an overlay) is kept after the new section */
    DWORD raw_end = headers, first_raw = pe->size, last = 0;
    for (WORD i = 0; i < pe->nsec; i++) {
        DWORD ptr = get32(p + SEC_FIELD(i, PointerToRawData)), len = get32(p + SEC_FIELD(i, SizeOfRawData));
        if (len && ptr + len > raw_end) raw_end = ptr + len;
        if (len && ptr < first_raw) first_raw = ptr;
        if (get32(p + SEC_FIELD(i, VirtualAddress)) > get32(p + SEC_FIELD(last, VirtualAddress))) last = i;
    }
    if (raw_end > pe->size) goto bad;
    DWORD last_va = get32(p + SEC_FIELD(last, VirtualAddress));
    DWORD last_ptr = get32(p + SEC_FIELD(last, PointerToRawData)), last_raw = get32(p + SEC_FIELD(last, SizeOfRawData));
    DWORD sec_idx, va, ptr, old_raw = 0;
    if (res_rva && res_rva == last_va && last + 1 == pe->nsec && last_ptr + last_raw == raw_end) {
        /* the resources are the last section: rewrite it in place */
        sec_idx = last;
        va = last_va;
        ptr = last_ptr;
        old_raw = last_raw;
    } else {
        DWORD table_end = pe->sec + (pe->nsec + 1) * sizeof(IMAGE_SECTION_HEADER);
        if (table_end > headers || table_end > first_raw) {
            FIXME("no room for another section header\n");
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        DWORD vsize = get32(p + SEC_FIELD(last, VirtualSize));
        sec_idx = pe->nsec;
        va = align_up(last_va + (vsize ? vsize : last_raw), salign);
        ptr = align_up(raw_end, falign);
    }

    DWORD rsize;
    BYTE *rsrc = build_rsrc(u, va, &rsize);
    if (!rsrc) goto nomem;
    DWORD raw = align_up(rsize, falign), overlay = pe->size - raw_end;
    *new_size = ptr + raw + overlay;
    BYTE *out = calloc(1, *new_size);
    if (!out) { free(rsrc); goto nomem; }
    memcpy(out, p, ptr < raw_end ? ptr : raw_end);
    memcpy(out + ptr, rsrc, rsize);
    memcpy(out + ptr + raw, p + raw_end, overlay);
    free(rsrc);

    BYTE *sh = out + pe->sec + sec_idx * sizeof(IMAGE_SECTION_HEADER);
    if (sec_idx == pe->nsec) {
        memset(sh, 0, sizeof(IMAGE_SECTION_HEADER));
        memcpy(sh, ".rsrc", 5);
        put32(sh + offsetof(IMAGE_SECTION_HEADER, VirtualAddress), va);
        put32(sh + offsetof(IMAGE_SECTION_HEADER, PointerToRawData), ptr);
        put32(sh + offsetof(IMAGE_SECTION_HEADER, Characteristics), IMAGE_SCN_CNT_INITIALIZED_DATA | IMAGE_SCN_MEM_READ);
        put16(out + pe->opt - sizeof(IMAGE_FILE_HEADER) + offsetof(IMAGE_FILE_HEADER, NumberOfSections), pe->nsec + 1);
    }
    put32(sh + offsetof(IMAGE_SECTION_HEADER, VirtualSize), rsize);
    put32(sh + offsetof(IMAGE_SECTION_HEADER, SizeOfRawData), raw);
    put32(out + pe->ddir + IMAGE_DIRECTORY_ENTRY_RESOURCE * 8, va);
    put32(out + pe->ddir + IMAGE_DIRECTORY_ENTRY_RESOURCE * 8 + 4, rsize);
    put32(out + pe->opt + OPT_FIELD(SizeOfImage), align_up(va + rsize, salign));
    DWORD init = get32(out + pe->opt + OPT_FIELD(SizeOfInitializedData));
    put32(out + pe->opt + OPT_FIELD(SizeOfInitializedData), init - old_raw + raw);
    /* the certificate table is addressed by file offset and moves with the overlay */
    if (pe->nddir > IMAGE_DIRECTORY_ENTRY_SECURITY) {
        DWORD cert = get32(out + pe->ddir + IMAGE_DIRECTORY_ENTRY_SECURITY * 8);
        if (cert && cert >= raw_end) put32(out + pe->ddir + IMAGE_DIRECTORY_ENTRY_SECURITY * 8, cert - raw_end + ptr + raw);
    }
    DWORD sum_off = pe->opt + OPT_FIELD(CheckSum);
    if (get32(out + sum_off)) put32(out + sum_off, pe_checksum(out, *new_size, sum_off));
    return out;
bad:
    SetLastError(ERROR_BAD_EXE_FORMAT);
    return NULL;
nomem:
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}

static BOOL write_update(struct res_update *u)
{
    HANDLE f = CreateFileW(u->path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (f == INVALID_HANDLE_VALUE) return FALSE;
    BOOL ok = FALSE;
    struct pe_file pe = { 0 };
    BYTE *out = NULL;
    DWORD got, out_size = 0, high = 0;
    pe.size = GetFileSize(f, &high);
    if (high || pe.size == INVALID_FILE_SIZE) { SetLastError(ERROR_BAD_EXE_FORMAT); goto close; }
    if (!(pe.p = malloc(pe.size ? pe.size : 1))) { SetLastError(ERROR_NOT_ENOUGH_MEMORY); goto close; }
    if (!ReadFile(f, pe.p, pe.size, &got, NULL)) goto free_in;
    if (got != pe.size || !parse_pe(&pe)) { SetLastError(ERROR_BAD_EXE_FORMAT); goto free_in; }
    qsort(u->items, u->count, sizeof(*u->items), item_cmp);
    if (!(out = relayout(&pe, u, &out_size))) goto free_in;
    ok = SetFilePointer(f, 0, NULL, FILE_BEGIN) == 0 && WriteFile(f, out, out_size, &got, NULL) &&
         got == out_size && SetEndOfFile(f);
    free(out);
free_in:
    free(pe.p);
close:
    CloseHandle(f);
    return ok;
}

BOOL WINAPI EndUpdateResourceW(HANDLE h, BOOL discard)
{
    struct res_update *u = get_update(h);
    if (!u) return FALSE;
    BOOL ret = discard || write_update(u);
    DWORD err = GetLastError();
    update_free(u);  /* the handle is closed whether or not the write worked */
    SetLastError(err);
    return ret;
}

BOOL WINAPI EndUpdateResourceA(HANDLE h, BOOL discard)
{
    return EndUpdateResourceW(h, discard);
}
