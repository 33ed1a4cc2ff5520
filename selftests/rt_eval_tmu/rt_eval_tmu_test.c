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
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/rt_eval_tmu.h>

#include "kselftest_harness.h"
#include "rte_selftest.h"

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

/* When a write that starts the timer began and returned. */
struct span {
	__u64 before;
	__u64 after;
};

/*
 * Stop, empty the stream, clear the statistics, set a period, start; @start
 * (if not NULL) gets when the start was written.
 */
static void fresh_run_timed(struct __test_metadata *_metadata, const char *dev,
			    int fd, struct rt_eval_tmu_info *info,
			    __u64 period_ns, struct span *start)
{
	struct span sp;

	ASSERT_EQ(0, write_attr(dev, "enable", "0"));
	ASSERT_EQ(0, drain(fd, NULL));
	ASSERT_EQ(0, write_u64(dev, "period_ns", period_ns));
	ASSERT_EQ(0, write_attr(dev, "reset", "1"));
	ASSERT_EQ(0, ioctl(fd, RT_EVAL_TMU_IOC_INFO, info));
	sp.before = now_ns();
	ASSERT_EQ(0, write_attr(dev, "enable", "1"));
	sp.after = now_ns();
	if (start)
		*start = sp;
}

static void fresh_run(struct __test_metadata *_metadata, const char *dev,
		      int fd, struct rt_eval_tmu_info *info, __u64 period_ns)
{
	fresh_run_timed(_metadata, dev, fd, info, period_ns, NULL);
}

/*
 * Where the count first parts from the clock: the samples around it, for
 * the log of a failed accounting check.
 */
static void show_first_divergence(struct __test_metadata *_metadata,
				  const struct rte_rec_set *s,
				  const struct rt_eval_tmu_info *info)
{
	__s64 uf0 = rec_uf_ns(&s->r[0], info->tick_hz);
	__u64 counted = 0;
	size_t i, j;

	for (i = 1; i < s->n; i++) {
		double elapsed = (double)(rec_uf_ns(&s->r[i], info->tick_hz) - uf0) /
				 info->period_ns;

		counted += 1 + s->r[i - 1].missed;
		if (counted < elapsed + 0.5 && counted + 0.5 > elapsed)
			continue;
		for (j = i > 2 ? i - 2 : 0; j < s->n && j <= i + 2; j++)
			TH_LOG("seq %llu ts %llu lat %llu ticks missed %u flags %#x cpu %u uf %lld",
			       (unsigned long long)s->r[j].seq,
			       (unsigned long long)s->r[j].timestamp_ns,
			       (unsigned long long)s->r[j].latency_ticks,
			       s->r[j].missed, s->r[j].flags, s->r[j].cpu,
			       (long long)rec_uf_ns(&s->r[j], info->tick_hz));
		TH_LOG("counted %llu, elapsed %.2f at seq %llu",
		       (unsigned long long)counted, elapsed,
		       (unsigned long long)s->r[i].seq);
		return;
	}
}

/*
 * What holds for the records of one run whatever the host's load: each
 * record's latency holds exactly its missed periods (never folded), LATE
 * says so, and every period that elapsed is either a sample or a counted
 * miss: between the first and the last sample's underflow (within one
 * period), and from the timer's start, which @start brackets, to the last
 * sample's underflow.  A sample's underflow is the one that raised its
 * interrupt (timestamp minus latency); its missed periods come after it.
 */
