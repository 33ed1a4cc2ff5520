// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke test of QEMU r2d's TMU3/TMU4 under the sh4 test kernel: run one
 * channel at 1 kHz for 100 ms and count its interrupts.  Loading fails
 * (-EIO) unless 10..150 arrived (0 or 1: masked; fewer than 100 when a
 * loaded host makes QEMU merge underflows), so a QEMU whose INTC polarity
 * differs from what 0003-*.patch expects is caught here.
 */
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/module.h>

#define TMU34_BASE	0xfe100000	/* TOCR, TSTR, then 0xc per channel */
#define TMU34_SIZE	0x20
#define TSTR		0x04
#define TCOR(ch)	(0x08 + 0xc * (ch))
#define TCNT(ch)	(0x0c + 0xc * (ch))
#define TCR(ch)		(0x10 + 0xc * (ch))
#define TCR_UNF		0x0100
#define TCR_UNIE	0x0020		/* TPSC 0: Pphi/4 = 15 MHz on r2d */
#define PERIOD		15000		/* 1 ms */

static int ch;
module_param(ch, int, 0444);
MODULE_PARM_DESC(ch, "channel: 0 = TMU3 (IRQ 88), 1 = TMU4 (IRQ 92)");

static void __iomem *base;
static atomic_t count = ATOMIC_INIT(0);

static irqreturn_t rte_tmu34_irq(int irq, void *dev)
{
	iowrite16(ioread16(base + TCR(ch)) & ~TCR_UNF, base + TCR(ch));
	atomic_inc(&count);
	return IRQ_HANDLED;
}

static int __init rte_tmu34_init(void)
{
	int irq = 88 + 4 * ch, ret, n;

	if (ch < 0 || ch > 1)
		return -EINVAL;
	if (!request_mem_region(TMU34_BASE, TMU34_SIZE, "rte_tmu34")) {
		pr_err("rte_tmu34: 0x%x busy (sh_tmu has it?)\n", TMU34_BASE);
		return -EBUSY;
	}
	base = ioremap(TMU34_BASE, TMU34_SIZE);
	if (!base) {
		ret = -ENOMEM;
		goto out_region;
	}
	ret = request_irq(irq, rte_tmu34_irq, 0, "rte_tmu34", NULL);
	if (ret)
		goto out_unmap;

	iowrite8(ioread8(base + TSTR) & ~BIT(ch), base + TSTR);
	iowrite32(PERIOD - 1, base + TCOR(ch));
	iowrite32(PERIOD - 1, base + TCNT(ch));
	iowrite16(TCR_UNIE, base + TCR(ch));
	iowrite8(ioread8(base + TSTR) | BIT(ch), base + TSTR);
	msleep(100);
	iowrite8(ioread8(base + TSTR) & ~BIT(ch), base + TSTR);
	iowrite16(0, base + TCR(ch));
	n = atomic_read(&count);
	free_irq(irq, NULL);

	pr_info("rte_tmu34: TMU%d: %d interrupts on IRQ %d in 100 ms at 1 kHz\n",
		3 + ch, n, irq);
	/* succeed only here: the module is then unloaded by rmmod */
	ret = n >= 10 && n <= 150 ? 0 : -EIO;
out_unmap:
	iounmap(base);
out_region:
	release_mem_region(TMU34_BASE, TMU34_SIZE);
	return ret;
}

static void __exit rte_tmu34_exit(void)
{
}

module_init(rte_tmu34_init);
module_exit(rte_tmu34_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sh4 r2d smoke test: TMU3/TMU4 interrupts reach Linux");
