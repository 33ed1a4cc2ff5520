// SPDX-License-Identifier: GPL-2.0
/*
 * Test only, for the emulated ZCU102: register a Cadence TTC that no device
 * tree describes as an "rt-eval-ttc" platform device with software-node
 * properties, the way a board file without device tree (SuperH) registers
 * its timer.  rt_eval_tmu then binds it by name through its
 * platform_device_id table and reads its properties through
 * device_property_read_u32().
 *
 * QEMU models four TTC blocks; the board's device tree gives TTC1
 * (ff120000) to rt_eval_tmu and leaves TTC2 (ff130000, SPIs 42-44, clocked
 * at 133 MHz by QEMU) to this module.  Nothing here runs under Xen: Xen
 * maps only what the device tree describes into Dom0.
 */

#include <linux/clk-provider.h>
#include <linux/clkdev.h>
#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/platform_device.h>
#include <linux/property.h>

#define RTE_NODT_BASE		0xff130000
#define RTE_NODT_SIZE		0x1000
#define RTE_NODT_FIRST_SPI	42
#define RTE_NODT_COUNTERS	3
#define RTE_NODT_HZ		133000000
#define RTE_NODT_NAME		"rt-eval-ttc"
#define RTE_NODT_ID		0

static const struct property_entry rte_nodt_props[] = {
	PROPERTY_ENTRY_U32("rt-eval,channel", 0),
	PROPERTY_ENTRY_U32("rt-eval,prescaler", 32),
	PROPERTY_ENTRY_U32("timer-width", 16),
	{ }
};

/**
 * struct rte_nodt - what this module registered, undone in reverse order
 * @clk: the TTC's input clock, a fixed rate
 * @lookup: clkdev entry giving @clk to the platform device
 * @irqs: Linux interrupts mapped for the counters' SPIs
 * @pdev: the platform device
 */
struct rte_nodt {
	struct clk_hw *clk;
	struct clk_lookup *lookup;
	unsigned int irqs[RTE_NODT_COUNTERS];
	struct platform_device *pdev;
};

static struct rte_nodt rte_nodt;

static void rte_nodt_undo(struct rte_nodt *n)
{
	int i;

	if (!IS_ERR_OR_NULL(n->pdev))
		platform_device_unregister(n->pdev);
	for (i = 0; i < RTE_NODT_COUNTERS; i++)
		if (n->irqs[i])
			irq_dispose_mapping(n->irqs[i]);
	if (n->lookup)
		clkdev_drop(n->lookup);
	if (!IS_ERR_OR_NULL(n->clk))
		clk_hw_unregister_fixed_rate(n->clk);
}

/* Linux interrupt for a GIC SPI, level high, as a DT "interrupts" entry. */
static unsigned int rte_nodt_map_spi(struct device_node *gic, u32 spi)
{
	struct of_phandle_args args = {
		.np = gic,
		.args_count = 3,
		.args = { 0, spi, IRQ_TYPE_LEVEL_HIGH },
	};

	return irq_create_of_mapping(&args);
}

static int __init rte_nodt_init(void)
{
	struct resource res[1 + RTE_NODT_COUNTERS] = {
		DEFINE_RES_MEM(RTE_NODT_BASE, RTE_NODT_SIZE),
	};
	struct platform_device_info info = {
		.name = RTE_NODT_NAME,
		.id = RTE_NODT_ID,
		.res = res,
		.num_res = ARRAY_SIZE(res),
		.properties = rte_nodt_props,
	};
	struct rte_nodt *n = &rte_nodt;
	struct device_node *gic;
	int i, ret;

	gic = of_find_compatible_node(NULL, NULL, "arm,gic-400");
	if (!gic) {
		pr_err("rte_nodt_ttc: no arm,gic-400: not the emulated ZCU102\n");
		return -ENODEV;
	}
	for (i = 0; i < RTE_NODT_COUNTERS; i++) {
		n->irqs[i] = rte_nodt_map_spi(gic, RTE_NODT_FIRST_SPI + i);
		if (!n->irqs[i])
			break;
		res[1 + i] = (struct resource)DEFINE_RES_IRQ(n->irqs[i]);
	}
	of_node_put(gic);
	if (i < RTE_NODT_COUNTERS) {
		pr_err("rte_nodt_ttc: cannot map SPI %d\n", RTE_NODT_FIRST_SPI + i);
		ret = -EINVAL;
		goto undo;
	}

	n->clk = clk_hw_register_fixed_rate(NULL, "rte-nodt-ttc", NULL, 0,
					    RTE_NODT_HZ);
	if (IS_ERR(n->clk)) {
		ret = PTR_ERR(n->clk);
		goto undo;
	}
	n->lookup = clkdev_hw_create(n->clk, NULL, RTE_NODT_NAME ".%d",
				     RTE_NODT_ID);
	if (!n->lookup) {
		ret = -ENOMEM;
		goto undo;
	}

	n->pdev = platform_device_register_full(&info);
	if (IS_ERR(n->pdev)) {
		ret = PTR_ERR(n->pdev);
		goto undo;
	}
	pr_info("rte_nodt_ttc: %s.%d at %#x, SPIs %d-%d, no device tree\n",
		RTE_NODT_NAME, RTE_NODT_ID, RTE_NODT_BASE, RTE_NODT_FIRST_SPI,
		RTE_NODT_FIRST_SPI + RTE_NODT_COUNTERS - 1);
	return 0;

undo:
	rte_nodt_undo(n);
	return ret;
}
module_init(rte_nodt_init);

static void __exit rte_nodt_exit(void)
{
	rte_nodt_undo(&rte_nodt);
}
module_exit(rte_nodt_exit);

MODULE_DESCRIPTION("Test only: a TTC without device tree for rt_eval_tmu");
MODULE_LICENSE("GPL");
