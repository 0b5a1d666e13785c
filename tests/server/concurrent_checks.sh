#!/bin/bash
# Windows programs using the registry through carafe (dlls/ntdll/server.c):
# 50 of them at once with no server running (start on demand, one server),
# nothing lost; the values survive carafe-server --kill and the next start;
# a program that never touches the registry starts no server.
# A private prefix and socket directory; the servers are killed at the end.
set -u
: "${CARAFE:?}" "${builddir:=../..}"
SERVER="$builddir/carafe-server"
top=$(mktemp -d "${TMPDIR:-/tmp}/carafe-conc-XXXXXX")
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

"$CARAFE" "$builddir/tests/golden/hello.exe" >/dev/null 2>&1
check "a program without registry use starts no server" test ! -e "$top/sock" -o -z "$(ls -A "$top/sock" 2>/dev/null | grep sock)"

pids=()
for i in $(seq 1 50); do
    "$CARAFE" ./regtest.exe set "$i" >"$top/out.$i" 2>&1 &
    pids+=($!)
done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
check "50 concurrent writers all succeed ($bad failed: $(cat "$top"/out.* | sort | uniq -c | head -3))" test "$bad" = 0
servers=$(ls "$top/sock" | grep -c '\.sock$')
check "one server socket ($servers)" test "$servers" = 1
count=$("$CARAFE" ./regtest.exe count 2>&1 | tr -d '\r')
check "50 values and 50 subkeys ($count)" test "$count" = "50 50"

"$SERVER" --kill
check "no server after --kill" test -z "$(ls "$top/sock" | grep '\.sock$')"
check "registry.txt has the key" grep -q '"carafe-concurrent"' "$CARAFE_PREFIX/registry.txt"
v=$("$CARAFE" ./regtest.exe get 37 2>&1 | tr -d '\r')
check "a value survives a restart ($v)" test "$v" = 37
count=$("$CARAFE" ./regtest.exe count 2>&1 | tr -d '\r')
check "all survive a restart ($count)" test "$count" = "50 50"
check "delete" "$CARAFE" ./regtest.exe delete

echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
