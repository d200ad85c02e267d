#!/usr/bin/env python3
"""kill-trace-inflight.py: issue 16 finding 6 from a traced `kernel run --trace` (kill mode) results
folder: per iteration, what the harness's own trace says about fio's rings and requests at the kill.

Usage: kill-trace-inflight.py RESULTS_DIR   (the folder holding trace.txt and iterations.json)

The harness's trace (TraceCapture.EVENTS) has io_uring_create (every ring) and io_uring_complete
with res < 0 only, so per iteration (between the reaper's "fputsim iter=N start" markers) it gives:
  rings_at_kill    io_uring_create events of our fio before the reaper's "kill-sent" marker
  cancelled        CQEs with res < 0 after the kill: requests in flight at the kill that were cancelled,
                   by the killed threads (-4, -EINTR: they ran their local work, finding 4) or by the
                   fallback kworker (-14, -EFAULT). A lower bound of the requests in flight at the kill:
                   one that completes successfully after the kill, or never posts a CQE, is not seen
                   (kernel-validation/experiments/inflight-at-kill.sh traces every submit and CQE for that).
  task_4 / kworker_14  of which -4 by our fio threads / -14 by kworkers
  ebusy            umount2 EBUSY count after wait (iterations.json)
Ours: the reaper (the marker's pid), every process it forked (sched_process_fork), fio's threads.
Prints one TSV line per iteration, then the totals for busy and not-busy iterations.
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
        comm, pid, ev, rest = m.group(1).strip(), int(m.group(2)), m.group(4), m.group(5)
        if ev == "tracing_mark_write":
            mm = re.match(r"fputsim iter=(\d+) start", rest)
            if mm:
                cur = {"n": int(mm.group(1)), "reaper": pid, "lines": []}
                iters.append(cur)
        if cur is not None:
            cur["lines"].append((comm, pid, ev, rest))
    print("iter\tebusy\trings_at_kill\tcancelled\ttask_4\tkworker_14")
    groups = {True: [], False: []}
    for it in iters:
        fam, rings, killed = {it["reaper"]}, set(), False
        task4 = kw14 = 0
        for comm, pid, ev, rest in it["lines"]:
            if ev == "sched_process_fork":
                mm = re.search(r"pid=(\d+) child_comm=\S+ child_pid=(\d+)", rest)
                if mm and int(mm.group(1)) in fam:
                    fam.add(int(mm.group(2)))
            elif ev == "tracing_mark_write" and "kill-sent" in rest:
                killed = True
            elif ev == "io_uring_create" and pid in fam and not killed:
                rings.add(rest.split(",")[0])
            elif ev == "io_uring_complete" and killed:
                mm = re.search(r"ring (\S+?),", rest)
                res = re.search(r"res(?:ult)? (-?\d+)", rest)
                if not mm or mm.group(1) not in {r.split()[-1] for r in rings} or not res:
                    continue
                if pid in fam and res.group(1) == "-4":
                    task4 += 1
                elif comm.startswith("kworker") and res.group(1) == "-14":
                    kw14 += 1
        r = its.get(it["n"], {})
        if r.get("outcome") not in ("UNMOUNTED", "BUSY_THEN_UNMOUNTED"):
            continue
        busy = r.get("ebusy", 0) > 0
        groups[busy].append((len(rings), task4 + kw14))
        print("%d\t%d\t%d\t%d\t%d\t%d" % (it["n"], r.get("ebusy", 0), len(rings), task4 + kw14, task4, kw14))
    for busy in (True, False):
        g = groups[busy]
        print("# %s: %d iterations; rings at the kill %s; cancelled after the kill %s" % (
            "busy" if busy else "not busy", len(g), " ".join(str(a) for a, _ in g) or "-", " ".join(str(b) for _, b in g) or "-"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: kill-trace-inflight.py RESULTS_DIR", file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1])
