/* NtReadFile and NtWriteFile on synchronous handles, as Rust's standard
 * library calls them: the current position, explicit offsets (which move
 * the position), end of file and the end of a pipe as statuses. */
#include <string.h>
#include <windows.h>
#include <winternl.h>
#include "test.h"

typedef NTSTATUS (WINAPI *io_fn)(HANDLE, HANDLE, PIO_APC_ROUTINE, void *, IO_STATUS_BLOCK *,
                                 void *, ULONG, LARGE_INTEGER *, ULONG *);
static io_fn pNtReadFile, pNtWriteFile;

#define END_OF_FILE ((NTSTATUS)0xc0000011)
#define PIPE_BROKEN ((NTSTATUS)0xc000014b)

static void test_file(void)
{
    char path[MAX_PATH], buf[16];
    IO_STATUS_BLOCK io;
    LARGE_INTEGER off;
    NTSTATUS st;
    GetTempPathA(sizeof(path), path);
    strcat(path, "ntfileio.tmp");
    HANDLE h = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    ok(h != INVALID_HANDLE_VALUE, "CreateFile failed %lu\n", GetLastError());

    memset(&io, 0xcc, sizeof(io));
    st = pNtWriteFile(h, NULL, NULL, NULL, &io, "hello world", 11, NULL, NULL);
    ok(st == 0 && io.Status == 0 && io.Information == 11, "write %lx %lx %Iu\n", st, io.Status, io.Information);

    /* an explicit offset writes there and leaves the position after it */
    off.QuadPart = 0;
    st = pNtWriteFile(h, NULL, NULL, NULL, &io, "J", 1, &off, NULL);
    ok(st == 0 && io.Information == 1, "write at 0: %lx %Iu\n", st, io.Information);
    memset(buf, 0, sizeof(buf));
    st = pNtReadFile(h, NULL, NULL, NULL, &io, buf, 4, NULL, NULL);
    ok(st == 0 && io.Information == 4 && !memcmp(buf, "ello", 4), "read after 0: %lx %Iu %s\n", st, io.Information, buf);

    off.QuadPart = 6;
    memset(buf, 0, sizeof(buf));
    st = pNtReadFile(h, NULL, NULL, NULL, &io, buf, sizeof(buf), &off, NULL);
    ok(st == 0 && io.Information == 5 && !memcmp(buf, "world", 5), "read at 6: %lx %Iu %s\n", st, io.Information, buf);

    /* at the end: a status, not a zero-byte success */
    memset(&io, 0xcc, sizeof(io));
    st = pNtReadFile(h, NULL, NULL, NULL, &io, buf, sizeof(buf), NULL, NULL);
    ok(st == END_OF_FILE && io.Status == END_OF_FILE && io.Information == 0, "read at end: %lx %lx %Iu\n", st, io.Status, io.Information);

    /* a zero-length read succeeds anywhere */
    st = pNtReadFile(h, NULL, NULL, NULL, &io, buf, 0, NULL, NULL);
    ok(st == 0 && io.Information == 0, "empty read: %lx %Iu\n", st, io.Information);

    CloseHandle(h);
    DeleteFileA(path);
}

static void test_pipe(void)
{
    HANDLE r, w;
    IO_STATUS_BLOCK io;
    char buf[8];
    NTSTATUS st;
    ok(CreatePipe(&r, &w, NULL, 0), "CreatePipe failed\n");
    st = pNtWriteFile(w, NULL, NULL, NULL, &io, "abc", 3, NULL, NULL);
    ok(st == 0 && io.Information == 3, "pipe write %lx %Iu\n", st, io.Information);
    CloseHandle(w);
    st = pNtReadFile(r, NULL, NULL, NULL, &io, buf, sizeof(buf), NULL, NULL);
    ok(st == 0 && io.Information == 3 && !memcmp(buf, "abc", 3), "pipe read %lx %Iu\n", st, io.Information);
    /* the writer is gone (Wine leaves the status block as it was: not checked) */
    st = pNtReadFile(r, NULL, NULL, NULL, &io, buf, sizeof(buf), NULL, NULL);
    ok(st == PIPE_BROKEN, "pipe read after close %lx\n", st);
    CloseHandle(r);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    pNtReadFile = (io_fn)GetProcAddress(ntdll, "NtReadFile");
    pNtWriteFile = (io_fn)GetProcAddress(ntdll, "NtWriteFile");
    ok(pNtReadFile && pNtWriteFile, "no NtReadFile/NtWriteFile\n");
    if (pNtReadFile && pNtWriteFile) {
        test_file();
        test_pipe();
    }
    return test_summary();
}
