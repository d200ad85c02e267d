/*
 * fputsim-supervisor: owns what one real-kernel run creates, and removes it when the run's
 * JVM goes away, however it goes (exit, SIGINT, SIGTERM, SIGKILL of java or of its process
 * group).
 *
 * Does:    setsid() (a kill of the JVM's process group does not reach it), becomes a child
 *          subreaper, writes the run's record (RECORD: one line per resource, appended and
 *          fdatasync'ed BEFORE the JVM creates the resource), runs the run's host commands
 *          (losetup, mount, umount, mkfs, dd, the reaper) as its own children, and tears
 *          everything down when its stdin (the pipe from the JVM) closes, or on SIGTERM/SIGINT/
 *          SIGHUP: kill its children by PID, save the tracefs instance's trace if the run did
 *          not, remove the instance, umount, detach the loop device, delete the files, then the
 *          record. PR_SET_PDEATHSIG alone would not do: it kills children, it unmounts nothing.
 *          --reclaim RECORD does the same teardown from a dead run's record (kernel clean, and
 *          every run's start): only when the record's owner and supervisor are both dead.
 * Leaves out: anything the record does not name; a loop device whose backing file is not the
 *          recorded image; a mount whose source is not a loop device backed by the recorded
 *          image; a tracefs instance outside instances/fputsim-*; a directory not named fputsim-*
 *          or with anything mounted below it.
 * Protocol (stdin, one request a line, fields separated by TAB):
 *          own SEQ KIND A [B]     -> "ok SEQ"       KIND: dir, image, mount (MNT IMAGE),
 *                                                    instance (DIR SAVE_TRACE_TO), file
 *          exec SEQ OUT ARGV...   -> "done SEQ CODE" (exit status, 128+signal, 127 exec failed)
 *          kill SEQ                  SIGKILL the child of "exec SEQ" (its "done" follows)
 *          emit SEQ N LINE.. TAIL..  write the N lines to the JVM's stdout (kept open when it is a pipe,
 *                                    socket or terminal), keep TAIL: written there if the JVM dies
 *          bye                       tear down and exit (as EOF, but the tail is not written)
 * Exit codes: 0 torn down (or nothing to do), 1 reclaim refused (the run is alive), 2 usage,
 *          3 a resource could not be removed (named on stderr).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <linux/loop.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXE 512
#define MAXC 64
#define LINE 65536

struct entry {
	char kind[16];
	char a[PATH_MAX];
	char b[PATH_MAX];
};

struct child {
	long seq;
	pid_t pid;
};

static struct entry ents[MAXE];
static int nents;
/* a record's "proc PID START" lines: one per command run, so only the latest are kept (the others are long gone) */
#define MAXP 256
static struct { pid_t pid; long long start; } procs[MAXP];
static long nprocs;
static struct child kids[MAXC];
static int record_fd = -1;
static const char *record_path;
static int failures;
static int verbose = 1;
/* the JVM's stdout when it is a pipe, socket or terminal: the KTAP lines of a top-level run go
 * through us ("emit"), so if the JVM dies we can end the document with the tail it last gave */
static int out_fd = -1;
static char *ktap_tail;
static int said_bye;

static void note(const char *fmt, ...)
{
	va_list ap;

	if (!verbose)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "fputsim-supervisor[%d]: ", (int)getpid());
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads /proc/PID/stat into BUF; returns the text after the ")" that ends comm, or NULL */
static char *read_stat(pid_t pid, char *buf, size_t size)
{
	char path[64];
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	return strrchr(buf, ')');
}

/* Field 22 of /proc/PID/stat (start time in clock ticks since boot); -1 if there is no such process. */
static long long start_time(pid_t pid)
{
	char buf[4096], *p;
	long long st = -1;
	int field;

	p = read_stat(pid, buf, sizeof(buf));
	if (!p)
		return -1;
	for (field = 2; p && field < 22; field++)
		p = strchr(p + 1, ' ');
	if (p)
		st = atoll(p + 1);
	return st;
}

