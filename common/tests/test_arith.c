// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of common/'s arithmetic: 128-bit sums and divisions,
 * tick and ns conversions, the statistics the handler adds and readers
 * merge, the percent format and the periods a counter holds, checked
 * against independent references (__int128 and long double).
 * kselftest_harness.h, as the board's kselftests.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"

#include "rte_measure.h"
#include "rte_stats.h"
#include "rte_ticks.h"
#include "rte_u128.h"
#include "test_common.h"

static u128ref ref(struct rte_u128 v)
{
	return ((u128ref)v.hi << 64) | v.lo;
}

TEST(u128)
{
	u64 st = 0x1234567;
	int i;

	for (i = 0; i < 200000; i++) {
		u64 a = test_rand(&st), b = test_rand(&st), d;
		struct rte_u128 p, q, s;
		u128ref pr;

		if (i & 1)
			a >>= test_rand(&st) % 64;
		d = test_rand(&st) >> (test_rand(&st) % 64);
		if (!d)
			d = 1;
		p = rte_mul64(a, b);
		pr = (u128ref)a * b;
		EXPECT_TRUE(ref(p) == pr)
			TH_LOG("mul %llx*%llx", (unsigned long long)a, (unsigned long long)b);
		q = rte_u128_div64(p, d);
		EXPECT_TRUE(ref(q) == pr / d)
			TH_LOG("div by %llx", (unsigned long long)d);
		EXPECT_EQ(pr / d > UINT64_MAX ? UINT64_MAX : (u64)(pr / d),
			  rte_u128_div64_sat(p, d));
		s = p;
		rte_u128_add(&s, rte_u128_from64(d));
		EXPECT_TRUE(ref(s) == pr + d)
			TH_LOG("add");
		EXPECT_TRUE(ref(rte_u128_sub(s, p)) == d)
			TH_LOG("sub");
		EXPECT_TRUE(rte_u128_cmp(s, p) == 1 && rte_u128_cmp(p, s) == -1 &&
			    rte_u128_cmp(p, p) == 0)
			TH_LOG("cmp");
		EXPECT_TRUE(ref(rte_u128_mul64(rte_u128_from64(a >> 1), b >> 1)) ==
			    (u128ref)(a >> 1) * (b >> 1))
			TH_LOG("mul128x64");
		{
			u64 r = rte_u128_sqrt(p);
			u128ref r2 = (u128ref)r * r, r12 = (u128ref)(r + 1) * (r + 1);

			EXPECT_TRUE(r2 <= pr && (r == UINT64_MAX || r12 > pr))
				TH_LOG("sqrt %llu", (unsigned long long)r);
		}
	}
	/* boundaries */
	EXPECT_TRUE(ref(rte_mul64(UINT64_MAX, UINT64_MAX)) == (u128ref)UINT64_MAX * UINT64_MAX)
		TH_LOG("mul max");
	EXPECT_EQ(UINT64_MAX, rte_u128_sqrt(rte_mul64(UINT64_MAX, UINT64_MAX)));
	EXPECT_EQ(UINT64_MAX, rte_u128_div64_sat(rte_mul64(UINT64_MAX, 2), 2));
	EXPECT_EQ(UINT64_MAX, rte_u128_div64_sat(rte_mul64(1ULL << 63, 2), 1));
}

static u64 ref_mul_div_round(u64 a, u64 b, u64 d)
{
	u128ref v = ((u128ref)a * b + d / 2) / d;

	return v > UINT64_MAX ? UINT64_MAX : (u64)v;
}

static const u64 rates[] = {
	33275000,	/* R-Car H3 TMU: 133.1 MHz / 4 */
	33250000,	/* QEMU TTC at /4 */
	4156250,	/* QEMU TTC at /32, the emulated board */
	33333333,	/* ZynqMP TTC, 100 MHz / 3 is not a power of two: odd */
	100000000,
	1000000000,
	32768,
};

