#!/bin/bash
# cmd.exe checks: each tests/cmd/NAME.bat runs as "cmd /c NAME.bat" and each
# NAME.cmdline as "cmd <its text>", in a scratch directory holding a copy of
# tests/cmd (helper_*.bat, the test programs); stdout (CR removed) must equal
# NAME.out and the exit code NAME.rc (default 0); NAME.in is stdin.
# Tests named t_ext_* need CreateProcess (external programs, and every pipe:
# a builtin side runs in a child cmd): they are skipped with a note while
# cmd cannot start a program.
# Ends with "N checks, M failures".  Environment: CARAFE, srcdir, builddir.
set -u
: "${CARAFE:?}" "${srcdir:=.}" "${builddir:=.}"
case $srcdir in /*) ;; *) srcdir="$builddir/$srcdir" ;; esac
src="$srcdir/tests/cmd"
bin="$builddir/tests/cmd"
checks=0
failures=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cmdtest.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

fresh_dir() {
    rm -rf "$scratch/run"
    mkdir -p "$scratch/run"
    cp "$src"/*.bat "$scratch/run/" 2>/dev/null
    cp "$src"/*.txt "$scratch/run/" 2>/dev/null
    cp "$bin"/*.exe "$scratch/run/" 2>/dev/null
}

check() {   # name, what, ok
    checks=$((checks + 1))
    if [ "$3" != 1 ]; then
        failures=$((failures + 1))
        echo "FAIL: $1: $2"
    fi
}

# can cmd start a program?  (CreateProcess may not exist yet)
fresh_dir
(cd "$scratch/run" && timeout 20 "$CARAFE" cmd /c "exitcode.exe 7" >/dev/null 2>&1)
have_create=$([ $? = 7 ] && echo 1 || echo 0)
[ $have_create = 1 ] || echo "note: cmd cannot start programs here (no CreateProcess): t_ext_* tests skipped"

for t in "$src"/*.bat "$src"/*.cmdline; do
    [ -e "$t" ] || continue
    name=$(basename "$t")
    base=${name%.*}
    case $base in helper_*) continue ;; esac
    case $base in ext_*|t_ext_*) [ $have_create = 1 ] || continue ;; esac
    fresh_dir
    stdin=/dev/null
    [ -f "$src/$base.in" ] && stdin="$src/$base.in"
    if [ "${name##*.}" = bat ]; then
        (cd "$scratch/run" && timeout 60 "$CARAFE" cmd /c "$name") <"$stdin" >"$scratch/out" 2>"$scratch/err"
    else
        args=$(cat "$t")
        (cd "$scratch/run" && eval "timeout 60 \"\$CARAFE\" cmd $args") <"$stdin" >"$scratch/out" 2>"$scratch/err"
    fi
    rc=$?
    want_rc=0
    [ -f "$src/$base.rc" ] && want_rc=$(cat "$src/$base.rc")
    tr -d '\r' <"$scratch/out" >"$scratch/out.lf"
    if cmp -s "$scratch/out.lf" "$src/$base.out"; then
        check "$base" stdout 1
    else
        check "$base" stdout 0
        diff -u "$src/$base.out" "$scratch/out.lf" | head -n 30
        head -n 5 "$scratch/err"
    fi
    if [ "$rc" = "$want_rc" ]; then check "$base" "exit code" 1
    else check "$base" "exit code $rc, expected $want_rc" 0; fi
done
echo "$checks checks, $failures failures"
[ $failures = 0 ]
