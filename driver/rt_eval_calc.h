/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_eval_tmu - pure arithmetic shared by the driver and the host unit tests
 *
 * Nothing in here touches hardware or kernel state: tick arithmetic,
 * missed-period detection, 128-bit statistics sums, ring indexing and the
 * register layout of both timer backends.  The driver includes it as is;
 * the native unit tests build the very same code against a small shim.
 *
 * Rules: nothing the interrupt handler calls divides (rte_measure(),
 * rte_stats_add(), rte_ring_*(), rte_should_wake()); the rest runs in
 * process context.
 */
#ifndef _RT_EVAL_CALC_H
#define _RT_EVAL_CALC_H

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/types.h>
#else
#include "rte_host_shim.h"
#endif

#define RTE_NSEC_PER_SEC	1000000000ULL

/* ---------------------------------------------------------------------- */
/* 128-bit unsigned arithmetic (portable: no __int128, no libgcc helpers)  */

/**
 * struct rte_u128 - unsigned 128-bit value
 * @hi: upper 64 bits
 * @lo: lower 64 bits
 */
struct rte_u128 {
	u64 hi;
	u64 lo;
};

static inline struct rte_u128 rte_u128_from64(u64 v)
{
	struct rte_u128 r = { .hi = 0, .lo = v };

	return r;
}

static inline void rte_u128_add(struct rte_u128 *a, struct rte_u128 b)
{
	u64 lo = a->lo + b.lo;

	a->hi += b.hi + (lo < a->lo);
	a->lo = lo;
}

/* a - b; the caller guarantees a >= b */
static inline struct rte_u128 rte_u128_sub(struct rte_u128 a, struct rte_u128 b)
{
	struct rte_u128 r;

	r.lo = a.lo - b.lo;
	r.hi = a.hi - b.hi - (a.lo < b.lo);
	return r;
}

