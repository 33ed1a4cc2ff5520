// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu kselftests, the measurement: samples, their statistics,
 * late interrupts, periods, restarts, resets and overflow.  Run on a board
 * (or the emulated one) with the module loaded and one timer channel bound
 * to it; rt_eval_tmu_io covers the interfaces.
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
#include "rte_fixture.h"

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
	__u64 sum = 0;
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
	thr = ns_ticks_floor(self->info.threshold_ns, self->info.tick_hz);
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
 * The thread stage: every record says whether the thread measured its
 * underflow (THREAD) or had not run by the next interrupt (THREAD_LATE);
 * a thread latency is never below the IRQ latency of the same underflow;
 * the sysfs thread figures are those of the records; every period is
 * still a sample or a counted miss.
 */
TEST_F(rte, thread_stage_measures_from_the_same_underflow)
{
	struct rte_rec_set s = { 0 };
	__u64 min = UINT64_MAX, max = 0, sum = 0, measured = 0, late = 0;
	__u64 dropped0 = attr_u64(self->dev, "dropped");
	struct span start;
	size_t i, below = 0;

	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, write_attr(self->dev, "thread_stage", "1"));
	EXPECT_EQ(1, attr_u64(self->dev, "thread_stage"));
	EXPECT_EQ(95, attr_u64(self->dev, "thread_priority"));
	fresh_run_timed(_metadata, self->dev, self->fd, &self->info, 2000000,
			&start);
	EXPECT_EQ(0, read_for(self->fd, 1500, &s));
	EXPECT_EQ(0, write_attr(self->dev, "enable", "0"));
	EXPECT_EQ(0, drain(self->fd, &s));
	EXPECT_EQ(0, attr_u64(self->dev, "dropped") - dropped0);
	ASSERT_LT(100, s.n);
	expect_accounted(_metadata, &s, &self->info, &start);
	for (i = 0; i < s.n; i++) {
		const struct rt_eval_tmu_sample *r = &s.r[i];
		bool thr = r->flags & RT_EVAL_TMU_SAMPLE_THREAD;
		bool lat = r->flags & RT_EVAL_TMU_SAMPLE_THREAD_LATE;

		EXPECT_TRUE(thr != lat)
			TH_LOG("seq %llu: flags %#x", (unsigned long long)r->seq, r->flags);
		if (lat) {
			late++;
			EXPECT_EQ(0, r->stage2_ticks);
			continue;
		}
		if (r->stage2_ticks < r->latency_ticks && below++ < 5)
			TH_LOG("seq %llu: thread %llu ticks < IRQ %llu ticks",
			       (unsigned long long)r->seq,
			       (unsigned long long)r->stage2_ticks,
			       (unsigned long long)r->latency_ticks);
		measured++;
		sum += r->stage2_ticks;
		min = r->stage2_ticks < min ? r->stage2_ticks : min;
		max = r->stage2_ticks > max ? r->stage2_ticks : max;
	}
	EXPECT_EQ(0, below);
	EXPECT_LT(0, measured);
	EXPECT_EQ(measured, attr_u64(self->dev, "thread_count"));
	EXPECT_EQ(late, attr_u64(self->dev, "thread_late"));
	if (measured) {
		double mean = (double)sum / measured * 1e9 / self->info.tick_hz;
		double got = (double)attr_u64(self->dev, "thread_mean_ns");

		EXPECT_EQ(ticks_ns(min, self->info.tick_hz),
			  attr_u64(self->dev, "thread_min_ns"));
		EXPECT_EQ(ticks_ns(max, self->info.tick_hz),
			  attr_u64(self->dev, "thread_max_ns"));
		EXPECT_TRUE(got > mean - 1 && got < mean + 1)
			TH_LOG("thread_mean_ns %.0f, records %.2f", got, mean);
	}
	TH_LOG("%zu samples: %llu with a thread latency (min %llu, mean %llu, max %llu ns)",
	       s.n, (unsigned long long)measured,
	       (unsigned long long)attr_u64(self->dev, "thread_min_ns"),
	       (unsigned long long)attr_u64(self->dev, "thread_mean_ns"),
	       (unsigned long long)attr_u64(self->dev, "thread_max_ns"));
	TH_LOG("%llu thread late", (unsigned long long)late);
	EXPECT_EQ(0, write_attr(self->dev, "thread_stage", "0"));
	EXPECT_EQ(0, attr_u64(self->dev, "thread_stage"));
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
		EXPECT_GE(ns, held_off_floor_ns(r, inject_us * 1000,
						self->info.period_ns));
		EXPECT_EQ(r->latency_ticks / r->period_ticks, r->missed);
		EXPECT_LE(held_off_floor_ns(r, 2, 1), r->missed);
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
/* The event's directory under tracefs @tr */
#define SAMPLE_EVENT	"events/rt_eval_tmu/sample"

