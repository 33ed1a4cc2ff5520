/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_eval_tmu - the interrupt handler's arithmetic: from a counter read and
 * clock reads to a true latency and the periods missed before it.  Nothing
 * here divides on the common path; shared with the host unit tests.
 */
#ifndef _RTE_MEASURE_H
#define _RTE_MEASURE_H

#include <linux/limits.h>
#include <linux/types.h>

#include "rte_ticks.h"

/**
 * rte_elapsed() - ticks since the last underflow from a raw counter value
 * @raw: counter register as read in the handler
 * @reload: value the counter restarts from after each underflow (TMU:
 *	TCOR = period - 1) or the last value before it (TTC: interval =
 *	period - 1)
 * @mask: counter width mask
 * @counts_down: TMU counts down from @reload to 0, TTC counts up from 0
 */
static inline u32 rte_elapsed(u32 raw, u32 reload, u32 mask, bool counts_down)
{
	if (counts_down)
		return (reload - raw) & mask;
	return raw & mask;
}

/*
 * n / d by shift and subtract: no divide instruction and no libgcc helper
 * on 32-bit CPUs, at most 64 rounds.  For the handler's rare late path.
 */
static inline u64 rte_div_shift_sub(u64 n, u64 d)
{
	u64 q = 0, bit = 1;

	if (!d)
		return U64_MAX;
	while (d <= n && !(d >> 63)) {
		d <<= 1;
		bit <<= 1;
	}
	while (bit) {
		if (n >= d) {
			n -= d;
			q |= bit;
		}
		d >>= 1;
		bit >>= 1;
	}
	return q;
}

/**
 * rte_missed_periods() - underflows that went unserved between two samples
 * @gap_ns: time between the underflow of the previous sample and the most
 *	recent underflow before this sample, both placed in time with
 *	CLOCK_MONOTONIC
 * @period_ns: timer period
 *
 * The counter alone cannot tell a 1 ms latency from an 11 ms one at a 10 ms
 * period: it wraps.  The monotonic clock can.  Gaps are rounded to whole
 * periods.  Beyond 1.5 periods (rare), a shift-and-subtract division.
 */
static inline u32 rte_missed_periods(s64 gap_ns, u64 period_ns)
{
	u64 k;

	if (gap_ns <= 0 || (u64)gap_ns < period_ns + period_ns / 2)
		return 0;
	k = rte_div_shift_sub((u64)gap_ns + period_ns / 2, period_ns);
	return k - 1 > U32_MAX ? U32_MAX : (u32)(k - 1);
}

/* True latency: whole periods the interrupt was late plus the counter. */
static inline u64 rte_latency_ticks(u32 missed, u32 period_ticks, u32 elapsed)
{
	return (u64)missed * period_ticks + elapsed;
}

/**
 * struct rte_timing - what turns a counter read into a latency
 * @reload: period_ticks - 1: the TMU's TCOR, the TTC's interval
 * @mask: counter width mask
 * @period_ticks: timer period in ticks
 * @period_ns: timer period in ns, rounded
 * @place_tol_ns: period_ns / 8: the widest clock bracket that still places
 *	an underflow in time well enough to count whole periods (two such
 *	placements together stay below half a period)
 * @cyc2ns: ticks to ns without division
 * @counts_down: TMU style down-counter
 */
struct rte_timing {
	u32 reload;
	u32 mask;
	u32 period_ticks;
	u64 period_ns;
	u64 place_tol_ns;
	struct rte_cyc2ns cyc2ns;
	bool counts_down;
};

/**
 * struct rte_reading - what the handler read for one sample
 * @raw: the counter, read first thing: the measurement
 * @now_ns: CLOCK_MONOTONIC, read right after @raw
 * @place_raw: the counter read again, to place the underflow in time
 * @place_lo_ns: CLOCK_MONOTONIC, read before @place_raw
 * @place_hi_ns: CLOCK_MONOTONIC, read after @place_raw
 *
 * @raw says how long ago the counter underflowed, modulo the period; the
 * clock says which period that was.  A single clock read after @raw cannot
 * do it alone: the handler may be held up between the two reads (a vCPU
 * descheduled, an emulator preempted), and the clock then runs ahead of the
 * counter read.  @place_raw, bracketed by two clock reads, places an
 * underflow within place_hi_ns - place_lo_ns whatever happened before, and
 * @raw is related to it by counter arithmetic alone.
 */
struct rte_reading {
	u32 raw;
	u64 now_ns;
	u32 place_raw;
	u64 place_lo_ns;
	u64 place_hi_ns;
};

/* True when the bracket around the placement read is tight enough. */
static inline bool rte_place_ok(const struct rte_timing *t, u64 lo_ns,
				u64 hi_ns)
{
	return hi_ns - lo_ns <= t->place_tol_ns;
}

/**
 * rte_measure() - the handler's arithmetic, from counter to true latency
 * @t: timer configuration
 * @last_uf_ns: in: CLOCK_MONOTONIC time of the previously served underflow
 *	(or of the timer start); out: that of the underflow just counted from
 * @r: what the handler read
 * @missed: out: periods that went unserved before this sample
 * @uncertain: out: @missed may overstate by whole periods (see below)
 *
 * The underflow before @r->place_raw is placed at place_lo_ns minus the
 * ticks elapsed at that read.  @r->raw was read earlier, at least
 * place_lo_ns - now_ns earlier by the clock: the underflow it counts from
 * is the latest one that allows that, found by counter arithmetic (whole
 * periods between the two reads).  Whole periods between this underflow
 * and the previous one are missed periods; both were placed from tight
 * brackets, so rounding the gap to periods is exact.
 *
 * What the clock cannot bound is a stall between @r->raw and @r->now_ns.
 * The counter sees it modulo the period only, so a stall of a period or
 * more there is taken for a shorter one: that can overstate by whole
 * periods, never fold.  @uncertain is set when the two counter readings
 * show such a stall beyond the placement tolerance, or no tight bracket
 * could be had.
 *
 * It is also set when either read found the counter at the last tick of
 * a period (@reload elapsed): one tick in a period on hardware, but where
 * an emulated timer rests while its underflow is overdue (QEMU's TMU
 * model reads 0 until its host thread has run the underflow).  Such a
 * read can tie the sample to the underflow a period early: then latency
 * and missed can understate by one period.
 *
 * Return: latency in ticks, including the missed periods.
 */
