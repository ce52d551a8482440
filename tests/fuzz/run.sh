#!/usr/bin/env bash
# Runs libFuzzer targets for a bounded time each, a few at a time, and writes
# a table of what they did (executions per second among it) to OUT/report.md.
#
#   tests/fuzz/run.sh -j JOBS -t SECONDS -o OUT target... [-- libFuzzer options]
#
# Each target runs as OUT/bin/<target> on the corpus OUT/corpus/<target> (new
# inputs are kept there) plus the seeds OUT/seeds/<target>; its output goes to
# OUT/logs/<target>.log, a failing input to OUT/artifacts/. Exits non-zero if
# any target found a crash, leak, timeout or sanitizer report.
set -u
jobs=2 secs=20 out=build/fuzz
targets=() extra=()
while [ $# -gt 0 ]; do
    case "$1" in
    -j) jobs=$2; shift 2 ;;
    -t) secs=$2; shift 2 ;;
    -o) out=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) targets+=("$1"); shift ;;
    esac
done
mkdir -p "$out/logs" "$out/artifacts"

run_one() {
    local t=$1
    mkdir -p "$out/corpus/$t"
    "$out/bin/$t" -max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$out/artifacts/$t-" "${extra[@]}" "$out/corpus/$t" "$out/seeds/$t" \
        >"$out/logs/$t.log" 2>&1
    echo $? >"$out/logs/$t.rc"
}

echo "fuzzing ${#targets[@]} targets for ${secs}s each, $jobs at a time"
for t in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n
    done
    run_one "$t" &
done
wait

# libFuzzer's last status line and final statistics, per target.
report="$out/report.md"
{
    echo "| target | seconds | executions | exec/s | coverage (edges) | corpus | result |"
    echo "|---|---:|---:|---:|---:|---:|---|"
} >"$report"
failed=()
for t in "${targets[@]}"; do
    log="$out/logs/$t.log"
    rc=$(cat "$out/logs/$t.rc" 2>/dev/null || echo 1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
    if [ "$rc" = 0 ]; then
        result=ok
    else
        result="FAILED (exit $rc)"
        failed+=("$t")
    fi
    echo "| $t | $secs | ${runs:-?} | ${eps:-?} | ${cov:-?} | ${corp:-?} | $result |" >>"$report"
done
cat "$report"
for t in "${failed[@]}"; do
    echo "--- $t: $out/logs/$t.log" >&2
    grep -E 'ERROR|SUMMARY|runtime error|==[0-9]+==|Test unit written|^[^ ].*: ' "$out/logs/$t.log" \
        | grep -v '^INFO' | head -n 20 >&2
done
[ ${#failed[@]} -eq 0 ]
