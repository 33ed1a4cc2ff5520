/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the rt_eval_tmu kselftests: finding the device, sysfs
 * attributes, reading records, and checking the kernel log a test caused.
 * Include after kselftest_harness.h.
 */
#ifndef RTE_SELFTEST_H
#define RTE_SELFTEST_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <time.h>
#include <unistd.h>

#include <linux/rt_eval_tmu.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define DRV_DIR		"/sys/bus/platform/drivers/rt_eval_tmu"
#define DEBUGFS_DIR	"/sys/kernel/debug/rt_eval_tmu"
#define REC_SIZE	sizeof(struct rt_eval_tmu_sample)

struct rte_rec_set {
	struct rt_eval_tmu_sample *r;
	size_t n;
	size_t cap;
	unsigned int reads;	/* read() calls that returned records */
};

/* Platform device bound to the driver, or -1 if there is none. */
static inline int find_device(char *name, size_t len)
{
	const char *want = getenv("RT_EVAL_TMU_DEVICE");
	struct dirent *de;
	DIR *d = opendir(DRV_DIR);
	int ret = -1;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char path[PATH_MAX];

		if (de->d_type != DT_LNK || !strchr(de->d_name, '.'))
			continue;
		if (want && strcmp(want, de->d_name))
			continue;
		snprintf(path, sizeof(path), DRV_DIR "/%s/enable", de->d_name);
		if (access(path, F_OK))
			continue;
		snprintf(name, len, "%s", de->d_name);
		ret = 0;
		break;
	}
	closedir(d);
	return ret;
}

