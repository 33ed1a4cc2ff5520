// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu kselftests: run on a board (or the emulated one) with the
 * module loaded and one timer channel bound to it.
 *
 * RT_EVAL_TMU_DEVICE=<platform device name> picks a device when several
 * are bound; debugfs must be mounted for the late-interrupt test.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/rt_eval_tmu.h>

#include "kselftest_harness.h"

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
static int find_device(char *name, size_t len)
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
static int find_devnode(const char *dev, char *node, size_t len)
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

static int attr_path(char *buf, size_t len, const char *dev, const char *attr)
{
	return snprintf(buf, len, DRV_DIR "/%s/%s", dev, attr);
}

static int read_attr(const char *dev, const char *attr, char *val, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	attr_path(path, sizeof(path), dev, attr);
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

static __u64 attr_u64(const char *dev, const char *attr)
{
	char buf[64];

	if (read_attr(dev, attr, buf, sizeof(buf)))
		return UINT64_MAX;
	return strtoull(buf, NULL, 10);
}

/* 0 or -errno of the write */
static int write_attr(const char *dev, const char *attr, const char *val)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	attr_path(path, sizeof(path), dev, attr);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	n = n < 0 ? -errno : 0;
	close(fd);
	return (int)n;
}

static int write_u64(const char *dev, const char *attr, __u64 v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	return write_attr(dev, attr, buf);
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* round(ticks * 1e9 / hz), as the driver converts */
static __u64 ticks_ns(__u64 ticks, __u64 hz)
{
	return (__u64)(((__uint128_t)ticks * 1000000000ULL + hz / 2) / hz);
}

static void recs_push(struct rte_rec_set *s, const struct rt_eval_tmu_sample *r,
		      size_t n)
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
static int read_for(int fd, unsigned int ms, struct rte_rec_set *s)
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
static int drain(int fd, struct rte_rec_set *s)
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

FIXTURE(rte) {
	char dev[256];
	char node[272];
	int fd;
	struct rt_eval_tmu_info info;
	__u64 period_ns, threshold_ns, enable;
};

FIXTURE_SETUP(rte)
{
	if (find_device(self->dev, sizeof(self->dev)))
		SKIP(return, "no device bound to rt_eval_tmu (insmod it, apply the overlay)");
	ASSERT_EQ(0, find_devnode(self->dev, self->node, sizeof(self->node)));
	self->fd = open(self->node, O_RDONLY);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", self->node, strerror(errno));
	ASSERT_EQ(0, ioctl(self->fd, RT_EVAL_TMU_IOC_INFO, &self->info));
	self->period_ns = attr_u64(self->dev, "period_ns");
	self->threshold_ns = attr_u64(self->dev, "threshold_ns");
	self->enable = attr_u64(self->dev, "enable");
}

FIXTURE_TEARDOWN(rte)
{
	if (self->fd <= 0)
		return;
	write_u64(self->dev, "period_ns", self->period_ns);
	write_u64(self->dev, "threshold_ns", self->threshold_ns);
	write_u64(self->dev, "enable", self->enable);
	close(self->fd);
}

/* Stop, empty the stream, clear the statistics, set a period, start. */
static void fresh_run(struct __test_metadata *_metadata, const char *dev,
		      int fd, struct rt_eval_tmu_info *info, __u64 period_ns)
{
	ASSERT_EQ(0, write_attr(dev, "enable", "0"));
	ASSERT_EQ(0, drain(fd, NULL));
	ASSERT_EQ(0, write_u64(dev, "period_ns", period_ns));
	ASSERT_EQ(0, write_attr(dev, "reset", "1"));
	ASSERT_EQ(0, ioctl(fd, RT_EVAL_TMU_IOC_INFO, info));
	ASSERT_EQ(0, write_attr(dev, "enable", "1"));
}

TEST_F(rte, binds_and_describes_itself)
{
	EXPECT_EQ(RT_EVAL_TMU_ABI_VERSION, self->info.abi_version);
	EXPECT_EQ(REC_SIZE, self->info.record_size);
	EXPECT_EQ(64, REC_SIZE);
	EXPECT_TRUE(self->info.backend == RT_EVAL_TMU_BACKEND_TMU ||
		    self->info.backend == RT_EVAL_TMU_BACKEND_TTC);
	EXPECT_TRUE(self->info.counter_bits == 16 || self->info.counter_bits == 32);
	EXPECT_EQ(self->info.tick_hz, attr_u64(self->dev, "tick_hz"));
	EXPECT_EQ(self->info.period_ns, attr_u64(self->dev, "period_ns"));
	EXPECT_EQ(30000, attr_u64(self->dev, "threshold_ns"));
	EXPECT_EQ(1, attr_u64(self->dev, "enable"));
	EXPECT_NE(0, self->info.period_ticks);
	EXPECT_EQ(ticks_ns(self->info.period_ticks, self->info.tick_hz),
		  self->info.period_ns);
	TH_LOG("%s: backend %u, %llu Hz, %u-bit, period %llu ns", self->node,
	       self->info.backend, (unsigned long long)self->info.tick_hz,
	       self->info.counter_bits, (unsigned long long)self->info.period_ns);
}

/* Samples arrive at the configured rate, in order, in batches. */
TEST_F(rte, rate_sequence_and_batching)
{
	struct rte_rec_set s = { 0 };
	const unsigned int ms = 3000;
	double expected;
	size_t i;

	fresh_run(_metadata, self->dev, self->fd, &self->info, 10000000);
	ASSERT_EQ(0, read_for(self->fd, ms, &s));
	expected = ms * 1e6 / self->info.period_ns;
	TH_LOG("%zu samples in %u ms (expected %.0f) in %u reads", s.n, ms,
	       expected, s.reads);
	EXPECT_GE(s.n, expected * 0.9);
	EXPECT_LE(s.n, expected * 1.1);
	for (i = 1; i < s.n; i++) {
		if (s.r[i].seq != s.r[i - 1].seq + 1 ||
		    s.r[i].timestamp_ns <= s.r[i - 1].timestamp_ns) {
			EXPECT_EQ(s.r[i - 1].seq + 1, s.r[i].seq);
			break;
		}
	}
	EXPECT_TRUE(s.n && (s.r[0].flags & RT_EVAL_TMU_SAMPLE_FIRST));
	/* a reader is woken a few times a second, never per sample */
	EXPECT_LE(s.reads, ms / 200 + 4);
	EXPECT_GE(s.reads, 2);
	free(s.r);
}

/* sysfs statistics are those of the records read, exactly. */
TEST_F(rte, sysfs_matches_records)
{
	struct rte_rec_set s = { 0 };
	__u64 min = UINT64_MAX, max = 0, above = 0, missed = 0, thr;
	__u64 dropped0 = attr_u64(self->dev, "dropped");
	__uint128_t sum = 0;
	size_t i;

	fresh_run(_metadata, self->dev, self->fd, &self->info, 2000000);
	/* keep reading so that nothing is dropped, then stop and drain */
	ASSERT_EQ(0, read_for(self->fd, 1500, &s));
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &s));
	ASSERT_EQ(0, attr_u64(self->dev, "dropped") - dropped0);
	ASSERT_LT(100, s.n);
	thr = (__u64)((__uint128_t)self->info.threshold_ns *
			 self->info.tick_hz / 1000000000ULL);
	for (i = 0; i < s.n; i++) {
		__u64 t = s.r[i].latency_ticks;

		min = t < min ? t : min;
		max = t > max ? t : max;
		sum += t;
		above += t > thr;
		missed += s.r[i].missed;
		EXPECT_EQ(self->info.period_ticks, s.r[i].period_ticks);
		EXPECT_EQ(0, s.r[i].reserved[0] | s.r[i].reserved[1] |
			     s.r[i].stage2_ticks);
	}
	EXPECT_EQ(s.n, attr_u64(self->dev, "count"));
	EXPECT_EQ(ticks_ns(min, self->info.tick_hz), attr_u64(self->dev, "min_ns"));
	EXPECT_EQ(ticks_ns(max, self->info.tick_hz), attr_u64(self->dev, "max_ns"));
	EXPECT_EQ(above, attr_u64(self->dev, "above_threshold"));
	EXPECT_EQ(missed, attr_u64(self->dev, "missed"));
	{
		double mean = (double)sum / s.n * 1e9 / self->info.tick_hz;
		double got = (double)attr_u64(self->dev, "mean_ns");

		EXPECT_TRUE(got > mean - 1 && got < mean + 1)
			TH_LOG("mean_ns %.0f, records %.2f", got, mean);
	}
	TH_LOG("%zu samples: min %llu max %llu mean %llu stddev %llu ns",
	       s.n, (unsigned long long)attr_u64(self->dev, "min_ns"),
	       (unsigned long long)attr_u64(self->dev, "max_ns"),
	       (unsigned long long)attr_u64(self->dev, "mean_ns"),
	       (unsigned long long)attr_u64(self->dev, "stddev_ns"));
	/* reset clears the statistics */
	ASSERT_EQ(0, write_attr(self->dev, "reset", "1"));
	EXPECT_EQ(0, attr_u64(self->dev, "count"));
	EXPECT_EQ(0, attr_u64(self->dev, "max_ns"));
	free(s.r);
}

