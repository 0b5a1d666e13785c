/* Resources: FindResource(Ex), LoadResource, SizeofResource and the
 * EnumResource* walks over a PE image's resource directory.
 *
 * The tree has three levels (type, name, language); every offset in it is
 * relative to the directory's root.  Modules and LOAD_LIBRARY_AS_IMAGE_RESOURCE
 * handles are in image layout (RVA = offset from the base); a
 * LOAD_LIBRARY_AS_DATAFILE handle (base|1) is the file as on disk, so RVAs
 * go through the section table.  Every read is checked against the mapping.
 * An HRSRC is the address of the IMAGE_RESOURCE_DATA_ENTRY; an HGLOBAL is
 * the address of the data (nothing to free). */
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include "kernel32_private.h"
#include "winnls.h"

DEFAULT_DEBUG_CHANNEL(resource);

struct res_image {
    const BYTE *base;
    SIZE_T size;
    BOOL flat;
    const IMAGE_SECTION_HEADER *sections;
    WORD nsections;
    DWORD root_rva, root_size;
};

/* pointer to LEN bytes at RVA, or NULL when they lie outside the mapping */
static const void *rva_ptr(const struct res_image *img, DWORD rva, DWORD len)
{
    if (!img->flat) {
        if ((SIZE_T)rva + len > img->size) return NULL;
        return img->base + rva;
    }
    for (WORD i = 0; i < img->nsections; i++) {
        const IMAGE_SECTION_HEADER *s = &img->sections[i];
        if (rva < s->VirtualAddress) continue;
        DWORD delta = rva - s->VirtualAddress;
        if (delta >= s->SizeOfRawData || (SIZE_T)delta + len > s->SizeOfRawData) continue;
        SIZE_T off = (SIZE_T)s->PointerToRawData + delta;
        if (off + len > img->size) return NULL;
        return img->base + off;
    }
    return NULL;
}

/* the resource directory of MODULE; FALSE with the last error set */
static BOOL open_image(HMODULE module, struct res_image *img)
{
    void *base;
    memset(img, 0, sizeof(*img));
    if (!carafe_image_extent(module, &base, &img->size, &img->flat)) return FALSE;
    img->base = base;
    const IMAGE_DOS_HEADER *dos = base;
    if (img->size < sizeof(*dos) || dos->e_magic != IMAGE_DOS_SIGNATURE || dos->e_lfanew < 0 ||
        (SIZE_T)dos->e_lfanew + sizeof(IMAGE_NT_HEADERS64) > img->size) goto bad;
    const IMAGE_NT_HEADERS64 *nt = (const void *)(img->base + dos->e_lfanew);
    if (nt->Signature != IMAGE_NT_SIGNATURE || nt->OptionalHeader.Magic != IMAGE_NT_OPTIONAL_HDR64_MAGIC) goto bad;
    SIZE_T sec_off = (SIZE_T)dos->e_lfanew + offsetof(IMAGE_NT_HEADERS64, OptionalHeader) +
                     nt->FileHeader.SizeOfOptionalHeader;
    if (sec_off + (SIZE_T)nt->FileHeader.NumberOfSections * sizeof(IMAGE_SECTION_HEADER) > img->size) goto bad;
    img->sections = (const void *)(img->base + sec_off);
    img->nsections = nt->FileHeader.NumberOfSections;
    if (nt->OptionalHeader.NumberOfRvaAndSizes <= IMAGE_DIRECTORY_ENTRY_RESOURCE) goto none;
    img->root_rva = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_RESOURCE].VirtualAddress;
    img->root_size = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_RESOURCE].Size;
    if (!img->root_rva || img->root_size < sizeof(IMAGE_RESOURCE_DIRECTORY)) goto none;
    if (!rva_ptr(img, img->root_rva, sizeof(IMAGE_RESOURCE_DIRECTORY))) goto none;
    return TRUE;
