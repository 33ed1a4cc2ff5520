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

/*
 * The uapi structures are ABI, the same for 32- and 64-bit userspace: no
 * implicit padding, sizes fixed for ever (fields only take reserved space).
 */
static_assert(sizeof(struct rt_eval_tmu_sample) == 64);
static_assert(offsetof(struct rt_eval_tmu_sample, stage2_ticks) == 40);
static_assert(sizeof(struct rt_eval_tmu_info) == 88);
static_assert(offsetof(struct rt_eval_tmu_info, reserved) == 56);

static unsigned int ring_records = 4096;
module_param(ring_records, uint, 0444);
MODULE_PARM_DESC(ring_records,
		 "Samples buffered per device, power of two, 64..1048576 (default 4096)");

static struct dentry *rte_debugfs_root;

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
	u32 missed, inject, flags = 0;
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

	pc = this_cpu_ptr(rd->pcpu);
	write_seqcount_begin(&pc->seq);
	if (unlikely(pc->gen != READ_ONCE(rd->reset_gen))) {
		pc->gen = READ_ONCE(rd->reset_gen);
		rte_stats_init(&pc->total);
	}
	rte_stats_add(&pc->total, ticks, missed, rd->hw.threshold_ticks);
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

/* Runs outside hard-IRQ context on PREEMPT_RT: wait queues may sleep there. */
static void rte_wake_work(struct irq_work *work)
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
static void rte_hw_start(struct rte_dev *rd)
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