/* ppid of PID (field 4), -1 if none */
static pid_t parent_of(pid_t pid)
{
	char buf[4096], *p;

	p = read_stat(pid, buf, sizeof(buf));
	if (!p || strlen(p) < 5)
		return -1;
	p = strchr(p + 2, ' ');	/* after the state letter */
	return p ? (pid_t)atoi(p + 1) : -1;
}

static void read_small(const char *path, char *out, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), n;

	out[0] = 0;
	if (fd < 0)
		return;
	n = read(fd, out, len - 1);
	close(fd);
	if (n < 0)
		n = 0;
	out[n] = 0;
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = 0;
}

static int write_small(const char *path, const char *v)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = write(fd, v, strlen(v)) < 0 ? -1 : 0;
	close(fd);
	return r;
}

static void record_append(const char *line)
{
	if (record_fd < 0)
		return;
	if (write(record_fd, line, strlen(line)) < 0 || fdatasync(record_fd) < 0)
		note("cannot append to %s: %s", record_path, strerror(errno));
}

static void add_entry(const char *kind, const char *a, const char *b, int persist)
{
	char line[2 * PATH_MAX + 32];

	if (nents >= MAXE) {
		note("too many resources; %s %s not recorded", kind, a);
		return;
	}
	snprintf(ents[nents].kind, sizeof(ents[nents].kind), "%s", kind);
	snprintf(ents[nents].a, sizeof(ents[nents].a), "%s", a);
	snprintf(ents[nents].b, sizeof(ents[nents].b), "%s", b ? b : "");
	nents++;
	if (persist) {
		snprintf(line, sizeof(line), "%s\t%s\t%s\n", kind, a, b ? b : "");
		record_append(line);
	}
}

/* ---- processes ---- */

static void reply(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (write(1, buf, n) < 0)
		;	/* the JVM is gone: teardown follows from EOF */
}

/* Reaps every exited child; a run child's exit is reported as "done SEQ CODE". */
static void reap(int report)
{
	int status, i, code;
	pid_t p;

	while ((p = waitpid(-1, &status, WNOHANG)) > 0) {
		code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		for (i = 0; i < MAXC; i++) {
			if (kids[i].pid == p) {
				kids[i].pid = 0;
				if (report)
					reply("done\t%ld\t%d\n", kids[i].seq, code);
			}
		}
	}
}

/* SIGKILL to every process whose parent is us (our children, and orphans we adopted as subreaper). */
static int kill_own_children(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	pid_t me = getpid(), p;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		p = (pid_t)atoi(e->d_name);
		if (p > 0 && p != me && parent_of(p) == me) {
			kill(p, SIGKILL);
			n++;
		}
	}
	closedir(d);
	return n;
}

