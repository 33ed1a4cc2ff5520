/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The --prom file: the Prometheus text exposition format for
 * node_exporter's textfile collector.  Written only.
 */
#ifndef RTE_FMT_PROM_H
#define RTE_FMT_PROM_H

#include "rte_run.h"

/*
 * The whole textfile-collector file after a window: run totals as a
 * summary with quantiles, the last window's statistics, the counters.
 */
void rte_prom_text(struct rte_buf *b, const struct rte_run *r,
		   const struct rte_report *win);

/*
 * One histogram family: HELP, TYPE, the cumulative _bucket lines with
 * le="+Inf" last, _sum (@sum_ns, written in seconds) and _count.
 * @labels is the series' own labels ("device=\"...\",label=\"...\"").
 */
void rte_prom_histogram(struct rte_buf *b, const char *name,
			const char *help, const char *labels,
			const struct rte_le *h, u64 sum_ns);

/*
 * The run's histograms over its closed windows: the IRQ stage as
 * rt_eval_irq_latency_seconds and, if the run has one, the thread stage
 * as rt_eval_thread_latency_seconds (same buckets).
 */
void rte_prom_hist_run(struct rte_buf *b, const char *labels,
		       const struct rte_run *r);

#endif
