/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One run's analysis, shared by the live collector, --replay and
 * rt-eval-compare: samples go in, windows and a summary come out.
 *
 * Windows are fixed slices of sample time, [start + k * interval,
 * start + (k + 1) * interval), placed by each sample's timestamp_ns, so a
 * replay of the samples cuts exactly the same windows as the live run.
 * Statistics are the driver's (struct rte_stats from common/rte_stats.h:
 * exact count, min, max, 64-bit sum, 128-bit sum of squares); percentiles
 * come from a log-linear histogram (rte_hist.h).
 */
#ifndef RTE_RUN_H
#define RTE_RUN_H

#include <linux/rt_eval_tmu.h>

#include "rte_header.h"
#include "rte_hist.h"

/**
 * struct rte_part - one stage's statistics of a window or of the whole run
 * @st: running sums, the driver's
 * @hist: latency histogram, for percentiles
 * @lost: samples missing from the sequence numbers (dropped by the driver
 *	because a ring was full); counted in the IRQ stage only
 * @late: the thread stage: records flagged RT_EVAL_TMU_SAMPLE_THREAD_LATE
 *	(not measured, so not in @st); 0 in the IRQ stage
 * @le: counts at the Prometheus histogram's fixed bounds (rte_prom_hist.h)
 */
struct rte_part {
	struct rte_stats st;
	struct rte_hist hist;
	u64 lost;
	u64 late;
	struct rte_le le;
};

/**
 * struct rte_report - what is shown of an rte_part: ticks and exact ns
 * @samples: count
 * @min: smallest latency, ticks (0 when empty)
 * @max: largest latency, ticks
 * @mean: mean, ticks, rounded
 * @stddev: population standard deviation, ticks, rounded
 * @p50: median (nearest rank, histogram estimate)
 * @p99: 99th percentile
 * @p999: 99.9th percentile
 * @min_ns: @min in ns, and so on
 * @max_ns: see @min_ns
 * @mean_ns: see @min_ns
 * @stddev_ns: see @min_ns
 * @p50_ns: see @min_ns
 * @p99_ns: see @min_ns
 * @p999_ns: see @min_ns
 * @above: samples above the threshold (the driver's rule)
 * @above_ppm: @above per million samples, rounded down
 * @missed: timer periods whose interrupt was served late, summed
 * @lost: samples lost to sequence gaps
 * @above_pct: @above as a percentage, never "0%" unless it is 0
 * @late: the thread stage's records flagged THREAD_LATE (0 in the IRQ
 *	stage's report); not in the field table: the log writes it in the
 *	"thread" object only
 */
struct rte_report {
	u64 samples;
	u64 min, max, mean, stddev, p50, p99, p999;
	u64 min_ns, max_ns, mean_ns, stddev_ns, p50_ns, p99_ns, p999_ns;
	u64 above, above_ppm, missed, lost;
	char above_pct[24];
	u64 late;
};

struct rte_run;
struct rte_percpu;

/**
 * struct rte_run_sink - who hears about closed windows
 * @window: called with the run (its totals already include the window)
 *	and the window's report
 * @ctx: passed back
 */
struct rte_run_sink {
	void (*window)(void *ctx, const struct rte_run *run,
		       const struct rte_report *win);
	void *ctx;
};

