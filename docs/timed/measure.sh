#!/bin/sh
# The real-kernel runs behind docs/timed.md: the seed configuration's delay sweep and the
# other configurations, each into results/timed/<label>/ (kernel-validation's results folders).
# Run from the repository root as root, after `mvn -B -ntp install -DskipTests`.
# Usage: docs/timed/measure.sh [ITERATIONS]     (default 30; ~1 minute per run; 14 runs)
set -u
N=${1:-30}
JAR=cli/target/fputsim.jar
run() {
	label=$1; shift
	echo "== $label: ReproducerMain io_uring $N 1 $* ($(uptime | sed 's/.*load/load/'))"
	java -cp "$JAR" fputsim.kernel.ReproducerMain io_uring "$N" 1 --results "${RESULTS:-results/timed}/$label" "$@" \
		| grep -E '^# summary' || true
}
for d in 0 1 2 5 10 20 50 100; do
	run "seed-delay-${d}ms" --umount-delay-us $((d * 1000))
done
run jobs4      --jobs 4
run jobs1      --jobs 1
run iodepth8   --iodepth 8
run direct     --fio --direct=1
run sqpoll     --fio --sqthread_poll=1
run fixed      --fio --registerfiles=1
