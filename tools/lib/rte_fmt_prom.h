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

#endif