static void expect_accounted(struct __test_metadata *_metadata,
			     const struct rte_rec_set *s,
			     const struct rt_eval_tmu_info *info,
			     const struct span *start)
{
	const double p = (double)info->period_ns;
	struct rte_account a;
	__u64 from_start = 0;
	size_t i, bad = 0, uncertain = 0;

	ASSERT_LT(1, s->n);
	for (i = 0; i < s->n; i++) {
		const struct rt_eval_tmu_sample *r = &s->r[i];

		uncertain += !!(r->flags & RT_EVAL_TMU_SAMPLE_UNCERTAIN);
		if (r->period_ticks == info->period_ticks &&
		    r->latency_ticks / r->period_ticks == r->missed &&
		    !!r->missed == !!(r->flags & RT_EVAL_TMU_SAMPLE_LATE) &&
		    (!i || r->seq == s->r[i - 1].seq + 1))
			continue;
		if (bad++ < 5)
			TH_LOG("seq %llu: %llu ticks, %u missed, period %u ticks, flags %#x",
			       (unsigned long long)r->seq,
			       (unsigned long long)r->latency_ticks, r->missed,
			       r->period_ticks, r->flags);
	}
	EXPECT_EQ(0, bad);
	ASSERT_EQ(0, rte_account(s->r, 0, s->n, info->tick_hz, info->period_ns,
				 &a));
	EXPECT_TRUE(a.counted <= a.elapsed + 1 && a.counted + 1 >= a.elapsed) {
		TH_LOG("%llu periods counted, %.2f elapsed", (unsigned long long)a.counted,
		       a.elapsed);
		show_first_divergence(_metadata, s, info);
	}
	/*
	 * From the start: the first underflow comes a period after it, then
	 * every sample before the last certain one covers 1 + missed periods.
	 */
	from_start = 1;
	for (i = 0; i < s->n; i++) {
		if (rec_uf_ns(&s->r[i], info->tick_hz) == a.last_uf_ns)
			break;
		from_start += 1 + s->r[i].missed;
	}
	EXPECT_LE((double)from_start, (a.last_uf_ns - (__s64)start->before) / p + 1)
		TH_LOG("%llu periods counted since the start, at most %.2f elapsed",
		       (unsigned long long)from_start,
		       (a.last_uf_ns - (__s64)start->before) / p);
	EXPECT_GE((double)from_start + 1, (a.last_uf_ns - (__s64)start->after) / p)
		TH_LOG("%llu periods counted since the start, at least %.2f elapsed",
		       (unsigned long long)from_start,
		       (a.last_uf_ns - (__s64)start->after) / p);
	TH_LOG("%zu samples, %llu missed, %zu uncertain: %llu periods counted, %.2f elapsed",
	       s->n, (unsigned long long)a.missed_all, uncertain,
	       (unsigned long long)a.counted, a.elapsed);
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

/*
 * Samples arrive in order, in batches, and with the periods they missed
 * account for the time elapsed (whatever the host's load: a late or
 * skipped interrupt is a counted miss, not a lost period).
 */
TEST_F(rte, rate_sequence_and_batching)
{
	struct rte_rec_set s = { 0 };
	const unsigned int ms = 3000;
	struct span start;
	size_t i;

	fresh_run_timed(_metadata, self->dev, self->fd, &self->info, 10000000,
			&start);
	ASSERT_EQ(0, read_for(self->fd, ms, &s));
	TH_LOG("%zu samples in %u ms (%.0f periods) in %u reads", s.n, ms,
	       ms * 1e6 / self->info.period_ns, s.reads);
	expect_accounted(_metadata, &s, &self->info, &start);
	for (i = 1; i < s.n; i++) {
		if (s.r[i].seq != s.r[i - 1].seq + 1 ||
		    s.r[i].timestamp_ns <= s.r[i - 1].timestamp_ns) {
			EXPECT_EQ(s.r[i - 1].seq + 1, s.r[i].seq);
			break;
		}
	}
	EXPECT_TRUE(s.n && (s.r[0].flags & RT_EVAL_TMU_SAMPLE_FIRST));
	/*
	 * A reader is woken a few times a second, never per sample: a reader
	 * that the host slows down only gets more records per read.
	 */
	EXPECT_LE(s.reads, ms / 200 + s.n / 8 + 4);
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

	struct span start;

	fresh_run_timed(_metadata, self->dev, self->fd, &self->info, 2000000,
			&start);
	/* keep reading so that nothing is dropped, then stop and drain */
	ASSERT_EQ(0, read_for(self->fd, 1500, &s));
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &s));
	ASSERT_EQ(0, attr_u64(self->dev, "dropped") - dropped0);
	ASSERT_LT(100, s.n);
	expect_accounted(_metadata, &s, &self->info, &start);
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