none:
    SetLastError(ERROR_RESOURCE_DATA_NOT_FOUND);
    return FALSE;
bad:
    SetLastError(ERROR_BAD_EXE_FORMAT);
    return FALSE;
}

/* an object OFF bytes into the resource directory */
static const void *dir_ptr(const struct res_image *img, DWORD off, DWORD len)
{
    if (off >= img->root_size || (SIZE_T)off + len > img->root_size) return NULL;
    return rva_ptr(img, img->root_rva + off, len);
}

/* the entries of the directory at OFF; 0 entries when it is out of bounds */
static const IMAGE_RESOURCE_DIRECTORY_ENTRY *dir_entries(const struct res_image *img, DWORD off, DWORD *count)
{
    const IMAGE_RESOURCE_DIRECTORY *dir = dir_ptr(img, off, sizeof(*dir));
    *count = 0;
    if (!dir) return NULL;
    DWORD n = (DWORD)dir->NumberOfNamedEntries + dir->NumberOfIdEntries;
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *e = dir_ptr(img, off + sizeof(*dir), n * sizeof(*e));
    if (e) *count = n;
    return e;
}

/* an entry's name string (not NUL-terminated) and its length, or NULL */
static const WCHAR *entry_name(const struct res_image *img, const IMAGE_RESOURCE_DIRECTORY_ENTRY *e, WORD *len)
{
    DWORD off = e->Name & ~IMAGE_RESOURCE_NAME_IS_STRING;
    const WORD *l = dir_ptr(img, off, sizeof(WORD));
    if (!l) return NULL;
    const WCHAR *s = dir_ptr(img, off + sizeof(WORD), *l * sizeof(WCHAR));
    if (s) *len = *l;
    return s;
}

static WCHAR upper_w(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* Resource names are compared without case; "#123" means the id 123. */
static const WCHAR *parse_id(const WCHAR *name, WORD *id)
{
    if (IS_INTRESOURCE(name)) { *id = (WORD)(ULONG_PTR)name; return NULL; }
    if (name[0] == '#') {
        DWORD v = 0;
        for (const WCHAR *p = name + 1; *p >= '0' && *p <= '9'; p++) v = v * 10 + (*p - '0');
        *id = (WORD)v;
        return NULL;
    }
    return name;
}

/* the subdirectory or data offset of NAME in the directory at OFF, or ~0u */
static DWORD find_entry(const struct res_image *img, DWORD off, const WCHAR *name)
{
    WORD id = 0, len;
    const WCHAR *str = parse_id(name, &id);
    DWORD n;
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *e = dir_entries(img, off, &n);
    size_t slen = str ? carafe_wcslen(str) : 0;
    for (DWORD i = 0; i < n; i++) {
        if (!(e[i].Name & IMAGE_RESOURCE_NAME_IS_STRING) != !str) continue;
        if (!str) {
            if (e[i].Name == id) return e[i].OffsetToData;
            continue;
        }
        const WCHAR *s = entry_name(img, &e[i], &len);
        if (!s || len != slen) continue;
        WORD k = 0;
        while (k < len && upper_w(s[k]) == upper_w(str[k])) k++;
        if (k == len) return e[i].OffsetToData;
    }
    return ~0u;
}

static DWORD find_lang_id(const struct res_image *img, DWORD off, WORD lang)
{
    return find_entry(img, off, MAKEINTRESOURCEW(lang));
}

/* A specific language must match exactly (as Wine does).  A neutral one
 * (LANG_NEUTRAL with any sublanguage) falls back: exact, neutral, the user
 * default (and its primary language), English, then whatever comes first. */
static DWORD find_language(const struct res_image *img, DWORD off, WORD lang)
{
    if (PRIMARYLANGID(lang) != LANG_NEUTRAL) return find_lang_id(img, off, lang);
    WORD user = GetUserDefaultLangID();
    const WORD order[] = {
        lang, MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL), MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT),
        user, MAKELANGID(PRIMARYLANGID(user), SUBLANG_NEUTRAL),
        MAKELANGID(LANG_ENGLISH, SUBLANG_DEFAULT), MAKELANGID(LANG_ENGLISH, SUBLANG_NEUTRAL),
    };
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        DWORD r = find_lang_id(img, off, order[i]);
        if (r != ~0u) return r;
    }
    DWORD n;
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *e = dir_entries(img, off, &n);
    return n ? e[0].OffsetToData : ~0u;
}

