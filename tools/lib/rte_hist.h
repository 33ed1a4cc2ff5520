/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Log-linear latency histogram over the whole u64 tick range.
 *
 * Values below 256 ticks have a bucket each.  Above, every power of two
 * [2^e, 2^(e+1)) is split into 128 equal buckets of width w = 2^(e-7), so a
 * bucket's lower bound lo is at least 128 * w.  A value is reported as its
 * bucket's midpoint lo + w/2, which is at most w/2 <= lo/256 <= v/256 away
 * from any value v in the bucket: a relative error of at most 1/256
 * (0.39 %), from 1 tick up to 2^64 ticks (584 years at 1 GHz).  7424
 * buckets, 58 KiB.
 */
#ifndef RTE_HIST_H
#define RTE_HIST_H

#include <stddef.h>

#include <linux/bits.h>
#include <linux/limits.h>
#include <linux/types.h>

#include "rte_stats.h"
#include "rte_ticks.h"

#define RTE_HIST_SUB_BITS	7
#define RTE_HIST_SUB		BIT(RTE_HIST_SUB_BITS)
#define RTE_HIST_BUCKETS	((64 - RTE_HIST_SUB_BITS + 1) * RTE_HIST_SUB)

/* Percentiles in parts per million: nearest rank. */
#define RTE_P50			500000
#define RTE_P99			990000
#define RTE_P999		999000

/**
 * struct rte_hist - sample counts per bucket
 * @count: samples per bucket
 * @total: samples in all buckets
 */
struct rte_hist {
	u64 count[RTE_HIST_BUCKETS];
	u64 total;
};

unsigned int rte_hist_index(u64 v);
u64 rte_hist_lo(unsigned int idx);
u64 rte_hist_width(unsigned int idx);
/* The value a bucket stands for: its midpoint (its value when exact). */
u64 rte_hist_mid(unsigned int idx);

void rte_hist_clear(struct rte_hist *h);
void rte_hist_add(struct rte_hist *h, u64 v, u64 n);
void rte_hist_merge(struct rte_hist *d, const struct rte_hist *s);

/*
 * Nearest-rank percentile @ppm (parts per million, e.g. RTE_P99): the
 * smallest sample value v such that at least ceil(total * ppm / 10^6)
 * samples are <= v.  Estimated as the midpoint of v's bucket, clamped to
 * [@min, @max] (the exact extremes, which only brings it closer); the
 * first and last ranks are @min and @max themselves; 0 when empty.  Exact
 * below 256 ticks, else within v/256.
 */
u64 rte_hist_percentile(const struct rte_hist *h, u32 ppm, u64 min, u64 max);

/*
 * The cyclictest view of the same samples: a count per whole microsecond,
 * for --histogram (written by rte_fmt_hist.c).
 */
#define RTE_USHIST_DEFAULT_US	10000
#define RTE_USHIST_OFLOW_SEQS	100

/**
 * struct rte_ushist - samples per whole microsecond, as cyclictest counts
 * @count: samples per microsecond bucket, grown on demand
 * @n: buckets allocated
 * @limit: buckets at most (cyclictest's -h); later ones overflow
 * @overflow: samples at or above @limit microseconds
 * @oflow_seq: sequence numbers of the first overflows
 * @n_oflow: entries in @oflow_seq
 */
struct rte_ushist {
	u64 *count;
	size_t n;
	size_t limit;
	u64 overflow;
	u64 oflow_seq[RTE_USHIST_OFLOW_SEQS];
	size_t n_oflow;
};

void rte_ushist_init(struct rte_ushist *h, size_t limit);
void rte_ushist_add(struct rte_ushist *h, u64 ns, u64 seq);
void rte_ushist_free(struct rte_ushist *h);
/*
 * Latency buckets with fixed bounds, so that the buckets of every board add
 * up (Prometheus' histograms, sum by (le) in PromQL).
 *
 * The bounds are 1, 2 and 5 per decade, in seconds, from 1 us to 1 s:
 * 1e-06, 2e-06, 5e-06, 1e-05, ... 0.5, 1, then +Inf.  A sample counts in
 * le="B" when its latency is at most B seconds, compared exactly in
 * ticks: ticks <= floor(B * tick_hz), which holds exactly when
 * ticks / tick_hz <= B.
 */
/* Finite bounds; the buckets are these plus +Inf. */
#define RTE_LE_N		19

/**
 * struct rte_le - samples per bucket, not cumulative
 * @count: @count[i] holds the samples above bound i - 1 and at most
 *	bound i; @count[RTE_LE_N] those above the last bound (1 s)
 */
struct rte_le {
	u64 count[RTE_LE_N + 1];
};

/* Bound @i in ns, and as the le label ("1e-06" ... "1"), Go's %g. */
u64 rte_le_ns(unsigned int i);
const char *rte_le_label(unsigned int i);
/* The bounds in ticks at @tick_hz: floor(bound_ns * tick_hz / 10^9). */
void rte_le_bounds(u64 ticks[RTE_LE_N], u64 tick_hz);
void rte_le_add(struct rte_le *h, const u64 ticks[RTE_LE_N], u64 v);
void rte_le_merge(struct rte_le *d, const struct rte_le *s);

#endif