static void stop_processes_live(void)
{
	long long end = now_ms() + 5000;
	int i;

	for (i = 0; i < MAXC; i++)
		if (kids[i].pid > 0) {
			note("killing its child %d", (int)kids[i].pid);
			kill(kids[i].pid, SIGKILL);
		}
	for (;;) {
		reap(0);
		if (!kill_own_children() && waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
			break;
		if (now_ms() > end) {
			note("children still running after 5 s");
			failures++;
			break;
		}
		sleep_ms(10);
	}
}

/* A dead run's children: killed only when /proc still shows the same process (same start time). */
static void stop_processes_recorded(void)
{
	long i, first = nprocs > MAXP ? nprocs - MAXP : 0;

	for (i = first; i < nprocs; i++) {
		pid_t p = procs[i % MAXP].pid;
		long long st = procs[i % MAXP].start;

		if (p > 1 && start_time(p) == st) {
			note("killing recorded process %d", (int)p);
			kill(p, SIGKILL);
			for (int t = 0; t < 500 && start_time(p) == st; t++)
				sleep_ms(10);
		}
	}
}

/* ---- tracefs instances ---- */

static int instance_path_ok(const char *p)
{
	static const char *roots[] = { "/sys/kernel/tracing/instances/fputsim-",
		"/sys/kernel/debug/tracing/instances/fputsim-", NULL };
	int i;

	if (strstr(p, "/..") || strchr(p + 1, '\t'))
		return 0;
	for (i = 0; roots[i]; i++)
		if (!strncmp(p, roots[i], strlen(roots[i])) && !strchr(p + strlen(roots[i]), '/'))
			return 1;
	return 0;
}

static void save_trace(const char *inst, const char *save)
{
	char src[PATH_MAX + 16], tmp[PATH_MAX + 32], buf[65536];
	struct stat st;
	int in, out;
	ssize_t n;

	if (!*save || stat(save, &st) == 0)
		return;	/* the run saved it itself, or nothing asked for */
	snprintf(src, sizeof(src), "%s/trace", inst);
	snprintf(tmp, sizeof(tmp), "%s.tmp-%d", save, (int)getpid());
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return;
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	close(in);
	if (n == 0 && fsync(out) == 0 && close(out) == 0 && rename(tmp, save) == 0) {
		note("saved the trace captured so far to %s", save);
		return;
	}
	close(out);
	unlink(tmp);
}

static void remove_instance(const char *inst, const char *save)
{
	char p[PATH_MAX + 32];
	struct stat st;
	int i;

	if (!instance_path_ok(inst)) {
		note("not a tracefs instance of ours, left alone: %s", inst);
		return;
	}
	if (stat(inst, &st) != 0)
		return;
	snprintf(p, sizeof(p), "%s/tracing_on", inst);
	write_small(p, "0\n");
	save_trace(inst, save);
	snprintf(p, sizeof(p), "%s/events/enable", inst);
	write_small(p, "0\n");
	for (i = 0; i < 50; i++) {
		if (rmdir(inst) == 0 || errno == ENOENT) {
			note("removed tracefs instance %s", inst);
			return;
		}
		sleep_ms(100);
	}
	note("cannot remove tracefs instance %s: %s", inst, strerror(errno));
	failures++;
}

/* ---- loop devices and mounts ---- */

/* The loop device name (loopN) backed by IMG, or "" */
static int backing_is(const char *loopname, const char *img)
{
	char p[PATH_MAX], b[PATH_MAX + 16];
	size_t n = strlen(img);

	snprintf(p, sizeof(p), "/sys/block/%s/loop/backing_file", loopname);
	read_small(p, b, sizeof(b));
	return b[0] && !strncmp(b, img, n) && (b[n] == 0 || !strcmp(b + n, " (deleted)"));
}

/* mountinfo: does MNT have a mount whose source is a loop device backed by IMG? 1 ours, 0 none, -1 someone else's */
static int mount_state(const char *mnt, const char *img)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4 * PATH_MAX];
	int state = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *fld[8] = { 0 }, *sep, *src, *save = NULL, *tok;
		int i = 0;

		sep = strstr(line, " - ");
		if (!sep)
			continue;
		*sep = 0;
		for (tok = strtok_r(line, " ", &save); tok && i < 8; tok = strtok_r(NULL, " ", &save))
			fld[i++] = tok;
		if (i < 5 || strcmp(fld[4], mnt))
			continue;
		strtok_r(sep + 3, " ", &save);	/* fstype */
		src = strtok_r(NULL, " ", &save);
		if (src && !strncmp(src, "/dev/loop", 9) && backing_is(src + 5, img)) {
			state = 1;
			break;
		}
		state = -1;
	}
	fclose(f);
	return state;
}

static int mounted_below(const char *dir)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4 * PATH_MAX];
	size_t n = strlen(dir);
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char *save = NULL, *tok;
		int i;

		for (i = 0, tok = strtok_r(line, " ", &save); tok && i < 4; i++)
			tok = strtok_r(NULL, " ", &save);
		if (tok && !strncmp(tok, dir, n) && (tok[n] == 0 || tok[n] == '/'))
			found = 1;
	}
	fclose(f);
	return found;
}

