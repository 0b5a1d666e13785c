#!/bin/bash
# Runs carafe's tests in parallel and ends with "N passed, M failed".
#   unit:PROG        a native test program (last line "N checks, 0 failures")
#   win:PROG.exe     a Windows-side test run under carafe (same contract)
#   golden:PROG.exe  a real program; stdout and exit code must match
#                    PROG.out and PROG.rc beside its source (args in PROG.args)
#   lint:DIR         builtin DLL sources must not use __thread (gcc does not
#                    preserve ms_abi registers around its __tls_get_addr call)
#   malformed:DIR    malformed programs made by tests/unit/mkmalformed: each
#                    must be refused with a carafe: message, never a crash
# Environment: CARAFE (the carafe to run), srcdir, builddir, JOBS.
set -u
: "${CARAFE:?}" "${srcdir:=.}" "${builddir:=.}"
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
export CARAFE srcdir builddir results
# tests run in a private prefix so they never touch the user's
export CARAFE_PREFIX="$results/prefix"
export CARAFE_DEBUG="${CARAFE_DEBUG:--all}"

run_one() {
    spec=$1
    kind=${spec%%:*}
    path=${spec#*:}
    name=$(echo "$path" | tr '/' '_')
    out="$results/$name.out"
    status=0
    case $kind in
    unit|win)
        dir=$(dirname "$path")
        if [ "$kind" = unit ]; then
            (cd "$dir" && timeout 120 "./$(basename "$path")") >"$out" 2>&1
        else
            (cd "$dir" && timeout 120 "$CARAFE" "./$(basename "$path")") >"$out" 2>&1
        fi
        rc=$?
        last=$(tr -d '\r' <"$out" | grep -E '^[0-9]+ checks, [0-9]+ failures$' | tail -n 1)
        case $last in
        *" checks, 0 failures") [ $rc -eq 0 ] || status=1 ;;
        *) status=1 ;;
        esac
        [ "${last%% *}" = 0 ] && status=1   # a test that checks nothing fails
        ;;
    golden)
        base="$srcdir/${path%.exe}"
        args=""
        [ -f "$base.args" ] && args=$(cat "$base.args")
        stdin=/dev/null
        [ -f "$base.in" ] && stdin="$base.in"
        (cd "$(dirname "$path")" && eval "timeout 120 \"\$CARAFE\" ./$(basename "$path") $args") <"$stdin" >"$out.stdout" 2>"$out.stderr"
        rc=$?
        want_rc=0
        [ -f "$base.rc" ] && want_rc=$(cat "$base.rc")
        if ! cmp -s "$out.stdout" "$base.out"; then
            status=1
            diff -u "$base.out" "$out.stdout" >"$out" 2>&1
        fi
        if [ "$rc" != "$want_rc" ]; then
            status=1
            echo "exit code $rc, expected $want_rc" >>"$out"
        fi
        cat "$out.stderr" >>"$out"
        ;;
    lint)
        if grep -rnE '(^|[^_[:alnum:]])__thread[[:space:]]+[[:alpha:]_]' "$srcdir/$path" \
                --include='*.c' --include='*.h' >"$out" 2>&1; then
            status=1
        fi
        ;;
    malformed)
        mkdir -p "$path"
        tests/unit/mkmalformed tests/golden/hello.exe "$path" >"$out" 2>&1 || status=1
        n=0
        for f in "$path"/*.exe; do
            n=$((n + 1))
            timeout 20 "$CARAFE" "$f" >"$out.one" 2>&1
            rc=$?
            first=$(head -n 1 "$out.one")
            expect=$(cat "${f%.exe}.expect" 2>/dev/null)
            case "$rc:$first" in
            126:carafe:*|127:carafe:*|125:carafe:*) ;;
            *) status=1; echo "$f: exit $rc: $first" >>"$out" ;;
            esac
            if [ -n "$expect" ] && ! grep -qF -- "$expect" "$out.one"; then
                status=1
                echo "$f: message does not say \"$expect\": $first" >>"$out"
            fi
        done
        [ $n -gt 0 ] || { status=1; echo "no malformed samples" >>"$out"; }
        echo "$n malformed programs" >>"$out"
        ;;
    esac
    # one write per test, so parallel reports do not interleave
    if [ $status = 0 ]; then
        echo "PASS: $path"
        touch "$results/$name.pass"
    else
        report=$(printf 'FAIL: %s\n' "$path"; tr -d '\r' <"$out" | tail -n 40 | sed 's/^/    /')
        printf '%s\n' "$report"
        touch "$results/$name.fail"
    fi
}
export -f run_one

for spec in "$@"; do echo "$spec"; done | xargs -P "$JOBS" -I{} bash -c 'run_one "$@"' _ {}
passed=$(ls "$results" | grep -c '\.pass$')
failed=$(ls "$results" | grep -c '\.fail$')
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
