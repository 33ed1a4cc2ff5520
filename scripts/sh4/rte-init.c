// SPDX-License-Identifier: GPL-2.0
/*
 * rte-init: /init of the sh4 r2d test initramfs.
 *
 * Freestanding on purpose: Debian 12's sh4 glibc (libc6-dev-sh4-cross) is
 * built by the same gcc-sh4 12.2 whose sh_treg_combine pass drops tests
 * of values loaded from memory, and its static __libc_start_main spins
 * at once (the envp scan's "bf.s ." has no test).  So this program makes
 * its own system calls (trapa) and must itself be compiled with the
 * workaround plugin (scripts/sh4/boot.sh does both).
 *
 * It mounts proc, sysfs, devtmpfs and debugfs, then runs the commands of
 * /etc/rte.rc, one a line, with these built-ins:
 *
 *   echo TEXT...          print TEXT
 *   cat FILE...           copy FILE(s) to the console
 *   write FILE TEXT...    write TEXT (and a newline) to FILE
 *   insmod FILE [ARGS...] load a module with finit_module(2)
 *   rmmod NAME            unload a module with delete_module(2)
 *   run PROG [ARGS...]    fork/execve PROG and wait for it; fails unless
 *                         it exits 0 (its status is printed otherwise)
 *   setenv NAME=VALUE     add NAME=VALUE to (or replace NAME in) the
 *                         environment of later "run"s (PATH=/bin at first)
 *   unsetenv NAME         remove NAME from that environment
 *   grep FILE TEXT        fail unless FILE contains TEXT
 *   nogrep FILE TEXT      fail if FILE contains TEXT
 *   sleep SECONDS
 *   poweroff              (also done after the last line)
 *
 * Words are split at blanks and TEXT is joined again with single spaces.
 * A line starting with '#' is a comment.  A failing command prints
 * "rte-init: FAIL: <line> (errno N)" and the run goes on; the last line
 * printed is "rte-init: done, N failure(s)", then the board powers off.
 */
#include <asm/unistd.h>
#include <linux/fcntl.h>
#include <linux/reboot.h>

#define MAXARGS 32

#define size_t __SIZE_TYPE__

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r3 __asm__("r3") = n;
	register long r4 __asm__("r4") = a;
	register long r5 __asm__("r5") = b;
	register long r6 __asm__("r6") = c;
	register long r7 __asm__("r7") = d;
	register long r0 __asm__("r0") = e;
	register long r1 __asm__("r1") = f;

	__asm__ volatile("trapa #0x16"
			 : "+z"(r0)
			 : "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7), "r"(r1)
			 : "memory", "t");
	return r0;
}

#define sys(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* gcc may emit calls to these */
void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

static size_t len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void out(const char *s)
{
	sys(__NR_write, 1, s, len(s));
}

static void outnum(long v)
{
	char buf[16], *p = buf + sizeof(buf) - 1;
	unsigned long u = v < 0 ? -v : v;

	*p = '\0';
	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	out(p);
}

/* argv[0..argc) joined by spaces into buf */
static void join(char *buf, size_t size, char **argv, int argc)
{
	size_t n = 0;

	for (int i = 0; i < argc; i++) {
		for (const char *s = argv[i]; *s && n + 2 < size; s++)
			buf[n++] = *s;
		if (i + 1 < argc && n + 2 < size)
			buf[n++] = ' ';
	}
	buf[n] = '\0';
}

static long do_cat(const char *path)
{
	static char buf[4096];
	long fd = sys(__NR_open, path, O_RDONLY, 0), n;

	if (fd < 0)
		return fd;
	while ((n = sys(__NR_read, fd, buf, sizeof(buf))) > 0)
		sys(__NR_write, 1, buf, n);
	sys(__NR_close, fd, 0, 0);
	return n;
}

