#!/bin/bash
# Process benchmarks: bench/proc-win.exe under carafe (and Wine, when
# installed) against bench/proc-native (fork+exec, futexes in a shared
# memfd, a UNIX-socket request/reply server).  Each program runs RUNS times;
# the script prints the median of each figure and the ratios.
# Run by `make bench` from the build directory.
#   spawn      CreateProcess + WaitForSingleObject of a trivial child, x100
#   ping-pong  two named auto-reset events between two processes, x20000
#   registry   (carafe: with its cache of reads, and without)
#              RegQueryValueExW of HKLM\Software\Microsoft\Windows NT\
#              CurrentVersion ProductName through an open key, x100000;
#              RegOpenKeyExW + RegQueryValueExW + RegCloseKey, x10000
set -u
builddir=${builddir:-.}
RUNS=${RUNS:-5}
carafe=$builddir/carafe
win=$builddir/bench/proc-win.exe
native=$builddir/bench/proc-native
# a private prefix, so its own carafe-server, stopped at the end
export CARAFE_PREFIX=$(mktemp -d)
out=$(mktemp -d)
cleanup() {
    "$builddir/carafe-server" --kill >/dev/null 2>&1
    rm -rf "$CARAFE_PREFIX" "$out"
}
trap cleanup EXIT

# collect NAME CMD...: RUNS runs of CMD, their "key value" lines in $out/NAME
collect() {
    local name=$1
    shift
    : >"$out/$name"
    local failed=0
    for ((i = 0; i < RUNS; i++)); do
        # a failed run adds no figures: the medians are of the others
        "$@" >"$out/run" 2>"$out/$name.err" && cat "$out/run" >>"$out/$name" ||
            { failed=$((failed + 1)); sed 's/^/  /' "$out/$name.err"; }
    done
    [ $failed = 0 ] || echo "($name: $failed of $RUNS runs failed)"
}

# median NAME KEY: the median of KEY over NAME's runs, or "-"
median() {
    [ -s "$out/$1" ] || { echo -; return; }
    awk -v k="$2" '$1 == k {print $2}' "$out/$1" | sort -g |
        awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]; else print "-"}'
}

echo "== process benchmarks: medians of $RUNS runs"
collect native "$native"
"$carafe" "$win" child   # create the prefix and start its server
collect carafe "$carafe" "$win"
# every read a round trip to carafe-server, as the first read of a value in a process is
collect carafe.uncached env CARAFE_REGCACHE=off "$carafe" "$win" registry
have_wine=0
if command -v wine >/dev/null 2>&1; then
    export WINEDEBUG=-all
    wine "$win" child >/dev/null 2>&1   # start the wineserver and warm the prefix
    collect wine wine "$win"
    have_wine=1
else
    echo "== wine: not installed"
fi
# The ping-pong depends on where the scheduler puts the two processes (a
# wake-up on another CPU costs far more than a switch on the same one), so
# it is measured again with everything on CPU 0.
if command -v taskset >/dev/null 2>&1; then
    collect native.cpu0 taskset -c 0 "$native" pingpong
    collect carafe.cpu0 taskset -c 0 "$carafe" "$win" pingpong
    [ $have_wine = 1 ] && collect wine.cpu0 taskset -c 0 wine "$win" pingpong
fi

# row LABEL KEY KIND [SUFFIX]: KIND "time" (lower is better) or "rate" (higher is
# better).  Ratios are of times: carafe/native > 1 means carafe is slower
# than native; wine/carafe > 1 means carafe is faster than Wine.
row() {
    local n c w
    n=$(median "native${4:-}" "$2")
    c=$(median "carafe${4:-}" "$2")
    w=$(median "wine${4:-}" "$2")
    awk -v l="$1" -v n="$n" -v c="$c" -v w="$w" -v kind="$3" 'function ratio(slow, fast) {
            if (slow == "-" || fast == "-" || slow == 0 || fast == 0) return "-"
            return sprintf("%.2fx", kind == "time" ? slow / fast : fast / slow)
        }
        BEGIN {printf "%-34s %12s %12s %12s %14s %12s\n", l, n, c, w, ratio(c, n), ratio(w, c)}'
}

printf '%-34s %12s %12s %12s %14s %12s\n' test native carafe wine carafe/native wine/carafe
row "spawn: 100 spawns (ms)" spawn_total_ms time
row "spawn: per spawn (us)" spawn_us time
row "ping-pong: round trips per second" pingpong_per_s rate
row "ping-pong: per round trip (us)" pingpong_us time
row "ping-pong, one CPU: round trips/s" pingpong_per_s rate .cpu0
row "ping-pong, one CPU: per trip (us)" pingpong_us time .cpu0
row "RegQueryValueExW per second" regquery_per_s rate
row "RegQueryValueExW (us)" regquery_us time
row "Open+Query+Close per second" regopen_per_s rate
row "Open+Query+Close (us)" regopen_us time
c=$(median carafe.uncached regquery_us)
o=$(median carafe.uncached regopen_us)
echo "carafe without its registry cache (CARAFE_REGCACHE=off; each read a server round trip,"
echo " as the first read of a value in a process): RegQueryValueExW $c us, Open+Query+Close $o us"
echo "(ratios are of times: carafe/native 3.00x = carafe takes 3 times as long;"
echo " wine/carafe 2.00x = Wine takes twice as long as carafe)"
echo "one CPU: taskset -c 0, both processes on the same CPU"
echo "native spawn: fork+execv+waitpid; native ping-pong: futex words in a shared memfd;"
echo "native registry: Linux has none; the figures are request/reply round trips"
echo "(1 per query; open+query+close = 3) to a server process over a UNIX stream"
echo "socket, carafe-server's transport, with an in-memory one-value lookup"
