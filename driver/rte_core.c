// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - IRQ latency measurement with a spare SoC timer
 *
 * A timer channel underflows every period and raises its interrupt.  The
 * handler reads the still-running counter before anything else: the ticks
 * elapsed since the underflow are the time from the interrupt being raised
 * to the handler running.  Each sample goes into the current CPU's running
 * sums and the device's sample ring; everything else (division,
 * formatting, copying to userspace) happens later, in the reader's
 * context.  This file holds the handler, the configuration and the
 * device's lifetime.
 */

#include <linux/build_bug.h>
#include <linux/cpumask.h>
#include <linux/clk.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mod_devicetable.h>
#include <linux/property.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "rte_drv.h"

#define CREATE_TRACE_POINTS
#include "rte_trace.h"

/*
 * The uapi structures are ABI, the same for 32- and 64-bit userspace: no
 * implicit padding, sizes fixed for ever (fields only take reserved space).
 */
static_assert(sizeof(struct rt_eval_tmu_sample) == 64);
static_assert(offsetof(struct rt_eval_tmu_sample, stage2_ticks) == 40);
static_assert(sizeof(struct rt_eval_tmu_info) == 88);
static_assert(offsetof(struct rt_eval_tmu_info, reserved) == 56);

/* ---------------------------------------------------------------------- */
/* The measurement                                                          */

/* Hold the handler off on purpose, for tests: see inject_delay_us. */
static void rte_busy_wait_us(u32 us)
{
	u64 end = ktime_get_ns() + (u64)us * NSEC_PER_USEC;

	while (ktime_get_ns() < end)
		cpu_relax();
}

/* Tries at a tight clock bracket around the placement read. */
#define RTE_PLACE_TRIES	3

/*
 * Read the counter again between two clock reads, to place an underflow in
 * time (see struct rte_reading).  The clock read that followed the
 * measurement opens the first bracket; a bracket that a stall widened
 * beyond the tolerance is tried again.
 */
static void rte_place(struct rte_dev *rd, struct rte_reading *r)
{
	int tries = 0;

	r->place_lo_ns = r->now_ns;
	for (;;) {
		r->place_raw = readl_relaxed(rd->hw.count_reg);
		r->place_hi_ns = ktime_get_ns();
		if (rte_place_ok(&rd->hw.t, r->place_lo_ns, r->place_hi_ns) ||
		    ++tries == RTE_PLACE_TRIES)
			break;
		r->place_lo_ns = ktime_get_ns();
	}
}

/*
 * Everything after the measurement.  Kept out of line so that the handler
 * itself needs no stack frame to speak of, no stack canary and no saved
 * registers before its counter read.
 */