/*
 * A handler held off 25 ms at a 10 ms period: at least 2 missed, never
 * folded.  Under emulation the interrupt can be later still: the sample
 * must then say so exactly (latency holds its missed periods) and every
 * period stay accounted for.
 */
TEST_F(rte, late_interrupt_is_not_folded)
{
	struct rte_rec_set s = { 0 };
	const __u64 inject_us = 25000;
	struct span start;
	__u64 missed = 0;
	char path[384];
	size_t i, found = 0;
	FILE *f;

	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/inject_delay_us", self->dev);
	if (access(path, W_OK))
		SKIP(return, "no inject_delay_us for %s: mount debugfs", self->dev);
	fresh_run_timed(_metadata, self->dev, self->fd, &self->info, 10000000,
			&start);
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

		missed += r->missed;
		if (!(r->flags & RT_EVAL_TMU_SAMPLE_INJECTED))
			continue;
		found++;
		TH_LOG("injected %llu us: latency %llu ns, missed %u, flags %#x",
		       (unsigned long long)inject_us, (unsigned long long)ns,
		       r->missed, r->flags);
		EXPECT_GE(ns, inject_us * 1000);
		EXPECT_EQ(r->latency_ticks / r->period_ticks, r->missed);
		EXPECT_LE(2, r->missed);
		EXPECT_TRUE(r->flags & RT_EVAL_TMU_SAMPLE_LATE);
	}
	EXPECT_EQ(1, found);
	expect_accounted(_metadata, &s, &self->info, &start);
	EXPECT_EQ(missed, attr_u64(self->dev, "missed"));
	EXPECT_LE(2, missed);
	EXPECT_LE(1, attr_u64(self->dev, "above_threshold"));
	EXPECT_LE(inject_us * 1000, attr_u64(self->dev, "max_ns"));
	free(s.r);
}

/* A new period reprograms the timer: records and accounting follow it. */
TEST_F(rte, period_change_takes_effect)
{
	struct rte_rec_set s = { 0 };
	const __u64 req = 2000000;
	const unsigned int ms = 2000;
	struct span start;
	size_t i;

	fresh_run_timed(_metadata, self->dev, self->fd, &self->info, req,
			&start);
	EXPECT_GE(attr_u64(self->dev, "period_ns"),
		  req - 1000000000ULL / self->info.tick_hz);
	EXPECT_LE(attr_u64(self->dev, "period_ns"),
		  req + 1000000000ULL / self->info.tick_hz);
	EXPECT_EQ(self->info.period_ns, attr_u64(self->dev, "period_ns"));
	ASSERT_EQ(0, read_for(self->fd, ms, &s));
	TH_LOG("period %llu ns: %zu samples in %u ms (%.0f periods)",
	       (unsigned long long)self->info.period_ns, s.n, ms,
	       ms * 1e6 / self->info.period_ns);
	expect_accounted(_metadata, &s, &self->info, &start);
	for (i = 0; i < s.n; i++)
		if (s.r[i].period_ticks != self->info.period_ticks) {
			EXPECT_EQ(self->info.period_ticks, s.r[i].period_ticks);
			break;
		}
	free(s.r);
}

/*
 * @len bytes of @val, written at once, must fail with -EINVAL and leave the
 * attribute as it was (reset: the statistics as they were).
 */
static void expect_rejected_n(struct __test_metadata *_metadata,
			      const char *dev, const char *attr,
			      const char *val, size_t len)
{
	bool reset = !strcmp(attr, "reset");
	const char *shown = reset ? "count" : attr;
	char before[64] = "", after[64] = "";

	if (reset)
		ASSERT_EQ(0, write_attr(dev, "enable", "0"));
	ASSERT_EQ(0, read_attr(dev, shown, before, sizeof(before)));
	EXPECT_EQ(-EINVAL, write_attr_n(dev, attr, val, len))
		TH_LOG("%s <- \"%.*s\" (%zu bytes)", attr, (int)len, val, len);
	ASSERT_EQ(0, read_attr(dev, shown, after, sizeof(after)));
	EXPECT_STREQ(before, after)
		TH_LOG("%s changed by \"%.*s\"", shown, (int)len, val);
}

