#!/bin/bash
# reg.exe (programs/reg): add, query, delete, export and import round trips
# in a private prefix, with output compared to the formats Windows' reg.exe
# prints (the layout cross-checked with Wine's reg; the messages are
# Windows' own).  Values are added in name order, since Wine enumerates
# them sorted and Windows in creation order.
# REG can name another runner: REG="wine ./reg.exe" bash regexe_checks.sh
set -u
: "${builddir:=../..}"
top=$(mktemp -d "${TMPDIR:-/tmp}/carafe-regexe-XXXXXX")
export CARAFE_PREFIX="$top/prefix" CARAFE_SERVER_DIR="$top/sock" CARAFE_DEBUG=-all
mkdir -p "$CARAFE_PREFIX"
if [ -z "${REG:-}" ]; then
    : "${CARAFE:?}"
    REG="$CARAFE $builddir/programs/reg/reg.exe"
fi
cd "$top"
checks=0 failures=0
check() {   # check DESCRIPTION COMMAND...
    local what=$1; shift
    checks=$((checks + 1))
    if ! "$@"; then failures=$((failures + 1)); echo "Test failed: $what"; fi
}
cleanup() {
    [ -x "$builddir/carafe-server" ] && "$builddir/carafe-server" --kill >/dev/null 2>&1
    cd /; rm -rf "$top"
}
trap cleanup EXIT

# run reg with ARGS; stdout in $out (CRs kept), stderr in $err, exit code in $rc
reg() { $REG "$@" >"$top/stdout" 2>"$top/stderr" </dev/null; rc=$?; out=$(cat -v "$top/stdout"); err=$(tr -d '\r' <"$top/stderr"); }
# the text, with each line ending in ^M (CR) as cat -v shows it
crlf() { printf '%s\n' "$@" | sed 's/$/^M/'; }
same() {   # same WHAT EXPECTED ACTUAL
    [ "$2" = "$3" ] && return 0
    echo "--- $1: expected"; echo "$2"; echo "--- got"; echo "$3"
    return 1
}
ok=$(crlf "The operation completed successfully.")
K='HKCU\Software\CarafeRegTest'
KL='HKEY_CURRENT_USER\Software\CarafeRegTest'

# ---- add ----
n=0
for args in "/ve /d def" "/v Bin /t REG_BINARY /d 0aff10" "/v Dw /t REG_DWORD /d 42" \
        "/v Exp /t REG_EXPAND_SZ /d %PATH%;x" "/v Multi /t REG_MULTI_SZ /d one\\0two" \
        "/v None /t REG_NONE" "/v Qw /t REG_QWORD /d 0x100000000" "/v Str /d hello" \
        "/v Zsep /t REG_MULTI_SZ /s # /d x#y#z"; do
    reg add "$K" $args /f
    [ "$rc" = 0 ] && [ "$out" = "$ok" ] && n=$((n + 1))
done
check "9 values added ($n)" test "$n" = 9
reg add "$K\\Sub" /v Inner /t REG_DWORD /d 0xffffffff /f
check "add subkey value" same add "$ok" "$out"
reg add "$K\\Sub\\Deep" /f
check "add a key alone" test "$rc:$out" = "0:$ok"
reg add 'HKEY_CURRENT_USER\Software\CarafeRegTest\Sub' /v Long /d fullname /f
check "add with the root's long name" test "$rc" = 0

# ---- query ----
values=$(crlf "    (Default)    REG_SZ    def" \
    "    Bin    REG_BINARY    0AFF10" \
    "    Dw    REG_DWORD    0x2a" \
    "    Exp    REG_EXPAND_SZ    %PATH%;x" \
    "    Multi    REG_MULTI_SZ    one\\0two" \
    "    None    REG_NONE    0000" \
    "    Qw    REG_QWORD    0x100000000" \
    "    Str    REG_SZ    hello" \
    "    Zsep    REG_MULTI_SZ    x\\0y\\0z")
reg query "$K"
check "query" same query "$(crlf "" "$KL")
$values
$(crlf "" "$KL\\Sub")" "$out"
check "query exit code" test "$rc" = 0
whole=$(crlf "" "$KL")"
$values
"$(crlf "" "$KL\\Sub" "    Inner    REG_DWORD    0xffffffff" "    Long    REG_SZ    fullname" "" \
    "$KL\\Sub\\Deep" "")