static noinline irqreturn_t rte_sample(struct rte_dev *rd, u32 raw, u64 now)
{
	struct rte_reading r = { .raw = raw, .now_ns = now };
	struct rt_eval_tmu_sample *s;
	struct rte_pcpu *pc;
	u32 missed, inject, stop, flags = 0;
	bool uncertain;
	u64 ticks;

	if (!rd->be->ack(rd))
		return IRQ_NONE;

	inject = READ_ONCE(rd->inject_us);
	if (unlikely(inject)) {
		/* a late handler on demand: wait, then measure again */
		WRITE_ONCE(rd->inject_us, 0);
		rte_busy_wait_us(inject);
		r.raw = readl_relaxed(rd->hw.count_reg);
		r.now_ns = ktime_get_ns();
		/* the periods that ended meanwhile are this late sample's */
		rd->be->ack(rd);
		flags |= RT_EVAL_TMU_SAMPLE_INJECTED;
	}

	/*
	 * The counter wraps every period, so on its own it cannot tell a late
	 * interrupt from a prompt one: rte_measure() places the underflow in
	 * monotonic time and compares it with the previous one.
	 */
	rte_place(rd, &r);
	ticks = rte_measure(&rd->hw.t, &rd->last_uf_ns, &r, &missed,
			    &uncertain);
	if (missed)
		flags |= RT_EVAL_TMU_SAMPLE_LATE;
	if (unlikely(uncertain))
		flags |= RT_EVAL_TMU_SAMPLE_UNCERTAIN;
	if (rd->first) {
		rd->first = false;
		flags |= RT_EVAL_TMU_SAMPLE_FIRST;
	}

	/* the event's arguments are computed only while it is enabled */
	if (trace_sample_enabled())
		trace_sample(rd->id, rd->next_seq, smp_processor_id(), ticks,
			     rte_latency_ns(&rd->hw.t, ticks, missed), missed,
			     flags);
	stop = READ_ONCE(rd->hw.stop_tracing_ticks);
	if (unlikely(stop && ticks > stop))
		tracing_off();	/* the buffer ends at this sample's event */
	WRITE_ONCE(rd->last_cpu, smp_processor_id());

	pc = this_cpu_ptr(rd->pcpu);
	write_seqcount_begin(&pc->seq);
	if (unlikely(pc->gen != READ_ONCE(rd->reset_gen))) {
		pc->gen = READ_ONCE(rd->reset_gen);
		rte_stats_init(&pc->total);
		rte_stats_init(&pc->thread);
		pc->thread_late = 0;
	}
	rte_stats_add(&pc->total, ticks, missed, rd->hw.threshold_ticks);
	/* the record held for the thread stage goes out first, in order */
	if (rd->th.held)
		rte_thread_finish(rd, pc, r.now_ns);
	/* the record is written in its ring slot, in place */
	s = rte_ring_claim(rd);
	if (likely(s)) {
		s->seq = rd->next_seq;
		s->timestamp_ns = r.now_ns;
		s->latency_ticks = ticks;
		s->missed = missed;
		s->cpu = smp_processor_id();
		s->flags = flags;
		s->period_ticks = rd->hw.t.period_ticks;
		s->stage2_ticks = 0;
		s->reserved[0] = 0;
		s->reserved[1] = 0;
		if (rd->th.task)
			rte_thread_hold(rd, s,
					rte_raised_uf_ns(&rd->hw.t,
							 rd->last_uf_ns,
							 missed));
		else
			rte_ring_publish(rd, r.now_ns);
	} else {
		pc->dropped++;
	}
	rd->next_seq++;
	write_seqcount_end(&pc->seq);

	if (rd->log_interval_ns)
		rte_log_add(rd, r.now_ns, ticks, missed);

	return IRQ_HANDLED;
}

static irqreturn_t rte_irq(int irq, void *data)
{
	struct rte_dev *rd = data;
	u32 raw = readl_relaxed(rd->hw.count_reg);	/* the measurement */
	u64 now = ktime_get_ns();

	return rte_sample(rd, raw, now);
}

/* The sample must be taken in hard-IRQ context, PREEMPT_RT too. */
int rte_request_irq(struct rte_dev *rd)
{
	return devm_request_irq(rd->dev, rd->irq, rte_irq, IRQF_NO_THREAD,
				rd->name, rd);
}

/* Runs outside hard-IRQ context on PREEMPT_RT: wait queues may sleep there. */
void rte_wake_work(struct irq_work *work)
{
	struct rte_dev *rd = container_of(work, struct rte_dev, wake_work);

	wake_up_interruptible(&rd->wq);
	if (READ_ONCE(rd->done_id) != rd->log_printed)
		schedule_work(&rd->log_work);
}

/* ---------------------------------------------------------------------- */
/* Configuration (process context, cfg_lock held)                          */

/*
 * Start counting and note when: the first sample's missed periods are
 * counted from here.  The counter itself says how long ago it started, as
 * it says in the handler how long ago it underflowed: read it right after
 * the start, between two clock reads, and retry while a stall stretched the
 * bracket beyond the placement tolerance (the reading must come from the
 * first period, and be placed as tightly as the handler places its
 * underflows).  The first sample is then neither folded nor given a phantom
 * missed period.  The interrupt stays masked meanwhile: the handler sees a
 * consistent baseline, and a first underflow that came early is served,
 * late, after.
 */