/* /dev node of a platform device: its misc child's name. */
static inline int find_devnode(const char *dev, char *node, size_t len)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int ret = -1;

	snprintf(path, sizeof(path), DRV_DIR "/%s/misc", dev);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!strncmp(de->d_name, "rt_eval_tmu", 11)) {
			snprintf(node, len, "/dev/%s", de->d_name);
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

static inline int attr_path(char *buf, size_t len, const char *dev, const char *attr)
{
	return snprintf(buf, len, DRV_DIR "/%s/%s", dev, attr);
}

/* Read a small text file into @val; 0 or -errno. */
static inline int read_path(const char *path, char *val, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, val, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	val[n] = '\0';
	return 0;
}

/* Write @len bytes of @val to a file in one write(); 0 or -errno. */
static inline int write_path_n(const char *path, const char *val, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

/* Write the string @val to a file in one write(); 0 or -errno. */
static inline int write_path(const char *path, const char *val)
{
	return write_path_n(path, val, strlen(val));
}

static inline int read_attr(const char *dev, const char *attr, char *val,
			    size_t len)
{
	char path[PATH_MAX];

	attr_path(path, sizeof(path), dev, attr);
	return read_path(path, val, len);
}

static inline __u64 attr_u64(const char *dev, const char *attr)
{
	char buf[64];

	if (read_attr(dev, attr, buf, sizeof(buf)))
		return UINT64_MAX;
	return strtoull(buf, NULL, 10);
}

/* 0 or -errno of the write */
static inline int write_attr(const char *dev, const char *attr, const char *val)
{
	char path[PATH_MAX];

	attr_path(path, sizeof(path), dev, attr);
	return write_path(path, val);
}

/* @len bytes of @val, embedded NULs and all; 0 or -errno of the write */
static inline int write_attr_n(const char *dev, const char *attr,
			       const char *val, size_t len)
{
	char path[PATH_MAX];

	attr_path(path, sizeof(path), dev, attr);
	return write_path_n(path, val, len);
}

static inline int write_u64(const char *dev, const char *attr, __u64 v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return write_attr(dev, attr, buf);
}

/*
 * The tracefs directory in @dir: /sys/kernel/tracing, mounted there if need
 * be, or debugfs's tracing/.  0, or -1 when the kernel has no tracefs.
 */
static inline int find_tracefs(char *dir, size_t len)
{
	static const char * const dirs[] = {
		"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
	};
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(path, sizeof(path), "%s/trace", dirs[i]);
		if (!access(path, F_OK))
			return snprintf(dir, len, "%s", dirs[i]) < (int)len ? 0 : -1;
	}
	if (mount("nodev", dirs[0], "tracefs", 0, NULL))
		return -1;
	return snprintf(dir, len, "%s", dirs[0]) < (int)len ? 0 : -1;
}

/* Write @val to tracefs file @name; 0 or -errno. */
static inline int trace_write(const char *tr, const char *name, const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", tr, name);
	return write_path(path, val);
}

/* Empty the trace buffer (an O_TRUNC open of "trace"); 0 or -errno. */
static inline int trace_clear(const char *tr)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/trace", tr);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* N of /dev/rt_eval_tmu<N>: the trace event's dev field */
static inline int node_id(const char *node)
{
	const char *p = strrchr(node, 'u');

	return p ? atoi(p + 1) : -1;
}

static inline __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static inline void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/*
 * The device's sample count once it is non-zero, waiting up to @ms: a
 * loaded host may serve the first interrupts late, but serves them.
 */
static inline __u64 wait_count(const char *dev, unsigned int ms)
{
	__u64 count = 0;
	unsigned int waited;

	for (waited = 0; waited <= ms; waited += 10) {
		count = attr_u64(dev, "count");
		if (count && count != UINT64_MAX)
			break;
		sleep_ms(10);
	}
	return count;
}

/*
 * floor(ns * hz / 1e9): the threshold in ticks, as the driver compares
 * (hz below 2^34, so the remainder's product fits 64 bits)
 */
static inline __u64 ns_ticks_floor(__u64 ns, __u64 hz)
{
	return ns / 1000000000ULL * hz + ns % 1000000000ULL * hz / 1000000000ULL;
}

/* round(ticks * 1e9 / hz), as the driver converts */
static inline __u64 ticks_ns(__u64 ticks, __u64 hz)
{
	/* in 64 bits, for 32-bit boards too: the remainder times 1e9 fits */
	return ticks / hz * 1000000000ULL + ((ticks % hz) * 1000000000ULL + hz / 2) / hz;
}

/*
 * Where the underflow that raised a record's interrupt was, in
 * CLOCK_MONOTONIC ns: the clock read right after the counter, minus the
 * latency (missed periods included).  The record's missed periods follow
 * it, so the next record's underflow is 1 + missed periods later.
 */
static inline __s64 rec_uf_ns(const struct rt_eval_tmu_sample *r, __u64 hz)
{
	return (__s64)r->timestamp_ns - (__s64)ticks_ns(r->latency_ticks, hz);
}

/**
 * struct rte_account - periods of one unbroken stretch of samples
 * @samples: samples in the stretch
 * @counted: sum of (1 + missed) over its samples but the last: the
 *	periods the driver says passed between the first and the last
 *	sample's underflow
 * @elapsed: those periods by the clock: (last underflow - first) / period
 * @first_uf_ns: the first certain sample's underflow
 * @last_uf_ns: the last certain sample's underflow
 * @missed_all: sum of missed over all its samples, the first included
 * @slack: how much @counted may overstate: a sample flagged uncertain may
 *	count whole periods too many (up to its own missed ones), and the
 *	sample after it one more; it never counts too few
 */
struct rte_account {
	size_t samples;
	__u64 counted;
	__u64 slack;
	double elapsed;
	__s64 first_uf_ns;
	__s64 last_uf_ns;
	__u64 missed_all;
};

/*
 * Account for the records @r[from..to): one sample per served underflow,
 * plus the periods it says were missed.  The end points are the first and
 * last samples not flagged uncertain, whose underflow the clock places.
 */
static inline int rte_account(const struct rt_eval_tmu_sample *r, size_t from,
			      size_t to, __u64 hz, __u64 period_ns,
			      struct rte_account *a)
{
	size_t i, first = to, last = to;

	memset(a, 0, sizeof(*a));
	for (i = from; i < to; i++) {
		a->samples++;
		a->missed_all += r[i].missed;
		if (r[i].flags & RT_EVAL_TMU_SAMPLE_UNCERTAIN)
			continue;
		if (first == to)
			first = i;
		last = i;
	}
	if (first == to || first == last)
		return -1;
	for (i = first; i < last; i++) {
		a->counted += 1 + r[i].missed;
		if (r[i].flags & RT_EVAL_TMU_SAMPLE_UNCERTAIN)
			a->slack += 1 + r[i].missed;
	}
	a->first_uf_ns = rec_uf_ns(&r[first], hz);
	a->last_uf_ns = rec_uf_ns(&r[last], hz);
	a->elapsed = (double)(a->last_uf_ns - a->first_uf_ns) / period_ns;
	return 0;
}

static inline void recs_push(struct rte_rec_set *s,
			     const struct rt_eval_tmu_sample *r, size_t n)
{
	if (s->n + n > s->cap) {
		s->cap = (s->n + n) * 2;
		s->r = realloc(s->r, s->cap * REC_SIZE);
		if (!s->r)
			abort();
	}
	memcpy(s->r + s->n, r, n * REC_SIZE);
	s->n += n;
}

/* Blocking reads until @ms have passed; returns 0 or -errno. */
static inline int read_for(int fd, unsigned int ms, struct rte_rec_set *s)
{
	struct rt_eval_tmu_sample buf[512];
	__u64 end = now_ns() + ms * 1000000ULL;

	while (now_ns() < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int left = (int)((end - now_ns()) / 1000000) + 1;
		ssize_t n;

		if (poll(&p, 1, left) < 0)
			return -errno;
		if (!(p.revents & POLLIN))
			continue;
		n = read(fd, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		if (n % REC_SIZE)
			return -EPROTO;
		if (n) {
			s->reads++;
			recs_push(s, buf, n / REC_SIZE);
		}
	}
	return 0;
}

/* Non-blocking reads until the stream is empty. */
static inline int drain(int fd, struct rte_rec_set *s)
{
	struct rt_eval_tmu_sample buf[512];
	int fl = fcntl(fd, F_GETFL);
	int ret = 0;

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0) {
			ret = errno == EAGAIN ? 0 : -errno;
			break;
		}
		if (!n)
			break;
		if (s)
			recs_push(s, buf, n / REC_SIZE);
	}
	fcntl(fd, F_SETFL, fl);
	return ret;
}