/* 1 if FILE (its first 64 KiB) contains TEXT, 0 if not, <0 on error */
static long do_grep(const char *path, const char *text)
{
	static char buf[65536];
	long fd = sys(__NR_open, path, O_RDONLY, 0), n = 0, r;
	size_t tl = len(text);

	if (fd < 0)
		return fd;
	while (n < (long)sizeof(buf) - 1) {
		r = sys(__NR_read, fd, buf + n, sizeof(buf) - 1 - n);
		if (r <= 0)
			break;
		n += r;
	}
	sys(__NR_close, fd, 0, 0);
	for (long i = 0; i + (long)tl <= n; i++) {
		size_t j = 0;

		while (j < tl && buf[i + j] == text[j])
			j++;
		if (j == tl)
			return 1;
	}
	return 0;
}

static long do_write(const char *path, char **argv, int argc)
{
	char buf[512];
	long fd = sys(__NR_open, path, O_WRONLY, 0), n;

	if (fd < 0)
		return fd;
	join(buf, sizeof(buf) - 1, argv, argc);
	n = len(buf);
	buf[n++] = '\n';
	n = sys(__NR_write, fd, buf, n);
	sys(__NR_close, fd, 0, 0);
	return n < 0 ? n : 0;
}

static long do_insmod(const char *path, char **argv, int argc)
{
	char params[512];
	long fd = sys(__NR_open, path, O_RDONLY, 0), ret;

	if (fd < 0)
		return fd;
	join(params, sizeof(params), argv, argc);
	ret = sys(__NR_finit_module, fd, params, 0);
	sys(__NR_close, fd, 0, 0);
	return ret;
}

/* the environment of "run": MAXENV strings of up to ENVLEN bytes */
#define MAXENV 16
#define ENVLEN 256
static char env_buf[MAXENV][ENVLEN] = { "PATH=/bin" };
static char *envp[MAXENV + 1] = { env_buf[0] };

/* index of NAME (up to '=' or the end) in envp, or the free slot */
static int env_slot(const char *name)
{
	int i;

	for (i = 0; envp[i]; i++) {
		const char *a = name, *b = envp[i];

		while (*a && *a != '=' && *a == *b)
			a++, b++;
		if ((!*a || *a == '=') && *b == '=')
			break;
	}
	return i;
}

static long do_setenv(const char *def)
{
	int i = env_slot(def);
	size_t n = len(def);
	const char *eq_sign = def;

	while (*eq_sign && *eq_sign != '=')
		eq_sign++;
	if (!*eq_sign || eq_sign == def || n >= ENVLEN)
		return -22; /* EINVAL */
	if (!envp[i]) {
		if (i >= MAXENV)
			return -12; /* ENOMEM */
		envp[i + 1] = 0;
	}
	memcpy(env_buf[i], def, n + 1);
	envp[i] = env_buf[i];
	return 0;
}

static long do_unsetenv(const char *name)
{
	int i = env_slot(name), last;

	if (!envp[i])
		return 0;
	for (last = i; envp[last + 1]; last++)
		;
	/* the last entry takes the freed slot */
	memcpy(env_buf[i], env_buf[last], ENVLEN);
	envp[last] = 0;
	return 0;
}

static long do_run(char **argv)
{
	int status = 0;
	long pid = sys(__NR_fork, 0, 0, 0);

	if (pid < 0)
		return pid;
	if (pid == 0) {
		long err = sys(__NR_execve, argv[0], argv, envp);

		out("rte-init: execve failed: ");
		outnum(err);
		out("\n");
		sys(__NR_exit, 127, 0, 0);
	}
	pid = sys6(__NR_wait4, pid, (long)&status, 0, 0, 0, 0);
	if (pid < 0)
		return pid;
	if ((status & 0xffff) == 0)
		return 0;
	out("rte-init: ");
	out(argv[0]);
	if ((status & 0x7f) == 0) {
		out(" exited with status ");
		outnum((status >> 8) & 0xff);
	} else {
		out(" killed by signal ");
		outnum(status & 0x7f);
	}
	out("\n");
	return -1;
}

static void poweroff(void)
{
	sys(__NR_sync, 0, 0, 0);
	sys6(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
	     LINUX_REBOOT_CMD_POWER_OFF, 0, 0, 0);
	/* no power-off: restart, which qemu -no-reboot turns into an exit */
	sys6(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
	     LINUX_REBOOT_CMD_RESTART, 0, 0, 0);
	for (;;)
		;
}

