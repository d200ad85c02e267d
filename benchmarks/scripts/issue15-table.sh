#!/usr/bin/env bash
# Issue 15's target table, measured in one run: the explorer of the commit before issue 15
# (OLD, default a00168f: `dfs`, DPOR + sleep sets), and this tree's (NEW) with the old algorithm
# (`--strategy dfs`, same model as NEW) and with optimal DPOR (`dfs-optimal`), one and two workers.
# Usage: benchmarks/scripts/issue15-table.sh OLD_JAR NEW_JAR [LIMIT]   (LIMIT: per-run time limit, default 60s)
# Prints one markdown row per run: CPU seconds are user+sys of the whole java process
# (/usr/bin/time, JVM start-up and JIT included); wall seconds depend on the machine's load,
# printed next to them (uptime's 1-minute load average before each run).
set -u
OLD=${1:?OLD_JAR}; NEW=${2:?NEW_JAR}; LIMIT=${3:-60s}
row() { # label jar args...
    local label=$1 jar=$2; shift 2
    local load; load=$(cut -d' ' -f1 /proc/loadavg)
    local out; out=$(env --default-signal=INT /usr/bin/time -f "TIME %U %S %e %M" \
        java -cp "$jar" fputsim.cli.Main check -q --time-limit "$LIMIT" "$@" 2>&1)
    local rc=$?
    local ex; ex=$(grep '^Explored' <<<"$out" | tail -n 1)
    local t; t=$(grep '^TIME' <<<"$out" | tail -n 1)
    local c p how u s e m
    c=$(sed -E 's/^Explored ([0-9]+) schedules.*/\1/' <<<"$ex")
    p=$(sed -E 's/.*\(([0-9]+) pruned\).*/\1/' <<<"$ex")
    how=$(sed -E 's/.*\(([^()]*)\)$/\1/' <<<"$ex")
    read -r _ u s e m <<<"$t"
    local v; v=$(grep '^Observation umount-busy-after-reap' <<<"$out" | cut -d' ' -f3-)
    local per; per=$(awk -v c="$c" -v p="$p" 'BEGIN { if (c > 0) printf "%.3f", (c + p) / c; else print "-" }')
    local cpu; cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    printf '| %s | `%s` | %s + %s | %s | %s | %s | %s | %s MiB | %s | %s | %s |\n' \
        "$label" "$*" "$c" "$p" "$per" "$cpu" "$e" "$load" "$((m / 1024))" "$how" "$v" "$rc"
}
echo "| run | check args | complete + pruned | started per complete | CPU s | wall s | load | max RSS | ending | umount-busy-after-reap | exit |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for s in "1 1" "1 2" "2 1" "2 2"; do
    set -- $s
    row "old dfs" "$OLD" --jobs "$1" --iodepth "$2"
    row "new dfs" "$NEW" --jobs "$1" --iodepth "$2" --strategy dfs
    row "new dfs-optimal" "$NEW" --jobs "$1" --iodepth "$2" --strategy dfs-optimal
done
row "new dfs-optimal, 2 workers" "$NEW" --jobs 2 --iodepth 2 --strategy dfs-optimal --workers 2
for j in 2 3 4 6 12; do
    row "old dfs" "$OLD" --jobs "$j" --iodepth 2 --variant exit-cancel-2026
    row "new dfs-optimal" "$NEW" --jobs "$j" --iodepth 2 --variant exit-cancel-2026 --strategy dfs-optimal
    row "new dfs-optimal, 2 workers" "$NEW" --jobs "$j" --iodepth 2 --variant exit-cancel-2026 --strategy dfs-optimal --workers 2
done
