package fputsim.model.iouring;

import fputsim.explore.Tracker;
import fputsim.model.Kernel;
import fputsim.model.fs.File;
import fputsim.model.sched.Llist;
import fputsim.model.sched.TaskStruct;
import fputsim.model.sched.WorkStruct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Models: struct io_ring_ctx (io_uring/io_uring.c, Linux 6.18): its own anon-inode file, refs
 * (a percpu_ref: one base reference plus one per allocated request, in flight or in the ring's
 * request cache; percpu_ref_kill drops the base and marks the ring dying), the request cache
 * (ctx->submit_state.free_list: a freed request goes back to it and keeps its ring reference;
 * only io_req_caches_free drops those), the DEFER_TASKRUN local work list that only the submitter task may
 * run, the fallback list and its delayed work (io_fallback_req_func), the exit work
 * (io_ring_exit_work on the "iou_exit" workqueue), and the registered (fixed) file table.
 * Shared state is private and declared by the accessors: {@link #key} covers the dying and freed
 * states, the tctx list and the fixed-file table; {@link #refsKey} covers ctx->refs, whose gets and
 * puts are per-CPU (commutative updates); {@link #cacheKey} covers the request cache (under
 * uring_lock: a free pushes one, a commutative update; an allocation or io_req_caches_free takes
 * them). The links (ring file, submitter, work items, requests) are set up once.
 * Leaves out: the SQ/CQ rings and overflow, personalities, buffers, IOPOLL, timeouts, poll; 6.1's
 * second, completion_lock'ed cache (locked_free_list), which io_req_caches_free@6.1.192 splices
 * into the first before it frees them: one count stands for both.
 * Checked by: IoUringTest, Scenario03.
 */
public final class IoRingCtx {
    public final String name;
    public final String key;
    public final String refsKey;
    public final String cacheKey;
    public final boolean deferTaskrun;
    public final boolean sqpoll;
    private final Tracker tracker;
    private final Kernel kernel;
    private File ringFile;
    private TaskStruct submitterTask;
    private WorkStruct fallbackWork;
    private WorkStruct exitWork;
    public final Llist<IoKiocb> workLlist;
    public final Llist<IoKiocb> fallbackLlist;
    private final List<IoKiocb> requests = new ArrayList<>();

    private int refs = 1;
    /** Requests in ctx->submit_state.free_list: allocated, not in use, each holding a ring reference. */
    private int cachedReqs;
    private boolean dying;
    private boolean freed;
    /** The exit kworker has also run its own task_work (2024 series). */
    private boolean exitTaskWorkDone;
    private boolean exitComp;
    private final List<File> fixedFiles = new ArrayList<>();
    /** The tasks whose tctx node is on ctx->tctx_list. */
    private final List<IoUringTask> tctxList = new ArrayList<>();
    private fputsim.model.sched.CallbackHead tctxExitCb;
    private int tctxExitCompletions;
    private boolean sqShouldStop;
    private boolean sqExited;

    public IoRingCtx(Kernel kernel, String name, boolean deferTaskrun, boolean sqpoll) {
        this.kernel = kernel;
        this.tracker = kernel.tracker;
        this.name = name;
        this.key = "ctx:" + name;
        this.refsKey = key + ".refs";
        this.cacheKey = key + ".free_list";
        this.deferTaskrun = deferTaskrun;
        this.sqpoll = sqpoll;
        this.workLlist = new Llist<>(tracker, name + ".work_llist");
        this.fallbackLlist = new Llist<>(tracker, name + ".fallback_llist");
    }

    // ---- links, set up once

    public File ringFile() {
        return ringFile;
    }

    public void setRingFile(File f) {
        kernel.requireSetUp("the ring file of ", name);
        ringFile = f;
    }

    /** The task that may run the ring's DEFER_TASKRUN local work (the submitter, or the SQPOLL thread). */
    public TaskStruct submitterTask() {
        return submitterTask;
    }

    public void setSubmitterTask(TaskStruct t) {
        kernel.requireSetUp("the submitter of ", name);
        submitterTask = t;
    }

    public WorkStruct fallbackWork() {
        return fallbackWork;
    }

    public WorkStruct exitWork() {
        return exitWork;
    }

    void setWorks(WorkStruct fallback, WorkStruct exit) {
        kernel.requireSetUp("the work items of ", name);
        fallbackWork = fallback;
        exitWork = exit;
    }

    /** io_ring_exit_work's on-stack io_tctx_exit.task_work (one head, re-queued per task). */
    public fputsim.model.sched.CallbackHead tctxExitCb() {
        return tctxExitCb;
    }

    void setTctxExitCb(fputsim.model.sched.CallbackHead cb) {
        kernel.requireSetUp("the tctx exit callback of ", name);
        tctxExitCb = cb;
    }

    /** io_sq_thread_stop(): IO_SQ_THREAD_SHOULD_STOP, set by io_ring_ctx_free's io_sq_thread_finish. */
    public void sqThreadStop() {
        tracker.write(key);
        sqShouldStop = true;
    }

    public boolean sqThreadShouldStop() {
        tracker.read(key);
        return sqShouldStop;
    }

    /** complete(&sqd->exited): io_sq_thread's last act before do_exit. */
    public void sqThreadExited() {
        tracker.write(key);
        sqExited = true;
    }

    public boolean sqThreadHasExited() {
        tracker.read(key);
        return sqExited;
    }

    /** complete(&exit.completion) by io_tctx_exit_cb. */
    void tctxExitComplete() {
        tracker.write(key);
        tctxExitCompletions++;
    }

    /** How often io_tctx_exit_cb completed (the exit work waits for one more than it saw). */
    public int tctxExitCompletions() {
        tracker.read(key);
        return tctxExitCompletions;
    }

    /** The requests of the ring, in submission order. */
    public List<IoKiocb> requests() {
        return Collections.unmodifiableList(requests);
    }

    /**
     * Set-up: a request fio submitted before the model starts (in flight): {@link #addSlot}, then
     * {@link #io_alloc_req} (the ring reference is the allocated request's, taken in batches).
     */
    public void addRequest(IoKiocb req) {
        addSlot(req);
        io_alloc_req();
    }

    /** Set-up: a request object of the ring that no one has submitted yet (fio's loop submits it). */
    public void addSlot(IoKiocb req) {
        kernel.requireSetUp("a request of ", name);
        requests.add(req);
    }

    /** IO_REQ_ALLOC_BATCH (io_uring/io_uring.c@v6.18.32 and 6.1.192): requests allocated per refill. */
    public static final int IO_REQ_ALLOC_BATCH = 8;

    /**
     * io_alloc_req() (io_uring/io_uring.h@v6.18.32): take a request from the cache, refilling it
     * first when empty. __io_alloc_req_refill (io_uring.c@v6.18.32; 6.1.192 the same) allocates
     * IO_REQ_ALLOC_BATCH requests with one percpu_ref_get_many(&ctx->refs, ret) and puts them all in
     * the cache: the reference belongs to the allocated request, in use or cached. Runs under
     * uring_lock (io_submit_sqes). Leaves out: allocation failure (the single-request retry).
     */
    public void io_alloc_req() {
        tracker.write(cacheKey);
        if (cachedReqs == 0) {
            tracker.update(refsKey);
            refs += IO_REQ_ALLOC_BATCH;
            cachedReqs += IO_REQ_ALLOC_BATCH;
        }
        cachedReqs--;
    }

    /** Set-up: io_sqe_files_register of one file (the caller takes the table's reference). */
    public void registerFile(File f) {
        kernel.requireSetUp("a fixed file of ", name);
        fixedFiles.add(f);
    }

    /** Set-up: io_uring_add_tctx_node. */
    public void addTctx(IoUringTask tctx) {
        kernel.requireSetUp("a tctx node of ", name);
        tctxList.add(tctx);
    }

    // ---- shared state

    /**
     * io_req_add_to_cache() (io_uring/io_uring.c@v6.18.32; 6.1.192 the same): io_free_batch_list
     * pushes a freed request on ctx->submit_state.free_list, after io_put_file and io_put_task, and
     * drops no ring reference. One push; pushes commute (a count here).
     */
    public void io_req_add_to_cache() {
        tracker.update(cacheKey);
        cachedReqs++;
    }

    /**
     * io_req_caches_free() → __io_req_caches_free() (io_uring/io_uring.c@v6.18.32; 6.1.192 the
     * same, after splicing in locked_free_list): under uring_lock, kmem_cache_free every cached
     * request, then percpu_ref_put_many(&ctx->refs, nr). io_ring_exit_work calls it once per pass,
     * just before its HZ/20 wait for the references.
     */
    public void io_req_caches_free() {
        tracker.write(cacheKey);
        if (cachedReqs > 0) {
            tracker.update(refsKey);
            refs -= cachedReqs;
            cachedReqs = 0;
        }
    }

    /** The requests in the cache (each still holds a ring reference). */
    public int cachedRequests() {
        tracker.read(cacheKey);
        return cachedReqs;
    }

    /** percpu_ref_kill(&ctx->refs): drop the base reference and mark the ring dying. */
    public void percpu_ref_kill() {
        tracker.write(key);
        tracker.write(refsKey);
        dying = true;
        refs--;
    }

    /** The sum of ctx->refs (percpu_ref_is_zero, or the count a wait checks). */
    public int refs() {
        tracker.read(refsKey);
        return refs;
    }

    /** percpu_ref_is_dying(&ctx->refs). */
    public boolean dying() {
        tracker.read(key);
        return dying;
    }

    /** io_ring_ctx_free() has run: the exit work is done. */
    public boolean freed() {
        tracker.read(key);
        return freed;
    }

    /** io_ring_ctx_free(). */
    public void io_ring_ctx_free() {
        tracker.write(key);
        freed = true;
    }

    /**
     * complete(ctx->exit_comp): the exit work of the io_uring-exit-cancel series signals the ring
     * release that the cancelations are done (not on the baselines: nothing sets it there).
     */
    public void complete_exit_comp() {
        tracker.write(key);
        exitComp = true;
    }

    /** ctx->exit_comp was completed: the release's wait is over. */
    public boolean exit_comp_done() {
        tracker.read(key);
        return exitComp;
    }

    public boolean exitTaskWorkDone() {
        tracker.read(key);
        return exitTaskWorkDone;
    }

    public void setExitTaskWorkDone() {
        tracker.write(key);
        exitTaskWorkDone = true;
    }

    /** ctx->file_table: the registered files. */
    public List<File> fixedFiles() {
        tracker.read(key);
        return Collections.unmodifiableList(fixedFiles);
    }

    /** io_free_file_tables(): the table is empty (its files were put by the caller). */
    public void clearFixedFiles() {
        tracker.write(key);
        fixedFiles.clear();
    }

    /** ctx->tctx_list. */
    public List<IoUringTask> tctxList() {
        tracker.read(key);
        return Collections.unmodifiableList(tctxList);
    }

    /** io_uring_del_tctx_node(). */
    public void io_uring_del_tctx_node(IoUringTask tctx) {
        tracker.write(key);
        tctxList.remove(tctx);
    }

    @Override
    public String toString() {
        return name;
    }
}
