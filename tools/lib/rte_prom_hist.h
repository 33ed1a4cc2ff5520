/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Prometheus histograms of latency with fixed bounds, so that the buckets
 * of every board add up (sum by (le) in PromQL).
 *
 * The bounds are 1, 2 and 5 per decade, in seconds, from 1 us to 1 s:
 * 1e-06, 2e-06, 5e-06, 1e-05, ... 0.5, 1, then +Inf.  A sample counts in
 * le="B" when its latency is at most B seconds, compared exactly in
 * ticks: ticks <= floor(B * tick_hz), which holds exactly when
 * ticks / tick_hz <= B.
 */
#ifndef RTE_PROM_HIST_H
#define RTE_PROM_HIST_H

#include "rte_util.h"

/* Finite bounds; the buckets are these plus +Inf. */
#define RTE_PROM_LE_N		19

/**
 * struct rte_prom_le - samples per bucket, not cumulative
 * @count: @count[i] holds the samples above bound i - 1 and at most
 *	bound i; @count[RTE_PROM_LE_N] those above the last bound (1 s)
 */
struct rte_prom_le {
	u64 count[RTE_PROM_LE_N + 1];
};

struct rte_run;

/* Bound @i in ns, and as the le label ("1e-06" ... "1"), Go's %g. */
u64 rte_prom_le_ns(unsigned int i);
const char *rte_prom_le_label(unsigned int i);
/* The bounds in ticks at @tick_hz: floor(bound_ns * tick_hz / 10^9). */
void rte_prom_le_bounds(u64 ticks[RTE_PROM_LE_N], u64 tick_hz);
void rte_prom_le_add(struct rte_prom_le *h, const u64 ticks[RTE_PROM_LE_N],
		     u64 v);
void rte_prom_le_merge(struct rte_prom_le *d, const struct rte_prom_le *s);

/*
 * One histogram family: HELP, TYPE, the cumulative _bucket lines with
 * le="+Inf" last, _sum (@sum_ns, written in seconds) and _count.
 * @labels is the series' own labels ("device=\"...\",label=\"...\"").
 */
void rte_prom_histogram(struct rte_buf *b, const char *name,
			const char *help, const char *labels,
			const struct rte_prom_le *h, u64 sum_ns);

/*
 * The run's histograms over its closed windows: the IRQ stage as
 * rt_eval_irq_latency_seconds.
 */
void rte_prom_hist_run(struct rte_buf *b, const char *labels,
		       const struct rte_run *r);

#endif
