#!/bin/bash
# inflight-at-kill.sh: issue 16 finding 6 on the real kernel: how many io_uring requests each of
# fio's rings holds when SIGKILL arrives, from the kernel's io_uring tracepoints, next to whether
# the umount that follows said EBUSY.
# Each try: mount, the seed's fio job (io_uring, 12 x 2, buffered randread, --thread=1), after a
# random 0.5-1.5 s a trace window of WINDOW_MS is opened, then kill -9, wait, umount (EBUSY
# counted, retried every 1 ms). Events (own tracefs instance): io_uring_submit_req and
# io_uring_complete (fio threads and kworkers), signal_generate sig 9.
# In flight at the kill, per ring = requests submitted in the window before the kill and not
# completed before it, plus requests with no submit in the window that complete after the kill
# (older ones still out). A request submitted before the window that never posts a CQE is missed,
# and so is a ring with no event of its own threads in the window ("rings" < numjobs).
# Touches only what it creates (a temp dir, its image, its loop device, its mount point, fio by
# pid, the tracefs instance fputsim-ifk-<pid>); the EXIT trap removes all of it on every path.
# Needs tracefs already mounted at /sys/kernel/tracing (it mounts nothing there).
# Usage: inflight-at-kill.sh [N] [WINDOW_MS]   (defaults: 20 30). Exit 77 with one line when a
# requirement is missing.
set -u
N=${1:-20}
WINDOW_MS=${2:-30}
TRACEFS=/sys/kernel/tracing
for t in losetup mount umount fio mkfs.ext4 python3; do
    command -v "$t" >/dev/null 2>&1 || { echo "inflight-at-kill: skip: $t missing" >&2; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "inflight-at-kill: skip: needs root" >&2; exit 77; }
[ -d "$TRACEFS/instances" ] && [ -d "$TRACEFS/events/io_uring/io_uring_submit_req" ] || {
    echo "inflight-at-kill: skip: tracefs with io_uring events not mounted at $TRACEFS" >&2; exit 77; }