static void expect_rejected(struct __test_metadata *_metadata, const char *dev,
			    const char *attr, const char *val)
{
	expect_rejected_n(_metadata, dev, attr, val, strlen(val));
}

/* Garbage every writable attribute must refuse. */
static const char * const rte_garbage[] = {
	"\n", "-1", "abc", "12abc", "1 1", " 5", "5 5", "0x10", "1e3", "+",
	"18446744073709551616", "99999999999999999999999999", "1.5", "\t",
	"+1", "+100000", "1\n\n", "\n1",
};

/* Writes with a NUL inside: all bytes written count, not the C string. */
static const struct {
	const char *val;
	size_t len;
} rte_nul_garbage[] = {
	{ "10\0garbage", 10 }, { "1\0x", 3 }, { "1\0", 2 }, { "100000\0\n", 8 },
};

TEST_F(rte, bad_input_is_rejected)
{
	static const char * const attrs[] = {
		"enable", "period_ns", "threshold_ns", "log_interval_s", "reset",
	};
	__u64 max_ticks = self->info.counter_bits >= 32 ? 0xffffffffULL :
			  (1ULL << self->info.counter_bits) - 1;
	__u64 max_ns = ticks_ns(max_ticks, self->info.tick_hz);
	char buf[32];
	size_t a, g;
	int i;

	/* statistics to lose if a bad reset went through */
	ASSERT_EQ(0, write_attr(self->dev, "enable", "1"));
	for (i = 0; i < 500 && !attr_u64(self->dev, "count"); i++)
		sleep_ms(10);
	ASSERT_NE(0, attr_u64(self->dev, "count"));
	for (a = 0; a < ARRAY_SIZE(attrs); a++) {
		for (g = 0; g < ARRAY_SIZE(rte_garbage); g++)
			expect_rejected(_metadata, self->dev, attrs[a], rte_garbage[g]);
		for (g = 0; g < ARRAY_SIZE(rte_nul_garbage); g++)
			expect_rejected_n(_metadata, self->dev, attrs[a],
					  rte_nul_garbage[g].val,
					  rte_nul_garbage[g].len);
	}

	/* out of range for each */
	expect_rejected(_metadata, self->dev, "enable", "2");
	expect_rejected(_metadata, self->dev, "period_ns", "0");
	expect_rejected(_metadata, self->dev, "period_ns", "99999");
	snprintf(buf, sizeof(buf), "%llu",
		 (unsigned long long)(max_ns + 1000000000ULL / self->info.tick_hz));
	expect_rejected(_metadata, self->dev, "period_ns", buf);
	expect_rejected(_metadata, self->dev, "period_ns", "18446744073709551615");
	expect_rejected(_metadata, self->dev, "threshold_ns", "0");
	expect_rejected(_metadata, self->dev, "threshold_ns", "10000000001");
	expect_rejected(_metadata, self->dev, "log_interval_s", "3601");
	expect_rejected(_metadata, self->dev, "reset", "0");
	expect_rejected(_metadata, self->dev, "reset", "2");

	/* the limits themselves are accepted */
	EXPECT_EQ(0, write_u64(self->dev, "period_ns", 100000));
	EXPECT_EQ(0, write_u64(self->dev, "period_ns", max_ns - max_ns % 1000));
	EXPECT_EQ(0, write_u64(self->dev, "threshold_ns", 10000000000ULL));
	EXPECT_EQ(0, write_u64(self->dev, "threshold_ns", 1));
	EXPECT_EQ(0, write_attr(self->dev, "log_interval_s", "3600\n"));
	EXPECT_EQ(0, write_attr(self->dev, "log_interval_s", "0"));
	EXPECT_EQ(0, write_attr(self->dev, "enable", "1\n"));
}

/*
 * The debugfs fault injection takes 1..1000000 us, decimal, like the sysfs
 * attributes; anything else is refused and leaves nothing pending.
 */
