#!/bin/bash
# Start-up time: carafe hello.exe against a native hello and, where
# installed, wine hello.exe.  Prints medians over RUNS runs and the ratios.
# Run from the build tree: make bench
set -u
RUNS=${RUNS:-200}
carafe=${CARAFE:-./carafe}
exe=${EXE:-programs/demo/hello.exe}
native=${NATIVE:-bench/hello-native}
export CARAFE_PREFIX=${CARAFE_PREFIX:-$(mktemp -d)}
"$carafe" "$exe" >/dev/null   # create the prefix first

# median wall time in microseconds of RUNS runs of "$@"
median_us() {
    local times=()
    for ((i = 0; i < RUNS; i++)); do
        local t0=$(date +%s%N)
        "$@" >/dev/null 2>&1
        local t1=$(date +%s%N)
        times+=($(((t1 - t0) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

if command -v hyperfine >/dev/null 2>&1; then
    # hyperfine measures without a shell in between: the most precise figures
    cmds=("$native" "$carafe $exe")
    command -v wine >/dev/null 2>&1 && { WINEDEBUG=-all wine "$exe" >/dev/null 2>&1; cmds+=("wine $exe"); }
    WINEDEBUG=-all hyperfine -N -w 20 -r "$RUNS" "${cmds[@]}"
    exit
fi

n=$(median_us "$native")
c=$(median_us "$carafe" "$exe")
printf 'native hello      %8d us\n' "$n"
printf 'carafe hello.exe  %8d us   (%.2fx native)\n' "$c" "$(echo "$c / $n" | bc -l)"
if command -v wine >/dev/null 2>&1; then
    WINEDEBUG=-all wine "$exe" >/dev/null 2>&1   # start the wineserver and warm the prefix
    w=$(WINEDEBUG=-all median_us wine "$exe")
    printf 'wine hello.exe    %8d us   (%.2fx native, carafe is %.1fx faster)\n' "$w" \
        "$(echo "$w / $n" | bc -l)" "$(echo "$w / $c" | bc -l)"
fi