HRSRC WINAPI FindResourceExW(HMODULE module, LPCWSTR type, LPCWSTR name, WORD lang)
{
    struct res_image img;
    if (!open_image(module, &img)) return NULL;
    DWORD off = find_entry(&img, 0, type);
    if (off == ~0u || !(off & IMAGE_RESOURCE_DATA_IS_DIRECTORY)) {
        SetLastError(ERROR_RESOURCE_TYPE_NOT_FOUND);
        return NULL;
    }
    off = find_entry(&img, off & ~IMAGE_RESOURCE_DATA_IS_DIRECTORY, name);
    if (off == ~0u || !(off & IMAGE_RESOURCE_DATA_IS_DIRECTORY)) {
        SetLastError(ERROR_RESOURCE_NAME_NOT_FOUND);
        return NULL;
    }
    off = find_language(&img, off & ~IMAGE_RESOURCE_DATA_IS_DIRECTORY, lang);
    const IMAGE_RESOURCE_DATA_ENTRY *data = NULL;
    if (off != ~0u && !(off & IMAGE_RESOURCE_DATA_IS_DIRECTORY)) data = dir_ptr(&img, off, sizeof(*data));
    if (!data) {
        SetLastError(ERROR_RESOURCE_LANG_NOT_FOUND);
        return NULL;
    }
    return (HRSRC)data;
}

