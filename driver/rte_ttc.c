// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - Cadence TTC backend (Xilinx Zynq, ZynqMP)
 *
 * A TTC block has three counters, 16 or 32 bits wide ("timer-width"),
 * whose registers interleave by 4 bytes.  In interval mode a counter
 * counts up from 0 to its interval register, restarts from 0 and raises
 * its interrupt: ticks since the restart are the counter value.  Register
 * layout as in drivers/clocksource/timer-cadence-ttc.c and the Zynq TRM.
 *
 * Locking: each counter's registers are its own; process-context callers
 * hold cfg_lock, and the interrupt handler only reads the status register
 * (clear on read), so no lock.
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/property.h>

#include "rte_drv.h"

#define TTC_CLK_CNTRL		0x00	/* RW: prescaler */
#define TTC_CNT_CNTRL		0x0c	/* RW: counter control */
#define TTC_COUNT_VAL		0x18	/* RO: counter value */
#define TTC_INTR_VAL		0x24	/* RW: interval */
#define TTC_ISR			0x54	/* RO, clear on read: status */
#define TTC_IER			0x60	/* RW: interrupt enable */
#define TTC_CLK_PS_EN		BIT(0)	/* prescaler enable */
#define TTC_CLK_PS_SHIFT	1	/* divide by 2^(N + 1) */
#define TTC_CNT_DISABLE		BIT(0)
#define TTC_CNT_INTERVAL	BIT(1)	/* count 0..interval, then restart */
#define TTC_CNT_RESET		BIT(4)
#define TTC_INT_INTERVAL	BIT(0)
#define TTC_COUNTERS		3

/* Counter @ch's register @reg: the three counters interleave by 4 bytes. */
static u32 rte_ttc_reg(u32 ch, u32 reg)
{
	return reg + 4 * ch;
}

static void rte_ttc_write(struct rte_dev *rd, u32 reg, u32 val)
{
	writel_relaxed(val, rd->chan_base + reg);
}

static u32 rte_ttc_read(struct rte_dev *rd, u32 reg)
{
	return readl_relaxed(rd->chan_base + reg);
}

/* CLK_CNTRL value for a divider: 1 (no prescaler) or 2^1 .. 2^16. */
static int rte_ttc_clk_cntrl(u32 divider)
{
	u32 n;

	if (divider == 1)
		return 0;
	for (n = 0; n < 16; n++)
		if (divider == 2U << n)
			return (n << TTC_CLK_PS_SHIFT) | TTC_CLK_PS_EN;
	return -EINVAL;
}

static int rte_ttc_init(struct rte_dev *rd, u32 prescaler)
{
	int clk_cntrl = rte_ttc_clk_cntrl(prescaler);
	u32 width;

	if (clk_cntrl < 0)
		return dev_err_probe(rd->dev, -EINVAL,
				     "rt-eval,prescaler %u: the TTC divides by 1 or a power of two up to 65536\n",
				     prescaler);
	if (device_property_read_u32(rd->dev, "timer-width", &width))
		width = 16;
	if (width != 16 && width != 32)
		return dev_err_probe(rd->dev, -EINVAL,
				     "timer-width %u: use 16 or 32\n", width);
	if (rte_ttc_reg(rd->channel, TTC_IER) + 4 > rd->base_size)
		return dev_err_probe(rd->dev, -EINVAL,
				     "counter %u lies beyond the %pa-byte register range\n",
				     rd->channel, &rd->base_size);
	rd->hw_priv = clk_cntrl;
	rd->counter_bits = width;
	rd->chan_base = rd->base + rte_ttc_reg(rd->channel, 0);
	rd->hw.count_reg = rd->chan_base + TTC_COUNT_VAL;
	return 0;
}

static void rte_ttc_stop(struct rte_dev *rd)
{
	rte_ttc_write(rd, TTC_CNT_CNTRL, TTC_CNT_DISABLE | TTC_CNT_INTERVAL);
	rte_ttc_write(rd, TTC_IER, 0);
	/* status clears on read */
	rte_ttc_read(rd, TTC_ISR);
}

static void rte_ttc_start(struct rte_dev *rd)
{
	rte_ttc_stop(rd);
	rte_ttc_write(rd, TTC_CLK_CNTRL, rd->hw_priv);
	/* interval mode counts 0..interval: interval = period - 1 */
	rte_ttc_write(rd, TTC_INTR_VAL, rd->hw.t.reload);
	rte_ttc_write(rd, TTC_IER, TTC_INT_INTERVAL);
	/* non-relaxed: order the setup writes and the handler's state */
	writel(TTC_CNT_INTERVAL | TTC_CNT_RESET, rd->chan_base + TTC_CNT_CNTRL);
}

static bool rte_ttc_ack(struct rte_dev *rd)
{
	return rte_ttc_read(rd, TTC_ISR) & TTC_INT_INTERVAL;
}

const struct rte_backend rte_ttc_backend = {
	.name = "Cadence TTC",
	.id = RT_EVAL_TMU_BACKEND_TTC,
	.channels = TTC_COUNTERS,
	.counts_down = false,
	.init = rte_ttc_init,
	.start = rte_ttc_start,
	.stop = rte_ttc_stop,
	.ack = rte_ttc_ack,
};
