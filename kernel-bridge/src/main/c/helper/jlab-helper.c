/*
 * jlab-helper: the native stage of the jlab container engine.
 *
 * A JVM cannot turn itself into a container: unshare(CLONE_NEWUSER) refuses
 * a multithreaded process (a JVM always has a dozen threads), CLONE_NEWPID
 * only affects children, and a JVM cannot fork. So the engine starts this small single-threaded
 * program and drives it over a socket (fd 3), one request at a time:
 * "unshare uts", "mount ...", "pivot_root . .", "exec sh". The helper holds
 * no policy. Every choice is made in Java; this file turns each request into
 * one system call and reports what the kernel answered.
 *
 * The wire protocol is in README.md, next to this file.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define CONTROL_FD 3
#define MSG_MAX (64 * 1024)
#define PROTOCOL_VERSION 1
/* The helper failed before the command ran: 125, as `docker run` reports it. */
#define EXIT_HELPER 125
#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

static char request[MSG_MAX + 1]; /* +1: room to terminate an unterminated last field */
static char *field[MSG_MAX + 2];  /* every field takes at least its NUL byte */
static char reply[MSG_MAX];
static size_t reply_len;          /* 0: send nothing */

static char env_text[MSG_MAX];    /* the `env` request, kept until `exec` */
static char *env_vec[MSG_MAX + 1];
static char *default_env[] = { "PATH=" DEFAULT_PATH, NULL };
static char **exec_env = default_env;

static int death_signal;          /* 0, or SIGKILL once we must die with our parent */
static int parent_fd = -1;        /* a pidfd of that parent, to see whether it is gone */
static pid_t init_pid;            /* the reaper's child, for the signal handler */

/* ---- replies ---------------------------------------------------------- */

static void vput(const char *fmt, va_list ap)
{
	size_t room = sizeof reply - reply_len;
	int n = vsnprintf(reply + reply_len, room, fmt, ap);

	if (n > 0)
		reply_len += (size_t)n < room ? (size_t)n : room - 1;
}

static void put(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput(fmt, ap);
	va_end(ap);
}

static int ok(void)
{
	reply_len = 0;
	put("ok");
	return 0;
}

#define E(name) [name] = #name
static const char *const errno_names[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV), E(ENOTDIR),
	E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY), E(ETXTBSY),
	E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS), E(EMLINK), E(EPIPE),
	E(ERANGE), E(ENAMETOOLONG), E(ENOSYS), E(ENOTEMPTY), E(ELOOP),
	E(EUSERS), E(EOVERFLOW), E(EOPNOTSUPP), /* ENOTSUP is the same number on Linux */
	E(ECANCELED),
};

static const char *errno_name(int e)
{
	static char unknown[16];

	if (e > 0 && (size_t)e < sizeof errno_names / sizeof *errno_names && errno_names[e])
		return errno_names[e];
	snprintf(unknown, sizeof unknown, "E%d", e);
	return unknown;
}

/*
 * One argument of a failed call, quoted as C would write it: "a\"b". Escaped
 * so that a reply stays one line whatever a path holds. Returns one of a few
 * rotating buffers, so a call can quote all its arguments. Leaves errno alone.
 */
static const char *q(const char *s)
{
	static char slot[6][PATH_MAX + 8];
	static int next;
	char *out, *o, *end;

	if (!s)
		return "NULL";
	out = o = slot[next++ % 6];
	end = out + sizeof slot[0] - 8;
	*o++ = '"';
	for (; *s && o < end; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = "0123456789abcdef"[c >> 4];
			*o++ = "0123456789abcdef"[c & 15];
		} else {
			*o++ = (char)c;
		}
	}
	if (*s)
		o = stpcpy(o, "...");
	*o++ = '"';
	*o = '\0';
	return out;
}

/* "err ENAME N call(args): strerror": what the kernel refused, and why. */
static int reply_err(int e, const char *call, ...)
{
	va_list ap;

	reply_len = 0;
	put("err %s %d ", errno_name(e), e);
	va_start(ap, call);
	vput(call, ap);
	va_end(ap);
	put(": %s", strerror(e));
	return -1;
}

/* The last call failed: report it with errno. The reply is written at once,
 * so cleanup may follow fail() without saving errno. */
#define fail(...) reply_err(errno, __VA_ARGS__)

/* The request itself is wrong: "err EINVAL 22 usage: ...". A bug in the
 * engine, not a refusal of the kernel: no call was made. */
static int usage(const char *fmt, ...)
{
	va_list ap;

	reply_len = 0;
	put("err EINVAL %d usage: ", EINVAL);
	va_start(ap, fmt);
	vput(fmt, ap);
	va_end(ap);
	return -1;
}

