#!/usr/bin/env python3
"""no-kill-trace-summary.py: per iteration of a traced `kernel run --exit-mode ...` results folder,
when the ring's exit work and delayed_fput ran against the reaper's wait and umount.

Usage: no-kill-trace-summary.py RESULTS_DIR   (the folder holding trace.txt and iterations.json)

Per iteration (between the reaper's "fputsim iter=N start" markers), all times in ms from the
"wait-returned" marker (negative: before wait returned):
  ebusy            umount2 EBUSY count (iterations.json)
  exit_works       io_ring_exit_work items queued by our processes (fio threads / fputsim-close-ring)
  last_exit_end    the last of those items' workqueue_execute_end
  delayed_fput     the first delayed_fput workqueue_execute_start after the first of our exit works
                   was queued (delayed_fput is global: another process's fput can also queue it)
  group_dead       sched_process_exit with group_dead=true of our workload (the exit that wakes wait)
  umount_ok        the first sys_umount returning 0
Ours: the reaper (the marker's pid) and every process it forked, transitively (sched_process_fork),
plus fio's threads. Reads only the files it is given; prints one TSV line per iteration.
"""
import json
import re
import sys

LINE = re.compile(r"^\s*(.+?)-(\d+)\s+\[\d+\]\s+\S+\s+(\d+\.\d+): (\w+):? ?(.*)$")


def main(folder):
    its = {r["iteration"]: r for r in json.load(open(folder + "/iterations.json"))}
    iters, cur = [], None
    for raw in open(folder + "/trace.txt"):
        m = LINE.match(raw)
        if not m:
            continue
        comm, pid, ts, ev, rest = m.group(1).strip(), int(m.group(2)), float(m.group(3)) * 1e3, m.group(4), m.group(5)
        if ev == "tracing_mark_write":
            mm = re.match(r"fputsim iter=(\d+) start", rest)
            if mm:
                cur = {"n": int(mm.group(1)), "reaper": pid, "lines": []}
                iters.append(cur)
        if cur is not None:
            cur["lines"].append((comm, pid, ts, ev, rest))
    print("iter\tebusy\texit_works\tlast_exit_end_ms\tdelayed_fput_ms\tgroup_dead_ms\tumount_ok_ms")
    for it in iters:
        fam = {it["reaper"]}
        wait = None
        queued, ends, first_q = set(), [], None
        dfput = group_dead = umount_ok = None
        pending_umount = False
        for comm, pid, ts, ev, rest in it["lines"]:
            if ev == "sched_process_fork":
                mm = re.search(r"pid=(\d+) child_comm=\S+ child_pid=(\d+)", rest)
                if mm and int(mm.group(1)) in fam:
                    fam.add(int(mm.group(2)))
            elif ev == "tracing_mark_write" and "wait-returned" in rest:
                wait = ts
            elif ev == "workqueue_queue_work" and "function=io_ring_exit_work" in rest and (pid in fam or comm.startswith("fio")):
                w = re.search(r"work struct=?\s*(\S+?):?\s", rest + " ")
                if w:
                    queued.add(w.group(1))
                    first_q = ts if first_q is None else first_q
            elif ev == "workqueue_execute_end" and "io_ring_exit_work" in rest:
                w = re.search(r"work struct (\S+?):", rest)
                if w and w.group(1) in queued:
                    ends.append(ts)
            elif ev == "workqueue_execute_start" and "function delayed_fput" in rest and first_q is not None and dfput is None:
                dfput = ts
            elif ev == "sched_process_exit" and "group_dead=true" in rest and pid in fam and group_dead is None:
                group_dead = ts
            elif ev == "sys_umount" and pid == it["reaper"]:
                if rest.startswith("->"):
                    if pending_umount and rest.strip() == "-> 0x0" and umount_ok is None:
                        umount_ok = ts
                    pending_umount = False
                else:
                    pending_umount = True

        def rel(t):
            return "-" if t is None or wait is None else "%.3f" % (t - wait)
        r = its.get(it["n"], {})
        print("%d\t%s\t%d\t%s\t%s\t%s\t%s" % (it["n"], r.get("ebusy", "?"), len(queued), rel(max(ends) if ends else None),
                                             rel(dfput), rel(group_dead), rel(umount_ok)))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: no-kill-trace-summary.py RESULTS_DIR", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
