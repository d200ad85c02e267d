/*
 * close-ring: issue 16 finding 7, C4: a process closes its io_uring ring with close(2) while
 * requests are still in flight, then exits by itself (no kill). Used by close-then-exit.sh.
 *
 * Usage: close-ring MODE PATH DEPTH FLAGS
 *   MODE  direct: DEPTH O_DIRECT 4 KiB reads of PATH at spread offsets (finish on their own, soon)
 *         fifo:   DEPTH reads of the FIFO at PATH, opened O_RDWR so nothing ever writes (they
 *                 stay armed until cancelled)
 *   FLAGS defer (IORING_SETUP_SINGLE_ISSUER|IORING_SETUP_DEFER_TASKRUN, as fio 3.33) or plain
 * Submits, closes the data fd (the requests keep their own file references), closes the ring fd,
 * and returns from main: the process's exit then drops what is left.
 * Exit codes: 0 done, 1 a system call failed (one line on stderr), 2 bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 5 || (strcmp(argv[1], "direct") && strcmp(argv[1], "fifo")) ||
	    (strcmp(argv[4], "defer") && strcmp(argv[4], "plain"))) {
		fprintf(stderr, "usage: close-ring direct|fifo PATH DEPTH defer|plain\n");
		return 2;
	}
	int fifo = !strcmp(argv[1], "fifo");
	int depth = atoi(argv[3]);
	if (depth < 1 || depth > 64) {
		fprintf(stderr, "close-ring: DEPTH must be 1..64\n");
		return 2;
	}
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	if (!strcmp(argv[4], "defer"))
		p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	struct io_uring ring;
	int ret = io_uring_queue_init_params(64, &ring, &p);
	if (ret < 0) {
		fprintf(stderr, "close-ring: io_uring_queue_init_params: %s\n", strerror(-ret));
		return 1;
	}
	int fd = open(argv[2], fifo ? O_RDWR : (O_RDONLY | O_DIRECT));
	if (fd < 0) {
		fprintf(stderr, "close-ring: open %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	static char bufs[64][4096] __attribute__((aligned(4096)));
	for (int i = 0; i < depth; i++) {
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		io_uring_prep_read(sqe, fd, bufs[i], 4096, fifo ? 0 : (unsigned long long)i * 1048576);
	}
	ret = io_uring_submit(&ring);
	if (ret != depth) {
		fprintf(stderr, "close-ring: io_uring_submit: %d\n", ret);
		return 1;
	}
	close(fd);
	/* io_uring_queue_exit unmaps the rings and closes the ring fd: close(2) with requests in flight */
	io_uring_queue_exit(&ring);
	return 0;
}