static int send_reply(void)
{
	/* MSG_NOSIGNAL: if the engine is gone, fail with EPIPE instead of dying of SIGPIPE. */
	return send(CONTROL_FD, reply, reply_len, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

/* ---- flag words -> kernel flags --------------------------------------- */

struct flag {
	const char *word;          /* in the protocol: "rec" */
	unsigned long bit;         /* for the kernel: MS_REC */
	const char *name;          /* in an error, as the man page writes it */
};
#define FLAG(word, bit) { word, bit, #bit }

static const struct flag namespaces[] = {
	FLAG("mnt", CLONE_NEWNS),     FLAG("uts", CLONE_NEWUTS),
	FLAG("ipc", CLONE_NEWIPC),    FLAG("net", CLONE_NEWNET),
	FLAG("pid", CLONE_NEWPID),    FLAG("cgroup", CLONE_NEWCGROUP),
	FLAG("user", CLONE_NEWUSER),  FLAG("time", CLONE_NEWTIME),
	{ NULL, 0, NULL },
};

static const struct flag mount_flags[] = {
	FLAG("ro", MS_RDONLY),        FLAG("nosuid", MS_NOSUID),
	FLAG("nodev", MS_NODEV),      FLAG("noexec", MS_NOEXEC),
	/* bind: graft an existing directory elsewhere. pivot_root needs the new
	 * root to be a mount point: bind-mounting the rootfs onto itself makes it one. */
	FLAG("bind", MS_BIND),
	/* rec: the whole subtree. A bind without it takes one mount and leaves
	 * the ones below behind; a propagation change without it, likewise. */
	FLAG("rec", MS_REC),
	FLAG("remount", MS_REMOUNT),
	/* private: mount events stop propagating, both ways. systemd makes /
	 * "shared", so without `rec,private` on / a container's mounts would appear
	 * on the host, and pivot_root refuses a shared parent (EINVAL). */
	FLAG("private", MS_PRIVATE),
	/* slave: receive the host's mounts, never send ours back. */
	FLAG("slave", MS_SLAVE),
	FLAG("shared", MS_SHARED),    FLAG("unbindable", MS_UNBINDABLE),
	FLAG("relatime", MS_RELATIME), FLAG("strictatime", MS_STRICTATIME),
	FLAG("noatime", MS_NOATIME), FLAG("move", MS_MOVE),
	{ NULL, 0, NULL },
};

static const struct flag *find_flag(const struct flag *table, const char *word)
{
	for (; table->word; table++)
		if (strcmp(table->word, word) == 0)
			return table;
	return NULL;
}

/* MS_BIND|MS_REC: what the call really received, for an error reply. */
static const char *flag_names(const struct flag *table, unsigned long bits)
{
	static char out[512];
	size_t len = 0;

	out[0] = '\0';
	for (; table->word; table++)
		if (bits & table->bit)
			len += (size_t)snprintf(out + len, sizeof out - len, "%s%s", len ? "|" : "", table->name);
	return len ? out : "0";
}

static int parse_number(const char *s, int base, unsigned long max, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	*out = strtoul(s, &end, base);
	return *end == '\0' && errno == 0 && *out <= max;
}

/* ---- dying with the parent -------------------------------------------- */

/*
 * PR_SET_PDEATHSIG asks the kernel to send us a signal when our parent
 * (strictly: the parent *thread*) exits, so that a container never outlives
 * the engine or the reaper that watches it. The setting is per process and
 * easy to lose: fork() clears it in the child, and so does any change of
 * credentials (setresuid, setresgid). So it is set again after each of those.
 *
 * It is not retroactive: if the parent died just before the prctl, no signal
 * ever comes. The textbook check, getppid() != the parent we expect, does
 * not work here: in a new PID namespace our parent lives outside it and
 * getppid() returns 0 whether the parent is alive or not. So we hold a pidfd
 * of the parent instead: it polls readable once that process has exited.
 */
static void arm_death_signal(void)
{
	struct pollfd parent = { .fd = parent_fd, .events = POLLIN };

	if (!death_signal)
		return;
	prctl(PR_SET_PDEATHSIG, death_signal, 0, 0, 0);
	if (parent_fd >= 0 && poll(&parent, 1, 0) != 0)
		_exit(EXIT_HELPER); /* too late: the parent is already gone */
}

static int pidfd_open(pid_t pid)
{
	/* A pidfd is close-on-exec from birth. -1 before Linux 5.3: no check then. */
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

/* ---- the verbs -------------------------------------------------------- */

static int do_hello(char **arg)
{
	(void)arg;
	ok();
	put(" version=%d pid=%d", PROTOCOL_VERSION, (int)getpid());
	return 0;
}

/*
 * One unshare(2) for all the namespaces named, so they are made together.
 * The reply gives the inode of each new namespace: two processes share a
 * namespace exactly when /proc/PID/ns/NAME has the same inode.
 */
static int do_unshare(char **arg)
{
	unsigned long flags = 0;
	char path[64];
	struct stat st;

	for (char **a = arg; *a; a++) {
		const struct flag *ns = find_flag(namespaces, *a);
		if (!ns)
			return usage("unknown namespace %s", q(*a));
		flags |= ns->bit;
	}
	if (unshare((int)flags) < 0)
		return fail("unshare(%s)", flag_names(namespaces, flags));
	ok();
	for (char **a = arg; *a; a++) {
		/* A new PID namespace cannot be seen until its PID 1 exists (the
		 * kernel refuses to open pid_for_children before): `fork` reports it. */
		if (strcmp(*a, "pid") == 0)
			continue;
		/* A new time namespace, like a PID one, is for our *children*:
		 * /proc/self/ns/time still names the one we are in. */
		snprintf(path, sizeof path, "/proc/self/ns/%s%s", *a, strcmp(*a, "time") == 0 ? "_for_children" : "");
		if (stat(path, &st) < 0)
			return fail("stat(%s)", q(path));
		put(" %s=%lu", *a, (unsigned long)st.st_ino);
	}
	return 0;
}

/*
 * `setns PID NS...`: join the namespaces of a running process, the way
 * nsenter(1) and `runc exec` do. Every /proc/PID/ns/NS is opened first:
 * once the mount namespace is joined, /proc is the container's, where PID
 * (a host pid) names nothing. Then setns(2), in the order given; the engine
 * chooses the order (see README.md). PID only changes where our next child
 * is born: `fork` follows.
 */
static unsigned long joined_pid_ns; /* the PID namespace `setns` joined, for `fork`'s reply */

static int do_setns(char **arg)
{
	const struct flag *ns[16];
	int fd[16];
	struct stat st[16];
	unsigned long pid;
	char path[64];
	int n = 0, rc = 0;

	if (!parse_number(arg[0], 10, INT_MAX, &pid))
		return usage("setns PID NS...");
	for (char **a = arg + 1; *a; a++) {
		if (n == 16)
			return usage("setns PID NS... (at most 16)");
		ns[n] = find_flag(namespaces, *a);
		if (!ns[n])
			return usage("unknown namespace %s", q(*a));
		n++;
	}
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "/proc/%lu/ns/%s", pid, ns[i]->word);
		fd[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (fd[i] < 0 || fstat(fd[i], &st[i]) < 0) {
			rc = fail("open(%s, O_RDONLY)", q(path));
			if (fd[i] >= 0)
				close(fd[i]);
			n = i;
			goto out;
		}
	}
	for (int i = 0; i < n; i++) {
		if (setns(fd[i], (int)ns[i]->bit) < 0) {
			rc = fail("setns(open(\"/proc/%lu/ns/%s\"), %s)", pid, ns[i]->word, ns[i]->name);
			goto out;
		}
	}
	ok();
	for (int i = 0; i < n; i++) {
		/* The inode of the namespace now joined: the same as in /proc/PID/ns. */
		put(" %s=%lu", ns[i]->word, (unsigned long)st[i].st_ino);
		if (ns[i]->bit == CLONE_NEWPID)
			joined_pid_ns = (unsigned long)st[i].st_ino;
	}
out:
	for (int i = 0; i < n; i++)
		close(fd[i]);
	return rc;
}

static const int forwarded_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };

/* ---- a terminal for the command (-t) ---------------------------------- */

/*
 * A pseudo-terminal is a pair: programs see the "slave" end as a terminal
 * (isatty, line editing, Ctrl-C becoming SIGINT); whoever holds the "master"
 * end plays the keyboard and the screen. `pty` opens one before `fork`: the
 * child (PID 1) makes the slave its controlling terminal and its fds 0-2; the
 * reaper keeps the master and copies between it and the user's terminal.
 */
static int pty_master = -1;
static char pty_slave[64];
/* The slave, opened by `pty` itself: the child cannot reopen it by name once
 * it has joined a container's mount namespace (`setns`), where /dev/pts is
 * another devpts instance and /dev/pts/N is not ours. */
static int pty_slave_fd = -1;
static int pty_input;              /* `pty stdin`: relay what the user types (-i) */

static void copy_window_size(void)
{
	struct winsize ws;

	if (pty_master >= 0 && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0)
		ioctl(pty_master, TIOCSWINSZ, &ws);
}

static int do_pty(char **arg)
{
	int m;

	if (pty_master >= 0)
		return usage("pty: a terminal is already open");
	pty_input = arg[0] && strcmp(arg[0], "stdin") == 0;
	m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0)
		return fail("posix_openpt(O_RDWR|O_NOCTTY)");
	if (unlockpt(m) < 0 || ptsname_r(m, pty_slave, sizeof pty_slave) != 0) {
		int e = errno;
		close(m);
		return reply_err(e, "unlockpt(%d)", m);
	}
	/* O_NOCTTY: not our controlling terminal; the child makes it its own. */
	pty_slave_fd = open(pty_slave, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (pty_slave_fd < 0) {
		int e = errno;
		close(m);
		return reply_err(e, "open(%s, O_RDWR|O_NOCTTY)", q(pty_slave));
	}
	pty_master = m;
	copy_window_size(); /* the user's terminal's rows and columns, when there is one */
	ok();
	put(" pty=%s", pty_slave);
	return 0;
}

/* In the child: a new session whose controlling terminal is the slave. */
static void attach_terminal(void)
{
	int s = pty_slave_fd;

	close(pty_master);
	pty_master = -1;
	if (setsid() < 0)
		_exit(EXIT_HELPER);
	if (ioctl(s, TIOCSCTTY, 0) < 0)
		_exit(EXIT_HELPER);
	dup2(s, STDIN_FILENO);
	dup2(s, STDOUT_FILENO);
	dup2(s, STDERR_FILENO);
	if (s > STDERR_FILENO)
		close(s);
}

static int write_all(int fd, const char *buf, ssize_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, (size_t)n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		buf += w;
		n -= w;
	}
	return 0;
}