void rte_hw_start(struct rte_dev *rd)
{
	const struct rte_timing *t = &rd->hw.t;
	u64 t0, t1;
	u32 raw;
	int tries = 0;

	disable_irq(rd->irq);
	do {
		t0 = ktime_get_ns();
		rd->be->start(rd);
		raw = readl_relaxed(rd->hw.count_reg);
		t1 = ktime_get_ns();
	} while (!rte_place_ok(t, t0, t1) && ++tries < 10);
	rd->last_uf_ns = t0 - rte_cyc2ns(t->cyc2ns,
					 rte_elapsed(raw, t->reload, t->mask,
						     t->counts_down));
	rd->first = true;
	rd->win.end_ns = t1 + rd->log_interval_ns;
	enable_irq(rd->irq);
}

/*
 * After this the handler is not running and will not sample; a record held
 * for the thread stage is published.
 */
void rte_hw_stop(struct rte_dev *rd)
{
	rd->be->stop(rd);
	synchronize_irq(rd->irq);
	rte_thread_flush(rd);
}

static int rte_start_locked(struct rte_dev *rd)
{
	int ret;

	ret = pm_runtime_resume_and_get(rd->dev);
	if (ret)
		return ret;
	rte_hw_start(rd);
	rd->enabled = true;
	return 0;
}

static void rte_stop_locked(struct rte_dev *rd)
{
	rte_hw_stop(rd);
	pm_runtime_put(rd->dev);
	rd->enabled = false;
	/* no more samples will cross a watermark: hand over what is queued */
	wake_up_interruptible(&rd->wq);
}

int rte_set_enabled(struct rte_dev *rd, bool on)
{
	int ret = 0;

	mutex_lock(&rd->cfg_lock);
	if (on && !rd->enabled)
		ret = rte_start_locked(rd);
	else if (!on && rd->enabled)
		rte_stop_locked(rd);
	mutex_unlock(&rd->cfg_lock);
	return ret;
}

int rte_set_period(struct rte_dev *rd, u64 period_ns)
{
	u32 ticks;

	if (rte_period_from_ns(period_ns, rd->tick_hz, rd->counter_bits,
			       RTE_MIN_PERIOD_NS, &ticks))
		return -EINVAL;

	mutex_lock(&rd->cfg_lock);
	if (rd->enabled)
		rte_hw_stop(rd);
	rte_timing_set_period(&rd->hw.t, ticks, rd->tick_hz);
	if (rd->enabled)
		rte_hw_start(rd);
	mutex_unlock(&rd->cfg_lock);
	return 0;
}

int rte_set_threshold(struct rte_dev *rd, u64 threshold_ns)
{
	if (!threshold_ns || threshold_ns > RTE_MAX_THRESH_NS)
		return -EINVAL;

	mutex_lock(&rd->cfg_lock);
	rd->threshold_ns = threshold_ns;
	/* one aligned word the handler reads as a whole */
	WRITE_ONCE(rd->hw.threshold_ticks,
		   rte_ns_to_ticks_floor(threshold_ns, rd->tick_hz));
	mutex_unlock(&rd->cfg_lock);
	return 0;
}

int rte_set_log_interval(struct rte_dev *rd, u64 seconds)
{
	if (seconds > RTE_MAX_LOG_INTERVAL_S)
		return -EINVAL;

	mutex_lock(&rd->cfg_lock);
	if (rd->enabled)
		rte_hw_stop(rd);
	rd->log_interval_ns = seconds * NSEC_PER_SEC;
	rte_stats_init(&rd->win.stats);
	if (rd->enabled)
		rte_hw_start(rd);
	mutex_unlock(&rd->cfg_lock);
	return 0;
}

