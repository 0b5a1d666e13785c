#!/bin/bash
# What carafe itself prints on stderr, and carafe --check, for programs that
# crash or call what does not exist (stderr is outside the golden tests).
# Run from the build directory tests/loader by run-tests.sh (kind unit:),
# with $CARAFE set; ends with "N checks, M failures".
set -u
: "${CARAFE:?}"
checks=0 failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {   # check DESCRIPTION COMMAND...: the command must succeed
    local what=$1
    shift
    checks=$((checks + 1))
    if ! "$@"; then
        failures=$((failures + 1))
        echo "stderr_checks: Test failed: $what"
    fi
}

run() {   # run PROGRAM [ARGS]: stdout, stderr and status into $tmp
    "$CARAFE" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    echo $? >"$tmp/rc"
}

lines() { wc -l <"$1" | tr -d ' '; }
stdout() { tr -d '\r' <"$tmp/out"; }   # msvcrt's text mode writes CRLF

# an unhandled access violation: one line on stderr, status 0xc0000005 & 255
run ./crash_buffered.exe
check "crash: exit status $(cat "$tmp/rc"), expected 5" [ "$(cat "$tmp/rc")" = 5 ]
check "crash: stdout is [$(stdout)]" [ "$(stdout)" = flushed ]
check "crash: $(lines "$tmp/err") lines on stderr: $(cat "$tmp/err")" [ "$(lines "$tmp/err")" = 1 ]
check "crash: stderr says: $(head -n 1 "$tmp/err")" \
    grep -qE '^carafe: unhandled exception 0xc0000005 .*crash_buffered\.exe\+0x[0-9a-f]+$' "$tmp/err"

# a kernel32 function that carafe does not implement: fails when called
run ./missing_import.exe
check "missing import: stdout is [$(stdout)]" [ "$(stdout)" = "before the call" ]
check "missing import: stderr says: $(head -n 1 "$tmp/err")" \
    grep -qE '^carafe: unimplemented function KERNEL32\.dll\.GetFirmwareEnvironmentVariableA called from missing_import\.exe\+0x[0-9a-f]+$' "$tmp/err"
# STATUS_ENTRYPOINT_NOT_FOUND (0xc0000139) & 255
check "missing import: exit status $(cat "$tmp/rc"), expected 57" [ "$(cat "$tmp/rc")" = 57 ]
run --check ./missing_import.exe
check "missing import: --check exit status $(cat "$tmp/rc"), expected 1" [ "$(cat "$tmp/rc")" = 1 ]
check "missing import: --check does not list it as missing" \
    grep -qE '^ +missing +GetFirmwareEnvironmentVariableA$' "$tmp/out"
check "missing import: --check lists printf as missing" \
    bash -c "! grep -qE '^ +missing +printf\$' '$tmp/out'"

# debug channels: a fixme is on by default and printed once per call site;
# -all silences it; warn+module shows the loader's warnings; +relay traces calls
CARAFE_DEBUG= run ./fixme_twice.exe
check "fixme: stdout is [$(stdout)]" [ "$(stdout)" = done ]
check "fixme: $(grep -c 'fixme:console:GenerateConsoleCtrlEvent' "$tmp/err") fixme lines, expected 1" \
    [ "$(grep -c '^carafe: fixme:console:GenerateConsoleCtrlEvent ' "$tmp/err")" = 1 ]
CARAFE_DEBUG=-all run ./fixme_twice.exe
check "-all: stderr is [$(cat "$tmp/err")]" [ ! -s "$tmp/err" ]
CARAFE_DEBUG=warn+module run ./missing_import.exe
check "warn+module: no warning about the missing import" \
    grep -qE '^carafe: warn:module:[a-z_]+ .*GetFirmwareEnvironmentVariableA' "$tmp/err"
CARAFE_DEBUG=+relay run ./fixme_twice.exe
check "+relay: no Call line for SetConsoleCtrlHandler" grep -qE '^carafe: [0-9a-f]+:Call KERNEL32\.SetConsoleCtrlHandler\(' "$tmp/err"
check "+relay: no Ret line for SetConsoleCtrlHandler" grep -qE '^carafe: [0-9a-f]+:Ret  KERNEL32\.SetConsoleCtrlHandler\(\) retval=0+1 ' "$tmp/err"
check "+relay: stdout is [$(stdout)]" [ "$(stdout)" = done ]

# a DLL that is not there: the program runs until it calls into it
run ./missing_dll.exe
check "missing DLL: stdout is [$(stdout)]" [ "$(stdout)" = "before the call" ]
check "missing DLL: stderr says: $(head -n 1 "$tmp/err")" \
    grep -qE '^carafe: unimplemented function ldrghost\.dll\.ghost_func called from missing_dll\.exe\+0x[0-9a-f]+$' "$tmp/err"
check "missing DLL: exit status $(cat "$tmp/rc"), expected 57" [ "$(cat "$tmp/rc")" = 57 ]
run --check ./missing_dll.exe
check "missing DLL: --check exit status $(cat "$tmp/rc"), expected 1" [ "$(cat "$tmp/rc")" = 1 ]
check "missing DLL: --check does not say it is not found" grep -qE '^ldrghost\.dll \(not found\)$' "$tmp/out"
check "missing DLL: --check does not list ghost_func as missing" grep -qE '^ +missing +ghost_func$' "$tmp/out"

# a DLL whose DllMain fails at process start: the process does not start
run ./fail_start.exe
check "DllMain failure: stdout is [$(stdout)]" [ ! -s "$tmp/out" ]
# STATUS_DLL_INIT_FAILED (0xc0000142) & 255
check "DllMain failure: exit status $(cat "$tmp/rc"), expected 66" [ "$(cat "$tmp/rc")" = 66 ]
check "DllMain failure: stderr says: $(head -n 1 "$tmp/err")" \
    grep -qE '^carafe: ldrfail\.dll: DllMain\(DLL_PROCESS_ATTACH\) failed$' "$tmp/err"

echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