/* A handler held off 25 ms at a 10 ms period: 2 missed, never folded. */
TEST_F(rte, late_interrupt_is_not_folded)
{
	struct rte_rec_set s = { 0 };
	const __u64 inject_us = 25000;
	char path[384];
	size_t i, found = 0;
	FILE *f;

	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/inject_delay_us", self->dev);
	if (access(path, W_OK))
		SKIP(return, "no inject_delay_us for %s: mount debugfs", self->dev);
	fresh_run(_metadata, self->dev, self->fd, &self->info, 10000000);
	sleep_ms(200);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "%llu\n", (unsigned long long)inject_us);
	ASSERT_EQ(0, fclose(f));
	ASSERT_EQ(0, read_for(self->fd, 600, &s));
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &s));

	for (i = 0; i < s.n; i++) {
		const struct rt_eval_tmu_sample *r = &s.r[i];
		__u64 ns = ticks_ns(r->latency_ticks, self->info.tick_hz);

		if (!(r->flags & RT_EVAL_TMU_SAMPLE_INJECTED)) {
			EXPECT_EQ(0, r->missed);
			continue;
		}
		found++;
		TH_LOG("injected %llu us: latency %llu ns, missed %u",
		       (unsigned long long)inject_us, (unsigned long long)ns,
		       r->missed);
		EXPECT_GE(ns, inject_us * 1000);
		EXPECT_EQ(r->latency_ticks / r->period_ticks, r->missed);
		EXPECT_EQ(2, r->missed);
		EXPECT_TRUE(r->flags & RT_EVAL_TMU_SAMPLE_LATE);
		/* the next sample is on time again */
		if (i + 1 < s.n)
			EXPECT_EQ(0, s.r[i + 1].missed);
	}
	EXPECT_EQ(1, found);
	EXPECT_EQ(2, attr_u64(self->dev, "missed"));
	EXPECT_LE(1, attr_u64(self->dev, "above_threshold"));
	EXPECT_LE(inject_us * 1000, attr_u64(self->dev, "max_ns"));
	free(s.r);
}

