// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - the thread stage
 *
 * With sysfs thread_stage at 1, every sample also measures how long a
 * real-time thread takes to run after the same hardware underflow: the
 * handler wakes a per-device kernel thread (SCHED_FIFO, thread_priority,
 * following the interrupt's CPU), which reads the counter when it runs.
 * The ticks from the underflow the handler placed to that read, whole
 * periods included, are the record's stage2_ticks.
 *
 * The handler holds each record back until the next interrupt: its
 * handler publishes the held record with the thread's figure if the thread
 * has delivered one (RT_EVAL_TMU_SAMPLE_THREAD), or marked
 * RT_EVAL_TMU_SAMPLE_THREAD_LATE if the thread has not run since.  Only the
 * handler writes the ring, as without the stage; stopping the timer
 * publishes what is held.
 *
 * Handler and thread share no lock: the handler writes the request and
 * then the tag it wants measured (release), the thread measures, writes
 * its result and then the tag it measured (release).  A thread that finds
 * a newer tag wanted after its read drops its result: it was too late for
 * that sample, which goes out as THREAD_LATE.
 */

#include <linux/cpumask.h>
#include <linux/io.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <uapi/linux/sched/types.h>

#include "rte_drv.h"
#include "rte_trace.h"

/* Tries at a tight clock bracket around the thread's counter read. */
#define RTE_THREAD_TRIES	3

/* Handler: hold @s for the thread, which is woken to measure @uf_ns's underflow. */
void rte_thread_hold(struct rte_dev *rd, struct rt_eval_tmu_sample *s,
		     u64 uf_ns)
{
	struct rte_thread *th = &rd->th;
	u32 tag = ++th->next_tag;

	if (!tag)
		tag = ++th->next_tag;
	th->req[tag & 1].uf_ns = uf_ns;
	th->req[tag & 1].seq = s->seq;
	th->held = s;
	th->held_tag = tag;
	th->held_seq = s->seq;
	/* the request before the tag that asks for it */
	smp_store_release(&th->want, tag);
	wake_up_process(th->task);
}

/*
 * Handler (or process context with the timer stopped): publish the held
 * record with the thread's figure, or THREAD_LATE.  @pc is this CPU's
 * sums, in its write section.
 */
void rte_thread_finish(struct rte_dev *rd, struct rte_pcpu *pc, u64 now_ns)
{
	struct rte_thread *th = &rd->th;
	struct rt_eval_tmu_sample *s = th->held;

	if (!s)
		return;
	th->held = NULL;
	/* pairs with the thread's release: its result is complete */
	if (smp_load_acquire(&th->done) == th->held_tag) {
		s->stage2_ticks = th->result;
		s->flags |= RT_EVAL_TMU_SAMPLE_THREAD;
		rte_stats_add(&pc->thread, th->result, 0,
			      READ_ONCE(rd->hw.threshold_ticks));
	} else {
		s->flags |= RT_EVAL_TMU_SAMPLE_THREAD_LATE;
		pc->thread_late++;
	}
	rte_ring_publish(rd, now_ns);
}

/*
 * Process context, the handler stopped and synchronised: publish the held
 * one.  Interrupts go off for it: the per-CPU sums are otherwise written
 * in hard-IRQ context only (lockdep knows their seqcounts as IRQ-safe).
 */
void rte_thread_flush(struct rte_dev *rd)
{
	struct rte_pcpu *pc;
	unsigned long flags;

	if (!rd->th.held)
		return;
	local_irq_save(flags);
	pc = this_cpu_ptr(rd->pcpu);
	write_seqcount_begin(&pc->seq);
	if (pc->gen != READ_ONCE(rd->reset_gen)) {
		pc->gen = READ_ONCE(rd->reset_gen);
		rte_stats_init(&pc->total);
		rte_stats_init(&pc->thread);
		pc->thread_late = 0;
	}
	rte_thread_finish(rd, pc, ktime_get_ns());
	write_seqcount_end(&pc->seq);
	local_irq_restore(flags);
}

/* The thread: measure the sample of @tag, if it is still the one wanted. */
static void rte_thread_measure(struct rte_dev *rd, u32 tag)
{
	struct rte_thread *th = &rd->th;
	const struct rte_timing *t = &rd->hw.t;
	u64 lo, hi, uf_ns, seq, ticks;
	int tries = 0;
	u32 raw, stop;

	do {
		lo = ktime_get_ns();
		raw = readl_relaxed(rd->hw.count_reg);
		hi = ktime_get_ns();
	} while (!rte_place_ok(t, lo, hi) && ++tries < RTE_THREAD_TRIES);

	uf_ns = th->req[tag & 1].uf_ns;
	seq = th->req[tag & 1].seq;
	/* the request read before the tag is checked again */
	smp_rmb();
	if (READ_ONCE(th->want) != tag)
		return;		/* a newer underflow: this one is late */
	ticks = rte_stage2_ticks(t, uf_ns, raw, lo, hi);
	th->result = ticks;
	/* the result before the tag that vouches for it */
	smp_store_release(&th->done, tag);

	if (trace_thread_enabled())
		trace_thread(rd->id, seq, raw_smp_processor_id(), ticks,
			     rte_ticks_to_ns(ticks, rd->tick_hz));
	stop = READ_ONCE(rd->hw.stop_tracing_ticks);
	if (unlikely(stop && ticks > stop))
		tracing_off();
}

static int rte_thread_fn(void *data)
{
	struct rte_dev *rd = data;
	struct rte_thread *th = &rd->th;
	u32 seen = 0, tag, cpu;

	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		/* pairs with the handler's release: the request is complete */
		tag = smp_load_acquire(&th->want);
		if (tag == seen) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		rte_thread_measure(rd, tag);
		seen = tag;
		/* follow the interrupt to its CPU */
		cpu = READ_ONCE(rd->last_cpu);
		if (cpu != raw_smp_processor_id() && cpu_online(cpu))
			set_cpus_allowed_ptr(current, cpumask_of(cpu));
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static int rte_thread_set_prio(struct task_struct *task, u32 prio)
{
	struct sched_attr attr = {
		.size = sizeof(attr),
		.sched_policy = SCHED_FIFO,
		.sched_priority = prio,
	};

	return sched_setattr_nocheck(task, &attr);
}

/* cfg_lock held, the timer stopped */
static int rte_thread_start(struct rte_dev *rd)
{
	struct task_struct *task;
	int ret;

	task = kthread_create(rte_thread_fn, rd, "rt_eval_tmu%d/thr", rd->id);
	if (IS_ERR(task))
		return PTR_ERR(task);
	ret = rte_thread_set_prio(task, rd->th.priority);
	if (ret) {
		kthread_stop(task);
		return ret;
	}
	set_cpus_allowed_ptr(task, cpumask_of(READ_ONCE(rd->last_cpu)));
	WRITE_ONCE(rd->th.want, 0);
	WRITE_ONCE(rd->th.done, 0);
	rd->th.next_tag = 0;
	rd->th.task = task;
	wake_up_process(task);
	return 0;
}

/* cfg_lock held, the timer stopped */
static void rte_thread_stop(struct rte_dev *rd)
{
	struct task_struct *task = rd->th.task;

	if (!task)
		return;
	rte_thread_flush(rd);
	rd->th.task = NULL;
	kthread_stop(task);
}

/* sysfs thread_stage: 1 starts the thread, 0 stops it; the timer restarts. */
int rte_set_thread_stage(struct rte_dev *rd, u64 on)
{
	int ret = 0;

	mutex_lock(&rd->cfg_lock);
	if (!!on == !!rd->th.task)
		goto out;
	if (rd->enabled)
		rte_hw_stop(rd);
	if (on)
		ret = rte_thread_start(rd);
	else
		rte_thread_stop(rd);
	if (rd->enabled)
		rte_hw_start(rd);
out:
	mutex_unlock(&rd->cfg_lock);
	return ret;
}

/* sysfs thread_priority: 1..99, applied at once to a running thread. */
int rte_set_thread_priority(struct rte_dev *rd, u64 prio)
{
	int ret = 0;

	if (prio < 1 || prio > MAX_RT_PRIO - 1)
		return -EINVAL;
	mutex_lock(&rd->cfg_lock);
	if (rd->th.task)
		ret = rte_thread_set_prio(rd->th.task, prio);
	if (!ret)
		rd->th.priority = prio;
	mutex_unlock(&rd->cfg_lock);
	return ret;
}

/* The device goes: the timer is stopped already. */
void rte_thread_shutdown(struct rte_dev *rd)
{
	mutex_lock(&rd->cfg_lock);
	rte_thread_stop(rd);
	mutex_unlock(&rd->cfg_lock);
}
