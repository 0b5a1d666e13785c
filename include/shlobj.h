/* shell32.dll: known folders, as far as carafe implements them. */
#ifndef CARAFE_SHLOBJ_H
#define CARAFE_SHLOBJ_H

#include "objbase.h"

/* KNOWN_FOLDER_FLAG values that change what SHGetKnownFolderPath does here */
#define KF_FLAG_DONT_VERIFY 0x00004000
#define KF_FLAG_CREATE      0x00008000

WINBASEAPI HRESULT WINAPI SHGetKnownFolderPath(REFKNOWNFOLDERID id, DWORD flags, HANDLE token, PWSTR *path);

#endif