TEST(conversions)
{
	u64 st = 99;
	size_t r;
	int i;

	for (r = 0; r < ARRAY_SIZE(rates); r++) {
		u64 hz = rates[r];
		struct rte_cyc2ns c = rte_cyc2ns_init(hz);

		EXPECT_TRUE(c.mult && c.shift)
			TH_LOG("cyc2ns init %llu Hz", (unsigned long long)hz);
		for (i = 0; i < 20000; i++) {
			u64 t = test_rand(&st) >> (test_rand(&st) % 64);
			u64 ns = test_rand(&st) >> (test_rand(&st) % 64);
			u32 t32 = (u32)test_rand(&st);

			long double exact = (long double)t32 * 1e9L / hz;
			long double err = fabsl((long double)rte_cyc2ns(c, t32) - exact);

			EXPECT_EQ(ref_mul_div_round(t, 1000000000, hz), rte_ticks_to_ns(t, hz));
			EXPECT_EQ(ref_mul_div_round(ns, hz, 1000000000), rte_ns_to_ticks(ns, hz));
			{
				u128ref f = (u128ref)ns * hz / 1000000000;

				EXPECT_EQ(f > UINT64_MAX ? UINT64_MAX : (u64)f,
					  rte_ns_to_ticks_floor(ns, hz));
			}
			/* the handler's division-free estimate: within 1 ppm + 2 ns */
			EXPECT_TRUE(err <= exact / 1000000 + 2)
				TH_LOG("cyc2ns %u ticks at %llu Hz: off by %Lf ns", t32,
				       (unsigned long long)hz, err);
		}
	}
	/* 30.05 ns is not 30 ns: exact conversion at the TMU's rate */
	EXPECT_EQ(1322, rte_ticks_to_ns(44, 33275000));
	EXPECT_EQ(1000000000, rte_ticks_to_ns(33275000, 33275000));
	/* threshold rule: above means ticks > floor(thr * hz / 1e9) */
	EXPECT_EQ(998, rte_ns_to_ticks_floor(30000, 33275000));
	EXPECT_TRUE(rte_ticks_to_ns(998, 33275000) <= 30000 &&
		    rte_ticks_to_ns(999, 33275000) > 30000)
		TH_LOG("threshold boundary");
}

struct ref_stats {
	u64 n, min, max, above, missed;
	u128ref sum, sumsq;
};

static void ref_add(struct ref_stats *r, u64 v, u64 thr)
{
	r->n++;
	r->sum += v;
	r->sumsq += (u128ref)v * v;
	if (!r->min || v < r->min)
		r->min = v;
	if (v > r->max)
		r->max = v;
	r->above += v > thr;
}

static long double ref_mean_ns(const struct ref_stats *r, u64 hz)
{
	return (long double)r->sum / r->n * 1e9L / hz;
}

static long double ref_sd_ns(const struct ref_stats *r, u64 hz)
{
	u128ref num = (u128ref)r->n * r->sumsq - r->sum * r->sum;

	return sqrtl((long double)num) / r->n * 1e9L / hz;
}

TEST(stats)
{
	struct rte_stats a, b, all;
	struct ref_stats r = { 0 };
	u64 st = 7;
	u64 hz = 33275000, thr = 998;
	int i;

	rte_stats_init(&a);
	rte_stats_init(&b);
	rte_stats_init(&all);
	EXPECT_EQ(0, rte_stats_mean(&a, hz));
	EXPECT_EQ(0, rte_stats_stddev(&a, hz));
	for (i = 0; i < 100000; i++) {
		u64 v = 30 + test_rand(&st) % 300;

		if (i % 1000 == 0)
			v = test_rand(&st) >> 20;	/* huge: > 2^32 ticks */
		ref_add(&r, v, thr);
		rte_stats_add(i & 1 ? &a : &b, v, i % 1000 == 0, thr);
		rte_stats_add(&all, v, i % 1000 == 0, thr);
	}
	rte_stats_merge(&a, &b);
	EXPECT_TRUE(!memcmp(&a, &all, sizeof(a)))
		TH_LOG("merge equals one accumulation");
	EXPECT_EQ(r.n, all.count);
	EXPECT_EQ(r.min, all.min);
	EXPECT_EQ(r.max, all.max);
	EXPECT_EQ(r.above, all.above);
	EXPECT_EQ(100, all.missed);
	EXPECT_TRUE(ref(all.sumsq) == r.sumsq)
		TH_LOG("sum of squares, 128 bits");
	EXPECT_TRUE(fabsl(rte_stats_mean(&all, hz) - ref_mean_ns(&r, hz)) <= 0.5L + 0.000000001L)
		TH_LOG("mean %llu vs %Lf", (unsigned long long)rte_stats_mean(&all, hz),
		       ref_mean_ns(&r, hz));
	EXPECT_TRUE(fabsl(rte_stats_stddev(&all, hz) - ref_sd_ns(&r, hz)) <= 1)
		TH_LOG("stddev %llu vs %Lf", (unsigned long long)rte_stats_stddev(&all, hz),
		       ref_sd_ns(&r, hz));

	/* small, exactly known sets: mean 2, stddev 1 tick (in ticks: hz 1e9) */
	rte_stats_init(&a);
	rte_stats_add(&a, 1, 0, 10);
	rte_stats_add(&a, 3, 0, 10);
	EXPECT_EQ(2, rte_stats_mean(&a, 1000000000));
	EXPECT_EQ(1, rte_stats_stddev(&a, 1000000000));
	/* sub-tick deviation survives: {1,2} has stddev 0.5 tick = 15.03 ns */
	rte_stats_init(&a);
	rte_stats_add(&a, 1, 0, 10);
	rte_stats_add(&a, 2, 0, 10);
	EXPECT_EQ(15, rte_stats_stddev(&a, 33275000));
	EXPECT_EQ(45, rte_stats_mean(&a, 33275000));

	/* 10^10 samples of 300 +- 10 ticks and a few 1 s spikes: no overflow */
	rte_stats_init(&a);
	a.count = 10000000000ULL;
	a.sum = 3000000000000ULL;
	a.sumsq = rte_mul64(10000000000ULL, 90100);	/* var = 100 */
	EXPECT_EQ(300, rte_stats_mean(&a, 1000000000));
	EXPECT_EQ(10, rte_stats_stddev(&a, 1000000000));
	/* the same with a Dom0-like 30 ms mean: sum of squares needs 128 bits */
	a.sum = 10000000000000000ULL;				/* mean 1e6 */
	a.sumsq = rte_mul64(10000000000ULL, 1000000010000ULL);	/* var 1e4 */
	EXPECT_TRUE(a.sumsq.hi > 0)
		TH_LOG("sum of squares exceeds 64 bits");
	EXPECT_EQ(1000000, rte_stats_mean(&a, 1000000000));
	EXPECT_EQ(100, rte_stats_stddev(&a, 1000000000));
	b = a;
	rte_stats_add(&a, 33275000, 100, thr);
	EXPECT_TRUE(rte_u128_cmp(a.sumsq, b.sumsq) > 0 &&
		    ref(a.sumsq) - ref(b.sumsq) == (u128ref)33275000 * 33275000)
		TH_LOG("sum of squares keeps growing past 2^64");

	/* above-threshold ppm: one spike among 1000 samples is 1000 ppm */
	EXPECT_EQ(1000, rte_ppm(1, 1000));
	EXPECT_EQ(0, rte_ppm(0, 0));
	EXPECT_EQ(540000, rte_ppm(54, 100));
}