/*
 * In the reaper: copies the terminal's output to our stdout, and (with -i)
 * our stdin to the terminal, with the user's own terminal in raw mode so that
 * every key reaches the container's line discipline untouched. Returns when
 * the slave is closed by every process (read gives EIO): the container ended.
 */
static void relay_terminal(void)
{
	struct termios saved, raw;
	int restore = pty_input && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	struct pollfd p[2] = { { .fd = pty_master, .events = POLLIN }, { .fd = pty_input ? STDIN_FILENO : -1, .events = POLLIN } };
	char buf[8192];

	if (restore) {
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents) {
			ssize_t n = read(pty_master, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0 || write_all(STDOUT_FILENO, buf, n) < 0)
				break;
		}
		if (p[1].revents) {
			ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				/* Our input ended (a pipe): a Ctrl-D tells the program, as a user would. */
				write_all(pty_master, "\x04", 1);
				p[1].fd = -1;
			} else if (write_all(pty_master, buf, n) < 0) {
				break;
			}
		}
	}
	if (restore)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}

static void forward_signal(int sig)
{
	/* With a terminal, a resized window is the terminal's business: the
	 * kernel then sends SIGWINCH to the terminal's foreground programs. */
	if (sig == SIGWINCH && pty_master >= 0) {
		copy_window_size();
		return;
	}
	kill(init_pid, sig);
}