reg query "$K" /s
check "query /s" same "query /s" "$whole" "$out"
reg query "$K\\Sub"
check "query a key with values and a subkey" same "query sub" \
    "$(crlf "" "$KL\\Sub" "    Inner    REG_DWORD    0xffffffff" "    Long    REG_SZ    fullname" "" "$KL\\Sub\\Deep")" "$out"
reg query "$K\\Sub\\Deep"
check "query an empty key" same "query empty" "$(crlf "")" "$out"
reg query "$K" /v Str
check "query /v" same "query /v" "$(crlf "" "$KL" "    Str    REG_SZ    hello" "")" "$out"
reg query "$K" /ve
check "query /ve" same "query /ve" "$(crlf "" "$KL" "    (Default)    REG_SZ    def" "")" "$out"
reg query "$K\\Sub" /ve
check "query /ve unset" same "query /ve unset" "$(crlf "" "$KL\\Sub" "    (Default)    REG_SZ    (value not set)" "")" "$out"
reg query "$K" /v Inner /s
check "query /v /s" same "query /v /s" "$(crlf "" "$KL\\Sub" "    Inner    REG_DWORD    0xffffffff" "" \
    "End of search: 1 match(es) found.")" "$out"
reg query "$K" /v Nope
check "query a missing value: exit 1 ($rc)" test "$rc" = 1
check "query a missing value: message" same "missing value" \
    "ERROR: The system was unable to find the specified registry key or value." "$err"
check "query a missing value: no output" test -z "$out"
reg query "$K\\Nope"
check "query a missing key" test "$rc:$out" = "1:"
reg query 'HKXX\Software'
check "query a bad root" test "$rc:$err" = "1:ERROR: Invalid key name.
Type \"REG QUERY /?\" for usage."
reg query "$K" /v
check "query /v without a name" test "$rc:$err" = "1:ERROR: Invalid syntax.
Type \"REG QUERY /?\" for usage."
reg bogus
check "an unknown operation" test "$rc" = 1

# ---- add: refusals ----
reg add "$K" /v Bad /t REG_DWORD /d 12z /f
check "a bad dword" test "$rc" = 1
reg add "$K" /v Bad /t REG_BINARY /d 0ag /f
check "bad binary" test "$rc" = 1
reg add "$K" /v Bad /t REG_FOO /d 1 /f
check "an unknown type" test "$rc" = 1
reg add "$K" /v Str /d changed
check "overwrite declined (no input): exit 0 ($rc)" test "$rc" = 0
reg query "$K" /v Str
check "overwrite declined: value kept" same "kept" "$(crlf "" "$KL" "    Str    REG_SZ    hello" "")" "$out"

# ---- export ----
reg export "$K" exported.reg
check "export" test "$rc:$out" = "0:$ok"
check "export: UTF-16LE with a byte-order mark" test "$(head -c 2 exported.reg | od -An -tx1 | tr -d ' ')" = fffe
expected_reg=$(crlf "Windows Registry Editor Version 5.00" "" "[$KL]" '@="def"' '"Bin"=hex:0a,ff,10' \
    '"Dw"=dword:0000002a' '"Exp"=hex(2):25,00,50,00,41,00,54,00,48,00,25,00,3b,00,78,00,00,00' \
    '"Multi"=hex(7):6f,00,6e,00,65,00,00,00,74,00,77,00,6f,00,00,00,00,00' '"None"=hex(0):00,00' \
    '"Qw"=hex(b):00,00,00,00,01,00,00,00' '"Str"="hello"' \
    '"Zsep"=hex(7):78,00,00,00,79,00,00,00,7a,00,00,00,00,00' "" \
    "[$KL\\Sub]" '"Inner"=dword:ffffffff' '"Long"="fullname"' "" "[$KL\\Sub\\Deep]" "")
got=$(tail -c +3 exported.reg | iconv -f UTF-16LE -t UTF-8 | cat -v)
check "export: contents" same export "$expected_reg" "$got"
cp exported.reg before.reg
reg export "$K\\Sub" exported.reg
check "export over a file, declined: exit 0" test "$rc" = 0
check "export over a file, declined: file kept" cmp -s exported.reg before.reg
reg export "$K\\Sub" exported.reg /y
check "export /y" test "$rc" = 0
check "export /y: replaced" test "$(tail -c +3 exported.reg | iconv -f UTF-16LE -t UTF-8 | sed -n 3p | tr -d '\r')" = "[$KL\\Sub]"
reg export "$K\\Nope" nope.reg
check "export a missing key" test "$rc" = 1 -a ! -e nope.reg

# long binary data wraps at 80 columns as regedit's does
reg add "$K\\Wrap" /v LongBinaryValueName /t REG_BINARY \
    /d 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f /f
