/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Formats other tools read: the cyclictest/OSADL histogram text and the
 * Prometheus text exposition format for node_exporter's textfile
 * collector.
 */
#ifndef RTE_EXPORT_H
#define RTE_EXPORT_H

#include <stddef.h>

#include "rte_run.h"
#include "rte_util.h"

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
 * The whole file: "# Histogram", one line per us, the cyclictest footer
 * with the run's closed windows' extremes and mean.
 */
void rte_ushist_text(struct rte_buf *b, const struct rte_ushist *h,
		     const struct rte_run *r);

/*
 * The whole textfile-collector file after a window: run totals as a
 * summary with quantiles, the last window's statistics, the counters.
 */
void rte_prom_text(struct rte_buf *b, const struct rte_run *r,
		   const struct rte_report *win);

#endif