/* After this the handler is not running and will not sample. */
static void rte_hw_stop(struct rte_dev *rd)
{
	rd->be->stop(rd);
	synchronize_irq(rd->irq);
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

void rte_get_stats(struct rte_dev *rd, struct rte_stats *st, u64 *dropped)
{
	u32 gen = READ_ONCE(rd->reset_gen);
	int cpu;

	rte_stats_init(st);
	*dropped = 0;
	for_each_possible_cpu(cpu) {
		struct rte_pcpu *pc = per_cpu_ptr(rd->pcpu, cpu);
		struct rte_stats copy;
		unsigned int seq;
		u64 drop;
		u32 g;

		do {
			seq = read_seqcount_begin(&pc->seq);
			copy = pc->total;
			g = pc->gen;
			drop = pc->dropped;
		} while (read_seqcount_retry(&pc->seq, seq));

		if (g == gen)
			rte_stats_merge(st, &copy);
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

/* ---------------------------------------------------------------------- */
/* Lifetime                                                                 */

static DEFINE_IDA(rte_ida);

static void rte_dev_release(struct kref *kref)
{
	struct rte_dev *rd = container_of(kref, struct rte_dev, kref);

	rte_ring_free(&rd->ring);
	free_percpu(rd->pcpu);
	if (rd->id >= 0)
		ida_free(&rte_ida, rd->id);
	kfree(rd);
}

void rte_dev_put(struct rte_dev *rd)
{
	kref_put(&rd->kref, rte_dev_release);
}

static void rte_put_action(void *data)
{
	rte_dev_put(data);
}

static int rte_alloc_sums(struct rte_dev *rd)
{
	int cpu;

	rd->pcpu = alloc_percpu(struct rte_pcpu);
	if (!rd->pcpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct rte_pcpu *pc = per_cpu_ptr(rd->pcpu, cpu);

		seqcount_init(&pc->seq);
		rte_stats_init(&pc->total);
	}
	return 0;
}

static struct rte_dev *rte_dev_alloc(struct device *dev)
{
	struct rte_dev *rd;
	int ret;

	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return ERR_PTR(-ENOMEM);
	kref_init(&rd->kref);
	rd->id = -1;
	ret = devm_add_action_or_reset(dev, rte_put_action, rd);
	if (ret)
		return ERR_PTR(ret);

	rd->dev = dev;
	mutex_init(&rd->cfg_lock);
	mutex_init(&rd->read_lock);
	init_waitqueue_head(&rd->wq);
	seqcount_init(&rd->win_seq);
	rte_stats_init(&rd->win.stats);
	init_irq_work(&rd->wake_work, rte_wake_work);
	INIT_WORK(&rd->log_work, rte_log_work);

	ret = rte_alloc_sums(rd);
	if (ret)
		return ERR_PTR(ret);
	ret = rte_ring_alloc(&rd->ring, ring_records);
	if (ret)
		return ERR_PTR(ret);

	rd->id = ida_alloc(&rte_ida, GFP_KERNEL);
	if (rd->id < 0)
		return ERR_PTR(rd->id);
	snprintf(rd->name, sizeof(rd->name), RTE_DRV_NAME "%d", rd->id);
	return rd;
}

/* Unbind: stop the timer, let readers drain and see EOF. */
static void rte_shutdown_action(void *data)
{
	struct rte_dev *rd = data;

	mutex_lock(&rd->cfg_lock);
	if (rd->enabled)
		rte_stop_locked(rd);
	mutex_unlock(&rd->cfg_lock);

	WRITE_ONCE(rd->gone, true);
	wake_up_interruptible_all(&rd->wq);
	irq_work_sync(&rd->wake_work);
	cancel_work_sync(&rd->log_work);
}

static int rte_setup_timer(struct rte_dev *rd)
{
	struct device *dev = rd->dev;
	u64 max_ns, period_ns = RTE_DEFAULT_PERIOD_NS;
	u32 ticks;
	int ret;

	/* device tree or software node alike */
	if (device_property_read_u32(dev, "rt-eval,channel", &rd->channel))
		rd->channel = 0;
	if (rd->channel >= rd->be->channels)
		return dev_err_probe(dev, -EINVAL,
				     "rt-eval,channel %u: this %s has channels 0..%u\n",
				     rd->channel, rd->be->name,
				     rd->be->channels - 1);

	if (device_property_read_u32(dev, "rt-eval,prescaler", &rd->prescaler))
		rd->prescaler = RTE_DEFAULT_PRESCALER;
	ret = rd->be->init(rd, rd->prescaler);
	if (ret)
		return ret;

	rd->tick_hz = DIV_ROUND_CLOSEST_ULL((u64)rd->clk_hz, rd->prescaler);
	if (!rd->tick_hz)
		return dev_err_probe(dev, -EINVAL, "clock rate is 0\n");
	rd->hw.t.mask = (u32)rte_max_period_ticks(rd->counter_bits);
	rd->hw.t.cyc2ns = rte_cyc2ns_init(rd->tick_hz);
	rd->hw.t.counts_down = rd->be->counts_down;

	/* default 10 ms, or the longest period a narrow counter can hold */
	max_ns = rte_ticks_to_ns(rte_max_period_ticks(rd->counter_bits),
				 rd->tick_hz);
	if (period_ns > max_ns) {
		u32 rem;

		div_u64_rem(max_ns, NSEC_PER_USEC, &rem);
		period_ns = max_ns - rem;
		dev_info(dev, "%u-bit counter at %llu Hz: default period %llu ns\n",
			 rd->counter_bits, rd->tick_hz, period_ns);
	}
	if (rte_period_from_ns(period_ns, rd->tick_hz, rd->counter_bits,
			       RTE_MIN_PERIOD_NS, &ticks))
		return dev_err_probe(dev, -EINVAL,
				     "%llu Hz is too slow for a %llu ns period\n",
				     rd->tick_hz, RTE_MIN_PERIOD_NS);
	rte_timing_set_period(&rd->hw.t, ticks, rd->tick_hz);
	rd->threshold_ns = RTE_DEFAULT_THRESH_NS;
	rd->hw.threshold_ticks = rte_ns_to_ticks_floor(rd->threshold_ns,
						       rd->tick_hz);
	return 0;
}

static int rte_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct resource *res;
	struct rte_dev *rd;
	struct clk *clk;
	int ret;

	rd = rte_dev_alloc(dev);
	if (IS_ERR(rd))
		return PTR_ERR(rd);
	/* a device-tree match, or a platform device registered by name */
	rd->be = device_get_match_data(dev);
	if (!rd->be && platform_get_device_id(pdev))
		rd->be = (const void *)platform_get_device_id(pdev)->driver_data;
	if (!rd->be)
		return dev_err_probe(dev, -ENODEV, "unknown timer type\n");
	platform_set_drvdata(pdev, rd);

	rd->base = devm_platform_get_and_ioremap_resource(pdev, 0, &res);
	if (IS_ERR(rd->base))
		return PTR_ERR(rd->base);
	rd->base_size = resource_size(res);

	clk = devm_clk_get_enabled(dev, NULL);
	if (IS_ERR(clk))
		return dev_err_probe(dev, PTR_ERR(clk), "no functional clock\n");
	rd->clk_hz = clk_get_rate(clk);

	ret = rte_setup_timer(rd);
	if (ret)
		return ret;

	ret = devm_pm_runtime_enable(dev);
	if (ret)
		return ret;

	/* quiesce what firmware or an earlier user left running or pending */
	ret = pm_runtime_resume_and_get(dev);
	if (ret)
		return ret;
	rd->be->stop(rd);
	pm_runtime_put(dev);

	rd->irq = platform_get_irq(pdev, rd->channel);
	if (rd->irq < 0)
		return rd->irq;
	/* the sample must be taken in hard-IRQ context, PREEMPT_RT too */
	ret = devm_request_irq(dev, rd->irq, rte_irq, IRQF_NO_THREAD,
			       rd->name, rd);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request IRQ %d\n",
				     rd->irq);

	ret = devm_add_action_or_reset(dev, rte_shutdown_action, rd);
	if (ret)
		return ret;

	ret = rte_debugfs_init(rd, rte_debugfs_root);
	if (ret)
		return ret;

	ret = rte_cdev_register(rd);
	if (ret)
		return ret;

	ret = rte_set_enabled(rd, true);
	if (ret)
		return dev_err_probe(dev, ret, "cannot start the timer\n");

	dev_info(dev, "%s channel %u, %llu Hz, period %llu ns, /dev/%s\n",
		 rd->be->name, rd->channel, rd->tick_hz, rd->hw.t.period_ns,
		 rd->name);
	return 0;
}

static const struct of_device_id rte_of_match[] = {
	{ .compatible = "renesas,tmu-rt-eval", .data = &rte_tmu_backend },
	{ .compatible = "cdns,ttc-rt-eval", .data = &rte_ttc_backend },
	{ /* sentinel */ }
};
MODULE_DEVICE_TABLE(of, rte_of_match);

/*
 * Boards without a device tree (SuperH) register a platform device by
 * name, with the same properties as a software node.
 */
static const struct platform_device_id rte_id_table[] = {
	{ "rt-eval-tmu", (kernel_ulong_t)&rte_tmu_backend },
	{ "rt-eval-ttc", (kernel_ulong_t)&rte_ttc_backend },
	{ /* sentinel */ }
};
MODULE_DEVICE_TABLE(platform, rte_id_table);

static struct platform_driver rte_driver = {
	.probe = rte_probe,
	.id_table = rte_id_table,
	.driver = {
		.name = RTE_DRV_NAME,
		.of_match_table = rte_of_match,
		.dev_groups = rte_groups,
	},
};

static int __init rte_init(void)
{
	int ret;

	if (!is_power_of_2(ring_records) || ring_records < 64 ||
	    ring_records > SZ_1M) {
		pr_err(RTE_DRV_NAME ": ring_records=%u: use a power of two, 64..1048576\n",
		       ring_records);
		return -EINVAL;
	}
	rte_debugfs_root = debugfs_create_dir(RTE_DRV_NAME, NULL);
	ret = platform_driver_register(&rte_driver);
	if (ret)
		debugfs_remove_recursive(rte_debugfs_root);
	return ret;
}
module_init(rte_init);

static void __exit rte_exit(void)
{
	platform_driver_unregister(&rte_driver);
	debugfs_remove_recursive(rte_debugfs_root);
}
module_exit(rte_exit);

MODULE_DESCRIPTION("IRQ latency measurement with a spare SoC timer (R-Car TMU, Cadence TTC)");
MODULE_LICENSE("GPL");