reg add "$K\\Wrap" /v 'q"b\s' /d 'x"y\z' /f
reg export "$K\\Wrap" wrap.reg
got=$(tail -c +3 wrap.reg | iconv -f UTF-16LE -t UTF-8 | cat -v)
check "export: wrapped hex and escapes" same wrap "$(crlf "Windows Registry Editor Version 5.00" "" "[$KL\\Wrap]" \
    '"LongBinaryValueName"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,\' \
    '  11,12,13,14,15,16,17,18,19,1a,1b,1c,1d,1e,1f,20,21,22,23,24,25,26,27,28,29,\' \
    '  2a,2b,2c,2d,2e,2f' '"q\"b\\s"="x\"y\\z"' "")" "$got"

# ---- delete ----
reg delete "$K" /v Str /f
check "delete /v" test "$rc:$out" = "0:$ok"
reg query "$K" /v Str
check "deleted value is gone" test "$rc" = 1
reg delete "$K" /v Str /f
check "delete a missing value" test "$rc" = 1
reg delete "$K" /ve /f
reg query "$K" /ve
check "delete /ve" same "delete /ve" "$(crlf "" "$KL" "    (Default)    REG_SZ    (value not set)" "")" "$out"
reg delete "$K" /va /f
reg query "$K"
check "delete /va keeps the subkeys" same "delete /va" "$(crlf "" "$KL\\Sub" "$KL\\Wrap")" "$out"
reg delete "$K"
check "delete declined (no input)" test "$rc" = 0
reg query "$K"
check "delete declined: key kept" test "$rc" = 0
reg delete "$K" /f
check "delete a key tree" test "$rc:$out" = "0:$ok"
reg query "$K"
check "deleted key is gone" test "$rc" = 1
reg delete 'HKCU' /f
check "deleting a root is refused" test "$rc" = 1

# ---- import ----
reg import before.reg
check "import" test "$rc:$out" = "0:$ok"
reg query "$K" /s
check "import: round trip" same "round trip" "$whole" "$out"
reg import wrap.reg
reg export "$K\\Wrap" wrap2.reg
check "import: round trip of wrapped data and escapes" cmp -s wrap.reg wrap2.reg

# a hand-written REGEDIT4 file: ANSI, comments, deletions, continuation lines
printf '%s\r\n' 'REGEDIT4' '' '; a comment' "[-$KL\\Sub]" "[$KL]" '"Str"="a \"quoted\" \\ string"' \
    '"Dw"=-' '"Zt_hex"=hex:01,02,\' '  03' '"Zu_ansi"=hex(2):41,42,00' "[$KL\\New]" '@=dword:00000010' >v4.reg
reg import v4.reg
check "import REGEDIT4" test "$rc" = 0
reg query "$K" /s
check "import REGEDIT4: result" same "regedit4" "$(crlf "" "$KL")
$(crlf "    (Default)    REG_SZ    def" "    Bin    REG_BINARY    0AFF10" "    Exp    REG_EXPAND_SZ    %PATH%;x" \
    "    Multi    REG_MULTI_SZ    one\\0two" "    None    REG_NONE    0000" "    Qw    REG_QWORD    0x100000000" \
    '    Str    REG_SZ    a "quoted" \ string' "    Zsep    REG_MULTI_SZ    x\\0y\\0z" \
    "    Zt_hex    REG_BINARY    010203" "    Zu_ansi    REG_EXPAND_SZ    AB" "" \
    "$KL\\New" "    (Default)    REG_DWORD    0x10" "" \
    "$KL\\Wrap" "    LongBinaryValueName    REG_BINARY    000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F" \
    '    q"b\s    REG_SZ    x"y\z' "")" "$out"
printf 'not a registry file\r\n' >bad.reg
reg import bad.reg
check "import a file that is not a registry script" test "$rc" = 1
reg import missing.reg
check "import a missing file" test "$rc" = 1

# ---- reg as a builtin program (not under another runner) ----
if [ -n "${CARAFE:-}" ] && [ "$REG" = "$CARAFE $builddir/programs/reg/reg.exe" ]; then
    out=$("$CARAFE" reg query "$K\\New" </dev/null | cat -v)
    check "carafe reg" same "carafe reg" "$(crlf "" "$KL\\New" "    (Default)    REG_DWORD    0x10" "")" "$out"
fi

reg delete "$K" /f
echo "$checks checks, $failures failures"
[ "$failures" = 0 ]
