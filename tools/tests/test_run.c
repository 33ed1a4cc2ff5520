// SPDX-License-Identifier: GPL-2.0
/*
 * Replay files of known distributions, read back the way rt-eval-compare
 * and --replay read them, against an independent reference computed here
 * from the generated latencies (__int128, long double, sorting): exact
 * count, min, max, mean and stddev to the tick, above-threshold counts by
 * the driver's rule, missed periods, lost samples, windows; percentiles
 * within the histogram's bound.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "rte_gen.h"
#include "rte_load.h"

static char tmpdir[64];

static bool within_run_bound(u64 est, u64 v)
{
	u64 d = est > v ? est - v : v - est;

	return (__uint128_t)d * 256 <= v && (v >= 256 || d == 0);
}

/* Generate @g, load it back, compare with the reference. */
static void check_run(struct __test_metadata *_metadata, const char *name, const struct rte_gen *g)
{
	long double var, sd;
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	u64 n = g->samples, *v = rte_xcalloc(n, sizeof(*v)), i;
	u64 hz = g->tick_hz, thr_ns = 30000, above = 0, missed = 0;
	__uint128_t sum = 0, sumsq = 0;
	char path[256], err[512];
	struct rte_header h;
	u64 state = g->seed;
	struct rt_eval_tmu_sample last;

	snprintf(path, sizeof(path), "%s/%s.raw", tmpdir, name);
	EXPECT_TRUE(rte_gen_write(path, g, v) == 0)
		TH_LOG("%s: write", name);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s: %s", name, err);
	for (i = 0; i < n; i++) {
		sum += v[i];
		sumsq += (__uint128_t)v[i] * v[i];
		/* above: the latency's duration exceeds the threshold */
		if ((__uint128_t)v[i] * RTE_NSEC_PER_SEC > (__uint128_t)thr_ns * hz)
			above++;
		missed += v[i] / g->period_ticks;
	}
	qsort(v, n, sizeof(*v), rte_gen_cmp_u64);
	EXPECT_EQ((u64)(n), (u64)(l->rep.samples));
	EXPECT_EQ((u64)(v[0]), (u64)(l->rep.min));
	EXPECT_EQ((u64)(v[n - 1]), (u64)(l->rep.max));
	EXPECT_EQ((u64)((u64)((2 * sum + n) / (2 * (__uint128_t)n))), (u64)(l->rep.mean));
	EXPECT_EQ((u64)((u64)((sum * RTE_NSEC_PER_SEC + (__uint128_t)(hz / 2) * n) /
				       ((__uint128_t)n * hz))), (u64)(l->rep.mean_ns));
	/* population variance, exactly as a fraction, then its root */
	var = (long double)((__uint128_t)n * sumsq - sum * sum) / ((long double)n * n);
	sd = sqrtl(var);
	EXPECT_EQ((u64)((u64)(sd + 0.5L)), (u64)(l->rep.stddev));
	EXPECT_TRUE(fabsl((long double)l->rep.stddev_ns - sd * 1e9L / hz) <= 0.5L + 0.000001L)
		TH_LOG("%s: stddev %llu ns vs %.3Lf", name, (unsigned long long)l->rep.stddev_ns,
		       sd * 1e9L / hz);
	EXPECT_EQ((u64)(above), (u64)(l->rep.above));
	EXPECT_EQ((u64)(missed), (u64)(l->rep.missed));
	EXPECT_EQ((u64)(g->gap_every ? (n - 1) / g->gap_every : 0), (u64)(l->rep.lost));
	EXPECT_TRUE(!!(within_run_bound(l->rep.p50, rte_gen_percentile(v, n, RTE_P50))))
		TH_LOG("%s p50", name);
	EXPECT_TRUE(!!(within_run_bound(l->rep.p99, rte_gen_percentile(v, n, RTE_P99))))
		TH_LOG("%s p99", name);
	EXPECT_TRUE(!!(within_run_bound(l->rep.p999, rte_gen_percentile(v, n, RTE_P999))))
		TH_LOG("%s p99.9", name);
	EXPECT_EQ((u64)(rte_ticks_to_ns(l->rep.p999, hz)), (u64)(l->rep.p999_ns));
	/* windows: every one from the start to the last sample's */
	rte_gen_header(&h, g);
	for (i = 0; i < n; i++)
		rte_gen_sample(g, &h, i, &state, &last);
	EXPECT_EQ((u64)((last.timestamp_ns - h.start_ns) / h.interval_ns + 1), (u64)(l->windows));
	EXPECT_TRUE(l->from_raw)
		TH_LOG("%s: read as raw", name);
	unlink(path);
	free(v);
	free(l);
}

TEST(distributions)
{
	struct rte_gen g = {
		.tick_hz = 33275000, .period_ticks = 332750, .seed = 3,
	};

	/* R-Car TMU rate: 30.05 ns per tick, 10 ms period */
	g.dist = RTE_GEN_CONST; g.samples = 1000; g.base = 44;
	check_run(_metadata, "const", &g);
	g.dist = RTE_GEN_UNIFORM; g.samples = 100000; g.base = 31; g.spread = 60;
	check_run(_metadata, "uniform", &g);
	g.dist = RTE_GEN_BIMODAL; g.samples = 50000; g.base = 300; g.spread = 900;
	check_run(_metadata, "bimodal", &g);
	g.dist = RTE_GEN_TAIL; g.samples = 200000; g.base = 40; g.spread = 2000;
	g.gap_every = 997;
	check_run(_metadata, "tail-late-and-gaps", &g);
	/* the emulated TTC: 240.6 ns per tick, 16-bit counter */
	g = (struct rte_gen){ .dist = RTE_GEN_UNIFORM, .samples = 30000,
			      .tick_hz = 4156250, .period_ticks = 41563,
			      .base = 300, .spread = 5000, .seed = 9 };
	check_run(_metadata, "emulated-ttc", &g);
	/* one 2 ms spike among 1000 samples of 1.3 us */
	g = (struct rte_gen){ .dist = RTE_GEN_SPIKE, .samples = 1000,
			      .tick_hz = 33275000, .period_ticks = 332750,
			      .base = 44, .spread = 66550, .seed = 1 };
	check_run(_metadata, "spike", &g);
}

