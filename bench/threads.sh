#!/bin/bash
# Thread benchmarks: bench/threads-win.exe under carafe (and Wine, when
# installed) against the same tests written with pthreads (bench/threads-native).
# Run by `make bench` from the build directory.
set -u
builddir=${builddir:-.}
run() {
    echo "== $1"
    shift
    "$@" 2>/dev/null || echo "(failed: $?)"
}
run "native pthreads" "$builddir/bench/threads-native"
run "carafe" "$builddir/carafe" "$builddir/bench/threads-win.exe"
if command -v wine >/dev/null 2>&1; then
    WINEDEBUG=-all run "wine" wine "$builddir/bench/threads-win.exe"
else
    echo "== wine: not installed"
fi
