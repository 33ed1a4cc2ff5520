// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - the two timer backends
 *
 * Only register programming differs between them; the measurement, the
 * statistics and the interfaces are shared.  Register offsets and field
 * encodings live in rt_eval_calc.h, where the host unit tests check them.
 *
 * Each device owns its whole timer block (the register range is requested
 * exclusively), and process-context callers hold cfg_lock, so the TMU's
 * shared start register needs no further lock.
 */

#include <linux/device.h>
#include <linux/io.h>
#include <linux/property.h>

#include "rt_eval_tmu.h"

/* ---------------------------------------------------------------------- */
/* Renesas R-Car TMU: 32-bit down-counter, reload from TCOR on underflow    */

static u16 rte_tmu_read_tcr(struct rte_dev *rd)
{
	return readw_relaxed(rd->chan_base + RTE_TMU_TCR);
}

static void rte_tmu_write(struct rte_dev *rd, u32 reg, u32 val)
{
	if (reg == RTE_TMU_TCR)
		writew_relaxed(val, rd->chan_base + reg);
	else
		writel_relaxed(val, rd->chan_base + reg);
}

static void rte_tmu_start_stop(struct rte_dev *rd, bool start)
{
	u8 tstr = readb_relaxed(rd->base + RTE_TMU_TSTR);

	if (start)
		tstr |= BIT(rd->channel);
	else
		tstr &= ~BIT(rd->channel);
	/* non-relaxed: order the setup writes and the handler's state */
	writeb(tstr, rd->base + RTE_TMU_TSTR);
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
		channels = RTE_TMU_CHANNELS;
	if (channels < 1 || channels > RTE_TMU_CHANNELS)
		return dev_err_probe(rd->dev, -EINVAL,
				     "#renesas,channels %u: a TMU block has 1 to %u\n",
				     channels, RTE_TMU_CHANNELS);
	if (rd->channel >= channels)
		return dev_err_probe(rd->dev, -EINVAL,
				     "rt-eval,channel %u: this TMU block has channels 0..%u\n",
				     rd->channel, channels - 1);
	if (rte_tmu_reg(rd->channel, RTE_TMU_TCR) + 2 > rd->base_size)
		return dev_err_probe(rd->dev, -EINVAL,
				     "channel %u lies beyond the %pa-byte register range\n",
				     rd->channel, &rd->base_size);
	rd->hw_priv = tpsc;
	rd->counter_bits = 32;
	rd->chan_base = rd->base + rte_tmu_reg(rd->channel, 0);
	rd->hw.count_reg = rd->chan_base + RTE_TMU_TCNT;
	return 0;
}

static void rte_tmu_stop(struct rte_dev *rd)
{
	rte_tmu_start_stop(rd, false);
	/* underflow interrupt off, flag cleared */
	rte_tmu_write(rd, RTE_TMU_TCR, rd->hw_priv);
}

static void rte_tmu_start(struct rte_dev *rd)
{
	rte_tmu_stop(rd);
	/* count down from TCOR, reload it on each underflow */
	rte_tmu_write(rd, RTE_TMU_TCOR, rd->hw.t.reload);
	rte_tmu_write(rd, RTE_TMU_TCNT, rd->hw.t.reload);
	rte_tmu_write(rd, RTE_TMU_TCR, RTE_TMU_TCR_UNIE | rd->hw_priv);
	rte_tmu_start_stop(rd, true);
}

static bool rte_tmu_ack(struct rte_dev *rd)
{
	if (!(rte_tmu_read_tcr(rd) & RTE_TMU_TCR_UNF))
		return false;
	/* UNF is cleared by writing 0 to it */
	rte_tmu_write(rd, RTE_TMU_TCR, RTE_TMU_TCR_UNIE | rd->hw_priv);
	return true;
}

const struct rte_backend rte_tmu_backend = {
	.name = "R-Car TMU",
	.id = RT_EVAL_TMU_BACKEND_TMU,
	.channels = RTE_TMU_CHANNELS,
	.counts_down = true,
	.init = rte_tmu_init,
	.start = rte_tmu_start,
	.stop = rte_tmu_stop,
	.ack = rte_tmu_ack,
};

/* ---------------------------------------------------------------------- */
/* Cadence TTC: up-counter in interval mode, restarts from 0 each period    */

static void rte_ttc_write(struct rte_dev *rd, u32 reg, u32 val)
{
	writel_relaxed(val, rd->chan_base + reg);
}

static u32 rte_ttc_read(struct rte_dev *rd, u32 reg)
{
	return readl_relaxed(rd->chan_base + reg);
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
	if (rte_ttc_reg(rd->channel, RTE_TTC_IER) + 4 > rd->base_size)
		return dev_err_probe(rd->dev, -EINVAL,
				     "counter %u lies beyond the %pa-byte register range\n",
				     rd->channel, &rd->base_size);
	rd->hw_priv = clk_cntrl;
	rd->counter_bits = width;
	rd->chan_base = rd->base + rte_ttc_reg(rd->channel, 0);
	rd->hw.count_reg = rd->chan_base + RTE_TTC_COUNT_VAL;
	return 0;
}

static void rte_ttc_stop(struct rte_dev *rd)
{
	rte_ttc_write(rd, RTE_TTC_CNT_CNTRL,
		      RTE_TTC_CNT_DISABLE | RTE_TTC_CNT_INTERVAL);
	rte_ttc_write(rd, RTE_TTC_IER, 0);
	/* status clears on read */
	rte_ttc_read(rd, RTE_TTC_ISR);
}

static void rte_ttc_start(struct rte_dev *rd)
{
	rte_ttc_stop(rd);
	rte_ttc_write(rd, RTE_TTC_CLK_CNTRL, rd->hw_priv);
	/* interval mode counts 0..interval: interval = period - 1 */
	rte_ttc_write(rd, RTE_TTC_INTR_VAL, rd->hw.t.reload);
	rte_ttc_write(rd, RTE_TTC_IER, RTE_TTC_INT_INTERVAL);
	/* non-relaxed: order the setup writes and the handler's state */
	writel(RTE_TTC_CNT_INTERVAL | RTE_TTC_CNT_RESET,
	       rd->chan_base + RTE_TTC_CNT_CNTRL);
}

static bool rte_ttc_ack(struct rte_dev *rd)
{
	return rte_ttc_read(rd, RTE_TTC_ISR) & RTE_TTC_INT_INTERVAL;
}

const struct rte_backend rte_ttc_backend = {
	.name = "Cadence TTC",
	.id = RT_EVAL_TMU_BACKEND_TTC,
	.channels = RTE_TTC_CHANNELS,
	.counts_down = false,
	.init = rte_ttc_init,
	.start = rte_ttc_start,
	.stop = rte_ttc_stop,
	.ack = rte_ttc_ack,
};
