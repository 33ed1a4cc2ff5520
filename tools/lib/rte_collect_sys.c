// SPDX-License-Identifier: GPL-2.0
/* rt-eval-collect's device and daemon: see rte_collect.h. */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "rte_collect.h"

static void no_device(const char *what)
{
	fprintf(stderr,
		COLLECT_PROG ": %s.\n"
		"  Load the driver (insmod rt_eval_tmu.ko, or modprobe rt_eval_tmu) and give\n"
		"  it a timer: apply your board's overlay from dts-overlays/ (see\n"
		"  Documentation/overlays.rst; the binding is in Documentation/rt_eval_tmu.rst,\n"
		"  \"Device tree\"). dmesg | grep rt_eval_tmu tells whether it bound.\n",
		what);
	exit(1);
}

const char *collect_find_device(char *buf, size_t len)
{
	glob_t g;

	if (glob("/dev/rt_eval_tmu[0-9]*", 0, NULL, &g) || !g.gl_pathc) {
		globfree(&g);
		no_device("no /dev/rt_eval_tmu<N> device");
	}
	if (g.gl_pathc > 1) {
		fprintf(stderr, COLLECT_PROG ": %zu devices (%s, %s%s): choose one with --device\n",
			g.gl_pathc, g.gl_pathv[0], g.gl_pathv[1],
			g.gl_pathc > 2 ? ", ..." : "");
		globfree(&g);
		exit(1);
	}
	snprintf(buf, len, "%s", g.gl_pathv[0]);
	globfree(&g);
	return buf;
}

void collect_open_device(struct collector *c, const char *path)
{
	struct rt_eval_tmu_info *info = &c->hdr.info;
	char what[600];

	c->dev_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (c->dev_fd < 0) {
		snprintf(what, sizeof(what), "%s: %s", path, strerror(errno));
		if (errno == ENOENT || errno == ENODEV || errno == ENXIO)
			no_device(what);
		fprintf(stderr, COLLECT_PROG ": %s%s\n", what, errno == EACCES ?
			" (the device is root-only: run as root)" : "");
		exit(1);
	}
	if (ioctl(c->dev_fd, RT_EVAL_TMU_IOC_INFO, info)) {
		fprintf(stderr, COLLECT_PROG
			": %s: the info ioctl failed (%s): not an rt_eval_tmu device?\n",
			path, strerror(errno));
		exit(1);
	}
	if (info->abi_version != RT_EVAL_TMU_ABI_VERSION ||
	    info->record_size != sizeof(struct rt_eval_tmu_sample)) {
		fprintf(stderr, COLLECT_PROG
			": %s: driver ABI version %u with %u-byte records; this collector speaks version %d with %zu-byte records: build both from the same tree\n",
			path, info->abi_version, info->record_size,
			RT_EVAL_TMU_ABI_VERSION, sizeof(struct rt_eval_tmu_sample));
		exit(1);
	}
	if (!info->tick_hz) {
		fprintf(stderr, COLLECT_PROG ": %s: the driver reports a tick rate of 0 Hz\n",
			path);
		exit(1);
	}
}

void collect_find_sysfs(struct collector *c, const char *path)
{
	char link[64], real[PATH_MAX], dev[PATH_MAX], *base;
	struct stat st;

	if (fstat(c->dev_fd, &st) || !S_ISCHR(st.st_mode)) {
		fprintf(stderr, COLLECT_PROG ": %s: not a character device\n", path);
		exit(1);
	}
	snprintf(link, sizeof(link), "/sys/dev/char/%u:%u",
		 major(st.st_rdev), minor(st.st_rdev));
	if (!realpath(link, real)) {
		fprintf(stderr, COLLECT_PROG ": %s: no %s (%s): is sysfs mounted?\n",
			path, link, strerror(errno));
		exit(1);
	}
	base = strrchr(real, '/');
	rte_copy(c->irq_name, sizeof(c->irq_name), base ? base + 1 : real);
	if (strlen(real) + sizeof("/device") > sizeof(dev)) {
		errno = ENAMETOOLONG;
	} else {
		strcat(real, "/device");
		if (realpath(real, dev) && strlen(dev) < sizeof(c->sysdir)) {
			rte_copy(c->sysdir, sizeof(c->sysdir), dev);
			return;
		}
	}
	fprintf(stderr, COLLECT_PROG ": %s: cannot find its sysfs directory from %s: %s\n",
		path, link, strerror(errno));
	exit(1);
}

