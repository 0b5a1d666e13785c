#!/bin/bash
# Console control events (dlls/kernel32/console_ctrl.c): SIGINT sent with
# kill -INT reaches SetConsoleCtrlHandler handlers and msvcrt's signal();
# the default handler's exit code is 0xc000013a & 255 = 58.  Each program
# runs in a session of its own (GenerateConsoleCtrlEvent signals the whole
# process group) with SIGINT at its default (a script's background jobs
# would otherwise inherit it ignored).
set -u
: "${CARAFE:?}"
top=$(mktemp -d "${TMPDIR:-/tmp}/carafe-ctrl-XXXXXX")
export CARAFE_DEBUG=-all
checks=0 failures=0
check() {
    local what=$1; shift
    checks=$((checks + 1))
    if ! "$@"; then failures=$((failures + 1)); echo "Test failed: $what"; fi
}
trap 'rm -rf "$top"' EXIT
prog=$(pwd)/ctrl.exe
same() { [ "$2" = "$3" ] && return 0; echo "--- $1: expected"; echo "$2"; echo "--- got"; echo "$3"; return 1; }

# start MODE in the background; $pid, output in $top/out
start() {
    rm -f "$top/out" "$top/go"
    (cd "$top" && exec setsid env --default-signal=INT ${RUNNER:-"$CARAFE"} "$prog" "$@") >"$top/out" 2>"$top/err" &
    pid=$!
    for i in $(seq 1 200); do grep -q ready "$top/out" 2>/dev/null && return 0; sleep 0.05; done
    echo "no ready from $*"
}
finish() { wait "$pid"; rc=$?; got=$(tr -d '\r' <"$top/out"); }

start handler; kill -INT "$pid"; finish
check "handlers, last registered first, on a new thread" same handler "ready
second: event 0
first: event 0, new thread
done" "$got"
check "handler: exit code $rc" test "$rc" = 3

start default; kill -INT "$pid"; finish
check "default handler: exit code $rc (0xc000013a & 255)" test "$rc" = 58
check "default handler: no more output" same default "ready" "$got"

start false; kill -INT "$pid"; finish
check "a FALSE handler, then the default: $rc" test "$rc:$got" = "58:ready
second: event 0"

start ignore; kill -INT "$pid"; touch "$top/go"; finish
check "SetConsoleCtrlHandler(NULL, TRUE) ignores Ctrl-C ($rc)" test "$rc:$got" = "0:ready
still running"

start msvcrt; kill -INT "$pid"; finish
check "msvcrt signal(SIGINT)" same msvcrt "ready
SIGINT handler: 2, new thread
after: SIG_DFL" "$got"
check "msvcrt: exit code $rc" test "$rc" = 4

(cd "$top" && setsid env --default-signal=INT ${RUNNER:-"$CARAFE"} "$prog" generate) >"$top/out" 2>"$top/err"
rc=$?
check "GenerateConsoleCtrlEvent" same generate "bad event: 0 87
break: 1
c: 1
events: c 1 break 1
remove: 1
remove again: 0 87" "$(tr -d '\r' <"$top/out")"
check "generate: exit code $rc" test "$rc" = 0

got=$(env --ignore-signal=INT ${RUNNER:-"$CARAFE"} "$prog" flags | tr -d '\r')
check "an inherited SIG_IGN ignores Ctrl-C ($got)" test "$got" = "ignored: 1"
got=$(env --default-signal=INT ${RUNNER:-"$CARAFE"} "$prog" flags | tr -d '\r')
check "Ctrl-C not ignored by default ($got)" test "$got" = "ignored: 0"

echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