/* tracefs in @tr (64 bytes) with the sample event in it: 0, else -1. */
static int find_sample_event(char *tr)
{
	char path[160];

	if (find_tracefs(tr, 64))
		return -1;
	snprintf(path, sizeof(path), "%s/" SAMPLE_EVENT "/enable", tr);
	return access(path, W_OK) ? -1 : 0;
}

/* A hist trigger on rt_eval_tmu:sample counts exactly the samples read. */
TEST_F(rte, trace_event_counts_every_sample)
{
	struct rte_rec_set s = { 0 };
	char tr[64], rel[160], path[PATH_MAX], trig[96], *buf;
	unsigned long long hits = 0, h;
	int id = node_id(self->node), ret;
	__u64 dropped;
	FILE *f;

	if (find_sample_event(tr))
		SKIP(return, "no tracefs or no trace event rt_eval_tmu:sample");
	ASSERT_LE(0, id);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, NULL));
	ASSERT_EQ(0, trace_write(tr, "tracing_on", "1"));
	snprintf(trig, sizeof(trig), "hist:keys=dev if dev == %d", id);
	snprintf(rel, sizeof(rel), SAMPLE_EVENT "/trigger");
	ret = trace_write(tr, rel, trig);
	if (ret)
		SKIP(return, "hist trigger refused (%s): CONFIG_HIST_TRIGGERS?",
		     strerror(-ret));
	dropped = attr_u64(self->dev, "dropped");

	fresh_run(_metadata, self->dev, self->fd, &self->info, 10000000);
	EXPECT_EQ(0, read_for(self->fd, 600, &s));
	EXPECT_EQ(0, write_attr(self->dev, "enable", "0"));
	EXPECT_EQ(0, drain(self->fd, &s));

	snprintf(path, sizeof(path), "%s/" SAMPLE_EVENT "/hist", tr);
	f = fopen(path, "r");
	EXPECT_NE(NULL, f);
	buf = malloc(4096);
	ASSERT_NE(NULL, buf);
	while (f && fgets(buf, 4096, f)) {
		char *p = strstr(buf, "hitcount:");

		if (buf[0] == '{' && p && sscanf(p, "hitcount: %llu", &h) == 1)
			hits += h;
	}
	if (f)
		fclose(f);
	free(buf);
	snprintf(trig, sizeof(trig), "!hist:keys=dev if dev == %d", id);
	EXPECT_EQ(0, trace_write(tr, rel, trig));

	EXPECT_EQ(dropped, attr_u64(self->dev, "dropped"));
	EXPECT_LT(10, s.n);
	TH_LOG("%zu samples read, %llu events counted by the hist trigger",
	       s.n, hits);
	EXPECT_EQ(s.n, hits);
	free(s.r);
}

/*
 * Interrupts held off on the interrupt's CPU (debugfs irqs_off_us) for 4
 * periods make a late interrupt; with stop_tracing_ns below its latency,
 * tracing stops, and the buffer's last rt_eval_tmu event is the first
 * sample above the limit.
 */
