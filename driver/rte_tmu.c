// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - Renesas R-Car TMU backend
 *
 * A TMU block has up to three channels, each a 32-bit down-counter (TCNT)
 * that reloads from its constant register (TCOR) on underflow and then
 * raises its interrupt (tuni<n>).  Ticks since the underflow are
 * TCOR - TCNT.  Register layout as in drivers/clocksource/sh_tmu.c and
 * the R-Car hardware manual.
 *
 * Locking: the start register TSTR is shared by the block's channels, but
 * each device owns its whole block (the register range is requested
 * exclusively) and every caller holds cfg_lock or is the interrupt handler,
 * which only acknowledges (TCR), so no further lock.
 */

#include <linux/bits.h>
#include <linux/device.h>
#include <linux/io.h>
#include <linux/property.h>

#include "rte_drv.h"

#define TMU_TSTR		0x04	/* RW  8-bit: start bit n per channel */
#define TMU_CH_BASE		0x08	/* channel 0 registers */
#define TMU_CH_STRIDE		0x0c	/* per channel */
#define TMU_TCOR		0x00	/* RW 32-bit: constant (reload) */
#define TMU_TCNT		0x04	/* RW 32-bit: down counter */
#define TMU_TCR			0x08	/* RW 16-bit: control */
#define TMU_TCR_UNF		BIT(8)	/* underflow flag, write 0 to clear */
#define TMU_TCR_UNIE		BIT(5)	/* underflow interrupt enable */
#define TMU_TCR_TPSC		GENMASK(2, 0)	/* prescaler select */
#define TMU_CHANNELS		3

/* Offset of channel @ch's register @reg from the block base. */
static u32 rte_tmu_reg(u32 ch, u32 reg)
{
	return TMU_CH_BASE + ch * TMU_CH_STRIDE + reg;
}

static u16 rte_tmu_read_tcr(struct rte_dev *rd)
{
	return readw_relaxed(rd->chan_base + TMU_TCR);
}

/* TCR is 16 bits wide, TCOR and TCNT 32 */
static void rte_tmu_write(struct rte_dev *rd, u32 reg, u32 val)
{
	if (reg == TMU_TCR)
		writew_relaxed(val, rd->chan_base + reg);
	else
		writel_relaxed(val, rd->chan_base + reg);
}

static void rte_tmu_start_stop(struct rte_dev *rd, bool start)
{
	u8 tstr = readb_relaxed(rd->base + TMU_TSTR);

	if (start)
		tstr |= BIT(rd->channel);
	else
		tstr &= ~BIT(rd->channel);
	/* non-relaxed: order the setup writes and the handler's state */
	writeb(tstr, rd->base + TMU_TSTR);
}

/* TCR.TPSC for a divider of the peripheral clock: 4, 16, 64, 256, 1024. */
static int rte_tmu_tpsc(u32 divider)
{
	int tpsc;

	for (tpsc = 0; tpsc <= 4; tpsc++)
		if (divider == 4U << (2 * tpsc))
			return tpsc;
	return -EINVAL;
}

static int rte_tmu_init(struct rte_dev *rd, u32 prescaler)
{
	int tpsc = rte_tmu_tpsc(prescaler);
	u32 channels;

	if (tpsc < 0)
		return dev_err_probe(rd->dev, -EINVAL,
				     "rt-eval,prescaler %u: the TMU divides by 4, 16, 64, 256 or 1024\n",
				     prescaler);
	/* blocks with two channels say so (renesas,tmu binding) */
	if (device_property_read_u32(rd->dev, "#renesas,channels", &channels))
		channels = TMU_CHANNELS;
	if (channels < 1 || channels > TMU_CHANNELS)
		return dev_err_probe(rd->dev, -EINVAL,
				     "#renesas,channels %u: a TMU block has 1 to %u\n",
				     channels, TMU_CHANNELS);
	if (rd->channel >= channels)
		return dev_err_probe(rd->dev, -EINVAL,
				     "rt-eval,channel %u: this TMU block has channels 0..%u\n",
				     rd->channel, channels - 1);
	if (rte_tmu_reg(rd->channel, TMU_TCR) + 2 > rd->base_size)
		return dev_err_probe(rd->dev, -EINVAL,
				     "channel %u lies beyond the %pa-byte register range\n",
				     rd->channel, &rd->base_size);
	rd->hw_priv = tpsc;
	rd->counter_bits = 32;
	rd->chan_base = rd->base + rte_tmu_reg(rd->channel, 0);
	rd->hw.count_reg = rd->chan_base + TMU_TCNT;
	return 0;
}

static void rte_tmu_stop(struct rte_dev *rd)
{
	rte_tmu_start_stop(rd, false);
	/* underflow interrupt off, flag cleared */
	rte_tmu_write(rd, TMU_TCR, rd->hw_priv);
}

static void rte_tmu_start(struct rte_dev *rd)
{
	rte_tmu_stop(rd);
	/* count down from TCOR, reload it on each underflow */
	rte_tmu_write(rd, TMU_TCOR, rd->hw.t.reload);
	rte_tmu_write(rd, TMU_TCNT, rd->hw.t.reload);
	rte_tmu_write(rd, TMU_TCR, TMU_TCR_UNIE | rd->hw_priv);
	rte_tmu_start_stop(rd, true);
}

static bool rte_tmu_ack(struct rte_dev *rd)
{
	if (!(rte_tmu_read_tcr(rd) & TMU_TCR_UNF))
		return false;
	/* UNF is cleared by writing 0 to it */
	rte_tmu_write(rd, TMU_TCR, TMU_TCR_UNIE | rd->hw_priv);
	return true;
}

const struct rte_backend rte_tmu_backend = {
	.name = "R-Car TMU",
	.id = RT_EVAL_TMU_BACKEND_TMU,
	.channels = TMU_CHANNELS,
	.counts_down = true,
	.init = rte_tmu_init,
	.start = rte_tmu_start,
	.stop = rte_tmu_stop,
	.ack = rte_tmu_ack,
};