/**
 * struct rte_run - the analysis state of one run
 * @hdr: the run's header (tick rate, threshold, interval, start)
 * @threshold_ticks: a sample is above the threshold when its latency in
 *	ticks exceeds this, exactly as in the driver
 * @fail_ticks: same rule for --fail-above, U64_MAX when off
 * @win: the open window (the IRQ stage: every record)
 * @total: every closed window
 * @thr_win: the thread stage of the open window: stage2_ticks of the
 *	records flagged RT_EVAL_TMU_SAMPLE_THREAD only, and the count of
 *	those flagged THREAD_LATE (an unflagged stage2_ticks of 0 is "not
 *	measured", never a latency)
 * @thr_total: the thread stage of every closed window
 * @thread_seen: a record had THREAD or THREAD_LATE (the stage was on,
 *	whatever the header says)
 * @win_index: number of the open window, from 0
 * @win_start: its start, CLOCK_MONOTONIC ns
 * @win_end: its end (the run's end if that comes first)
 * @closed_end: end of the window being reported to the sink
 * @closed_partial: that window is shorter than the interval
 * @closed_thr: the thread stage's report of that window
 * @end_ns: start + duration (U64_MAX without one): samples from then on
 *	are not part of the run
 * @next_seq: sequence number expected next
 * @have_seq: @next_seq is known (a sample was seen)
 * @stale: samples older than the start, queued before the run: skipped
 * @ignored: samples at or after @end_ns: skipped
 * @restarts: sequence numbers that went backwards (device re-probed)
 * @fail_count: samples above --fail-above
 * @last_ts: timestamp of the last sample taken
 * @us: optional per-microsecond histogram for --histogram
 * @thr_us: the same for the thread stage (its second column)
 * @conv: ticks to ns without a division, for @us
 * @sink: window callback
 * @le_ticks: the Prometheus histogram's bounds in ticks
 * @percpu: optional per-CPU statistics (--per-cpu), fed with every sample
 *	the run takes
 */
struct rte_run {
	const struct rte_header *hdr;
	u64 threshold_ticks;
	u64 fail_ticks;
	struct rte_part win;
	struct rte_part total;
	struct rte_part thr_win;
	struct rte_part thr_total;
	bool thread_seen;
	u64 win_index;
	u64 win_start;
	u64 win_end;
	u64 closed_end;
	bool closed_partial;
	struct rte_report closed_thr;
	u64 end_ns;
	u64 next_seq;
	bool have_seq;
	u64 stale;
	u64 ignored;
	u64 restarts;
	u64 fail_count;
	u64 last_ts;
	struct rte_ushist *us;
	struct rte_ushist *thr_us;
	struct rte_tick_conv conv;
	struct rte_run_sink sink;
	u64 le_ticks[RTE_LE_N];
	struct rte_percpu *percpu;
};

/* @r is large (four histograms): allocate it, e.g. with rte_xcalloc(). */
void rte_run_init(struct rte_run *r, const struct rte_header *h,
		  u64 fail_above_ns);
/* Take one sample; false if it is outside the run (stale or too late). */
bool rte_run_feed(struct rte_run *r, const struct rt_eval_tmu_sample *s);
/* Close every window that ends at or before @now_ns. */
void rte_run_advance(struct rte_run *r, u64 now_ns);
/* The run ends at @at_ns: close due windows, then the partial last one. */
void rte_run_finish(struct rte_run *r, u64 at_ns);

/* An empty part, and one sample into it with @r's threshold and bounds. */
void rte_part_clear(struct rte_part *p);
void rte_part_add(struct rte_part *p, const struct rte_run *r, u64 ticks,
		  u32 missed);

void rte_report_make(struct rte_report *rep, const struct rte_part *p,
		     u64 tick_hz);

/*
 * The run has a thread stage to show: its header says the stage was on,
 * or a record said so.
 */
static inline bool rte_run_thread(const struct rte_run *r)
{
	return r->hdr->thread_stage || r->thread_seen;
}

/**
 * struct rte_limits - pass/fail limits, 0 = off
 * @above_ns: --fail-above: no sample may exceed it
 * @p99_ns: --fail-p99-above: the run's p99 may not exceed it
 */
struct rte_limits {
	u64 above_ns;
	u64 p99_ns;
};

/*
 * Judge @total against @lim with the driver's rule (ticks above
 * rte_ns_to_ticks_floor()); append one sentence per exceeded limit to
 * @why.  True if any was exceeded.
 */
bool rte_limits_exceeded(const struct rte_run *r, const struct rte_limits *lim,
			 const struct rte_report *total, struct rte_buf *why);

#endif