TEST_F(rte, stop_tracing_on_a_late_interrupt)
{
	const __u64 period_ns = 10000000, stop_ns = 15000000;
	struct rte_rec_set s = { 0 };
	char tr[64], rel[160], path[PATH_MAX], want[48], *buf, val[16];
	unsigned long long seq, last = ~0ULL, first_above = ~0ULL;
	__u64 knob_ns = 0;
	int id = node_id(self->node);
	size_t i;
	FILE *f;

	if (find_sample_event(tr))
		SKIP(return, "no tracefs or no trace event rt_eval_tmu:sample");
	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/irqs_off_us", self->dev);
	if (access(path, W_OK))
		SKIP(return, "no irqs_off_us for %s: mount debugfs", self->dev);
	ASSERT_EQ(0, write_attr(self->dev, "enable", "0"));
	ASSERT_EQ(0, drain(self->fd, NULL));
	ASSERT_EQ(0, trace_write(tr, "tracing_on", "0"));
	ASSERT_EQ(0, trace_clear(tr));
	snprintf(rel, sizeof(rel), SAMPLE_EVENT "/enable");
	ASSERT_EQ(0, trace_write(tr, rel, "1"));
	ASSERT_EQ(0, write_u64(self->dev, "stop_tracing_ns", stop_ns));
	ASSERT_EQ(0, trace_write(tr, "tracing_on", "1"));

	fresh_run(_metadata, self->dev, self->fd, &self->info, period_ns);
	EXPECT_EQ(0, read_for(self->fd, 100, &s));
	snprintf(path, sizeof(path), DEBUGFS_DIR "/%s/irqs_off_us", self->dev);
	knob_ns = now_ns();
	EXPECT_EQ(0, write_path(path, "40000"));
	knob_ns = now_ns() - knob_ns;
	EXPECT_EQ(0, read_for(self->fd, 100, &s));
	EXPECT_EQ(0, write_attr(self->dev, "enable", "0"));
	EXPECT_EQ(0, drain(self->fd, &s));
	EXPECT_EQ(0, write_u64(self->dev, "stop_tracing_ns", 0));
	snprintf(path, sizeof(path), "%s/tracing_on", tr);
	EXPECT_EQ(0, read_path(path, val, sizeof(val)));
	EXPECT_STREQ("0\n", val);

	/* the records: the first sample above the limit, the knob's late one */
	for (i = 0; i < s.n; i++) {
		__u64 ns = ticks_ns(s.r[i].latency_ticks, self->info.tick_hz);

		if (ns > stop_ns) {
			first_above = s.r[i].seq;
			break;
		}
	}
	EXPECT_NE(~0ULL, first_above) TH_LOG("no sample above %llu ns in %zu",
					     (unsigned long long)stop_ns, s.n);
	EXPECT_LE(40000000ULL, knob_ns);

	/* the buffer: its last event of this device */
	snprintf(want, sizeof(want), "sample: dev=%d seq=", id);
	snprintf(path, sizeof(path), "%s/trace", tr);
	f = fopen(path, "r");
	EXPECT_NE(NULL, f);
	buf = malloc(4096);
	ASSERT_NE(NULL, buf);
	while (f && fgets(buf, 4096, f)) {
		char *p = strstr(buf, want);

		if (p && sscanf(p + strlen(want), "%llu", &seq) == 1)
			last = seq;
	}
	if (f)
		fclose(f);
	free(buf);
	TH_LOG("interrupts off for %llu ns; first sample above %llu ns:",
	       (unsigned long long)knob_ns, (unsigned long long)stop_ns);
	TH_LOG("seq %llu; last traced: seq %llu", first_above, last);
	EXPECT_EQ(first_above, last);

	EXPECT_EQ(0, trace_write(tr, rel, "0"));
	EXPECT_EQ(0, trace_write(tr, "tracing_on", "1"));
	free(s.r);
}

#include "rte_kernel_log_test.h"

int main(int argc, char **argv)
{
	return rte_test_main(argc, argv);
}