/* A thread blocked in read() until end of file, or in poll(). */
struct waiter {
	int fd;
	bool use_poll;
	ssize_t ret;
	short revents;
};

static inline void *wait_thread(void *arg)
{
	struct waiter *w = arg;
	struct rt_eval_tmu_sample buf[16];

	if (w->use_poll) {
		struct pollfd p = { .fd = w->fd, .events = POLLIN };

		w->ret = poll(&p, 1, 20000);
		w->revents = p.revents;
	} else {
		do
			w->ret = read(w->fd, buf, sizeof(buf));
		while (w->ret > 0);
	}
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* The kernel log since the test program started                          */

/* What a clean run must not leave in the kernel log. */
static const char * const rte_bad_log[] = {
	"WARNING:", "BUG:", "Oops", "Unable to handle", "sleeping function called",
	"refcount_t:", "use-after-free", "KASAN", "kmemleak", "possible recursive locking",
	"circular locking", "inconsistent lock state", "Invalid wait context",
	"lock held when returning", "INFO: task", "soft lockup", "rcu_sched",
	"Call trace:", "ODEBUG",
};

/* /dev/kmsg positioned at its end when the program started, -1 if none. */
static int rte_kmsg_fd = -1;

/*
 * Called before the tests run: remember where the kernel log ends, and let
 * kmemleak forget what it suspected before us.
 */
static void __attribute__((constructor)) rte_log_mark(void)
{
	int fd;

	rte_kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (rte_kmsg_fd >= 0)
		lseek(rte_kmsg_fd, 0, SEEK_END);
	fd = open("/sys/kernel/debug/kmemleak", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "clear", 5) < 0)
			perror("kmemleak clear");
		close(fd);
	}
}

/*
 * Print and count the kernel-log lines since rte_log_mark() that match
 * rte_bad_log[]; -1 if the log cannot be read.
 */
static inline int rte_log_reports(void)
{
	char rec[2048];
	int bad = 0;

	if (rte_kmsg_fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(rte_kmsg_fd, rec, sizeof(rec) - 1);
		size_t i;

		if (n < 0 && errno == EPIPE)	/* overwritten: go on */
			continue;
		if (n <= 0)
			break;
		rec[n] = '\0';
		for (i = 0; i < ARRAY_SIZE(rte_bad_log); i++) {
			if (strstr(rec, rte_bad_log[i])) {
				const char *msg = strchr(rec, ';');

				printf("# kernel: %s", msg ? msg + 1 : rec);
				bad++;
				break;
			}
		}
	}
	return bad;
}

/*
 * kmemleak (debug kernels): objects must be 5 s old before a scan reports
 * them.  Returns the number of suspected leaks, printing them; 0 without
 * kmemleak.
 */
static inline int rte_kmemleak_reports(void)
{
	char line[512];
	int leaks = 0;
	FILE *f;
	int fd;

	fd = open("/sys/kernel/debug/kmemleak", O_WRONLY);
	if (fd < 0)
		return 0;
	sleep_ms(6000);
	if (write(fd, "scan", 4) < 0)
		perror("kmemleak scan");
	close(fd);
	f = fopen("/sys/kernel/debug/kmemleak", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		printf("# kmemleak: %s", line);
		leaks += !strncmp(line, "unreferenced object", 19);
	}
	fclose(f);
	return leaks;
}

#endif /* RTE_SELFTEST_H */