static inline u64 rte_measure(const struct rte_timing *t, u64 *last_uf_ns,
			      const struct rte_reading *r, u32 *missed,
			      bool *uncertain)
{
	u32 elapsed = rte_elapsed(r->raw, t->reload, t->mask, t->counts_down);
	u32 placed = rte_elapsed(r->place_raw, t->reload, t->mask,
				 t->counts_down);
	u64 placed_ns = rte_cyc2ns(t->cyc2ns, placed);
	u64 elapsed_ns = rte_cyc2ns(t->cyc2ns, elapsed);
	/* a tick of quantisation in each reading */
	u64 slack_ns = rte_cyc2ns(t->cyc2ns, 2);
	/* placed_ns + wraps * period must reach this: see above */
	u64 need_ns = r->place_lo_ns - r->now_ns + elapsed_ns;
	u64 uf_ns = r->place_lo_ns - placed_ns, wraps = 0;
	s64 between_ns;

	need_ns = need_ns > slack_ns ? need_ns - slack_ns : 0;
	if (placed_ns < need_ns) {
		/* the counter wrapped between the two reads: how often? */
		wraps = need_ns - placed_ns <= t->period_ns ? 1 :
			rte_div_shift_sub(need_ns - placed_ns +
					  t->period_ns - 1, t->period_ns);
		uf_ns -= wraps * t->period_ns;
	}
	/* beyond what the clock saw between them: a stall before now_ns */
	between_ns = (s64)(placed_ns + wraps * t->period_ns - elapsed_ns);
	*uncertain = !rte_place_ok(t, r->place_lo_ns, r->place_hi_ns) ||
		     between_ns > (s64)(r->place_hi_ns - r->now_ns +
					t->place_tol_ns) ||
		     elapsed == t->reload || placed == t->reload;
	*missed = rte_missed_periods((s64)(uf_ns - *last_uf_ns), t->period_ns);
	*last_uf_ns = uf_ns;
	return rte_latency_ticks(*missed, t->period_ticks, elapsed);
}

/*
 * A latency of @ticks, @missed whole periods of them, in ns: multiply and
 * shift only (a few ns of rounding), for the handler's trace event.
 */
static inline u64 rte_latency_ns(const struct rte_timing *t, u64 ticks,
				 u32 missed)
{
	u32 elapsed = (u32)(ticks - (u64)missed * t->period_ticks);

	return (u64)missed * t->period_ns + rte_cyc2ns(t->cyc2ns, elapsed);
}

/*
 * The underflow that raised a sample's interrupt: @missed periods before
 * the one rte_measure() left in *last_uf_ns (the latency counts from it).
 */
static inline u64 rte_raised_uf_ns(const struct rte_timing *t, u64 last_uf_ns,
				   u32 missed)
{
	return last_uf_ns - (u64)missed * t->period_ns;
}

/**
 * rte_stage2_ticks() - ticks from a placed underflow to a later counter read
 * @t: timer configuration
 * @uf_ns: CLOCK_MONOTONIC time of the sample's underflow, rte_raised_uf_ns()
 * @raw: the counter, read between @lo_ns and @hi_ns
 * @lo_ns: CLOCK_MONOTONIC before @raw
 * @hi_ns: CLOCK_MONOTONIC after @raw
 *
 * The counter gives the ticks since the underflow before @raw; the clock,
 * rounded, the whole periods between @uf_ns and that underflow: exact
 * while the bracket is within the placement tolerance.  Never folded.  For
 * the thread stage, not the handler (no division, but a loop).
 *
 * Return: ticks from @uf_ns's underflow to @raw.
 */
static inline u64 rte_stage2_ticks(const struct rte_timing *t, u64 uf_ns,
				   u32 raw, u64 lo_ns, u64 hi_ns)
{
	u32 elapsed = rte_elapsed(raw, t->reload, t->mask, t->counts_down);
	u64 mid_ns = lo_ns + ((hi_ns - lo_ns) >> 1);
	u64 last_ns = mid_ns - rte_cyc2ns(t->cyc2ns, elapsed);
	s64 gap_ns = (s64)(last_ns - uf_ns);
	u64 k = 0;

	if (gap_ns > (s64)(t->period_ns >> 1))
		k = rte_div_shift_sub((u64)gap_ns + (t->period_ns >> 1),
				      t->period_ns);
	return k * t->period_ticks + elapsed;
}

/* Set @t up for a period of @period_ticks at @tick_hz. */
static inline void rte_timing_set_period(struct rte_timing *t,
					 u32 period_ticks, u64 tick_hz)
{
	t->period_ticks = period_ticks;
	t->reload = period_ticks - 1;
	t->period_ns = rte_ticks_to_ns(period_ticks, tick_hz);
	t->place_tol_ns = t->period_ns >> 3;
}

#endif /* _RTE_MEASURE_H */