/* A share printed the way every output prints it */
static const char *pct_str(u64 part, u64 whole, char *buf, size_t len)
{
	rte_pct_format(buf, len, part, whole);
	return buf;
}

/* The one percent format: never 0 % for a non-zero part. */
TEST(percent)
{
	char buf[32];

	EXPECT_STREQ("0%", pct_str(0, 1000, buf, sizeof(buf)));
	EXPECT_STREQ("0%", pct_str(0, 0, buf, sizeof(buf)));
	EXPECT_STREQ("<0.0001%", pct_str(1, 10000000, buf, sizeof(buf)));
	/* one spike among 1000 samples */
	EXPECT_STREQ("0.1000%", pct_str(1, 1000, buf, sizeof(buf)));
	EXPECT_STREQ("0.0001%", pct_str(1, 1000000, buf, sizeof(buf)));
	EXPECT_STREQ("100.0000%", pct_str(300, 300, buf, sizeof(buf)));
	/* rounded down: 2 of 3 is 66.6666 % */
	EXPECT_STREQ("66.6666%", pct_str(2, 3, buf, sizeof(buf)));
}

TEST(periods)
{
	u32 t = 0;

	/* 10 ms at 33.275 MHz */
	EXPECT_EQ(0, rte_period_from_ns(10000000, 33275000, 32, 100000, &t));
	EXPECT_EQ(332750, t);
	/* QEMU's 16-bit TTC: 10 ms needs /32; at /4 it cannot hold 10 ms */
	EXPECT_EQ(0, rte_period_from_ns(10000000, 4156250, 16, 100000, &t));
	EXPECT_EQ(41563, t);
	EXPECT_EQ(-EINVAL, rte_period_from_ns(10000000, 33250000, 16, 100000, &t));
	EXPECT_EQ(0, rte_period_from_ns(1970000, 33250000, 16, 100000, &t));
	EXPECT_EQ(65503, t);
	EXPECT_EQ(-EINVAL, rte_period_from_ns(1971000, 33250000, 16, 100000, &t));
	/* below the minimum, zero, beyond 32 bits */
	EXPECT_EQ(-EINVAL, rte_period_from_ns(99999, 33275000, 32, 100000, &t));
	EXPECT_EQ(-EINVAL, rte_period_from_ns(0, 33275000, 32, 0, &t));
	EXPECT_EQ(-EINVAL, rte_period_from_ns(130000000000ULL, 33275000, 32, 100000, &t));
	EXPECT_EQ(-EINVAL, rte_period_from_ns(UINT64_MAX, 33275000, 32, 100000, &t));
	EXPECT_EQ(65535, rte_max_period_ticks(16));
	EXPECT_EQ(UINT32_MAX, rte_max_period_ticks(32));
}

TEST_HARNESS_MAIN
