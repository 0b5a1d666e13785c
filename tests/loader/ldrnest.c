/* Test DLL whose DllMain loads another DLL, uses it, and frees it at
 * detach: the loader lock must let DllMain re-enter the loader. */
#include <windows.h>

__declspec(dllimport) void dep_record(const char *event);

static HMODULE leaf;
static int leaf_result = -1;

__declspec(dllexport) int nest_leaf_result(void) { return leaf_result; }
__declspec(dllexport) HMODULE nest_leaf_module(void) { return leaf; }

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) {
        dep_record("nest+");
        leaf = LoadLibraryA("ldrleaf.dll");
        int (*fn)(void) = leaf ? (void *)GetProcAddress(leaf, "leaf_value") : NULL;
        HMODULE self = GetModuleHandleA("ldrnest.dll");
        if (fn && self == inst) leaf_result = fn();
    }
    if (reason == DLL_PROCESS_DETACH) {
        dep_record("nest-");
        if (leaf) FreeLibrary(leaf);
    }
    return TRUE;
}
