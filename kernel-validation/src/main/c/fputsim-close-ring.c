/*
 * fputsim-close-ring: issue 16 finding 7's "close the ring, then exit" on the real kernel, with raw
 * io_uring system calls (io_uring_setup, io_uring_enter, io_uring_register; no liburing).
 *
 * Does:    opens FILE (on the scratch mount), sets up a ring (SETUP: defer = SINGLE_ISSUER |
 *          DEFER_TASKRUN as fio 3.33 does, plain = no flags, sqpoll = SQPOLL), optionally registers
 *          FILE (--fixed: IORING_REGISTER_FILES, the SQEs use IOSQE_FIXED_FILE), submits DEPTH
 *          4 KiB reads (O_DIRECT unless --buffered, offsets 1 MiB apart), closes the data fd
 *          (the requests keep their own file references), closes the ring fd with close(2) while
 *          the reads are (as a rule) still in flight (its mappings are unmapped first: each holds a
 *          reference on the ring's file, so close(2) makes the final put), and returns from main: the exit drops what is
 *          left. Prints ONE key=value line on stdout: submitted=N completed_before_close=C
 *          inflight_at_close=N-C setup=... fixed=0|1 direct=0|1. --hold-ms N: sleeps N ms after the
 *          close, before the exit (a gap between close(2) and exit; tests kill the harness there).
 * Leaves out: reaping (the point is to close with requests in flight), anything but FILE.
 * Run by:  fputsim-reaper --no-kill (the run's supervisor runs the reaper, the reaper runs this
 *          with PR_SET_PDEATHSIG: nothing survives the harness, see docs/real-kernel.md).
 * Exit codes: 0 done, 1 a system call failed (one line on stderr), 2 bad usage.
 * Kernel side (v6.18.32): io_uring/io_uring.c io_uring_release -> io_ring_ctx_wait_and_kill ->
 * io_ring_exit_work on the iou_exit workqueue; the reads' completions then run on kworkers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef IORING_SETUP_SINGLE_ISSUER
#define IORING_SETUP_SINGLE_ISSUER (1U << 12)
#endif
#ifndef IORING_SETUP_DEFER_TASKRUN
#define IORING_SETUP_DEFER_TASKRUN (1U << 13)
#endif

#define MAXDEPTH 64
#define BLOCK 4096

static char bufs[MAXDEPTH][BLOCK] __attribute__((aligned(4096)));

static void usage(void)
{
	fprintf(stderr, "usage: fputsim-close-ring --file PATH [--depth N (1..%d)] [--setup defer|plain|sqpoll]"
			" [--fixed] [--buffered] [--hold-ms N]\n", MAXDEPTH);
	exit(2);
}

static void fail(const char *what)
{
	fprintf(stderr, "fputsim-close-ring: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	const char *file = NULL, *setup = "defer";
	int depth = 32, fixed = 0, direct = 1;
	long hold_ms = 0;
	struct io_uring_params p;
	int i, ring, fd;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fixed"))
			fixed = 1;
		else if (!strcmp(argv[i], "--buffered"))
			direct = 0;
		else if (i + 1 < argc && !strcmp(argv[i], "--file"))
			file = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "--depth"))
			depth = atoi(argv[++i]);
		else if (i + 1 < argc && !strcmp(argv[i], "--setup"))
			setup = argv[++i];
		else if (i + 1 < argc && !strcmp(argv[i], "--hold-ms"))
			hold_ms = atol(argv[++i]);
		else
			usage();
	}
	if (!file || depth < 1 || depth > MAXDEPTH || hold_ms < 0
	    || (strcmp(setup, "defer") && strcmp(setup, "plain") && strcmp(setup, "sqpoll")))
		usage();

	fd = open(file, O_RDONLY | (direct ? O_DIRECT : 0));
	if (fd < 0)
		fail("open");

	memset(&p, 0, sizeof(p));
	if (!strcmp(setup, "defer"))
		p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	else if (!strcmp(setup, "sqpoll")) {
		p.flags = IORING_SETUP_SQPOLL;
		p.sq_thread_idle = 1000; /* ms: the thread stays awake through the submission */
	}
	ring = (int)syscall(__NR_io_uring_setup, MAXDEPTH, &p);
	if (ring < 0)
		fail("io_uring_setup");

	/* the three mappings of io_uring_setup(2): SQ ring, CQ ring, SQE array */
	size_t sq_sz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cq_sz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	size_t sqe_sz = p.sq_entries * sizeof(struct io_uring_sqe);
	char *sq = mmap(NULL, sq_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_SQ_RING);
	char *cq = mmap(NULL, cq_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring, IORING_OFF_CQ_RING);
	struct io_uring_sqe *sqes = mmap(NULL, sqe_sz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, ring,
					 IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED)
		fail("mmap");
	unsigned *sq_head = (unsigned *)(sq + p.sq_off.head), *sq_tail = (unsigned *)(sq + p.sq_off.tail);
	unsigned *sq_mask = (unsigned *)(sq + p.sq_off.ring_mask), *sq_array = (unsigned *)(sq + p.sq_off.array);
	unsigned *sq_flags = (unsigned *)(sq + p.sq_off.flags);
	unsigned *cq_head = (unsigned *)(cq + p.cq_off.head), *cq_tail = (unsigned *)(cq + p.cq_off.tail);

	if (fixed && syscall(__NR_io_uring_register, ring, IORING_REGISTER_FILES, &fd, 1) < 0)
		fail("io_uring_register(IORING_REGISTER_FILES)");

	unsigned tail = *sq_tail;
	for (i = 0; i < depth; i++) {
		unsigned idx = (tail + i) & *sq_mask;
		struct io_uring_sqe *e = &sqes[idx];

		memset(e, 0, sizeof(*e));
		e->opcode = IORING_OP_READ;
		e->fd = fixed ? 0 : fd;
		e->flags = fixed ? IOSQE_FIXED_FILE : 0;
		e->addr = (uint64_t)(uintptr_t)bufs[i];
		e->len = BLOCK;
		e->off = (uint64_t)i * 1048576;
		e->user_data = (uint64_t)i + 1;
		sq_array[idx] = idx;
	}
	__atomic_store_n(sq_tail, tail + depth, __ATOMIC_RELEASE);

	int submitted;
	if (!strcmp(setup, "sqpoll")) {
		/* the SQ thread consumes the entries; wake it if it went to sleep, wait (bounded) until it took them */
		long long t0 = now_ns();

		if (__atomic_load_n(sq_flags, __ATOMIC_ACQUIRE) & IORING_SQ_NEED_WAKEUP)
			syscall(__NR_io_uring_enter, ring, 0, 0, IORING_ENTER_SQ_WAKEUP, NULL, 0);
		while (__atomic_load_n(sq_head, __ATOMIC_ACQUIRE) != tail + depth) {
			if (now_ns() - t0 > 2000000000LL) {
				fprintf(stderr, "fputsim-close-ring: the SQPOLL thread took %u of %d entries in 2 s\n",
					__atomic_load_n(sq_head, __ATOMIC_ACQUIRE) - tail, depth);
				return 1;
			}
			if (__atomic_load_n(sq_flags, __ATOMIC_ACQUIRE) & IORING_SQ_NEED_WAKEUP)
				syscall(__NR_io_uring_enter, ring, 0, 0, IORING_ENTER_SQ_WAKEUP, NULL, 0);
		}
		submitted = depth;
	} else {
		submitted = (int)syscall(__NR_io_uring_enter, ring, depth, 0, 0, NULL, 0);
		if (submitted < 0)
			fail("io_uring_enter");
		if (submitted != depth) {
			fprintf(stderr, "fputsim-close-ring: io_uring_enter submitted %d of %d\n", submitted, depth);
			return 1;
		}
	}
	/* CQEs already posted (a DEFER_TASKRUN ring posts none until the task runs its local work) */
	unsigned done = __atomic_load_n(cq_tail, __ATOMIC_ACQUIRE) - *cq_head;

	if (close(fd) < 0)
		fail("close(data fd)");
	/* each mapping holds a reference on the ring's file (vma->vm_file): unmap first, as liburing's
	 * io_uring_queue_exit does, so that close(2) makes the final put of the ring */
	if (munmap(sqes, sqe_sz) < 0 || munmap(cq, cq_sz) < 0 || munmap(sq, sq_sz) < 0)
		fail("munmap");
	/* close(2) of the ring with the reads in flight: io_uring_release -> io_ring_ctx_wait_and_kill */
	if (close(ring) < 0)
		fail("close(ring fd)");
	printf("submitted=%d completed_before_close=%u inflight_at_close=%d setup=%s fixed=%d direct=%d\n", submitted,
	       done, submitted - (int)done, setup, fixed, direct);
	fflush(stdout);
	/* --hold-ms: stay alive that long after the close (the exit comes later; tests kill the harness here) */
	if (hold_ms > 0) {
		struct timespec ts = { .tv_sec = hold_ms / 1000, .tv_nsec = (hold_ms % 1000) * 1000000L };

		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	return 0;
}