TEST_F(rte, inject_delay_rejects_bad_input)
{
	static const char * const bad[] = {
		"0", "0\n", "1000001", "-1", "+5", "0x10", " 5", "5 ", "", "\n",
		"abc", "1.5", "18446744073709551616", "99999999999999999999",
	};
	struct rte_rec_set s = { 0 };
	char path[384], val[32];
	size_t i, found = 0;

	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/inject_delay_us", self->dev);
	if (access(path, W_OK))
		SKIP(return, "no inject_delay_us for %s: mount debugfs", self->dev);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	ASSERT_STREQ("0\n", val);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, write_path(path, bad[i])) TH_LOG("\"%s\"", bad[i]);
		ASSERT_EQ(0, read_path(path, val, sizeof(val)));
		EXPECT_STREQ("0\n", val) TH_LOG("pending after \"%s\"", bad[i]);
	}
	EXPECT_EQ(-EINVAL, write_path_n(path, "5\0x", 3));
	EXPECT_EQ(-EINVAL, write_path_n(path, "10\0garbage", 10));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("0\n", val);

	/* the limits are taken; 1000000 us is a late interrupt of 1 s */
	EXPECT_EQ(0, write_path(path, "1\n"));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("1\n", val);
	EXPECT_EQ(0, write_path(path, "1000000"));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("1000000\n", val);
	fresh_run(_metadata, self->dev, self->fd, &self->info, 10000000);
	ASSERT_EQ(0, read_for(self->fd, 1500, &s));
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &s));
	ASSERT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("0\n", val);
	for (i = 0; i < s.n; i++) {
		const struct rt_eval_tmu_sample *r = &s.r[i];

		if (!(r->flags & RT_EVAL_TMU_SAMPLE_INJECTED))
			continue;
		found++;
		EXPECT_LE(1000000000ULL, ticks_ns(r->latency_ticks, self->info.tick_hz));
		EXPECT_EQ(r->latency_ticks / r->period_ticks, r->missed);
		EXPECT_LE(100, r->missed);
	}
	EXPECT_EQ(1, found);
	free(s.r);
}

/* Only root may change anything or read samples. */
TEST_F(rte, non_root_is_refused)
{
	static const char * const attrs[] = {
		"enable", "period_ns", "threshold_ns", "log_interval_s", "reset",
	};
	int status;
	pid_t pid;

	if (geteuid())
		SKIP(return, "run as root to test that non-root is refused");
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int bad = 0;
		size_t i;

		if (setgid(65534) || setuid(65534))
			_exit(100);
		for (i = 0; i < ARRAY_SIZE(attrs); i++)
			bad += write_attr(self->dev, attrs[i], "1") != -EACCES;
		bad += open(self->node, O_RDONLY) >= 0 || errno != EACCES;
		bad += attr_u64(self->dev, "count") == UINT64_MAX; /* reads work */
		_exit(bad);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
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

/* Read sizes and alignment: whole records only, at any address. */
TEST_F(rte, read_sizes_and_alignment)
{
	static const size_t sizes[] = { 1, 8, REC_SIZE - 1 };
	char raw[REC_SIZE * 4 + 1];
	struct rt_eval_tmu_sample r;
	__u64 last;
	ssize_t n;
	size_t i;

	fresh_run(_metadata, self->dev, self->fd, &self->info, 2000000);
	sleep_ms(300);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		EXPECT_EQ(-1, read(self->fd, raw, sizes[i]));
		EXPECT_EQ(EINVAL, errno);
	}
	EXPECT_EQ(-1, read(self->fd, raw, 0));
	EXPECT_EQ(EINVAL, errno);
	/* an odd address and a size between records */
	n = read(self->fd, raw + 1, REC_SIZE * 2 + 30);
	ASSERT_EQ((ssize_t)REC_SIZE * 2, n);
	memcpy(&r, raw + 1 + REC_SIZE, sizeof(r));
	last = r.seq;
	memcpy(&r, raw + 1, sizeof(r));
	EXPECT_EQ(r.seq + 1, last);
	EXPECT_NE(0, r.latency_ticks);
	/* the next read continues the sequence */
	ASSERT_EQ((ssize_t)REC_SIZE, read(self->fd, &r, REC_SIZE));
	EXPECT_EQ(last + 1, r.seq);
}