static long run_line(char *line)
{
	char *argv[MAXARGS + 1];
	int argc = 0;
	char *p = line;

	while (*p && argc < MAXARGS) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	argv[argc] = 0;
	if (argc == 0 || argv[0][0] == '#')
		return 0;
	if (eq(argv[0], "echo")) {
		char buf[512];

		join(buf, sizeof(buf), argv + 1, argc - 1);
		out(buf);
		out("\n");
		return 0;
	}
	if (eq(argv[0], "cat")) {
		long ret = 0, r;

		for (int i = 1; i < argc; i++) {
			r = do_cat(argv[i]);
			if (r < 0)
				ret = r;
		}
		return ret;
	}
	if (eq(argv[0], "write") && argc >= 2)
		return do_write(argv[1], argv + 2, argc - 2);
	if (eq(argv[0], "insmod") && argc >= 2)
		return do_insmod(argv[1], argv + 2, argc - 2);
	if (eq(argv[0], "rmmod") && argc == 2)
		return sys(__NR_delete_module, argv[1], O_NONBLOCK, 0);
	if (eq(argv[0], "run") && argc >= 2)
		return do_run(argv + 1);
	if (eq(argv[0], "setenv") && argc == 2)
		return do_setenv(argv[1]);
	if (eq(argv[0], "unsetenv") && argc == 2)
		return do_unsetenv(argv[1]);
	if ((eq(argv[0], "grep") || eq(argv[0], "nogrep")) && argc >= 3) {
		char text[256];
		long r;

		join(text, sizeof(text), argv + 2, argc - 2);
		r = do_grep(argv[1], text);
		if (r < 0)
			return r;
		return r == (argv[0][0] == 'g') ? 0 : -61; /* ENODATA */
	}
	if (eq(argv[0], "sleep") && argc == 2) {
		long ts[2] = { 0, 0 };

		for (const char *s = argv[1]; *s >= '0' && *s <= '9'; s++)
			ts[0] = ts[0] * 10 + (*s - '0');
		return sys(__NR_nanosleep, ts, 0, 0);
	}
	if (eq(argv[0], "poweroff"))
		poweroff();
	return -22; /* EINVAL */
}

static char rc[65536];

static void rte_main(void)
{
	long fd, n = 0, r, failures = 0;
	char *line, *p;

	sys6(__NR_mount, (long)"proc", (long)"/proc", (long)"proc", 0, 0, 0);
	sys6(__NR_mount, (long)"sysfs", (long)"/sys", (long)"sysfs", 0, 0, 0);
	sys6(__NR_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0, 0);
	sys6(__NR_mount, (long)"debugfs", (long)"/sys/kernel/debug",
	     (long)"debugfs", 0, 0, 0);
	out("rte-init: hello from /init\n");

	fd = sys(__NR_open, "/etc/rte.rc", O_RDONLY, 0);
	if (fd < 0) {
		out("rte-init: FAIL: no /etc/rte.rc\n");
		failures++;
	} else {
		while (n < (long)sizeof(rc) - 1) {
			r = sys(__NR_read, fd, rc + n, sizeof(rc) - 1 - n);
			if (r <= 0)
				break;
			n += r;
		}
		sys(__NR_close, fd, 0, 0);
	}
	rc[n] = '\0';
	for (line = rc; *line; line = p) {
		char copy[512];

		for (p = line; *p && *p != '\n'; p++)
			;
		if (*p)
			*p++ = '\0';
		join(copy, sizeof(copy), &line, 1);
		r = run_line(line);
		if (r < 0) {
			out("rte-init: FAIL: ");
			out(copy);
			out(" (errno ");
			outnum(-r);
			out(")\n");
			failures++;
		}
	}
	out("rte-init: done, ");
	outnum(failures);
	out(" failure(s)\n");
	poweroff();
}

void _start(void)
{
	rte_main();
}