static inline int rte_u128_cmp(struct rte_u128 a, struct rte_u128 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

/* Full 64 x 64 -> 128 bit product, from 32-bit halves. */
static inline struct rte_u128 rte_mul64(u64 a, u64 b)
{
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
	struct rte_u128 r;

	r.lo = (mid << 32) | (u32)ll;
	r.hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	return r;
}

/* a * b, the product must fit 128 bits (the callers' bounds guarantee it) */
static inline struct rte_u128 rte_u128_mul64(struct rte_u128 a, u64 b)
{
	struct rte_u128 r = rte_mul64(a.lo, b);

	r.hi += a.hi * b;
	return r;
}

/*
 * (hi:lo) / d where hi < d, so that the quotient fits 64 bits; shift and
 * subtract, process context only.  *rem gets the remainder if non-NULL.
 */
static inline u64 rte_div128_64(u64 hi, u64 lo, u64 d, u64 *rem)
{
	u64 q = 0;
	int i;

	for (i = 63; i >= 0; i--) {
		u64 top = hi >> 63;

		hi = (hi << 1) | ((lo >> i) & 1);
		q <<= 1;
		if (top || hi >= d) {
			hi -= d;
			q |= 1;
		}
	}
	if (rem)
		*rem = hi;
	return q;
}

/* n / d with a 128-bit quotient; d must not be 0. */
static inline struct rte_u128 rte_u128_div64(struct rte_u128 n, u64 d)
{
	struct rte_u128 q;
	u64 rem;

	q.hi = div64_u64(n.hi, d);
	rem = n.hi - q.hi * d;
	q.lo = rte_div128_64(rem, n.lo, d, NULL);
	return q;
}

/* n / d saturated to U64_MAX; d must not be 0. */
static inline u64 rte_u128_div64_sat(struct rte_u128 n, u64 d)
{
	if (n.hi >= d)
		return U64_MAX;
	return rte_div128_64(n.hi, n.lo, d, NULL);
}

/* floor(sqrt(n)), bit by bit */
static inline u64 rte_u128_sqrt(struct rte_u128 n)
{
	u64 root = 0;
	int bit;

	for (bit = 63; bit >= 0; bit--) {
		u64 cand = root | (1ULL << bit);

		if (rte_u128_cmp(rte_mul64(cand, cand), n) <= 0)
			root = cand;
	}
	return root;
}

/* ---------------------------------------------------------------------- */
/* Ticks and nanoseconds                                                   */

/* round(a * b / d), saturated to U64_MAX; d must not be 0 */
static inline u64 rte_mul_div_round(u64 a, u64 b, u64 d)
{
	struct rte_u128 n = rte_mul64(a, b);

	rte_u128_add(&n, rte_u128_from64(d / 2));
	return rte_u128_div64_sat(n, d);
}

/* Exact conversion with the device's tick rate, rounded to nearest ns. */
static inline u64 rte_ticks_to_ns(u64 ticks, u64 tick_hz)
{
	return rte_mul_div_round(ticks, RTE_NSEC_PER_SEC, tick_hz);
}

static inline u64 rte_ns_to_ticks(u64 ns, u64 tick_hz)
{
	return rte_mul_div_round(ns, tick_hz, RTE_NSEC_PER_SEC);
}

/*
 * Largest tick count whose duration does not exceed @ns: a sample is above
 * a threshold of @ns exactly when its latency in ticks is above this.
 */
static inline u64 rte_ns_to_ticks_floor(u64 ns, u64 tick_hz)
{
	return rte_u128_div64_sat(rte_mul64(ns, tick_hz), RTE_NSEC_PER_SEC);
}

/**
 * struct rte_cyc2ns - multiply-and-shift conversion for the IRQ handler
 * @mult: multiplier
 * @shift: shift
 *
 * ns ~= (ticks * mult) >> shift for ticks < 2^32, without a division; a few
 * ns of error at most, used only to place the underflow in time.
 */
struct rte_cyc2ns {
	u32 mult;
	u32 shift;
};

static inline struct rte_cyc2ns rte_cyc2ns_init(u64 tick_hz)
{
	struct rte_cyc2ns c = { .mult = 0, .shift = 0 };
	u32 shift;

	for (shift = 32; shift > 0; shift--) {
		u64 mult = div64_u64((RTE_NSEC_PER_SEC << shift) + tick_hz / 2,
				     tick_hz);

		if (mult <= U32_MAX) {
			c.mult = (u32)mult;
			c.shift = shift;
			break;
		}
	}
	return c;
}

static inline u64 rte_cyc2ns(struct rte_cyc2ns c, u32 ticks)
{
	return ((u64)ticks * c.mult) >> c.shift;
}

/* ---------------------------------------------------------------------- */
/* The measurement                                                         */

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
					t->place_tol_ns);
	*missed = rte_missed_periods((s64)(uf_ns - *last_uf_ns), t->period_ns);
	*last_uf_ns = uf_ns;
	return rte_latency_ticks(*missed, t->period_ticks, elapsed);
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

/* ---------------------------------------------------------------------- */
/* Running statistics, integer only                                         */

/**
 * struct rte_stats - running sums over samples, in ticks
 * @count: samples
 * @sum: sum of latencies (2^64 ticks is 17 years at 33 MHz: cannot wrap)
 * @sumsq: sum of squared latencies, 128 bits
 * @min: smallest latency, U64_MAX when empty
 * @max: largest latency
 * @above: samples whose latency exceeded the threshold
 * @missed: unserved periods, summed
 */
struct rte_stats {
	u64 count;
	u64 sum;
	struct rte_u128 sumsq;
	u64 min;
	u64 max;
	u64 above;
	u64 missed;
};

static inline void rte_stats_init(struct rte_stats *s)
{
	s->count = 0;
	s->sum = 0;
	s->sumsq = rte_u128_from64(0);
	s->min = U64_MAX;
	s->max = 0;
	s->above = 0;
	s->missed = 0;
}