/* A new period reprograms the timer: records and rate follow it. */
TEST_F(rte, period_change_takes_effect)
{
	struct rte_rec_set s = { 0 };
	const __u64 req = 2000000;
	const unsigned int ms = 2000;
	double expected;
	size_t i;

	fresh_run(_metadata, self->dev, self->fd, &self->info, req);
	EXPECT_GE(attr_u64(self->dev, "period_ns"),
		  req - 1000000000ULL / self->info.tick_hz);
	EXPECT_LE(attr_u64(self->dev, "period_ns"),
		  req + 1000000000ULL / self->info.tick_hz);
	EXPECT_EQ(self->info.period_ns, attr_u64(self->dev, "period_ns"));
	ASSERT_EQ(0, read_for(self->fd, ms, &s));
	expected = ms * 1e6 / self->info.period_ns;
	TH_LOG("period %llu ns: %zu samples in %u ms (expected %.0f)",
	       (unsigned long long)self->info.period_ns, s.n, ms, expected);
	EXPECT_GE(s.n, expected * 0.9);
	EXPECT_LE(s.n, expected * 1.1);
	for (i = 0; i < s.n; i++)
		if (s.r[i].period_ticks != self->info.period_ticks) {
			EXPECT_EQ(self->info.period_ticks, s.r[i].period_ticks);
			break;
		}
	free(s.r);
}