/* poll() honours its timeout when nothing comes. */
TEST_F(rte, poll_times_out)
{
	struct pollfd p = { .fd = self->fd, .events = POLLIN };
	__u64 t0;

	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, NULL));
	t0 = now_ns();
	EXPECT_EQ(0, poll(&p, 1, 300));
	EXPECT_LE(290000000ULL, now_ns() - t0);
	EXPECT_GT(2000000000ULL, now_ns() - t0);
	EXPECT_EQ(0, p.revents);
}

/* Bad pointers: -EFAULT, and nothing is lost from the stream. */
TEST_F(rte, bad_pointers_fault_without_loss)
{
	struct rt_eval_tmu_sample r1, r2;
	long page = sysconf(_SC_PAGESIZE);
	/* a page of our address space that may not be touched */
	void *bad = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, bad);
	fresh_run(_metadata, self->dev, self->fd, &self->info, 2000000);
	sleep_ms(300);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	EXPECT_EQ(-1, read(self->fd, bad, REC_SIZE));
	EXPECT_EQ(EFAULT, errno);
	EXPECT_EQ(-1, ioctl(self->fd, RT_EVAL_TMU_IOC_INFO, bad));
	EXPECT_EQ(EFAULT, errno);
	munmap(bad, page);
	ASSERT_EQ((ssize_t)REC_SIZE, read(self->fd, &r1, REC_SIZE));
	/* first record of the run is the one the fault did not consume */
	EXPECT_TRUE(r1.flags & RT_EVAL_TMU_SAMPLE_FIRST);
	ASSERT_EQ((ssize_t)REC_SIZE, read(self->fd, &r2, REC_SIZE));
	EXPECT_EQ(r1.seq + 1, r2.seq);
	/* an ioctl number of the right type but another size is unknown */
	EXPECT_EQ(-1, ioctl(self->fd, _IOR(RT_EVAL_TMU_IOC_MAGIC, 0x01, __u64), &r1));
	EXPECT_EQ(ENOTTY, errno);
}

struct share_reader {
	int fd;
	struct rte_rec_set s;
};

static void *share_thread(void *arg)
{
	struct share_reader *r = arg;

	read_for(r->fd, 1500, &r->s);
	return NULL;
}

/*
 * Two readers at once share the stream: every sample reaches exactly one
 * of them (documented behaviour).
 */
TEST_F(rte, concurrent_readers_share_the_stream)
{
	struct share_reader a = { .fd = self->fd }, b = { 0 };
	pthread_t ta, tb;
	__u64 count, first, last;
	char *seen;
	size_t i;

	b.fd = open(self->node, O_RDONLY);
	ASSERT_LE(0, b.fd);
	fresh_run(_metadata, self->dev, self->fd, &self->info, 1000000);
	ASSERT_EQ(0, pthread_create(&ta, NULL, share_thread, &a));
	ASSERT_EQ(0, pthread_create(&tb, NULL, share_thread, &b));
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &a.s));
	close(b.fd);
	count = attr_u64(self->dev, "count");
	TH_LOG("reader A %zu, reader B %zu, produced %llu", a.s.n, b.s.n,
	       (unsigned long long)count);
	ASSERT_EQ(count, a.s.n + b.s.n);
	ASSERT_LT(0, a.s.n);
	first = a.s.r[0].seq;
	for (i = 0; i < b.s.n; i++)
		first = b.s.r[i].seq < first ? b.s.r[i].seq : first;
	last = first + count - 1;
	seen = calloc(count, 1);
	ASSERT_NE(NULL, seen);
	for (i = 0; i < a.s.n + b.s.n; i++) {
		const struct rt_eval_tmu_sample *r =
			i < a.s.n ? &a.s.r[i] : &b.s.r[i - a.s.n];

		ASSERT_LE(r->seq, last);
		EXPECT_EQ(0, seen[r->seq - first])
			TH_LOG("seq %llu twice", (unsigned long long)r->seq);
		seen[r->seq - first] = 1;
	}
	free(seen);
	free(a.s.r);
	free(b.s.r);
}

