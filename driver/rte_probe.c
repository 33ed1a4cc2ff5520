// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - the device's lifetime: probe from a device tree or a board
 * file, the resources it holds (all devm, each undone on error and unbind),
 * and the module.
 *
 * The device structure outlives its platform device while a file is open:
 * the device and each open file hold a reference (kref), and the last put
 * frees it.
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

static unsigned int ring_records = 4096;
module_param(ring_records, uint, 0444);
MODULE_PARM_DESC(ring_records,
		 "Samples buffered per device, power of two, 64..1048576 (default 4096)");

static struct dentry *rte_debugfs_root;

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
	rd->th.priority = RTE_DEFAULT_THREAD_PRIO;

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
	rte_dev_shutdown(data);
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
	ret = rte_request_irq(rd);
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