/*
 * The parent after `fork`: it answers with the child's pid, steps out of the
 * conversation, passes signals on and waits. Its exit status is the
 * container's, so the engine waits for this process and nothing else.
 */
static void become_reaper(pid_t child, const sigset_t *forwarded, int replied_fd)
{
	struct sigaction sa = { .sa_handler = forward_signal };
	char path[64];
	struct stat st;
	int status;

	init_pid = child;
	ok();
	put(" init=%d", (int)child);
	/* After `setns` into a container's mount namespace, /proc is the
	 * container's and does not know the child by its host pid: report the
	 * PID namespace `setns` joined instead. */
	if (joined_pid_ns)
		put(" pid=%lu", joined_pid_ns);
	else if (snprintf(path, sizeof path, "/proc/%d/ns/pid", (int)child), stat(path, &st) == 0)
		put(" pid=%lu", (unsigned long)st.st_ino);
	send_reply(); /* if the engine is gone, the child sees EOF and exits: wait anyway */
	close(replied_fd); /* the child may answer now: our reply is first in line */
	close(CONTROL_FD);

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof forwarded_signals / sizeof *forwarded_signals; i++)
		sigaction(forwarded_signals[i], &sa, NULL);
	sigprocmask(SIG_UNBLOCK, forwarded, NULL);

	/* The slave is the child's: while we hold it too, reading the master
	 * would never report the end of the container (EIO). */
	if (pty_slave_fd >= 0)
		close(pty_slave_fd);
	if (pty_master >= 0)
		relay_terminal();
	/* A forwarded signal interrupts waitpid (EINTR): wait again, until the
	 * child is really gone. Exiting earlier would SIGKILL it (its PDEATHSIG). */
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			_exit(EXIT_HELPER);
	/* 128 + signal, as a shell reports it: SIGKILL is 137. */
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

/*
 * After `unshare pid`, our next child is PID 1 of the new namespace; we are
 * not (a process never changes its pid). So: fork. The child carries on the
 * conversation as PID 1; the parent becomes its reaper.
 */
static int do_fork(char **arg)
{
	sigset_t forwarded, old;
	int helper_fd = pidfd_open(getpid());
	int replied[2];
	pid_t pid;
	char c;

	(void)arg;
	/* Block the signals the reaper will forward until its handlers are in
	 * place: a SIGTERM in between would kill it with the default action. */
	sigemptyset(&forwarded);
	for (size_t i = 0; i < sizeof forwarded_signals / sizeof *forwarded_signals; i++)
		sigaddset(&forwarded, forwarded_signals[i]);
	sigprocmask(SIG_BLOCK, &forwarded, &old);
	/* Parent and child share the socket. The engine may already have queued
	 * its next request: the child must not answer it before the parent has
	 * sent "ok init=...". The child waits until the parent closes this pipe. */
	if (pipe2(replied, O_CLOEXEC) < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return fail("pipe2()");
	}

	pid = fork();
	if (pid < 0) {
		fail("fork()");
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (helper_fd >= 0)
			close(helper_fd);
		close(replied[0]);
		close(replied[1]);
		return -1;
	}
	if (pid > 0) {
		if (helper_fd >= 0)
			close(helper_fd); /* the child's to keep, not ours */
		close(replied[0]);
		become_reaper(pid, &forwarded, replied[1]); /* never returns */
	}
	close(replied[1]);
	while (read(replied[0], &c, 1) < 0 && errno == EINTR)
		; /* end-of-file: the parent has replied (or died, and PDEATHSIG follows) */
	close(replied[0]);

	/* The child: it dies if the reaper dies, and starts with a clean mask. */
	if (pty_master >= 0)
		attach_terminal();
	if (parent_fd >= 0)
		close(parent_fd);
	parent_fd = helper_fd;
	death_signal = SIGKILL;
	arm_death_signal();
	sigprocmask(SIG_SETMASK, &old, NULL);
	reply_len = 0; /* the reaper answered for both of us */
	return 0;
}

static int do_sethostname(char **arg)
{
	/* Changes the hostname of our UTS namespace: after `unshare uts`, the
	 * container's alone. */
	if (sethostname(arg[0], strlen(arg[0])) < 0)
		return fail("sethostname(%s)", q(arg[0]));
	return ok();
}