static int sysfs_path(struct collector *c, const char *attr, char *buf,
		      size_t len)
{
	if (snprintf(buf, len, "%s/%s", c->sysdir, attr) >= (int)len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int collect_sysfs_read(struct collector *c, const char *attr, char *buf,
		       size_t len)
{
	char path[PATH_MAX];

	if (sysfs_path(c, attr, path, sizeof(path)))
		return -1;
	return rte_read_text(path, buf, len);
}

int collect_sysfs_write(struct collector *c, const char *attr,
			const char *val)
{
	char path[PATH_MAX];

	if (sysfs_path(c, attr, path, sizeof(path)))
		return -1;
	return rte_write_text(path, val);
}

/* Write @val to @attr for --thread, or say which file failed and exit 1 */
static void thread_write(struct collector *c, const char *attr,
			 const char *val)
{
	if (!collect_sysfs_write(c, attr, val))
		return;
	fprintf(stderr, COLLECT_PROG ": --thread: cannot write %s to %s/%s: %s%s\n",
		val, c->sysdir, attr, strerror(errno),
		errno == ENOENT ? " (a driver without the thread stage: update it)" :
		errno == EACCES ? " (run as root)" : "");
	collect_exit(c, 1);
}

/* Keep @attr's value in @was (for the restore), or exit 1 naming it */
static void thread_keep(struct collector *c, const char *attr, char *was,
			size_t len)
{
	if (!collect_sysfs_read(c, attr, was, len))
		return;
	fprintf(stderr, COLLECT_PROG ": --thread: cannot read %s/%s: %s%s\n",
		c->sysdir, attr, strerror(errno), errno == ENOENT ?
		" (a driver without the thread stage: update it)" : "");
	was[0] = '\0';
	collect_exit(c, 1);
}

void collect_thread_start(struct collector *c)
{
	struct rte_header *h = &c->hdr;
	char val[16];
	u64 v;

	if (c->opt.thread) {
		if (c->opt.thread_priority) {
			thread_keep(c, "thread_priority", c->prio_was,
				    sizeof(c->prio_was));
			snprintf(val, sizeof(val), "%u", c->opt.thread_priority);
			thread_write(c, "thread_priority", val);
		}
		thread_keep(c, "thread_stage", c->thread_was,
			    sizeof(c->thread_was));
		thread_write(c, "thread_stage", "1");
	}
	/* what the device does, with or without --thread (old driver: off) */
	if (!collect_sysfs_read(c, "thread_stage", val, sizeof(val)) &&
	    !rte_parse_u64(val, &v))
		h->thread_stage = v != 0;
	if (h->thread_stage &&
	    !collect_sysfs_read(c, "thread_priority", val, sizeof(val)) &&
	    !rte_parse_u64(val, &v) && v <= 99)
		h->thread_priority = (u32)v;
}

void collect_thread_restore(struct collector *c)
{
	const char *attr[2] = { "thread_stage", "thread_priority" };
	char *was[2] = { c->thread_was, c->prio_was };
	size_t i;

	for (i = 0; i < RTE_ARRAY_SIZE(attr); i++) {
		if (!was[i][0])
			continue;
		if (collect_sysfs_write(c, attr[i], was[i]))
			collect_msg(c, "%s/%s: cannot put back %s: %s", c->sysdir,
				    attr[i], was[i], strerror(errno));
		was[i][0] = '\0';
	}
}

/* The header of a live run: device, settings, environment, start time. */
void collect_live_header(struct collector *c, const char *path)
{
	struct rte_header *h = &c->hdr;
	struct timespec now;
	struct tm tm;

	h->format = RTE_FORMAT_VERSION;
	snprintf(h->tool_version, sizeof(h->tool_version), RTE_TOOLS_VERSION);
	snprintf(h->label, sizeof(h->label), "%s", c->opt.label);
	snprintf(h->device, sizeof(h->device), "%s", path);
	snprintf(h->backend, sizeof(h->backend), "%s", rte_backend_name(h->info.backend));
	h->threshold_ns = c->opt.threshold_ns ? c->opt.threshold_ns : h->info.threshold_ns;
	h->interval_ns = c->opt.interval_ns ? c->opt.interval_ns : DEFAULT_INTERVAL_NS;
	h->duration_ns = c->opt.duration_ns;
	rte_env_detect_kernel(&h->env);
	rte_env_detect_platform(&h->env, "");
	rte_env_detect_cpus(&h->env, "", c->irq_name);
	h->dma_latency_us = (s32)c->opt.dma_latency_us;
	/* a guest cannot see the board it runs on: the user can say it */
	if (c->opt.emulated)
		h->env.emulated = true;
	clock_gettime(CLOCK_REALTIME, &now);
	h->start_ns = rte_now_ns();
	h->start_unix_ns = (u64)now.tv_sec * RTE_NSEC_PER_SEC + (u64)now.tv_nsec;
	gmtime_r(&now.tv_sec, &tm);
	strftime(h->start_time, sizeof(h->start_time), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---------------------------------------------------------------------- */
/* The daemon                                                              */

/* Relative paths would break after chdir("/"): make them absolute. */
const char *collect_absolute(const char *path)
{
	char cwd[PATH_MAX], *p;

	if (!path || path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return path;
	p = rte_xcalloc(1, strlen(cwd) + strlen(path) + 2);
	sprintf(p, "%s/%s", cwd, path);
	return p;
}

static void write_pidfile(struct collector *c)
{
	char text[32], old[32];
	u64 pid;
	int n;

	if (!c->opt.pidfile)
		return;
	if (!rte_read_text(c->opt.pidfile, old, sizeof(old)) &&
	    !rte_parse_u64(old, &pid) && pid && pid <= INT_MAX &&
	    kill((pid_t)pid, 0) == 0) {
		fprintf(stderr, COLLECT_PROG ": %s: already running as pid %s\n",
			c->opt.pidfile, old);
		collect_exit(c, 1);
	}
	n = snprintf(text, sizeof(text), "%d\n", (int)getpid());
	n = rte_out_replace(c->opt.pidfile, text, (size_t)n);
	if (n) {
		fprintf(stderr, COLLECT_PROG ": %s: %s\n", c->opt.pidfile,
			rte_out_replace_error(n, errno));
		collect_exit(c, 1);
	}
}

/* Remove the pidfile at exit if it is still a regular file with our pid. */
void collect_remove_pidfile(struct collector *c)
{
	char text[32];
	struct stat st;
	u64 pid;

	if (!c->opt.pidfile || lstat(c->opt.pidfile, &st) ||
	    !S_ISREG(st.st_mode) ||
	    rte_read_text(c->opt.pidfile, text, sizeof(text)) ||
	    rte_parse_u64(text, &pid) || pid != (u64)getpid())
		return;
	unlink(c->opt.pidfile);
}

/*
 * Detach once the device and outputs are open (their errors still reach
 * the terminal); the parent exits when the child has written its pidfile.
 */
void collect_daemonize(struct collector *c)
{
	int ready[2], fd;
	char ok = 0;
	pid_t pid;

	if (pipe(ready)) {
		perror(COLLECT_PROG ": pipe");
		collect_exit(c, 1);
	}
	pid = fork();
	if (pid < 0) {
		perror(COLLECT_PROG ": fork");
		collect_exit(c, 1);
	}
	/* the parent leaves it all to the child, which puts it back */
	if (pid > 0) {
		close(ready[1]);
		exit(read(ready[0], &ok, 1) == 1 && ok == 1 ? 0 : 1);
	}
	close(ready[0]);
	setsid();
	write_pidfile(c);
	if (chdir("/"))
		(void)0;
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	openlog(COLLECT_PROG, LOG_PID, LOG_DAEMON);
	c->syslog = true;
	c->opt.quiet = true;
	ok = 1;
	if (write(ready[1], &ok, 1) != 1)
		(void)0;
	close(ready[1]);
}
