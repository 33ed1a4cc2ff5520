/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What rt-eval-collect prints on stdout: two or three "# " lines about the
 * run, a line per window in the driver's log-line style, the summary.
 * Written only: for people, not for programs (they read the --log).
 */
#ifndef RTE_FMT_TEXT_H
#define RTE_FMT_TEXT_H

#include "rte_run.h"
#include "rte_spike.h"

/* "# label: device backend, Hz ..." and "# kernel ..." (and "emulated"). */
void rte_text_header(struct rte_buf *b, const struct rte_header *h);
/*
 * Where the interrupt ran, for comparing runs: "interrupt 45 on CPU 1,
 * cpufreq performance; isolcpus=1 nohz_full=1 irqaffinity=0;
 * cpu_dma_latency 0 us" (no '\n'), "-" for what the kernel was not told.
 */
void rte_text_cpu_setup(struct rte_buf *b, const struct rte_header *h);
/*
 * A closed window's line (no '\n'), or "no samples in window N"; with a
 * thread stage a second line "thread Mean: ... late: N" after it.
 */
void rte_text_window(struct rte_buf *b, const struct rte_run *r,
		     const struct rte_report *w);
/*
 * "summary (END): N samples in M windows, ..." and the report line; with
 * a thread stage "thread: N samples, L late, p50: ..." and its report line.
 */
void rte_text_summary(struct rte_buf *b, const struct rte_run *r,
		      const struct rte_report *t, const char *end);
/* The human line: "Mean: 307 (9210 ns) stddev: ... above: 0 (0 ppm)". */
void rte_report_line(struct rte_buf *b, const struct rte_report *win,
		     const struct rte_stats *global, u64 tick_hz);
/*
 * A spike's analysis (rte_spike.h), for the device whose interrupt is
 * @irq_name: the spike, its spans, and a "cause:" line.
 */
void rte_text_spike(struct rte_buf *b, const struct rte_spike *sp,
		    const char *irq_name);

#endif
