#!/bin/bash
# Cross-check of the two DPOR searches against the sleep-set search on the kernel model
# (docs/explorer.md, point 7; docs/performance.md, section 15): every scenario and variant at
# 1x1, 1x2 and 2x1, each strategy with a time limit. One line per row: the verdict words and the
# count of distinct end states of dfs, dfs-optimal and dfs-sleep; then a summary. A row where
# dfs-sleep was cut (Unseen) is listed as unfinished, a row where the answers differ as DIFF.
# A DPOR search that ran out says Unseen (unproven: DPOR), which is compared as "ran-out", and
# dfs-sleep's exhaustive Never as "Never": the two agree when DPOR ran out where dfs-sleep proved Never.
#
# usage: benchmarks/scripts/strategy-agreement.sh JAR [SECONDS]   (JAR: cli/target/fputsim.jar)
set -u
jar=${1:?usage: $0 JAR [SECONDS]}
limit=${2:-60}
rows=0 same=0 unfinished=0 diff=0
for size in "1 1" "1 2" "2 1"; do
  set -- $size
  for s in 01 02 03 04 05 06 07 08 09; do
    for v in baseline-6.18 baseline-6.1 fput-sync umount-flush-delayed-fput release-wait-naive exit-cancel-2023 exit-cancel-2024 exit-cancel-2026; do
      declare -A got=()
      for st in dfs dfs-optimal dfs-sleep; do
        got[$st]=$(java -jar "$jar" check -q -s "$s" --variant "$v" --jobs "$1" --iodepth "$2" --strategy "$st" --time-limit "${limit}s" 2>&1 \
          | awk '/^Observation/ {w = $3; if (w == "Unseen" && $0 ~ /\(unproven: DPOR/) w = "ran-out"; printf "%s %s;", $2, w} /distinct end states/ {for (i = 1; i <= NF; i++) if ($i == "distinct") printf "%s end states", $(i - 1)}')
      done
      rows=$((rows + 1))
      line="$s $v $1x$2 | dfs: ${got[dfs]} | dfs-optimal: ${got[dfs-optimal]} | dfs-sleep: ${got[dfs-sleep]}"
      if [ "${got[dfs]}" = "${got[dfs-optimal]}" ] && [ "${got[dfs]//ran-out/Never}" = "${got[dfs-sleep]}" ]; then
        same=$((same + 1)); echo "same  $line"
      elif [ "${got[dfs]}" = "${got[dfs-optimal]}" ] && [[ "${got[dfs-sleep]}" == *Unseen* ]]; then
        unfinished=$((unfinished + 1)); echo "open  $line"
      else
        diff=$((diff + 1)); echo "DIFF  $line"
      fi
      unset got
    done
  done
done
echo "rows $rows: $same the same for all three, $unfinished with dfs-sleep unfinished in ${limit}s, $diff different"
[ "$diff" -eq 0 ]