static int do_mount(char **arg)
{
	unsigned long flags = 0;
	const char *src = *arg[0] ? arg[0] : NULL;
	const char *fstype = *arg[2] ? arg[2] : NULL;
	const char *data = *arg[4] ? arg[4] : NULL;
	char words[MSG_MAX];

	snprintf(words, sizeof words, "%s", arg[3]);
	for (char *save = NULL, *w = strtok_r(words, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		const struct flag *f = find_flag(mount_flags, w);
		if (!f)
			return usage("unknown mount flag %s", q(w));
		flags |= f->bit;
	}
	if (mount(src, arg[1], fstype, flags, data) < 0)
		return fail("mount(%s, %s, %s, %s, %s)", q(src), q(arg[1]), q(fstype),
			    flag_names(mount_flags, flags), q(data));
	return ok();
}

static int do_umount(char **arg)
{
	int flags = 0;

	/* MNT_DETACH: take the mount out of the tree now, free it when its last
	 * user lets go. After `pivot_root . .` the old root is still in use
	 * (every host mount hangs under it), so a plain umount says EBUSY. */
	if (arg[1] && strcmp(arg[1], "detach") != 0)
		return usage("umount TARGET [detach]");
	if (arg[1])
		flags = MNT_DETACH;
	if (umount2(arg[0], flags) < 0)
		return fail("umount2(%s, %s)", q(arg[0]), flags ? "MNT_DETACH" : "0");
	return ok();
}

static int do_mkdir(char **arg)
{
	unsigned long mode;
	struct stat st;

	if (!parse_number(arg[1], 8, 07777, &mode))
		return usage("mkdir PATH MODE (octal)");
	if (mkdir(arg[0], (mode_t)mode) < 0) {
		int e = errno;
		if (e == EEXIST && stat(arg[0], &st) == 0 && S_ISDIR(st.st_mode))
			return ok(); /* an existing directory is fine */
		return reply_err(e, "mkdir(%s, 0%lo)", q(arg[0]), mode);
	}
	/* mkdir applies our umask (inherited from the JVM): chmod makes MODE exact. */
	if (chmod(arg[0], (mode_t)mode) < 0)
		return fail("chmod(%s, 0%lo)", q(arg[0]), mode);
	return ok();
}

static int do_mknod(char **arg)
{
	unsigned long major, minor, mode;
	int type = strcmp(arg[1], "c") == 0 ? S_IFCHR : strcmp(arg[1], "b") == 0 ? S_IFBLK : 0;

	if (!type || !parse_number(arg[2], 10, 0xfff, &major) ||
	    !parse_number(arg[3], 10, 0xfffff, &minor) || !parse_number(arg[4], 8, 07777, &mode))
		return usage("mknod PATH c|b MAJOR MINOR MODE");
	/* A device node is only a name for a driver (major) and one of its
	 * devices (minor): whoever may open the node may talk to the device.
	 * Inside a user namespace the kernel refuses (EPERM): rootless engines
	 * bind-mount the host's /dev/null and friends instead. */
	if (mknod(arg[0], (mode_t)(type | mode), makedev(major, minor)) < 0)
		return fail("mknod(%s, %s|0%lo, makedev(%lu, %lu))", q(arg[0]),
			    type == S_IFCHR ? "S_IFCHR" : "S_IFBLK", mode, major, minor);
	/* mknod applies our umask too: chmod makes MODE exact. */
	if (chmod(arg[0], (mode_t)mode) < 0)
		return fail("chmod(%s, 0%lo)", q(arg[0]), mode);
	return ok();
}

static int do_symlink(char **arg)
{
	if (symlink(arg[0], arg[1]) < 0)
		return fail("symlink(%s, %s)", q(arg[0]), q(arg[1]));
	return ok();
}

static int do_chdir(char **arg)
{
	if (chdir(arg[0]) < 0)
		return fail("chdir(%s)", q(arg[0]));
	return ok();
}

static int do_chroot(char **arg)
{
	/* chroot changes this process's idea of "/", nothing more: the host's
	 * mounts are all still there, and a process with CAP_SYS_CHROOT can climb
	 * out (chroot into a subdirectory, then chdir("..") past the old root).
	 * pivot_root is what containers use. */
	if (chroot(arg[0]) < 0)
		return fail("chroot(%s)", q(arg[0]));
	return ok();
}

/*
 * pivot_root swaps the root mount of the whole mount namespace: NEW becomes
 * "/" and the old root is moved to PUTOLD. Once the old root is unmounted,
 * the host's files are not hidden but gone from this namespace. The kernel
 * insists that NEW is a mount point (bind-mount the rootfs onto itself) and
 * that neither it nor its parent is shared (`rec,private` on / first).
 * With `pivot_root . .` the old root is stacked on top of the new one, at
 * the same place; `umount . detach` then peels it off. No directory needed.
 * glibc has no wrapper: this is the raw syscall.
 */
static int do_pivot_root(char **arg)
{
	if (syscall(SYS_pivot_root, arg[0], arg[1]) < 0)
		return fail("pivot_root(%s, %s)", q(arg[0]), q(arg[1]));
	return ok();
}

/* A new network namespace has only `lo`, and it starts down. */
static int do_ifup(char **arg)
{
	struct ifreq ifr = { 0 };
	int sock, rc;

	if (strlen(arg[0]) >= IFNAMSIZ)
		return usage("ifup IFNAME (at most %d characters)", IFNAMSIZ - 1);
	strcpy(ifr.ifr_name, arg[0]);
	/* Any socket will do: it only tells the ioctl which network namespace. */
	sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		return fail("socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, 0)");
	if (ioctl(sock, SIOCGIFFLAGS, &ifr) < 0) {
		rc = fail("ioctl(%s, SIOCGIFFLAGS)", q(arg[0]));
	} else {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(sock, SIOCSIFFLAGS, &ifr) < 0)
			rc = fail("ioctl(%s, SIOCSIFFLAGS, IFF_UP)", q(arg[0]));
		else
			rc = ok();
	}
	close(sock);
	return rc;
}