/* Bad writes get -EINVAL and change nothing. */
TEST_F(rte, bad_input_is_rejected)
{
	static const struct { const char *attr, *val; } bad[] = {
		{ "period_ns", "\n" }, { "period_ns", "abc" }, { "period_ns", "-1" },
		{ "period_ns", "0" }, { "period_ns", "1000x" },
		{ "period_ns", "99999" },
		{ "period_ns", "18446744073709551616" },
		{ "period_ns", "600000000000" },
		{ "threshold_ns", "0" }, { "threshold_ns", "x" },
		{ "enable", "2" }, { "enable", "yes" }, { "enable", "1 1" },
		{ "log_interval_s", "3601" }, { "reset", "0" }, { "reset", "2" },
	};
	char before[64], after[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (strcmp(bad[i].attr, "reset"))
			ASSERT_EQ(0, read_attr(self->dev, bad[i].attr, before,
					       sizeof(before)));
		EXPECT_EQ(-EINVAL, write_attr(self->dev, bad[i].attr, bad[i].val))
			TH_LOG("%s <- \"%s\"", bad[i].attr, bad[i].val);
		if (strcmp(bad[i].attr, "reset")) {
			ASSERT_EQ(0, read_attr(self->dev, bad[i].attr, after,
					       sizeof(after)));
			EXPECT_STREQ(before, after);
		}
	}
}

TEST_F(rte, char_device_semantics)
{
	struct rt_eval_tmu_sample r[2];
	struct pollfd p = { .fd = self->fd, .events = POLLIN };
	__u64 t0;
	char small[REC_SIZE - 1];
	int fl;

	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, NULL));
	/* smaller than one record */
	EXPECT_EQ(-1, read(self->fd, small, sizeof(small)));
	EXPECT_EQ(EINVAL, errno);
	/* empty and non-blocking */
	fl = fcntl(self->fd, F_GETFL);
	fcntl(self->fd, F_SETFL, fl | O_NONBLOCK);
	EXPECT_EQ(-1, read(self->fd, r, sizeof(r)));
	EXPECT_EQ(EAGAIN, errno);
	fcntl(self->fd, F_SETFL, fl);
	EXPECT_EQ(0, poll(&p, 1, 100));
	EXPECT_EQ(-1, ioctl(self->fd, _IO(RT_EVAL_TMU_IOC_MAGIC, 0x7f)));
	EXPECT_EQ(ENOTTY, errno);
	/* running: poll fires within a wake-up slice */
	ASSERT_EQ(0, write_attr(self->dev, "enable", "1"));
	t0 = now_ns();
	EXPECT_EQ(1, poll(&p, 1, 2000));
	EXPECT_TRUE(p.revents & POLLIN);
	EXPECT_LT(now_ns() - t0, 1000000000ULL);
	/* only whole records: one fits in 71 bytes */
	EXPECT_EQ((ssize_t)REC_SIZE, read(self->fd, r, REC_SIZE + 7));
}

/* A stopped reader: the ring fills, produced = read + dropped exactly. */
TEST_F(rte, overflow_is_counted_exactly)
{
	struct rte_rec_set s = { 0 }, after = { 0 };
	__u64 dropped0, dropped, produced, fill_ms;
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);

	dropped0 = attr_u64(self->dev, "dropped");
	fresh_run(_metadata, self->dev, self->fd, &self->info, 1000000);
	fill_ms = self->info.ring_records * self->info.period_ns / 1000000 * 3 / 2 + 300;
	if (fill_ms > 30000)
		SKIP(return, "ring of %u records takes %llu ms to fill",
		     self->info.ring_records, (unsigned long long)fill_ms);
	sleep_ms(fill_ms);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	produced = attr_u64(self->dev, "count");
	dropped = attr_u64(self->dev, "dropped") - dropped0;
	ASSERT_EQ(0, drain(self->fd, &s));
	TH_LOG("produced %llu, read %zu, dropped %llu",
	       (unsigned long long)produced, s.n, (unsigned long long)dropped);
	EXPECT_LT(0, dropped);
	EXPECT_EQ(produced, s.n + dropped);
	EXPECT_LE(s.n, (size_t)self->info.ring_records * ncpu);
	/* the next record's sequence number shows the loss */
	ASSERT_EQ(0, write_attr(self->dev, "enable", "1"));
	ASSERT_EQ(0, read_for(self->fd, 300, &after));
	ASSERT_LT(0, after.n);
	ASSERT_LT(0, s.n);
	EXPECT_EQ(s.r[s.n - 1].seq + 1 + dropped, after.r[0].seq);
	free(s.r);
	free(after.r);
}

