// SPDX-License-Identifier: GPL-2.0
/*
 * The log-linear histogram: every u64 lands in a bucket that holds it, the
 * bucket's midpoint is within v/256 of it (exact below 256 ticks), and
 * percentiles agree with a sort-based nearest-rank reference within that
 * bound, from 1 tick to 2^64.
 */
#include <stdlib.h>
#include <string.h>

#include "rte_hist.h"
#include "rte_util.h"
#include "rte_test.h"

/* |est - v| <= v / 256, in 128 bits */
static bool within_bound(u64 est, u64 v)
{
	u64 d = est > v ? est - v : v - est;

	return rte_u128_cmp(rte_mul64(d, 256), rte_u128_from64(v)) <= 0;
}

static void check_value(u64 v)
{
	unsigned int idx = rte_hist_index(v);
	u64 lo = rte_hist_lo(idx), w = rte_hist_width(idx);

	CHECK(idx < RTE_HIST_BUCKETS, "index %u of %llu", idx, (unsigned long long)v);
	CHECK(lo <= v && v - lo < w, "%llu not in [%llu, +%llu)",
	      (unsigned long long)v, (unsigned long long)lo, (unsigned long long)w);
	CHECK(within_bound(rte_hist_mid(idx), v), "mid %llu for %llu",
	      (unsigned long long)rte_hist_mid(idx), (unsigned long long)v);
	if (v < 256)
		CHECK_EQ(rte_hist_mid(idx), v);
}

static void test_buckets(void)
{
	uint64_t st = 42;
	unsigned int i, prev = 0;
	u64 v;

	for (v = 0; v < 70000; v++) {
		unsigned int idx = rte_hist_index(v);

		check_value(v);
		CHECK(idx == prev || idx == prev + 1, "index not contiguous at %llu",
		      (unsigned long long)v);
		prev = idx;
	}
	for (i = 1; i < 64; i++) {
		check_value((1ULL << i) - 1);
		check_value(1ULL << i);
		check_value((1ULL << i) + 1);
	}
	check_value(U64_MAX);
	CHECK_EQ(rte_hist_index(U64_MAX), RTE_HIST_BUCKETS - 1);
	/* 1 tick to 10 s at a 1 GHz counter, and far beyond */
	check_value(10 * RTE_NSEC_PER_SEC);
	for (i = 0; i < 1000000; i++)
		check_value(rte_rand(&st) >> (rte_rand(&st) % 64));
	/* every bucket's bounds map back to it */
	for (i = 0; i < RTE_HIST_BUCKETS; i++) {
		CHECK_EQ(rte_hist_index(rte_hist_lo(i)), i);
		CHECK_EQ(rte_hist_index(rte_hist_lo(i) + rte_hist_width(i) - 1), i);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* nearest rank from sorted values */
static u64 ref_percentile(const u64 *sorted, u64 n, u32 ppm)
{
	u64 rank = (n * ppm + 999999) / 1000000;

	return sorted[(rank ? rank : 1) - 1];
}

static void test_percentiles(void)
{
	static const u32 ppms[] = { 0, 1, RTE_P50, 900000, RTE_P99, RTE_P999,
				    999999, 1000000 };
	static const u64 sizes[] = { 1, 2, 3, 10, 999, 1000, 1001, 100000 };
	struct rte_hist *h = rte_xcalloc(1, sizeof(*h));
	struct rte_hist *half = rte_xcalloc(2, sizeof(*half));
	uint64_t st = 7;
	int dist;
	size_t s, p;

	CHECK_EQ(rte_hist_percentile(h, RTE_P99, 0, 0), 0);
	for (dist = 0; dist < 4; dist++) {
		for (s = 0; s < RTE_ARRAY_SIZE(sizes); s++) {
			u64 n = sizes[s], i, *v = rte_xcalloc(n, sizeof(*v));

			rte_hist_clear(h);
			rte_hist_clear(&half[0]);
			rte_hist_clear(&half[1]);
			for (i = 0; i < n; i++) {
				u64 r = rte_rand(&st);

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
			CHECK(!memcmp(&half[0], h, sizeof(*h)), "merge differs");
			qsort(v, n, sizeof(*v), cmp_u64);
			for (p = 0; p < RTE_ARRAY_SIZE(ppms); p++) {
				u64 ref = ref_percentile(v, n, ppms[p]);
				u64 est = rte_hist_percentile(h, ppms[p], v[0], v[n - 1]);

				CHECK(within_bound(est, ref) && (ref >= 256 || est == ref),
				      "dist %d n %llu ppm %u: %llu vs %llu", dist,
				      (unsigned long long)n, ppms[p],
				      (unsigned long long)est, (unsigned long long)ref);
			}
			CHECK_EQ(rte_hist_percentile(h, 1000000, v[0], v[n - 1]), v[n - 1]);
			CHECK_EQ(rte_hist_percentile(h, 0, v[0], v[n - 1]), v[0]);
			free(v);
		}
	}
	free(half);
	free(h);
}

int main(void)
{
	test_buckets();
	test_percentiles();
	return rte_test_report("tools/test_hist");
}