/*
 * A latency above @ns stops the tracing ring buffer (tracing_off()) right
 * after that sample's trace event; 0 turns it off.  The handler reads the
 * limit in ticks, rounded down, as one 32-bit word: a limit beyond 2^32
 * ticks acts as 2^32 - 1 ticks.
 */
int rte_set_stop_tracing(struct rte_dev *rd, u64 ns)
{
	u64 ticks;

	if (ns > RTE_MAX_THRESH_NS)
		return -EINVAL;
	ticks = ns ? max(rte_ns_to_ticks_floor(ns, rd->tick_hz), 1ULL) : 0;

	mutex_lock(&rd->cfg_lock);
	rd->stop_tracing_ns = ns;
	WRITE_ONCE(rd->hw.stop_tracing_ticks, (u32)min_t(u64, ticks, U32_MAX));
	mutex_unlock(&rd->cfg_lock);
	return 0;
}

/*
 * The handler notices the new generation on its next sample and starts its
 * CPU's sums afresh; until then readers skip sums of older generations.  No
 * lock is shared with the handler.
 */
void rte_reset_stats(struct rte_dev *rd)
{
	mutex_lock(&rd->cfg_lock);
	WRITE_ONCE(rd->reset_gen, rd->reset_gen + 1);
	mutex_unlock(&rd->cfg_lock);
}

/*
 * A consistent copy of each CPU's sums, merged: the IRQ stage into @st,
 * the thread stage into @thread (if not NULL) with @thread_late.
 */
void rte_get_stats(struct rte_dev *rd, struct rte_stats *st, u64 *dropped,
		   struct rte_stats *thread, u64 *thread_late)
{
	u32 gen = READ_ONCE(rd->reset_gen);
	int cpu;

	rte_stats_init(st);
	*dropped = 0;
	if (thread) {
		rte_stats_init(thread);
		*thread_late = 0;
	}
	for_each_possible_cpu(cpu) {
		struct rte_pcpu *pc = per_cpu_ptr(rd->pcpu, cpu);
		struct rte_stats copy, tcopy;
		unsigned int seq;
		u64 drop, late;
		u32 g;

		do {
			seq = read_seqcount_begin(&pc->seq);
			copy = pc->total;
			tcopy = pc->thread;
			late = pc->thread_late;
			g = pc->gen;
			drop = pc->dropped;
		} while (read_seqcount_retry(&pc->seq, seq));

		if (g == gen) {
			rte_stats_merge(st, &copy);
			if (thread) {
				rte_stats_merge(thread, &tcopy);
				*thread_late += late;
			}
		}
		*dropped += drop;
	}
}

void rte_get_info(struct rte_dev *rd, struct rt_eval_tmu_info *info)
{
	memset(info, 0, sizeof(*info));
	mutex_lock(&rd->cfg_lock);
	info->abi_version = RT_EVAL_TMU_ABI_VERSION;
	info->backend = rd->be->id;
	info->tick_hz = rd->tick_hz;
	info->period_ticks = rd->hw.t.period_ticks;
	info->period_ns = rd->hw.t.period_ns;
	info->counter_bits = rd->counter_bits;
	info->record_size = sizeof(struct rt_eval_tmu_sample);
	info->threshold_ns = rd->threshold_ns;
	info->enabled = rd->enabled;
	info->ring_records = rd->ring.records;
	mutex_unlock(&rd->cfg_lock);
}

/* Stop for good: readers drain what is queued, then see end of file. */
void rte_dev_shutdown(struct rte_dev *rd)
{
	mutex_lock(&rd->cfg_lock);
	if (rd->enabled)
		rte_stop_locked(rd);
	mutex_unlock(&rd->cfg_lock);

	rte_thread_shutdown(rd);

	WRITE_ONCE(rd->gone, true);
	wake_up_interruptible_all(&rd->wq);
	irq_work_sync(&rd->wake_work);
	cancel_work_sync(&rd->log_work);
}