struct counting_reader {
	int fd;
	size_t n;	/* records read so far, atomic */
};

static void *counting_thread(void *arg)
{
	struct counting_reader *c = arg;
	struct rt_eval_tmu_sample buf[64];
	ssize_t got;

	while ((got = read(c->fd, buf, sizeof(buf))) > 0)
		__atomic_add_fetch(&c->n, got / REC_SIZE, __ATOMIC_RELAXED);
	return NULL;
}

/* Stopping the timer hands what is queued to a blocked reader at once. */
TEST_F(rte, stop_wakes_blocked_reader)
{
	struct counting_reader c = { .fd = self->fd };
	pthread_t t;
	__u64 count;

	fresh_run(_metadata, self->dev, self->fd, &self->info, 10000000);
	ASSERT_EQ(0, pthread_create(&t, NULL, counting_thread, &c));
	sleep_ms(650);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	sleep_ms(100);
	count = attr_u64(self->dev, "count");
	EXPECT_EQ(count, __atomic_load_n(&c.n, __ATOMIC_RELAXED))
		TH_LOG("%llu samples, reader got %zu",
		       (unsigned long long)count, c.n);
	pthread_cancel(t);
	pthread_join(t, NULL);
}

struct blocked_reader {
	int fd;
	ssize_t ret;
	int err;
	int revents;
	bool use_poll;
};

static void *blocked_thread(void *arg)
{
	struct blocked_reader *b = arg;
	struct rt_eval_tmu_sample buf[64];

	if (b->use_poll) {
		struct pollfd p = { .fd = b->fd, .events = POLLIN };

		b->ret = poll(&p, 1, 10000);
		b->revents = p.revents;
	} else {
		do
			b->ret = read(b->fd, buf, sizeof(buf));
		while (b->ret > 0);
	}
	b->err = errno;
	return NULL;
}

/* Unbinding wakes a blocked reader (EOF) and a poller (EPOLLHUP). */
TEST_F(rte, unbind_wakes_readers)
{
	struct blocked_reader rd = { .fd = self->fd }, pl = { .use_poll = true };
	struct rt_eval_tmu_sample r;
	pthread_t t1, t2;
	int fd;

	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, NULL));
	pl.fd = open(self->node, O_RDONLY);
	ASSERT_LE(0, pl.fd);
	ASSERT_EQ(0, pthread_create(&t1, NULL, blocked_thread, &rd));
	ASSERT_EQ(0, pthread_create(&t2, NULL, blocked_thread, &pl));
	sleep_ms(300);

	fd = open(DRV_DIR "/unbind", O_WRONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ((ssize_t)strlen(self->dev), write(fd, self->dev, strlen(self->dev)));
	close(fd);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	EXPECT_EQ(0, rd.ret);
	EXPECT_EQ(1, pl.ret);
	EXPECT_TRUE(pl.revents & POLLHUP);
	/* still open after the device left: EOF, info still answers */
	EXPECT_EQ(0, read(self->fd, &r, REC_SIZE));
	EXPECT_EQ(0, ioctl(self->fd, RT_EVAL_TMU_IOC_INFO, &self->info));
	close(pl.fd);

	fd = open(DRV_DIR "/bind", O_WRONLY);
	ASSERT_LE(0, fd);
	EXPECT_EQ((ssize_t)strlen(self->dev), write(fd, self->dev, strlen(self->dev)));
	close(fd);
	/* the rebound device is a new one: reopen it for teardown */
	close(self->fd);
	ASSERT_EQ(0, find_devnode(self->dev, self->node, sizeof(self->node)));
	self->fd = open(self->node, O_RDONLY);
	ASSERT_LE(0, self->fd);
	EXPECT_EQ(1, attr_u64(self->dev, "enable"));
}

TEST_HARNESS_MAIN
