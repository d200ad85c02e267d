/*
 * fputsim-reaper: one reproducer iteration, in one process, with no exec between
 * waitpid() and umount2().
 *
 * Does:    fork+exec fio (argv after "--"), sleep, kill(pid, SIGKILL) by PID, waitpid(pid),
 *          (--no-kill: no sleep and no kill: waitpid(pid) until the child exits by itself, at most
 *          --exit-bound-us, then SIGKILL by PID and timed_out=1; the child is fio run to completion
 *          or fputsim-close-ring),
 *          an optional --delay-us sleep (the delay sweep of docs/timed.md), then umount2(mnt, 0) retried every --retry-us while it returns EBUSY, up to
 *          --bound-us. Prints ONE key=value line on stdout with CLOCK_MONOTONIC ns stamps
 *          (the clock of trace_clock=mono and of Java's System.nanoTime()).
 * Leaves out: mounting (the caller mounts), any parsing of fio output (a SIGKILLed fio
 *          prints no report), killing anything but its own child.
 * Checks:  that fio was still alive when killed (fio_early_exit=1 otherwise), and its own
 *          delay from waitpid() return to the first umount2() call (helper_delay_ns).
 *
 * Why a C helper: the busy window after wait is milliseconds long; a shell or a JVM
 * ProcessBuilder between wait and umount would hide it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int marker_fd = -1;
static long iter;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ns(long long ns)
{
	struct timespec ts = { .tv_sec = ns / 1000000000LL, .tv_nsec = ns % 1000000000LL };

	/* absolute-free relative sleep; restart on EINTR with the remainder */
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* One trace_marker line; the parser keys on the "fputsim " prefix. */
static void mark(const char *what, long long v)
{
	char buf[160];
	int n;

	if (marker_fd < 0)
		return;
	n = snprintf(buf, sizeof(buf), "fputsim iter=%ld %s %lld\n", iter, what, v);
	if (write(marker_fd, buf, n) < 0)
		marker_fd = -1;	/* tracing went away: keep the run going */
}

static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

static void usage(void)
{
	fprintf(stderr, "usage: fputsim-reaper --mnt DIR --sleep-us N [--bound-us N] [--retry-us N]"
			" [--delay-us N] [--marker PATH] [--iter N] [--fio-log PATH] [--no-kill --exit-bound-us N] -- fio ARGS...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *mnt = NULL, *marker = NULL, *fio_log = "/dev/null";
	long long sleep_us = -1, bound_us = 5000000, retry_us = 200, delay_us = 0, exit_bound_us = 60000000;
	long long t_start, t_kill, t_wait, t_first, t_last_busy = 0, t_done = 0;
	int i, status = 0, err = 0, early = 0, attempts = 0, busy = 0, no_kill = 0, timed_out = 0;
	pid_t pid, w;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "--no-kill")) {
			no_kill = 1;
			continue;
		}
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--mnt"))
			mnt = argv[++i];
		else if (!strcmp(argv[i], "--sleep-us"))
			sleep_us = atoll(argv[++i]);
		else if (!strcmp(argv[i], "--bound-us"))
			bound_us = atoll(argv[++i]);
		else if (!strcmp(argv[i], "--delay-us"))
			delay_us = atoll(argv[++i]);
		else if (!strcmp(argv[i], "--retry-us"))
			retry_us = atoll(argv[++i]);
		else if (!strcmp(argv[i], "--marker"))
			marker = argv[++i];
		else if (!strcmp(argv[i], "--iter"))
			iter = atol(argv[++i]);
		else if (!strcmp(argv[i], "--fio-log"))
			fio_log = argv[++i];
		else if (!strcmp(argv[i], "--exit-bound-us"))
			exit_bound_us = atoll(argv[++i]);
		else
			usage();
	}
	if (!mnt || (sleep_us < 0 && !no_kill) || i >= argc || exit_bound_us < 1)
		usage();
	if (no_kill)
		sleep_us = 0;
	if (marker)
		marker_fd = open(marker, O_WRONLY | O_CLOEXEC);

	t_start = now_ns();
	mark("start", t_start);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 3;
	}
	if (pid == 0) {
		int fd = open(fio_log, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		/* if we die (Java destroyed us), the kernel kills fio: never orphan it */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() == 1)
			_exit(127);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[i], &argv[i]);
		_exit(127);
	}

	if (no_kill) {
		/* As the shell's wait: block in waitpid until the child exits by itself. SIGALRM (no
		 * SA_RESTART) ends the wait at the bound: then the child is killed by PID and reaped. */
		struct sigaction sa;
		struct itimerval it = { .it_value = { .tv_sec = exit_bound_us / 1000000,
						      .tv_usec = exit_bound_us % 1000000 } };

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigaction(SIGALRM, &sa, NULL);
		mark("no-kill-wait", t_start);
		setitimer(ITIMER_REAL, &it, NULL);
		while ((w = waitpid(pid, &status, 0)) == -1 && errno == EINTR) {
			if (alarmed && !timed_out) {
				timed_out = 1;
				kill(pid, SIGKILL);
			}
		}
		t_wait = now_ns();
		memset(&it, 0, sizeof(it));
		setitimer(ITIMER_REAL, &it, NULL);
		t_kill = 0;
		mark("wait-returned", t_wait);
		goto umount;
	}
	sleep_ns(sleep_us * 1000);
	if (waitpid(pid, &status, WNOHANG) == pid)
		early = 1;	/* fio exited on its own: this iteration tests nothing */
	t_kill = now_ns();
	if (!early)
		kill(pid, SIGKILL);
	mark("kill-sent", t_kill);
	while (!early && (w = waitpid(pid, &status, 0)) == -1 && errno == EINTR)
		;
	t_wait = now_ns();
	mark("wait-returned", t_wait);

umount:
	/* A harness delay between wait and umount, when asked (0: none, no syscall). */
	if (delay_us > 0)
		sleep_ns(delay_us * 1000);

	/* Busy loop: the point of this program. Nothing but umount2 and a short sleep. */
	t_first = now_ns();
	for (;;) {
		long long t;

		attempts++;
		if (umount2(mnt, 0) == 0) {
			t_done = now_ns();
			err = 0;
			break;
		}
		err = errno;
		t = now_ns();
		if (err != EBUSY)
			break;
		busy++;
		t_last_busy = t;
		if (t - t_first >= bound_us * 1000)
			break;
		sleep_ns(retry_us * 1000);
	}
	mark(err ? "umount-failed" : "umount-ok", err);

	printf("iter=%ld fio_pid=%d sleep_us=%lld fio_early_exit=%d fio_status=%d"
	       " start_ns=%lld kill_ns=%lld wait_ns=%lld first_umount_ns=%lld"
	       " last_ebusy_ns=%lld done_ns=%lld helper_delay_ns=%lld"
	       " attempts=%d ebusy=%d umount_errno=%d delay_us=%lld exit_mode=%s timed_out=%d\n",
	       iter, (int)pid, sleep_us, early, status, t_start, t_kill, t_wait, t_first,
	       t_last_busy, t_done, t_first - t_wait, attempts, busy, err, delay_us,
	       no_kill ? "no-kill" : "kill", timed_out);
	return err ? 1 : 0;
}