WORK=$(mktemp -d /tmp/fputsim-ifk-XXXXXX)
INST="$TRACEFS/instances/fputsim-ifk-$$"
LOOP=""
FIO=""
cleanup() {
    [ -n "$FIO" ] && { kill -9 "$FIO" 2>/dev/null; wait "$FIO" 2>/dev/null; }
    if [ -d "$INST" ]; then
        echo 0 > "$INST/tracing_on" 2>/dev/null
        for e in io_uring/io_uring_submit_req io_uring/io_uring_complete signal/signal_generate; do
            echo 0 > "$INST/events/$e/enable" 2>/dev/null
        done
        for i in $(seq 1 20); do rmdir "$INST" 2>/dev/null && break; sleep 0.1; done
    fi
    while grep -q " $WORK/mnt " /proc/mounts; do umount "$WORK/mnt" 2>/dev/null || umount -l "$WORK/mnt" 2>/dev/null || break; done
    [ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK/mnt"
truncate -s 512M "$WORK/img"
LOOP=$(losetup --find --show "$WORK/img") || { echo "inflight-at-kill: losetup failed" >&2; exit 1; }
mkfs.ext4 -q -F "$LOOP"
mount "$LOOP" "$WORK/mnt" && dd if=/dev/urandom of="$WORK/mnt/foo" bs=1M count=256 status=none && umount "$WORK/mnt"

mkdir "$INST" || { echo "inflight-at-kill: cannot create $INST" >&2; exit 1; }
echo 0 > "$INST/tracing_on"
echo 32768 > "$INST/buffer_size_kb"
echo 'comm ~ "fio*" || comm ~ "kworker*"' > "$INST/events/io_uring/io_uring_submit_req/filter"
echo 'comm ~ "fio*" || comm ~ "kworker*"' > "$INST/events/io_uring/io_uring_complete/filter"
echo 'sig == 9' > "$INST/events/signal/signal_generate/filter"
for e in io_uring/io_uring_submit_req io_uring/io_uring_complete signal/signal_generate; do
    echo 1 > "$INST/events/$e/enable"
done

SEED=(--name=fputsim --ioengine=io_uring --iodepth=2 --size=256m --buffered=1 --overwrite=0 --numjobs=12
      --rw=randread --thread=1 --minimal --output=/dev/null --time_based --runtime=30)
RANDOM=1
for i in $(seq 1 "$N"); do
    mount "$LOOP" "$WORK/mnt" || { echo "inflight-at-kill: mount failed" >&2; exit 1; }
    echo > "$INST/trace"
    fio "${SEED[@]}" --filename="$WORK/mnt/foo" >/dev/null 2>&1 &
    FIO=$!
    sleep "$(awk -v r=$RANDOM -v w="$WINDOW_MS" 'BEGIN { printf "%.3f", 0.5 + r / 32767.0 - w / 1000.0 }')"
    echo 1 > "$INST/tracing_on"
    sleep "$(awk -v w="$WINDOW_MS" 'BEGIN { printf "%.3f", w / 1000.0 }')"
    ls "/proc/$FIO/task" > "$WORK/tids.$i" 2>/dev/null # fio's threads: other fio runs on the host are not ours
    kill -9 "$FIO"; wait "$FIO" 2>/dev/null; FIO=""
    r=0
    until umount "$WORK/mnt" 2>"$WORK/err"; do
        grep -qi busy "$WORK/err" || { echo "inflight-at-kill: umount: $(head -1 "$WORK/err")" >&2; exit 1; }
        r=$((r+1)); [ $r -ge 2000 ] && { echo "inflight-at-kill: still busy after 2000 retries" >&2; exit 1; }
        sleep 0.001
    done
    sleep 0.2 # late kworker completions
    echo 0 > "$INST/tracing_on"
    cp "$INST/trace" "$WORK/trace.$i"
    echo "$i $r" >> "$WORK/busy"
done

python3 - "$WORK" "$N" <<'EOF'
import re, sys, collections
work, n = sys.argv[1], int(sys.argv[2])
busy = dict(l.split() for l in open(work + "/busy"))
ev = re.compile(r"^\s*(\S+)-(\d+)\s+\[\d+\].*?\s(\d+\.\d+): (\w+): (.*)$")
print("try\tebusy_retries\trings\tin_flight_per_ring\ttotal\tzero_rings\tafter_kill_cqes(context:res x n)\tlost_events")
totals, zero, rings_all = [], 0, 0
for i in range(1, n + 1):
    sub, done_before, after = collections.defaultdict(dict), collections.defaultdict(set), collections.defaultdict(set)
    kill = None
    lost = 0
    events = []
    for line in open("%s/trace.%d" % (work, i)):
        if "LOST" in line:
            lost += 1
        m = ev.match(line)
        if m:
            events.append((float(m.group(3)), m.group(4), m.group(5), m.group(1), m.group(2)))
    tids = set(open("%s/tids.%d" % (work, i)).read().split())
    for ts, name, rest, comm, pid in events:
        if name == "signal_generate" and kill is None:
            kill = ts
    ours = set()
    for ts, name, rest, comm, pid in events:
        m = re.match(r"ring (\S+), req (\S+),", rest)
        if m and pid in tids:
            ours.add(m.group(1))
    late = collections.Counter()
    if kill is None:
        print("%d\t%s\t0\t-\t-\t-\t-\t%d (no kill event)" % (i, busy.get(str(i), "?"), lost))
        continue
    for ts, name, rest, comm, pid in events:
        m = re.match(r"ring (\S+), req (\S+),", rest)
        if not m or m.group(1) not in ours:
            continue
        ctx, req = m.group(1), m.group(2)
        if name == "io_uring_submit_req" and ts < kill:
            sub[ctx][req] = ts
        elif name == "io_uring_complete":
            if ts < kill:
                if req in sub[ctx]:
                    del sub[ctx][req]
                done_before[ctx].add(req)
            else:
                after[ctx].add(req)
                res = re.search(r"result (-?\d+)", rest)
                late[("task" if pid in tids else comm.split("/")[0]) + ":" + (res.group(1) if res else "?")] += 1
    ctxs = sorted(set(sub) | set(done_before) | set(after))
    per = []
    for c in ctxs:
        out = set(sub[c]) | {r for r in after[c] if r not in sub[c] and r not in done_before[c]}
        per.append(len(out))
    rings_all += len(per)
    zero += sum(1 for x in per if x == 0)
    totals.append(sum(per))
    lates = " ".join("%sx%d" % (k, v) for k, v in sorted(late.items()))
    print("%d\t%s\t%d\t%s\t%d\t%d\t%s\t%d" % (i, busy.get(str(i), "?"), len(per), ",".join(map(str, per)), sum(per), sum(1 for x in per if x == 0), lates or "-", lost))
print("# rings seen %d, of which 0 in flight at the kill: %d; total in flight per try: %s" % (rings_all, zero, " ".join(map(str, totals))))
EOF
