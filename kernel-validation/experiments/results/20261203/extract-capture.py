# extract.py DIR FIRST LAST OUT DESC: the lines of trace.txt from the reaper's start marker of
# iteration FIRST up to (not including) that of LAST+1, with a header like the committed captures'.
import sys,json,re,glob
d,first,last,out,desc=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),sys.argv[4],sys.argv[5]
lines=open(d+"/trace.txt").read().splitlines()
def at(n):
    for i,l in enumerate(lines):
        if re.search(r"tracing_mark_write: fputsim iter=%d start "%n,l): return i
    return len(lines)
a,b=at(first),at(last+1)
its={r["iteration"]:r for r in json.load(open(d+"/iterations.json"))}
args=open(glob.glob(d+"/fio-args.txt")[0] if glob.glob(d+"/fio-args.txt") else d+"/workload-args.txt").read().strip().splitlines()[0]
uname=open(d+"/uname-r.txt").read().strip()
eb=", ".join("it. %d ebusy=%d%s"%(k,its[k]["ebusy"],(" inflight_at_close=%d"%its[k]["inflightAtClose"]) if its[k]["exitMode"]=="close-ring" else "") for k in range(first,last+1))
with open(out,"w") as f:
    f.write("# fputsim: %s\n"%desc)
    f.write("# on Linux %s (HZ=250, 2 cores, load 0.4-8.5), fio-3.33, 2026-12-03 07:34-07:36 UTC (docs/kernel-notes.md §23); %s of 10.\n"%(uname,eb))
    f.write("# workload: %s\n"%args)
    f.write("# private instance, trace_clock=mono, the filters of TraceCapture.EVENTS; lines between the reaper's start markers of iterations %d and %d (extract: kernel-validation/experiments/results/20261203/extract-capture.py).\n"%(first,last+1))
    f.write("\n".join(lines[a:b])+"\n")
print(out,b-a)