static void unmount_ours(const char *mnt, const char *img)
{
	int round, s;

	for (round = 0; round < 4 && (s = mount_state(mnt, img)) != 0; round++) {
		long long end = now_ms() + 5000;

		if (s < 0) {
			note("%s is mounted from something that is not our image, left alone", mnt);
			return;
		}
		while (umount2(mnt, 0) != 0 && errno == EBUSY && now_ms() < end)
			sleep_ms(20);
		if (mount_state(mnt, img) == 1) {
			note("%s still busy after 5 s: lazy umount", mnt);
			umount2(mnt, MNT_DETACH);
		} else {
			note("unmounted %s", mnt);
		}
	}
	if (mount_state(mnt, img) == 1) {
		note("cannot unmount %s", mnt);
		failures++;
	}
}

static void detach_loops(const char *img)
{
	DIR *d = opendir("/sys/block");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char dev[PATH_MAX];
		int fd;

		if (strncmp(e->d_name, "loop", 4) || !backing_is(e->d_name, img))
			continue;
		snprintf(dev, sizeof(dev), "/dev/%s", e->d_name);
		fd = open(dev, O_RDWR | O_CLOEXEC);
		if (fd < 0 || ioctl(fd, LOOP_CLR_FD, 0) != 0) {
			note("cannot detach %s (backed by %s): %s", dev, img, strerror(errno));
			failures++;
		} else {
			note("detached %s (backed by %s)", dev, img);
		}
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
}

/* ---- files ---- */

static void unlink_regular(const char *p)
{
	struct stat st;

	if (lstat(p, &st) == 0 && S_ISREG(st.st_mode)) {
		if (unlink(p) == 0)
			note("removed %s", p);
		else
			failures++;
	}
}

static int rm_cb(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(p) == 0 ? 0 : (failures++, 0);
	return unlink(p) == 0 ? 0 : (failures++, 0);
}