/* Index = capability number, as in <linux/capability.h>. */
static const char *const cap_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill",
	"setgid", "setuid", "setpcap", "linux_immutable", "net_bind_service",
	"net_broadcast", "net_admin", "net_raw", "ipc_lock", "ipc_owner",
	"sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
	"sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time",
	"sys_tty_config", "mknod", "lease", "audit_write", "audit_control",
	"setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
	"block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
};
#define CAP_COUNT ((int)(sizeof cap_names / sizeof *cap_names))

/* The highest capability this kernel knows; without /proc, try them all. */
static int cap_last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
	int last = 63;

	if (f) {
		if (fscanf(f, "%d", &last) != 1)
			last = 63;
		fclose(f);
	}
	return last;
}

/*
 * Root's power comes in pieces. A process has several sets of them:
 * effective (what it can do now), permitted (what it may make effective),
 * inheritable and ambient (what may survive execve), and the bounding set:
 * the ceiling for everything it or its descendants will ever gain, even from
 * a setuid-root binary. Dropping from the bounding set is forever.
 * For root, execve makes permitted = effective = the bounding set (root's
 * programs count as having every file capability): the bounding set is what
 * a root container keeps.
 */
static int do_caps(char **arg)
{
	struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2] = { { 0 } };
	uint64_t keep = 0;
	int last = cap_last_cap();

	for (char **a = arg; *a; a++) {
		int cap = 0;
		while (cap < CAP_COUNT && strcmp(cap_names[cap], *a) != 0)
			cap++;
		if (cap == CAP_COUNT)
			return usage("unknown capability %s", q(*a));
		keep |= 1ULL << cap;
	}
	/* The bounding set first: dropping from it needs CAP_SETPCAP, which
	 * capset below may take away. EINVAL: a capability this kernel lacks. */
	for (int cap = 0; cap <= last; cap++)
		if (!(keep & (1ULL << cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return fail("prctl(PR_CAPBSET_DROP, %d)", cap);
	/* Version 3 takes 64 bits as two 32-bit words. The inheritable set stays
	 * empty: a non-empty one lets a binary with inheritable file capabilities
	 * gain them at execve (CVE-2022-24769, which Docker fixed this way). */
	for (int w = 0; w < 2; w++)
		data[w].effective = data[w].permitted = (uint32_t)(keep >> (32 * w));
	if (syscall(SYS_capset, &header, data) < 0)
		return fail("capset(effective=permitted=0x%llx, inheritable=0)", (unsigned long long)keep);
	/* Ambient capabilities survive execve of any binary: clear them. */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return fail("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)");
	return ok();
}

static int do_nonewprivs(char **arg)
{
	(void)arg;
	/* From now on execve can never grant more: setuid bits and file
	 * capabilities are ignored. Inherited by children, irreversible. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return fail("prctl(PR_SET_NO_NEW_PRIVS, 1)");
	return ok();
}

static int do_setid(char **arg)
{
	static gid_t groups[NGROUPS_MAX];
	unsigned long uid, gid, g;
	int ngroups = 0;
	char list[MSG_MAX];

	if (!parse_number(arg[0], 10, UINT_MAX - 1, &uid) || !parse_number(arg[1], 10, UINT_MAX - 1, &gid))
		return usage("setid UID GID [GID,GID...]");
	snprintf(list, sizeof list, "%s", arg[2] ? arg[2] : "");
	for (char *save = NULL, *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (ngroups == NGROUPS_MAX || !parse_number(w, 10, UINT_MAX - 1, &g))
			return usage("setid UID GID [GID,GID...]");
		groups[ngroups++] = (gid_t)g;
	}
	/* Groups first, user last: changing the uid away from 0 drops the
	 * capabilities (CAP_SETGID) that setgroups and setresgid need. */
	if (setgroups((size_t)ngroups, groups) < 0)
		return fail("setgroups(%d, [%s])", ngroups, arg[2] ? arg[2] : "");
	if (setresgid((gid_t)gid, (gid_t)gid, (gid_t)gid) < 0)
		return fail("setresgid(%lu, %lu, %lu)", gid, gid, gid);
	if (setresuid((uid_t)uid, (uid_t)uid, (uid_t)uid) < 0)
		return fail("setresuid(%lu, %lu, %lu)", uid, uid, uid);
	arm_death_signal(); /* the kernel cleared it with the old credentials */
	return ok();
}

/* After a successful exec the command finds its streams on fds 0, 1, 2:
 * dup2 puts a file there, and dup2's copy is never close-on-exec. All three
 * are opened before any is replaced, so a bad path changes nothing. */
static int do_stdio(char **arg)
{
	static const int modes[3] = { O_RDONLY, O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT | O_APPEND };
	static const char *const mode_names[3] = { "O_RDONLY", "O_WRONLY|O_CREAT|O_APPEND", "O_WRONLY|O_CREAT|O_APPEND" };
	int opened[3] = { -1, -1, -1 };

	for (int fd = 0; fd < 3; fd++) {
		if (strcmp(arg[fd], "-") == 0)
			continue;
		opened[fd] = open(arg[fd], modes[fd], 0644);
		if (opened[fd] < 0) {
			fail("open(%s, %s, 0644)", q(arg[fd]), mode_names[fd]);
			while (fd-- > 0)
				if (opened[fd] >= 0)
					close(opened[fd]);
			return -1;
		}
	}
	for (int fd = 0; fd < 3; fd++) {
		if (opened[fd] < 0 || opened[fd] == fd) /* == fd: it was closed, open reused it */
			continue;
		if (dup2(opened[fd], fd) < 0)
			return fail("dup2(%d, %d)", opened[fd], fd);
		close(opened[fd]);
	}
	return ok();
}

static int do_env(char **arg)
{
	size_t used = 0;
	int n = 0;

	for (; arg[n]; n++) {
		size_t len = strlen(arg[n]) + 1;
		if (!strchr(arg[n], '='))
			return usage("env NAME=VALUE... (got %s)", q(arg[n]));
		env_vec[n] = memcpy(env_text + used, arg[n], len);
		used += len;
	}
	env_vec[n] = NULL;
	exec_env = env_vec;
	return ok();
}

static const char *env_get(char **env, const char *name)
{
	size_t len = strlen(name);

	for (; *env; env++)
		if (strncmp(*env, name, len) == 0 && (*env)[len] == '=')
			return *env + len + 1;
	return NULL;
}

/*
 * execvpe(3), but searching the right PATH. glibc's execvpe looks up
 * getenv("PATH"): the helper's own environment, inherited from the JVM on
 * the host. A container's command must be found with the container's PATH,
 * the one in the environment it is given, in the container's filesystem.
 * Like execvpe: skip directories where the file is missing, remember EACCES.
 * Unlike it: a file without #! is not retried with /bin/sh (ENOEXEC).
 * Returns only on failure, with the errno to report.
 */
static int exec_search(char **argv, char **envp, const char *path)
{
	char file[PATH_MAX];
	int eacces = 0;

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, envp);
		return errno;
	}
	if (!*argv[0])
		return ENOENT;
	for (const char *dir = path, *end;; dir = end + 1) {
		end = strchrnul(dir, ':');
		int len = (int)(end - dir); /* an empty entry means the current directory */
		if (snprintf(file, sizeof file, "%.*s%s%s", len, dir, len ? "/" : "", argv[0]) >= (int)sizeof file)
			errno = ENAMETOOLONG;
		else
			execve(file, argv, envp);
		if (errno == EACCES)
			eacces = 1;
		else if (errno != ENOENT && errno != ENOTDIR && errno != ENAMETOOLONG)
			return errno;
		if (!*end)
			return eacces ? EACCES : ENOENT;
	}
}

