#!/bin/bash
# fresh traced captures of every configuration (task cap)
J=/tmp/cap-results/fputsim.jar
R=/tmp/cap-results
run() { name=$1; shift
  echo "=== $name start $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg) args: $*" >> $R/runs.log
  java -cp $J fputsim.cli.Main kernel run --trace --iterations 10 --image-size 1G --data-mib 64 --expect observe \
     --results $R/$name --json $R/$name.json "$@" > $R/$name.ktap 2> $R/$name.err
  echo "=== $name run rc=$? end $(date -u +%H:%M:%S) load: $(cut -d' ' -f1-3 /proc/loadavg)" >> $R/runs.log
  java -cp $J fputsim.cli.Main kernel conform $R/$name > $R/$name.conform 2>&1
  echo "=== $name conform rc=$? $(date -u +%H:%M:%S)" >> $R/runs.log
}
run kill-plain
run kill-registerfiles --fio-arg=--registerfiles=1
run kill-sqpoll --fio-arg=--sqthread_poll=1
run kill-force-async --fio-arg=--force_async=1
run fc-plain --exit-mode fio-completes
run fc-registerfiles --exit-mode fio-completes --fio-arg=--registerfiles=1
run fc-sqpoll --exit-mode fio-completes --fio-arg=--sqthread_poll=1
run cr-defer --exit-mode close-ring
run cr-plain --exit-mode close-ring --ring-setup plain
run cr-fixed --exit-mode close-ring --ring-fixed
echo "=== ALL DONE $(date -u +%H:%M:%S)" >> $R/runs.log