/* Hard-IRQ safe: adds, compares and one multiply. */
static inline void rte_stats_add(struct rte_stats *s, u64 ticks, u32 missed,
				 u64 threshold_ticks)
{
	s->count++;
	s->sum += ticks;
	if (ticks <= U32_MAX)
		rte_u128_add(&s->sumsq, rte_u128_from64(ticks * ticks));
	else
		rte_u128_add(&s->sumsq, rte_mul64(ticks, ticks));
	if (ticks < s->min)
		s->min = ticks;
	if (ticks > s->max)
		s->max = ticks;
	if (ticks > threshold_ticks)
		s->above++;
	s->missed += missed;
}

static inline void rte_stats_merge(struct rte_stats *d,
				   const struct rte_stats *s)
{
	d->count += s->count;
	d->sum += s->sum;
	rte_u128_add(&d->sumsq, s->sumsq);
	if (s->min < d->min)
		d->min = s->min;
	if (s->max > d->max)
		d->max = s->max;
	d->above += s->above;
	d->missed += s->missed;
}

/* Mean converted with @tick_hz, rounded; pass 1e9 to get it in ticks. */
static inline u64 rte_stats_mean(const struct rte_stats *s, u64 tick_hz)
{
	struct rte_u128 n;

	if (!s->count)
		return 0;
	n = rte_mul64(s->sum, RTE_NSEC_PER_SEC);
	rte_u128_add(&n, rte_mul64(tick_hz / 2, s->count));
	return rte_u128_div64_sat(rte_u128_div64(n, s->count), tick_hz);
}

/*
 * Population standard deviation converted with @tick_hz, rounded; pass 1e9
 * to get it in ticks.  Variance = (n * sumsq - sum^2) / n^2, computed in
 * 128 bits with up to 32 extra fraction bits so that sub-tick deviations
 * are not lost.
 */
static inline u64 rte_stats_stddev(const struct rte_stats *s, u64 tick_hz)
{
	struct rte_u128 var;
	u64 root, frac_bits = 0;

	if (s->count < 2)
		return 0;
	var = rte_u128_sub(rte_u128_mul64(s->sumsq, s->count),
			   rte_mul64(s->sum, s->sum));
	/* scale by 4^k while it fits: sqrt then carries k fraction bits */
	while (frac_bits < 16 && !(var.hi >> 60)) {
		var.hi = (var.hi << 2) | (var.lo >> 62);
		var.lo <<= 2;
		frac_bits++;
	}
	var = rte_u128_div64(rte_u128_div64(var, s->count), s->count);
	root = rte_u128_sqrt(var);
	/* root / 2^frac_bits ticks -> ns, rounded */
	return rte_mul_div_round(root, RTE_NSEC_PER_SEC,
				 tick_hz << frac_bits);
}

/* Parts per million of @part in @whole, rounded down; 0 if @whole is 0. */
static inline u64 rte_ppm(u64 part, u64 whole)
{
	if (!whole)
		return 0;
	return rte_u128_div64_sat(rte_mul64(part, 1000000), whole);
}

/* ---------------------------------------------------------------------- */
/* Single-producer single-consumer ring of free-running u32 indexes        */

static inline u32 rte_ring_used(u32 head, u32 tail)
{
	return head - tail;
}

static inline bool rte_ring_full(u32 head, u32 tail, u32 size)
{
	return rte_ring_used(head, tail) >= size;
}

/* @size is a power of two */
static inline u32 rte_ring_slot(u32 idx, u32 size)
{
	return idx & (size - 1);
}

/* Wake a blocked reader only in batches: a watermark or a time slice. */
static inline bool rte_should_wake(u32 pending, u32 watermark, u64 now_ns,
				   u64 last_wake_ns, u64 wake_interval_ns)
{
	return pending >= watermark || now_ns - last_wake_ns >= wake_interval_ns;
}

/* ---------------------------------------------------------------------- */
/* Periods                                                                 */

/* Longest period the counter can hold: the reload register is period - 1. */
static inline u64 rte_max_period_ticks(u32 counter_bits)
{
	return counter_bits >= 32 ? U32_MAX : (1ULL << counter_bits) - 1;
}