/* A write that may restart the timer, bracketed by the clock. */
struct restart {
	__u64 before;
	__u64 after;
};

static int timed_write(struct restart *r, const char *dev, const char *attr,
		       const char *val)
{
	int ret;

	r->before = now_ns();
	ret = write_attr(dev, attr, val);
	r->after = now_ns();
	return ret;
}

/*
 * The earliest time the restart that produced a first sample taken at @ts
 * can have happened: the last write begun before @ts, or, if that write
 * had not returned by @ts (it waits for a handler still running, e.g. one
 * held off by an injection), the write before it.
 */
static __u64 restart_bound(const struct restart *r, size_t nr, __u64 ts)
{
	size_t j = 0;

	while (j + 1 < nr && r[j + 1].before < ts)
		j++;
	if (j && r[j].after > ts)
		j--;
	return r[j].before;
}

/*
 * Period and enable toggled while running, with a late-interrupt
 * injection pending: no crash, an unbroken stream that follows the final
 * configuration, and after every restart a first sample that claims no
 * more latency than the time since the restart (a stale baseline would
 * show up as phantom missed periods there).
 */
TEST_F(rte, toggles_while_running_and_injecting)
{
	static const char * const periods[] = {
		"1000000", "2500000", "10000000", "500000",
	};
	struct rte_rec_set s = { 0 };
	struct restart restarts[64];
	size_t i, nr = 0, injected = 0, firsts = 0;
	char path[384];
	FILE *f;

	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/inject_delay_us", self->dev);
	restarts[nr].before = now_ns();
	fresh_run(_metadata, self->dev, self->fd, &self->info, 1000000);
	restarts[nr++].after = now_ns();
	for (i = 0; i < 40; i++) {
		f = i % 10 ? NULL : fopen(path, "w");
		if (f) {
			fprintf(f, "3000\n");
			fclose(f);
		}
		ASSERT_EQ(0, timed_write(&restarts[nr++], self->dev, "period_ns",
					 periods[i % ARRAY_SIZE(periods)]));
		if (i % 3 == 0) {
			ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
			ASSERT_EQ(0, timed_write(&restarts[nr++], self->dev,
						 "enable", "1"));
		}
		ASSERT_EQ(0, read_for(self->fd, 20, &s));
	}
	ASSERT_EQ(0, timed_write(&restarts[nr++], self->dev, "period_ns",
				 "2000000"));
	ASSERT_EQ(0, ioctl(self->fd, RT_EVAL_TMU_IOC_INFO, &self->info));
	ASSERT_EQ(0, read_for(self->fd, 300, &s));
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &s));
	ASSERT_LT(10, s.n);
	for (i = 0; i < s.n; i++) {
		const struct rt_eval_tmu_sample *r = &s.r[i];
		__u64 since;

		injected += !!(r->flags & RT_EVAL_TMU_SAMPLE_INJECTED);
		if (i && r->seq != s.r[i - 1].seq + 1)
			EXPECT_EQ(s.r[i - 1].seq + 1, r->seq);
		if (!(r->flags & RT_EVAL_TMU_SAMPLE_FIRST))
			continue;
		firsts++;
		since = r->timestamp_ns - restart_bound(restarts, nr, r->timestamp_ns);
		EXPECT_LE(ticks_ns(r->latency_ticks, self->info.tick_hz), since)
			TH_LOG("sample %llu, first after a restart %llu ns ago: %llu ns, %u missed",
			       (unsigned long long)r->seq, (unsigned long long)since,
			       (unsigned long long)ticks_ns(r->latency_ticks,
							    self->info.tick_hz),
			       r->missed);
	}
	TH_LOG("%zu samples, %zu restarts seen, %zu injected", s.n, firsts, injected);
	EXPECT_LE(1, injected);
	EXPECT_LE(20, firsts);
	EXPECT_EQ(self->info.period_ticks, s.r[s.n - 1].period_ticks);
	free(s.r);
}

