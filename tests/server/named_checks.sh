#!/bin/bash
# Named objects, mappings and pipes between two carafe processes (until
# CreateProcess lets the tests start their own children): the Windows-side
# tests in dlls/kernel32/tests/ run in two roles each.  The mutex holder is
# killed with SIGKILL: its waiter must get WAIT_ABANDONED.
set -u
: "${CARAFE:?}" "${builddir:=../..}"
SERVER="$builddir/carafe-server"
T="$builddir/dlls/kernel32/tests"
top=$(mktemp -d "${TMPDIR:-/tmp}/carafe-named-XXXXXX")
export CARAFE_PREFIX="$top/prefix" CARAFE_SERVER_DIR="$top/sock" CARAFE_SERVER_TIMEOUT=30
export CARAFE_DEBUG=-all
mkdir -p "$CARAFE_PREFIX"
checks=0 failures=0
check() {   # check DESCRIPTION COMMAND...
    local what=$1; shift
    checks=$((checks + 1))
    if ! "$@"; then failures=$((failures + 1)); echo "Test failed: $what"; fi
}
cleanup() { "$SERVER" --kill >/dev/null 2>&1; rm -rf "$top"; }
trap cleanup EXIT

# wait_for FILE TEXT: until FILE holds TEXT (10 s at most)
wait_for() {
    for _ in $(seq 200); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
    return 1
}
# pair EXE ROLE1 ROLE2: both at once; both must pass
pair() {
    timeout 20 "$CARAFE" "$T/$1" "$2" x$$ >"$top/$2.out" 2>&1 &
    local first=$!
    timeout 20 "$CARAFE" "$T/$1" "$3" x$$ >"$top/$3.out" 2>&1
    local r2=$?
    wait $first
    local r1=$?
    [ $r1 = 0 ] && [ $r2 = 0 ] && return 0
    cat "$top/$2.out" "$top/$3.out"
    return 1
}

check "event, semaphore and mutex across processes" pair named.exe owner peer
check "a named mapping across processes" pair mapping.exe writer reader
check "a message pipe across processes" pair namedpipe.exe server client

"$CARAFE" "$T/named.exe" hold ab$$ >"$top/hold.out" 2>&1 &
holder=$!
check "the holder takes the mutex" wait_for "$top/hold.out" holding
timeout 20 "$CARAFE" "$T/named.exe" abandoned ab$$ >"$top/ab.out" 2>&1 &
waiter=$!
check "the waiter waits" wait_for "$top/ab.out" waiting
sleep 0.2
kill -9 $holder
wait $holder 2>/dev/null
wait $waiter
r=$?
check "the mutex of a killed process is abandoned ($(tr -d '\r' <"$top/ab.out" | tail -3))" test $r = 0

echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