static void remove_dir(const char *dir)
{
	const char *base = strrchr(dir, '/');
	struct stat st;

	if (!base || strncmp(base + 1, "fputsim-", 8) || strstr(dir, "/..") || dir[0] != '/') {
		note("not a directory of ours, left alone: %s", dir);
		return;
	}
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return;
	if (mounted_below(dir)) {
		note("something is still mounted in %s: left alone", dir);
		failures++;
		return;
	}
	nftw(dir, rm_cb, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
	note("removed %s", dir);
}

/* ---- teardown ---- */

static void teardown(int live)
{
	int i;

	if (live)
		stop_processes_live();
	else
		stop_processes_recorded();
	for (i = nents - 1; i >= 0; i--)
		if (!strcmp(ents[i].kind, "instance"))
			remove_instance(ents[i].a, ents[i].b);
	for (i = nents - 1; i >= 0; i--)
		if (!strcmp(ents[i].kind, "mount"))
			unmount_ours(ents[i].a, ents[i].b);
	for (i = nents - 1; i >= 0; i--)
		if (!strcmp(ents[i].kind, "image")) {
			detach_loops(ents[i].a);
			unlink_regular(ents[i].a);
		}
	for (i = nents - 1; i >= 0; i--)
		if (!strcmp(ents[i].kind, "file"))
			unlink_regular(ents[i].a);
	for (i = nents - 1; i >= 0; i--)
		if (!strcmp(ents[i].kind, "dir"))
			remove_dir(ents[i].a);
}

/* ---- live mode ---- */

static void run_child(long seq, char *out, char **argv)
{
	int i, slot = -1;
	pid_t p, me = getpid();
	char line[128];

	for (i = 0; i < MAXC; i++)
		if (kids[i].pid == 0) {
			slot = i;
			break;
		}
	if (slot < 0) {
		reply("done\t%ld\t%d\n", seq, 126);
		return;
	}
	p = fork();
	if (p < 0) {
		reply("done\t%ld\t%d\n", seq, 126);
		return;
	}
	if (p == 0) {
		sigset_t none;
		int fd;

		prctl(PR_SET_PDEATHSIG, SIGKILL);	/* if we are SIGKILLed, so are they */
		if (getppid() != me)
			_exit(127);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		signal(SIGPIPE, SIG_DFL);
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			dup2(fd, 0);
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	kids[slot].seq = seq;
	kids[slot].pid = p;
	snprintf(line, sizeof(line), "proc\t%d\t%lld\n", (int)p, start_time(p));
	record_append(line);
}

static void handle(char *line)
{
	char *f[1024];
	int n = 0;
	char *save = NULL, *tok;

	for (tok = strtok_r(line, "\t", &save); tok && n < 1023; tok = strtok_r(NULL, "\t", &save))
		f[n++] = tok;
	f[n] = NULL;
	if (n == 0)
		return;
	if (!strcmp(f[0], "own") && n >= 4) {
		add_entry(f[2], f[3], n > 4 ? f[4] : "", 1);
		reply("ok\t%s\n", f[1]);
	} else if (!strcmp(f[0], "exec") && n >= 4) {
		run_child(atol(f[1]), f[2], &f[3]);
	} else if (!strcmp(f[0], "emit") && n >= 3) {
		/* emit SEQ NLINES LINE... TAIL...: print the lines now, keep the tail for a death */
		int k = atoi(f[2]), i;
		size_t len = 0;

		for (i = 3; i < 3 + k && i < n; i++) {
			if (out_fd >= 0 && (write(out_fd, f[i], strlen(f[i])) < 0 || write(out_fd, "\n", 1) < 0))
				out_fd = -1;
		}
		for (i = 3 + k; i < n; i++)
			len += strlen(f[i]) + 1;
		free(ktap_tail);
		ktap_tail = malloc(len + 1);
		if (ktap_tail) {
			ktap_tail[0] = 0;
			for (i = 3 + k; i < n; i++) {
				strcat(ktap_tail, f[i]);
				strcat(ktap_tail, "\n");
			}
		}
	} else if (!strcmp(f[0], "kill") && n >= 2) {
		long seq = atol(f[1]);

		for (int i = 0; i < MAXC; i++)
			if (kids[i].pid > 0 && kids[i].seq == seq)
				kill(kids[i].pid, SIGKILL);
	} else {
		note("bad request: %s", f[0]);
	}
}

static int serve(void)
{
	static char buf[LINE];
	size_t used = 0;
	sigset_t mask;
	int sfd;

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	reply("ready\t%d\t%d\n", (int)getpid(), out_fd >= 0);
	for (;;) {
		struct pollfd pf[2] = { { .fd = 0, .events = POLLIN }, { .fd = sfd, .events = POLLIN } };

		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pf[1].revents & POLLIN) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo != SIGCHLD) {
				note("signal %d: tearing down", (int)si.ssi_signo);
				break;
			}
			reap(1);
		}
		if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t r = read(0, buf + used, sizeof(buf) - 1 - used);
			char *nl, *start = buf;

			if (r <= 0)
				break;	/* the JVM closed the pipe or died */
			used += r;
			buf[used] = 0;
			while ((nl = memchr(start, '\n', buf + used - start))) {
				*nl = 0;
				if (!strcmp(start, "bye")) {
					said_bye = 1;
					return 0;
				}
				handle(start);
				start = nl + 1;
			}
			used -= start - buf;
			memmove(buf, start, used);
			if (used == sizeof(buf) - 1)
				used = 0;	/* an overlong line: drop it */
		}
	}
	return 0;
}

/* ---- records ---- */

static char boot_id[64];

static int parse_record(const char *path, pid_t *owner, long long *owner_st, pid_t *sup,
		long long *sup_st, char *boot, size_t bootlen)
{
	FILE *f = fopen(path, "re");
	char line[2 * PATH_MAX + 64];

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *k, *a, *b, *save = NULL;

		line[strcspn(line, "\n")] = 0;
		k = strtok_r(line, "\t", &save);
		a = strtok_r(NULL, "\t", &save);
		b = strtok_r(NULL, "\t", &save);
		if (!k || !a)
			continue;
		if (!strcmp(k, "boot"))
			snprintf(boot, bootlen, "%s", a);
		else if (!strcmp(k, "owner")) {
			*owner = atoi(a);
			*owner_st = b ? atoll(b) : -2;
		} else if (!strcmp(k, "supervisor")) {
			*sup = atoi(a);
			*sup_st = b ? atoll(b) : -2;
		} else if (!strcmp(k, "proc")) {
			procs[nprocs % MAXP].pid = atoi(a);
			procs[nprocs % MAXP].start = b ? atoll(b) : -2;
			nprocs++;
		} else if (strcmp(k, "fputsim-run"))
			add_entry(k, a, b ? b : "", 0);
	}
	fclose(f);
	return 0;
}

