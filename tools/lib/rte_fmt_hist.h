/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The --histogram file: the cyclictest/OSADL histogram text, from the
 * run's per-microsecond counts (struct rte_ushist, rte_hist.h).  Written
 * only: no tool of ours reads it back.
 */
#ifndef RTE_FMT_HIST_H
#define RTE_FMT_HIST_H

#include "rte_run.h"

/*
 * The whole file: "# Histogram", one line per us, the cyclictest footer
 * with the run's closed windows' extremes and mean.  With @th (the thread
 * stage's counts, NULL for none) a second column, as cyclictest writes
 * one per thread: the IRQ stage is "Thread 0", the thread stage
 * "Thread 1".
 */
void rte_ushist_text(struct rte_buf *b, const struct rte_ushist *h,
		     const struct rte_ushist *th, const struct rte_run *r);

#endif
