#!/bin/bash
# The image cache (dlls/ntdll/imagecache.c): a large image is laid out once
# and mapped at later starts; a changed file or a damaged entry is never
# used.  Run from the build directory tests/loader by run-tests.sh (kind
# unit:), with $CARAFE set; ends with "N checks, M failures".
set -u
: "${CARAFE:?}"
checks=0 failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CARAFE_PREFIX=$tmp/prefix CARAFE_IMAGE_CACHE_MIN=0 CARAFE_DEBUG=+module
unset CARAFE_IMAGE_CACHE
cache=$CARAFE_PREFIX/cache/images

check() {   # check DESCRIPTION COMMAND...: the command must succeed
    local what=$1
    shift
    checks=$((checks + 1))
    if ! "$@"; then
        failures=$((failures + 1))
        echo "imagecache_checks: Test failed: $what"
    fi
}

run() {   # run PROGRAM: stdout (CRs dropped) in $tmp/out, the loader's trace in $tmp/err
    "$CARAFE" "$@" 2>"$tmp/err" </dev/null | tr -d '\r' >"$tmp/out"
}
not() { ! "$@"; }
entries() { ls "$cache" 2>/dev/null | grep -vc '\.tmp' ; }

cp ../../programs/demo/hello.exe "$tmp/h.exe"
run "$tmp/h.exe"
cp "$tmp/out" "$tmp/first"
check "first start: output [$(head -n 1 "$tmp/out")]" grep -q '^Hello from ' "$tmp/out"
check "first start: $(entries) entries, expected 1" [ "$(entries)" = 1 ]
check "first start: not from the cache" not grep -q 'mapped from' "$tmp/err"

run "$tmp/h.exe"
check "second start: mapped from the cache" grep -q 'mapped from' "$tmp/err"
check "second start: the same output" cmp -s "$tmp/out" "$tmp/first"

# the same size, another text: a new entry, never the old one
LC_ALL=C sed -i 's/Hello from/Jello from/' "$tmp/h.exe"
run "$tmp/h.exe"
check "changed file: output [$(head -n 1 "$tmp/out")]" grep -q '^Jello from ' "$tmp/out"
check "changed file: not from the cache" not grep -q 'mapped from' "$tmp/err"
check "changed file: $(entries) entries, expected 2" [ "$(entries)" = 2 ]

# a damaged entry (cut short, as by a crash while writing) is written again
for f in "$cache"/*; do truncate -s -8 "$f"; done
run "$tmp/h.exe"
check "damaged entry: output [$(head -n 1 "$tmp/out")]" grep -q '^Jello from ' "$tmp/out"
check "damaged entry: not used" not grep -q 'mapped from' "$tmp/err"
run "$tmp/h.exe"
check "damaged entry: replaced" grep -q 'mapped from' "$tmp/err"

# off, and below the size limit: nothing written
cp ../../programs/demo/hello.exe "$tmp/h2.exe"
CARAFE_IMAGE_CACHE=off run "$tmp/h2.exe"
check "off: $(entries) entries, expected 2" [ "$(entries)" = 2 ]
CARAFE_IMAGE_CACHE_MIN=100000000 run "$tmp/h2.exe"
check "small image: $(entries) entries, expected 2" [ "$(entries)" = 2 ]

echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