/* A reset during a run counts exactly the samples taken after it. */
TEST_F(rte, reset_during_a_run)
{
	struct rte_rec_set s = { 0 };
	__u64 t_before, t_after, count;
	size_t i, after = 0, between = 0;

	fresh_run(_metadata, self->dev, self->fd, &self->info, 2000000);
	ASSERT_EQ(0, read_for(self->fd, 400, &s));
	t_before = now_ns();
	ASSERT_EQ(0, write_attr(self->dev, "reset", "1"));
	t_after = now_ns();
	ASSERT_EQ(0, read_for(self->fd, 400, &s));
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, &s));
	for (i = 0; i < s.n; i++) {
		after += s.r[i].timestamp_ns > t_after;
		between += s.r[i].timestamp_ns >= t_before &&
			   s.r[i].timestamp_ns <= t_after;
	}
	count = attr_u64(self->dev, "count");
	TH_LOG("%zu samples after the reset, %zu during it, count %llu",
	       after, between, (unsigned long long)count);
	EXPECT_LE(after, count);
	EXPECT_GE(after + between, count);
	EXPECT_LT(50, after);
	free(s.r);
}

/* A stopped reader: the ring fills, produced = read + dropped exactly. */
TEST_F(rte, overflow_is_counted_exactly)
{
	struct rte_rec_set s = { 0 }, after = { 0 };
	__u64 dropped0, dropped, produced, fill_ms;
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);
	unsigned int waited;

	dropped0 = attr_u64(self->dev, "dropped");
	fresh_run(_metadata, self->dev, self->fd, &self->info, 1000000);
	fill_ms = self->info.ring_records * self->info.period_ns / 1000000 * 3 / 2 + 300;
	if (fill_ms > 30000)
		SKIP(return, "ring of %u records takes %llu ms to fill",
		     self->info.ring_records, (unsigned long long)fill_ms);
	/*
	 * More samples than all rings hold: a loaded host serves fewer
	 * interrupts a second, so wait for the count, not for a time.
	 */
	for (waited = 0; waited < 60000; waited += 50) {
		if (attr_u64(self->dev, "count") > (__u64)self->info.ring_records * ncpu)
			break;
		sleep_ms(50);
	}
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

/*
 * Stopping the timer hands what is queued to a blocked reader: no sample
 * is left waiting for a wake-up that will never come.  (How soon is the
 * host's business: the reader gets up to 10 s.)
 */
TEST_F(rte, stop_wakes_blocked_reader)
{
	struct counting_reader c = { .fd = self->fd };
	unsigned int waited;
	pthread_t t;
	__u64 count;

	fresh_run(_metadata, self->dev, self->fd, &self->info, 10000000);
	ASSERT_EQ(0, pthread_create(&t, NULL, counting_thread, &c));
	sleep_ms(650);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	count = attr_u64(self->dev, "count");
	for (waited = 0; waited < 10000; waited += 10) {
		if (__atomic_load_n(&c.n, __ATOMIC_RELAXED) == count)
			break;
		sleep_ms(10);
	}
	EXPECT_EQ(count, __atomic_load_n(&c.n, __ATOMIC_RELAXED))
		TH_LOG("%llu samples, reader got %zu",
		       (unsigned long long)count, c.n);
	TH_LOG("the reader had all %llu samples %u ms after the stop",
	       (unsigned long long)count, waited);
	pthread_cancel(t);
	pthread_join(t, NULL);
}

/* Must stay the last test: it checks what all the others left. */
#include "rte_kernel_log_test.h"

/* No device, no tests: the kselftest convention is to skip (exit 4). */
int main(int argc, char **argv)
{
	char dev[256];

	if (find_device(dev, sizeof(dev))) {
		ksft_print_header();
		ksft_exit_skip("no device bound to rt_eval_tmu in " DRV_DIR
			       ": load the module (insmod rt_eval_tmu.ko) and give it a timer (Documentation/overlays.rst)\n");
	}
	return test_harness_run(argc, argv);
}