/* The percentage of one spike in 1000 is 0.1000%, never "0%". */
TEST(spike_percent)
{
	struct rte_gen g = { .dist = RTE_GEN_SPIKE, .samples = 1000,
			     .tick_hz = 33275000, .period_ticks = 332750,
			     .base = 44, .spread = 66550, .seed = 1 };
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char path[256], err[512];

	snprintf(path, sizeof(path), "%s/spike.raw", tmpdir);
	EXPECT_TRUE(rte_gen_write(path, &g, NULL) == 0)
		TH_LOG("write");
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_EQ((u64)(1), (u64)(l->rep.above));
	EXPECT_EQ((u64)(1000), (u64)(l->rep.above_ppm));
	EXPECT_TRUE(!strcmp(l->rep.above_pct, "0.1000%"))
		TH_LOG("%s", l->rep.above_pct);
	EXPECT_EQ((u64)(2000000), (u64)(l->rep.max_ns));	/* 66550 ticks at 33.275 MHz */
	unlink(path);
	free(l);
}

/*
 * 10^10 samples of up to 1.8e9 ticks (18 s at 100 MHz) fit the driver's
 * sums: merged from 10^5 blocks of 10^5 samples.
 */
TEST(no_overflow)
{
	const u64 lo = 1500000000, hi = 1800000000, block = 100000;
	struct rte_stats a, all;
	u64 i;

	rte_stats_init(&a);
	for (i = 0; i < block / 2; i++) {
		rte_stats_add(&a, lo, 0, U64_MAX);
		rte_stats_add(&a, hi, 0, U64_MAX);
	}
	rte_stats_init(&all);
	for (i = 0; i < block; i++)
		rte_stats_merge(&all, &a);
	EXPECT_EQ((u64)(10000000000ULL), (u64)(all.count));
	EXPECT_EQ((u64)(10000000000ULL / 2 * (lo + hi)), (u64)(all.sum));
	EXPECT_EQ((u64)((lo + hi) / 2), (u64)(rte_stats_mean(&all, RTE_NSEC_PER_SEC)));
	EXPECT_EQ((u64)((hi - lo) / 2), (u64)(rte_stats_stddev(&all, RTE_NSEC_PER_SEC)));
}

/* Windows cut by sample time: each holds interval / period samples. */
struct window_log {
	u64 n;
	u64 samples[16];
	u64 total;
};

static void on_window(void *ctx, const struct rte_run *r,
		      const struct rte_report *w)
{
	struct window_log *wl = ctx;

	if (wl->n < RTE_ARRAY_SIZE(wl->samples))
		wl->samples[wl->n++] = w->samples;
	wl->total = r->total.st.count;
}

TEST(windows)
{
	struct rte_gen g = { .dist = RTE_GEN_UNIFORM, .samples = 2500,
			     .tick_hz = 1000000, .period_ticks = 1000,
			     .base = 10, .spread = 5, .seed = 5 };
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct window_log wl = { 0 };
	struct rt_eval_tmu_sample s;
	struct rte_header h;
	u64 state = g.seed, i;

	rte_gen_header(&h, &g);
	h.interval_ns = RTE_NSEC_PER_SEC;	/* 1000 samples of 1 ms */
	rte_run_init(r, &h, 0);
	r->sink.window = on_window;
	r->sink.ctx = &wl;
	s.timestamp_ns = h.start_ns - 1;	/* queued before the start */
	EXPECT_TRUE(!rte_run_feed(r, &s))
		TH_LOG("a stale sample is skipped");
	for (i = 0; i < g.samples; i++) {
		rte_gen_sample(&g, &h, i, &state, &s);
		EXPECT_TRUE(!!(rte_run_feed(r, &s)))
			TH_LOG("sample %llu", (unsigned long long)i);
	}
	rte_run_finish(r, r->last_ts + 1);
	EXPECT_EQ((u64)(1), (u64)(r->stale));
	EXPECT_EQ((u64)(3), (u64)(wl.n));
	EXPECT_EQ((u64)(999), (u64)(wl.samples[0]));	/* sample i runs at (i + 1) ms */
	EXPECT_EQ((u64)(1000), (u64)(wl.samples[1]));
	EXPECT_EQ((u64)(501), (u64)(wl.samples[2]));
	EXPECT_EQ((u64)(g.samples), (u64)(wl.total));
	EXPECT_TRUE(r->closed_partial)
		TH_LOG("the last window is partial");
	free(r);
}

/* The tests share a directory, made before the first and removed by the last. */
static void __attribute__((constructor)) make_run_dir(void)
{
	rte_gen_tmpdir(tmpdir, sizeof(tmpdir), "rte-test-run");
}

TEST(remove_dir)
{
	EXPECT_EQ(0, rmdir(tmpdir));
}

TEST_HARNESS_MAIN