static int reclaim(const char *path)
{
	pid_t owner = 0, sup = 0;
	long long ost = -2, sst = -2;
	char boot[64] = "";

	record_path = path;
	if (parse_record(path, &owner, &ost, &sup, &sst, boot, sizeof(boot)) != 0) {
		fprintf(stderr, "fputsim-supervisor: cannot read %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (!strcmp(boot, boot_id)) {
		/* same boot: a PID is the same process only with the same start time */
		if ((owner > 0 && start_time(owner) == ost) || (sup > 0 && start_time(sup) == sst)) {
			printf("alive\t%s\towner %d\n", path, (int)owner);
			return 1;
		}
	}
	teardown(0);
	if (failures)
		return 3;
	unlink(path);
	printf("reclaimed\t%s\towner %d\n", path, (int)owner);
	return 0;
}

int main(int argc, char **argv)
{
	const char *owner = NULL;
	char hdr[PATH_MAX + 256], tmp[PATH_MAX + 16];
	int fd, i;

	signal(SIGPIPE, SIG_IGN);
	read_small("/proc/sys/kernel/random/boot_id", boot_id, sizeof(boot_id));
	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--record"))
			record_path = argv[i + 1];
		else if (!strcmp(argv[i], "--owner"))
			owner = argv[i + 1];
		else if (!strcmp(argv[i], "--reclaim")) {
			setvbuf(stdout, NULL, _IOLBF, 0);
			return reclaim(argv[i + 1]);
		} else
			break;
	}
	if (!record_path || !owner || i < argc) {
		fprintf(stderr, "usage: fputsim-supervisor --record PATH --owner PID | --reclaim PATH\n");
		return 2;
	}
	setsid();	/* out of the JVM's process group and session: a group kill does not reach us */
	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* fio orphaned by a killed reaper comes to us, not init */
	snprintf(tmp, sizeof(tmp), "%s.tmp", record_path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "fputsim-supervisor: cannot create %s: %s\n", tmp, strerror(errno));
		return 2;
	}
	snprintf(hdr, sizeof(hdr), "fputsim-run\t1\nboot\t%s\nowner\t%s\t%lld\nsupervisor\t%d\t%lld\n",
		 boot_id, owner, start_time(atoi(owner)), (int)getpid(), start_time(getpid()));
	if (write(fd, hdr, strlen(hdr)) < 0 || fsync(fd) < 0 || rename(tmp, record_path) < 0) {
		fprintf(stderr, "fputsim-supervisor: cannot write %s: %s\n", record_path, strerror(errno));
		unlink(tmp);
		return 2;
	}
	record_fd = fd;	/* appends go to the renamed file */
	{
		char p[64];
		struct stat st;

		snprintf(p, sizeof(p), "/proc/%s/fd/1", owner);
		out_fd = open(p, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOCTTY);
		/* a regular file is left to the JVM: its own offset would overwrite what we append */
		if (out_fd >= 0 && (fstat(out_fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISCHR(st.st_mode)))) {
			close(out_fd);
			out_fd = -1;
		}
	}
	lseek(record_fd, 0, SEEK_END);
	serve();
	if (!said_bye && out_fd >= 0 && ktap_tail && *ktap_tail && write(out_fd, ktap_tail, strlen(ktap_tail)) < 0)
		note("cannot end the KTAP stream");
	if (out_fd >= 0)
		close(out_fd);
	teardown(1);
	if (failures) {
		note("%d resource(s) left; the record %s stays for kernel clean", failures, record_path);
		return 3;
	}
	close(record_fd);
	unlink(record_path);
	return 0;
}
