#!/usr/bin/env bash
# docs/performance.md section 11: cost per trace, OLD explorer jar against NEW, one run after the
# other, REPS repetitions of each case. CPU s = user+sys of the whole java process (/usr/bin/time:
# JVM start-up and JIT included); the load is /proc/loadavg's 1-minute figure before each run.
# Usage: benchmarks/scripts/cost-per-trace.sh OLD_JAR NEW_JAR [REPS]
# Prints one tab-separated row per run: rep label variant JxD strategy complete pruned cpu_s wall_s load verdicts
# (verdicts: md5 prefix of the Observation/Invariant/Property lines, equal for old and new when they agree)
set -u
OLD=${1:?OLD_JAR}; NEW=${2:?NEW_JAR}; REPS=${3:-3}
run() { # rep label jar variant jobs strategy
    local rep=$1 label=$2 jar=$3 variant=$4 jobs=$5 strategy=$6
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    local out; out=$(env --default-signal=INT /usr/bin/time -f "TIME %U %S %e" java -cp "$jar" fputsim.cli.Main \
        check -q --time-limit 900s --jobs "$jobs" --iodepth 2 --variant "$variant" --strategy "$strategy" 2>&1)
    local ex; ex=$(grep '^Explored' <<<"$out" | tail -n 1)
    local c p u s e
    c=$(sed -E 's/^Explored ([0-9]+) schedules.*/\1/' <<<"$ex")
    p=$(sed -E 's/.*\(([0-9]+) pruned\).*/\1/' <<<"$ex")
    read -r _ u s e <<<"$(grep '^TIME' <<<"$out" | tail -n 1)"
    local v; v=$(grep -E '^(Observation|Invariant|Property)' <<<"$out" | md5sum | cut -c1-8)
    printf '%s\t%s\t%s\t%sx2\t%s\t%s\t%s\t%.2f\t%s\t%s\t%s\n' "$rep" "$label" "$variant" "$jobs" "$strategy" \
        "$c" "$p" "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" "$e" "$load" "$v"
}
for rep in $(seq 1 "$REPS"); do
    for c in "exit-cancel-2026 2 dfs-optimal" "exit-cancel-2026 3 dfs-optimal" "baseline-6.18 2 dfs-optimal" "exit-cancel-2026 2 dfs"; do
        set -- $c
        run "$rep" old "$OLD" "$1" "$2" "$3"
        run "$rep" new "$NEW" "$1" "$2" "$3"
    done
done