/*
 * The last request. On success nothing answers: fd 3 is close-on-exec, so
 * the kernel closes it as the new program starts, and the engine reads EOF.
 */
static int do_exec(char **arg)
{
	const char *path = env_get(exec_env, "PATH");
	int e;

	if (!path)
		path = DEFAULT_PATH;
	e = exec_search(arg, exec_env, path);
	if (strchr(arg[0], '/'))
		reply_err(e, "execve(%s)", q(arg[0]));
	else
		reply_err(e, "execvpe(%s, PATH=%s)", q(arg[0]), q(path));
	send_reply();
	/* As a shell says it: 127 not found, 126 found but not runnable. */
	_exit(e == ENOENT ? 127 : 126);
}

/* ---- the conversation ------------------------------------------------- */

struct verb {
	const char *name;
	int min_args, max_args; /* max -1: no limit */
	int (*run)(char **arg);
	const char *synopsis;
};

static const struct verb verbs[] = {
	{ "hello", 0, 0, do_hello, "hello" },
	{ "unshare", 1, -1, do_unshare, "unshare NS..." },
	{ "setns", 2, -1, do_setns, "setns PID NS..." },
	{ "pty", 0, 1, do_pty, "pty [stdin]" },
	{ "fork", 0, 0, do_fork, "fork" },
	{ "sethostname", 1, 1, do_sethostname, "sethostname NAME" },
	{ "mount", 5, 5, do_mount, "mount SRC TARGET FSTYPE FLAGS DATA" },
	{ "umount", 1, 2, do_umount, "umount TARGET [detach]" },
	{ "mkdir", 2, 2, do_mkdir, "mkdir PATH MODE" },
	{ "mknod", 5, 5, do_mknod, "mknod PATH c|b MAJOR MINOR MODE" },
	{ "symlink", 2, 2, do_symlink, "symlink TARGET LINKPATH" },
	{ "chdir", 1, 1, do_chdir, "chdir PATH" },
	{ "chroot", 1, 1, do_chroot, "chroot PATH" },
	{ "pivot_root", 2, 2, do_pivot_root, "pivot_root NEW PUTOLD" },
	{ "ifup", 1, 1, do_ifup, "ifup IFNAME" },
	{ "caps", 0, -1, do_caps, "caps NAME..." },
	{ "nonewprivs", 0, 0, do_nonewprivs, "nonewprivs" },
	{ "setid", 2, 3, do_setid, "setid UID GID [GID,GID...]" },
	{ "stdio", 3, 3, do_stdio, "stdio IN OUT ERR" },
	{ "env", 0, -1, do_env, "env NAME=VALUE..." },
	{ "exec", 1, -1, do_exec, "exec ARG0 ARG..." },
};

