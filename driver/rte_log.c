// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - the optional kernel-log summary, in the format users of the
 * original tool know
 *
 * Off by default (log_interval_s = 0): console output itself adds latency.
 * The handler adds each sample to the current window and, when the window's
 * time is up, hands it over under win_seq and queues the wake-up irq_work,
 * which schedules log_work; the work item formats and prints it in process
 * context.  Only the handler writes the window, only the work item reads
 * the handed-over copy: no lock shared with the handler.
 */

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/workqueue.h>

#include "rte_drv.h"

/* Hard-IRQ: add a sample to the window, closing it when its time is up. */
void rte_log_add(struct rte_dev *rd, u64 now, u64 ticks, u32 missed)
{
	if (now >= rd->win.end_ns) {
		write_seqcount_begin(&rd->win_seq);
		rd->done = rd->win.stats;
		rd->done_id++;
		write_seqcount_end(&rd->win_seq);
		rte_stats_init(&rd->win.stats);
		rd->win.end_ns = now + rd->log_interval_ns;
		irq_work_queue(&rd->wake_work);
	}
	rte_stats_add(&rd->win.stats, ticks, missed, rd->hw.threshold_ticks);
}

void rte_log_work(struct work_struct *work)
{
	struct rte_dev *rd = container_of(work, struct rte_dev, log_work);
	u64 hz = rd->tick_hz, mean, sd;
	struct rte_stats st;
	unsigned int seq;
	char pct[24];
	u32 id;

	do {
		seq = read_seqcount_begin(&rd->win_seq);
		st = rd->done;
		id = rd->done_id;
	} while (read_seqcount_retry(&rd->win_seq, seq));

	if (id == rd->log_printed)
		return;
	rd->log_printed = id;
	if (!st.count)
		return;

	mean = rte_stats_mean(&st, RTE_NSEC_PER_SEC);
	sd = rte_stats_stddev(&st, RTE_NSEC_PER_SEC);
	rte_pct_format(pct, sizeof(pct), st.above, st.count);
	dev_info(rd->dev,
		 "Mean: %llu (%llu ns) stddev: %llu (%llu ns) min: %llu (%llu ns) max: %llu (%llu ns) above thr: %s missed: %llu\n",
		 mean, rte_stats_mean(&st, hz), sd, rte_stats_stddev(&st, hz),
		 st.min, rte_ticks_to_ns(st.min, hz),
		 st.max, rte_ticks_to_ns(st.max, hz), pct, st.missed);
}