HRSRC WINAPI FindResourceW(HMODULE module, LPCWSTR name, LPCWSTR type)
{
    return FindResourceExW(module, type, name, MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
}

/* an A resource name as W: ids pass through, strings are converted */
static WCHAR *res_name_AtoW(LPCSTR name)
{
    return IS_INTRESOURCE(name) ? (WCHAR *)name : k32_strdup_AtoW(name);
}

static void res_name_free(WCHAR *name)
{
    if (!IS_INTRESOURCE(name)) free(name);
}

HRSRC WINAPI FindResourceExA(HMODULE module, LPCSTR type, LPCSTR name, WORD lang)
{
    WCHAR *wtype = res_name_AtoW(type), *wname = res_name_AtoW(name);
    HRSRC ret = NULL;
    if (wtype && wname) ret = FindResourceExW(module, wtype, wname, lang);
    else SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    res_name_free(wtype);
    res_name_free(wname);
    return ret;
}

HRSRC WINAPI FindResourceA(HMODULE module, LPCSTR name, LPCSTR type)
{
    return FindResourceExA(module, type, name, MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
}

/* the data entry RSRC of MODULE and where its data is, or NULL */
static const IMAGE_RESOURCE_DATA_ENTRY *resource_data(HMODULE module, HRSRC rsrc, const void **data)
{
    struct res_image img;
    if (!rsrc) { SetLastError(ERROR_INVALID_HANDLE); return NULL; }
    if (!open_image(module, &img)) return NULL;
    const BYTE *p = (const BYTE *)rsrc;
    if (p < img.base || p + sizeof(IMAGE_RESOURCE_DATA_ENTRY) > img.base + img.size) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    const IMAGE_RESOURCE_DATA_ENTRY *e = (const IMAGE_RESOURCE_DATA_ENTRY *)p;
    if (data && !(*data = rva_ptr(&img, e->OffsetToData, e->Size))) {
        SetLastError(ERROR_RESOURCE_DATA_NOT_FOUND);
        return NULL;
    }
    return e;
}

HGLOBAL WINAPI LoadResource(HMODULE module, HRSRC rsrc)
{
    const void *data = NULL;
    if (!resource_data(module, rsrc, &data)) return NULL;
    return (HGLOBAL)data;
}

LPVOID WINAPI LockResource(HGLOBAL res)
{
    return res;
}

/* resources live in the mapped image: nothing to free (FALSE, as on Windows) */
BOOL WINAPI FreeResource(HGLOBAL res)
{
    (void)res;
    return FALSE;
}

DWORD WINAPI SizeofResource(HMODULE module, HRSRC rsrc)
{
    const IMAGE_RESOURCE_DATA_ENTRY *e = resource_data(module, rsrc, NULL);
    return e ? e->Size : 0;
}

/* ---- enumeration ---- */

/* An entry's name as the callbacks see it: an id, or a NUL-terminated
 * copy in BUF (W) converted to ANSI in ABUF when ANSI is set. */
struct res_name { WCHAR *w; char *a; };

static LPCWSTR entry_to_name(const struct res_image *img, const IMAGE_RESOURCE_DIRECTORY_ENTRY *e,
                             struct res_name *out, BOOL ansi)
{
    WORD len;
    if (!(e->Name & IMAGE_RESOURCE_NAME_IS_STRING)) return MAKEINTRESOURCEW(e->Name & 0xffff);
    const WCHAR *s = entry_name(img, e, &len);
    if (!s) return NULL;
    free(out->w);
    free(out->a);
    out->a = NULL;
    if (!(out->w = malloc((len + 1) * sizeof(WCHAR)))) return NULL;
    memcpy(out->w, s, len * sizeof(WCHAR));
    out->w[len] = 0;
    if (!ansi) return out->w;
    int n = WideCharToMultiByte(CP_ACP, 0, out->w, -1, NULL, 0, NULL, NULL);
    if (n <= 0 || !(out->a = malloc(n))) return NULL;
    WideCharToMultiByte(CP_ACP, 0, out->w, -1, out->a, n, NULL, NULL);
    return (LPCWSTR)out->a;
}

/* The subdirectory of the directory at OFF named NAME, or ~0u with ERR set */
static DWORD subdir(const struct res_image *img, DWORD off, LPCWSTR name, DWORD err)
{
    DWORD r = find_entry(img, off, name);
    if (r == ~0u || !(r & IMAGE_RESOURCE_DATA_IS_DIRECTORY)) {
        SetLastError(err);
        return ~0u;
    }
    return r & ~IMAGE_RESOURCE_DATA_IS_DIRECTORY;
}

enum enum_level { ENUM_TYPES, ENUM_NAMES, ENUM_LANGS };

/* One walk for all six functions: CALLBACK gets the names as A or W
 * strings by ANSI.  Stops (and fails) when the callback returns FALSE. */
static BOOL enum_resources(HMODULE module, enum enum_level level, LPCWSTR type, LPCWSTR name,
                           void *callback, LONG_PTR param, BOOL ansi, LPCVOID atype, LPCVOID aname)
{
    struct res_image img;
    struct res_name buf = { NULL, NULL };
    BOOL ret = FALSE;
    DWORD off = 0, n;
    if (!callback) { SetLastError(ERROR_NOACCESS); return FALSE; }
    if (!open_image(module, &img)) return FALSE;
    if (level >= ENUM_NAMES && (off = subdir(&img, off, type, ERROR_RESOURCE_TYPE_NOT_FOUND)) == ~0u) return FALSE;
    if (level >= ENUM_LANGS && (off = subdir(&img, off, name, ERROR_RESOURCE_NAME_NOT_FOUND)) == ~0u) return FALSE;
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *e = dir_entries(&img, off, &n);
    for (DWORD i = 0; i < n; i++) {
        if (level == ENUM_LANGS) {
            ret = ((ENUMRESLANGPROCW)callback)(module, atype, aname, (WORD)e[i].Name, param);
        } else {
            LPCWSTR entry = entry_to_name(&img, &e[i], &buf, ansi);
            if (!entry) continue;
            if (level == ENUM_TYPES) ret = ((ENUMRESTYPEPROCW)callback)(module, (LPWSTR)entry, param);
            else ret = ((ENUMRESNAMEPROCW)callback)(module, atype, (LPWSTR)entry, param);
        }
        if (!ret) break;
    }
    free(buf.w);
    free(buf.a);
    return ret;
}

BOOL WINAPI EnumResourceTypesW(HMODULE module, ENUMRESTYPEPROCW func, LONG_PTR param)
{
    return enum_resources(module, ENUM_TYPES, NULL, NULL, (void *)func, param, FALSE, NULL, NULL);
}

BOOL WINAPI EnumResourceTypesA(HMODULE module, ENUMRESTYPEPROCA func, LONG_PTR param)
{
    return enum_resources(module, ENUM_TYPES, NULL, NULL, (void *)func, param, TRUE, NULL, NULL);
}

BOOL WINAPI EnumResourceNamesW(HMODULE module, LPCWSTR type, ENUMRESNAMEPROCW func, LONG_PTR param)
{
    return enum_resources(module, ENUM_NAMES, type, NULL, (void *)func, param, FALSE, type, NULL);
}

BOOL WINAPI EnumResourceNamesA(HMODULE module, LPCSTR type, ENUMRESNAMEPROCA func, LONG_PTR param)
{
    WCHAR *wtype = res_name_AtoW(type);
    BOOL ret = FALSE;
    if (wtype) ret = enum_resources(module, ENUM_NAMES, wtype, NULL, (void *)func, param, TRUE, type, NULL);
    else SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    res_name_free(wtype);
    return ret;
}

BOOL WINAPI EnumResourceLanguagesW(HMODULE module, LPCWSTR type, LPCWSTR name, ENUMRESLANGPROCW func,
                                   LONG_PTR param)
{
    return enum_resources(module, ENUM_LANGS, type, name, (void *)func, param, FALSE, type, name);
}

BOOL WINAPI EnumResourceLanguagesA(HMODULE module, LPCSTR type, LPCSTR name, ENUMRESLANGPROCA func,
                                   LONG_PTR param)
{
    WCHAR *wtype = res_name_AtoW(type), *wname = res_name_AtoW(name);
    BOOL ret = FALSE;
    if (wtype && wname)
        ret = enum_resources(module, ENUM_LANGS, wtype, wname, (void *)func, param, TRUE, type, name);
    else SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    res_name_free(wtype);
    res_name_free(wname);
    return ret;
}

/* Whether the program's manifest (RT_MANIFEST 1) sets activeCodePage to
 * UTF-8, which makes its ANSI and OEM code pages 65001 (codepage.c). */
int k32_manifest_wants_utf8(void)
{
    HMODULE exe = GetModuleHandleW(NULL);
    HRSRC res = FindResourceW(exe, MAKEINTRESOURCEW(1), MAKEINTRESOURCEW(24));
    const char *text = res ? LockResource(LoadResource(exe, res)) : NULL;
    if (!text) return 0;
    static const char tag[] = "activeCodePage";
    const char *end = text + SizeofResource(exe, res);
    for (const char *p = text; p + sizeof(tag) < end; p++) {
        if (strncasecmp(p, tag, sizeof(tag) - 1) || p == text || p[-1] == '/') continue;
        /* an opening tag (with a namespace prefix or attributes): its value follows the '>' */
        const char *v = p + sizeof(tag) - 1;
        if (*v != '>' && *v != ' ') continue;
        while (v < end && *v != '>') v++;
        if (v < end) v++;
        while (v < end && (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')) v++;
        if (end - v >= 5 && !strncasecmp(v, "UTF-8", 5)) return 1;
    }
    return 0;
}
