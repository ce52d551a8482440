#!/usr/bin/env bash
# Runs unit-test images on QEMU's mps2-an386 (Cortex-M4F) with semihosting;
# prints one line per image and fails if any image fails or times out.
#
#   run.sh [-t seconds] [-q qemu] image.elf...
#
# Run from the repository root: the images open their fixtures (tests/...)
# through semihosting, relative to QEMU's working directory.
#
# An image passes when it exits 0 and its last summary line reads "ok: ...".
# Images named selfcheck-<what>.elf must instead end the way the table below
# says: they prove that a failing check, a stack overflow, a read of a guard
# page and a write to flash each fail a run, and that the stand-ins work.
set -uo pipefail

timeout_s=60
qemu=qemu-system-arm
while getopts 't:q:' opt; do
    case $opt in
    t) timeout_s=$OPTARG ;;
    q) qemu=$OPTARG ;;
    *) echo "usage: $0 [-t seconds] [-q qemu] image.elf..." >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

# The exit status startup.c gives a run that faulted.
EXIT_FAULT=100

# selfcheck name -> "status|pattern its output must match"
declare -A expected=(
    [fail]="1|^FAILED: 1 checks, 1 failures$"
    [overflow]="$EXIT_FAULT|^target: FAULT \(stack overflow\)"
    [guard]="$EXIT_FAULT|^target: FAULT exception"
    [flash]="$EXIT_FAULT|^target: FAULT exception"
    [shims]="0|^ok: "
)

# Seconds since $1 (an $EPOCHREALTIME), to a tenth.
since() {
    awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'
}

failed=()
total_start=$EPOCHREALTIME
for image in "$@"; do
    name=$(basename "$image" .elf)
    start=$EPOCHREALTIME
    out=$(timeout -k 5 "$timeout_s" "$qemu" -M mps2-an386 -cpu cortex-m4 -nographic \
        -monitor none -serial none -semihosting-config enable=on,target=native \
        -kernel "$image" </dev/null 2>&1)
    status=$?
    secs=$(since "$start")
    summary=$(grep -E '^(ok|FAILED): ' <<<"$out" | tail -n 1)
    memory=$(sed -nE 's#^target: stack ([0-9]+) of ([0-9]+) bytes, heap ([0-9]+) bytes$#stack \1/\2 B, heap \3 B#p' \
        <<<"$out")
    verdict=""
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        verdict="FAILED (timed out after ${timeout_s} s)"
    elif [[ $name == selfcheck-* ]]; then
        want=${expected[${name#selfcheck-}]:-}
        if [ -z "$want" ]; then
            verdict="FAILED (no expectation for this self-check)"
        elif [ "$status" -ne "${want%%|*}" ] || ! grep -qE "${want#*|}" <<<"$out"; then
            verdict="FAILED (self-check: wanted exit ${want%%|*} and /${want#*|}/, got exit $status)"
        elif [ "$status" -ne 0 ]; then
            summary="fails as it must (exit $status)"
        fi
    elif [ "$status" -ne 0 ]; then
        verdict="FAILED (exit $status)"
    elif [[ $summary != ok:* ]]; then
        verdict="FAILED (exit 0 without an ok summary)"
    fi
    if [ -n "$verdict" ]; then
        printf '%-40s %s  [%s s]\n' "$image" "$verdict" "$secs"
        tail -n 40 <<<"$out"
        failed+=("$image")
    else
        printf '%-40s %s  [%s%s s]\n' "$image" "$summary" "${memory:+$memory, }" "$secs"
    fi
done
total=$(since "$total_start")
if [ ${#failed[@]} -gt 0 ]; then
    echo "target: ${#failed[@]} of $# images failed (${total} s): ${failed[*]}"
    exit 1
fi
echo "target: all $# images passed on Cortex-M4 (${total} s)"
