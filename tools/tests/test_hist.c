// SPDX-License-Identifier: GPL-2.0
/*
 * The log-linear histogram: every u64 lands in a bucket that holds it, the
 * bucket's midpoint is within v/256 of it (exact below 256 ticks), and
 * percentiles agree with a sort-based nearest-rank reference within that
 * bound, from 1 tick to 2^64.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "rte_gen.h"
#include "rte_hist.h"
#include "rte_util.h"

/* |est - v| <= v / 256, in 128 bits */
static bool within_bound(u64 est, u64 v)
{
	u64 d = est > v ? est - v : v - est;

	return rte_u128_cmp(rte_mul64(d, 256), rte_u128_from64(v)) <= 0;
}

static void check_value(struct __test_metadata *_metadata, u64 v)
{
	unsigned int idx = rte_hist_index(v);
	u64 lo = rte_hist_lo(idx), w = rte_hist_width(idx);

	EXPECT_TRUE(idx < RTE_HIST_BUCKETS)
		TH_LOG("index %u of %llu", idx, (unsigned long long)v);
	EXPECT_TRUE(lo <= v && v - lo < w)
		TH_LOG("%llu not in [%llu, +%llu)", (unsigned long long)v, (unsigned long long)lo,
		       (unsigned long long)w);
	EXPECT_TRUE(!!(within_bound(rte_hist_mid(idx), v)))
		TH_LOG("mid %llu for %llu", (unsigned long long)rte_hist_mid(idx),
		       (unsigned long long)v);
	if (v < 256)
		EXPECT_EQ(v, rte_hist_mid(idx));
}

TEST(buckets)
{
	u64 st = 42;
	unsigned int i, prev = 0;
	u64 v;

	for (v = 0; v < 70000; v++) {
		unsigned int idx = rte_hist_index(v);

		check_value(_metadata, v);
		EXPECT_TRUE(idx == prev || idx == prev + 1)
			TH_LOG("index not contiguous at %llu", (unsigned long long)v);
		prev = idx;
	}
	for (i = 1; i < 64; i++) {
		check_value(_metadata, (1ULL << i) - 1);
		check_value(_metadata, 1ULL << i);
		check_value(_metadata, (1ULL << i) + 1);
	}
	check_value(_metadata, U64_MAX);
	EXPECT_EQ((u64)(RTE_HIST_BUCKETS - 1), (u64)(rte_hist_index(U64_MAX)));
	/* 1 tick to 10 s at a 1 GHz counter, and far beyond */
	check_value(_metadata, 10 * RTE_NSEC_PER_SEC);
	for (i = 0; i < 1000000; i++)
		check_value(_metadata, rte_gen_rand(&st) >> (rte_gen_rand(&st) % 64));
	/* every bucket's bounds map back to it */
	for (i = 0; i < RTE_HIST_BUCKETS; i++) {
		EXPECT_EQ((u64)(i), (u64)(rte_hist_index(rte_hist_lo(i))));
		EXPECT_EQ((u64)(i), (u64)(rte_hist_index(rte_hist_lo(i) + rte_hist_width(i) - 1)));
	}
}

TEST(percentiles)
{
	static const u32 ppms[] = { 0, 1, RTE_P50, 900000, RTE_P99, RTE_P999,
				    999999, 1000000 };
	static const u64 sizes[] = { 1, 2, 3, 10, 999, 1000, 1001, 100000 };
	struct rte_hist *h = rte_xcalloc(1, sizeof(*h));
	struct rte_hist *half = rte_xcalloc(2, sizeof(*half));
	u64 st = 7;
	int dist;
	size_t s, p;

	EXPECT_EQ((u64)(0), (u64)(rte_hist_percentile(h, RTE_P99, 0, 0)));
	for (dist = 0; dist < 4; dist++) {
		for (s = 0; s < RTE_ARRAY_SIZE(sizes); s++) {
			u64 n = sizes[s], i, *v = rte_xcalloc(n, sizeof(*v));

			rte_hist_clear(h);
			rte_hist_clear(&half[0]);
			rte_hist_clear(&half[1]);
			for (i = 0; i < n; i++) {
				u64 r = rte_gen_rand(&st);

				switch (dist) {
				case 0: /* all exact */
					v[i] = 30 + r % 50;
					break;
				case 1:
					v[i] = 1000 + r % 100000;
					break;
				case 2: /* log-uniform */
					v[i] = r >> (r % 64);
					break;
				default:
					v[i] = r % 10 < 9 ? 300 + r % 20 : 2500000 + r % 900000;
				}
				rte_hist_add(h, v[i], 1);
				rte_hist_add(&half[i & 1], v[i], 1);
			}
			rte_hist_merge(&half[0], &half[1]);
			EXPECT_TRUE(!memcmp(&half[0], h, sizeof(*h)))
				TH_LOG("merge differs");
			qsort(v, n, sizeof(*v), rte_gen_cmp_u64);
			for (p = 0; p < RTE_ARRAY_SIZE(ppms); p++) {
				u64 ref = rte_gen_percentile(v, n, ppms[p]);
				u64 est = rte_hist_percentile(h, ppms[p], v[0], v[n - 1]);

				EXPECT_TRUE(within_bound(est, ref) && (ref >= 256 || est == ref))
					TH_LOG("dist %d n %llu ppm %u: %llu vs %llu", dist,
					       (unsigned long long)n, ppms[p],
					       (unsigned long long)est, (unsigned long long)ref);
			}
			EXPECT_EQ((u64)(v[n - 1]),
				  (u64)(rte_hist_percentile(h, 1000000, v[0], v[n - 1])));
			EXPECT_EQ((u64)(v[0]), (u64)(rte_hist_percentile(h, 0, v[0], v[n - 1])));
			free(v);
		}
	}
	free(half);
	free(h);
}

TEST_HARNESS_MAIN