/* 0 if @period_ns is usable at @tick_hz, else -EINVAL; *ticks gets it. */
static inline int rte_period_from_ns(u64 period_ns, u64 tick_hz,
				     u32 counter_bits, u64 min_period_ns,
				     u32 *ticks)
{
	u64 t;

	if (period_ns < min_period_ns)
		return -EINVAL;
	t = rte_ns_to_ticks(period_ns, tick_hz);
	if (t < 2 || t > rte_max_period_ticks(counter_bits))
		return -EINVAL;
	*ticks = (u32)t;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Renesas R-Car TMU register layout (see sh_tmu.c, R-Car HW manual)       */

#define RTE_TMU_TSTR		0x04	/* RW  8-bit: start bit n per channel */
#define RTE_TMU_CH_BASE		0x08	/* channel 0 registers */
#define RTE_TMU_CH_STRIDE	0x0c	/* per channel */
#define RTE_TMU_TCOR		0x00	/* RW 32-bit: constant (reload) */
#define RTE_TMU_TCNT		0x04	/* RW 32-bit: down counter */
#define RTE_TMU_TCR		0x08	/* RW 16-bit: control */
#define RTE_TMU_TCR_UNF		BIT(8)	/* underflow flag, write 0 to clear */
#define RTE_TMU_TCR_UNIE	BIT(5)	/* underflow interrupt enable */
#define RTE_TMU_TCR_TPSC	0x7	/* prescaler select */
#define RTE_TMU_CHANNELS	3

/* Offset of channel @ch's register @reg from the block base. */
static inline u32 rte_tmu_reg(u32 ch, u32 reg)
{
	return RTE_TMU_CH_BASE + ch * RTE_TMU_CH_STRIDE + reg;
}

/* TCR.TPSC for a divider of the peripheral clock: 4, 16, 64, 256, 1024. */
static inline int rte_tmu_tpsc(u32 divider)
{
	int tpsc;

	for (tpsc = 0; tpsc <= 4; tpsc++)
		if (divider == 4U << (2 * tpsc))
			return tpsc;
	return -EINVAL;
}

/* ---------------------------------------------------------------------- */
/* Cadence TTC register layout (see timer-cadence-ttc.c, Zynq TRM)         */

#define RTE_TTC_CLK_CNTRL	0x00	/* RW: prescaler */
#define RTE_TTC_CNT_CNTRL	0x0c	/* RW: counter control */
#define RTE_TTC_COUNT_VAL	0x18	/* RO: counter value */
#define RTE_TTC_INTR_VAL	0x24	/* RW: interval */
#define RTE_TTC_ISR		0x54	/* RO, clear on read: status */
#define RTE_TTC_IER		0x60	/* RW: interrupt enable */
#define RTE_TTC_CLK_PS_EN	BIT(0)	/* prescaler enable */
#define RTE_TTC_CLK_PS_SHIFT	1	/* divide by 2^(N + 1) */
#define RTE_TTC_CNT_DISABLE	BIT(0)
#define RTE_TTC_CNT_INTERVAL	BIT(1)	/* count 0..interval, then restart */
#define RTE_TTC_CNT_RESET	BIT(4)
#define RTE_TTC_INT_INTERVAL	BIT(0)
#define RTE_TTC_CHANNELS	3

/* Counter @ch's register @reg: the three counters interleave by 4 bytes. */
static inline u32 rte_ttc_reg(u32 ch, u32 reg)
{
	return reg + 4 * ch;
}

/* CLK_CNTRL value for a divider: 1 (no prescaler) or 2^1 .. 2^16. */
static inline int rte_ttc_clk_cntrl(u32 divider)
{
	u32 n;

	if (divider == 1)
		return 0;
	for (n = 0; n < 16; n++)
		if (divider == 2U << n)
			return (n << RTE_TTC_CLK_PS_SHIFT) | RTE_TTC_CLK_PS_EN;
	return -EINVAL;
}

#endif /* _RT_EVAL_CALC_H */