/*
 * Pipelining. The engine may send several requests without waiting for each
 * reply (a round trip between two processes costs tens of microseconds, and a
 * container takes some sixty requests). Every request is still answered, in
 * order. But once one fails, running the next ones could do harm (a pivot_root
 * into a directory whose mount failed), so after an error every request is
 * answered "err ECANCELED" without being run, until "sync", which answers ok
 * and makes the helper run requests again.
 */
static int failed;

/* Splits a request at its NUL bytes (each field ends with one) and runs it. */
static void handle(size_t len)
{
	int n = 0;

	if (len > MSG_MAX) {
		usage("a request is at most %d bytes", MSG_MAX);
		return;
	}
	if (len == 0 || request[len - 1] != '\0')
		request[len++] = '\0'; /* be lenient: an unterminated last field */
	for (size_t i = 0; i < len; i += strlen(request + i) + 1)
		field[n++] = request + i;
	field[n] = NULL;

	if (strcmp(field[0], "sync") == 0) {
		failed = 0;
		ok();
		return;
	}
	if (failed) {
		reply_err(ECANCELED, "%s(skipped: an earlier request failed)", field[0]);
		return;
	}
	for (size_t v = 0; v < sizeof verbs / sizeof *verbs; v++) {
		const struct verb *verb = &verbs[v];
		if (strcmp(verb->name, field[0]) != 0)
			continue;
		if (n - 1 < verb->min_args || (verb->max_args >= 0 && n - 1 > verb->max_args))
			usage("%s", verb->synopsis);
		else
			verb->run(field + 1);
		return;
	}
	usage("unknown verb %s", q(field[0]));
}

static void serve(void)
{
	for (;;) {
		/* MSG_TRUNC: return the real length of a message too long for the buffer. */
		ssize_t len = recv(CONTROL_FD, request, MSG_MAX, MSG_TRUNC);
		if (len < 0 && errno == EINTR)
			continue;
		/* 0: end of file. The engine closed its end, or died: never run anything. */
		if (len <= 0)
			_exit(EXIT_HELPER);
		reply_len = 0;
		handle((size_t)len);
		if (reply_len >= 3 && memcmp(reply, "err", 3) == 0)
			failed = 1;
		if (reply_len > 0 && send_reply() < 0)
			_exit(EXIT_HELPER);
	}
}

/* ---- starting clean --------------------------------------------------- */

static void die(const char *why)
{
	fprintf(stderr, "jlab-helper: %s\n", why);
	_exit(EXIT_HELPER);
}

/*
 * Every fd above the control socket goes: a JVM holds jar files, sockets,
 * pipes, and an inherited fd to a host directory is a classic container
 * escape (openat(fd, "../../..") walks out of any chroot or pivot_root).
 */
static void close_inherited_fds(void)
{
	DIR *dir;
	struct dirent *e;

	if (syscall(SYS_close_range, CONTROL_FD + 1, ~0U, 0) == 0)
		return;
	/* Before Linux 5.9 there is no close_range: ask /proc what is open. */
	dir = opendir("/proc/self/fd");
	if (!dir)
		die("cannot list /proc/self/fd to close inherited file descriptors");
	while ((e = readdir(dir)) != NULL) {
		int fd = atoi(e->d_name);
		if (fd > CONTROL_FD && fd != dirfd(dir))
			close(fd);
	}
	closedir(dir);
}

/*
 * A child inherits its parent's blocked signals, and signals set to "ignore"
 * stay ignored across execve (only handlers are reset). The command must not
 * start with the JVM's choices: every disposition back to the default,
 * nothing blocked.
 */
static void reset_signals(void)
{
	sigset_t none;

	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL); /* glibc refuses its two internal signals: harmless */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/*
 * fd 3 is the control socket. SEQPACKET keeps message boundaries: one
 * request per recv. Close-on-exec, so that a successful execve closes it and
 * the engine reads EOF: that is how it learns the command is running.
 */
static void claim_control_socket(void)
{
	int type;
	socklen_t len = sizeof type;

	if (getsockopt(CONTROL_FD, SOL_SOCKET, SO_TYPE, &type, &len) < 0 || type != SOCK_SEQPACKET)
		die("fd 3 must be a SOCK_SEQPACKET socket (the engine's end of a socketpair)");
	if (fcntl(CONTROL_FD, F_SETFD, FD_CLOEXEC) < 0)
		die("cannot mark fd 3 close-on-exec");
}

int main(int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--die-with-parent") != 0))
		die("usage: jlab-helper [--die-with-parent] (fd 3: control socket, see README.md)");
	close_inherited_fds();
	reset_signals();
	claim_control_socket();
	if (argc == 2) {
		/* If jlab died before this line, no signal will come; but then its
		 * end of the socket is closed too, and the first recv sees EOF. */
		death_signal = SIGKILL;
		parent_fd = pidfd_open(getppid());
		arm_death_signal();
	}
	serve();
}
