/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_eval_tmu - running statistics over samples, integer only: the handler
 * adds (no division), readers merge and convert.  The driver's sysfs and
 * kernel log and the tools' windows compute with the very same code.
 */
#ifndef _RTE_STATS_H
#define _RTE_STATS_H

#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/types.h>

#include "rte_ticks.h"
#include "rte_u128.h"

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

/*
 * The one way every output of the project (kernel log, collector windows,
 * summaries, compare) prints a share such as "above threshold": percent
 * with four decimals, rounded down, from parts per million; "0%" only when
 * the part is zero, and RTE_PCT_TINY when it is not but rounds to nothing,
 * so that one spike among a million samples still shows.
 */
#define RTE_PCT_FMT	"%llu.%04u%%"
#define RTE_PCT_ZERO	"0%"
#define RTE_PCT_TINY	"<0.0001%"

/**
 * rte_pct() - a share split for RTE_PCT_FMT
 * @part: samples counted
 * @whole: samples in all
 * @ipart: out: whole percent
 * @frac: out: ten-thousandths of a percent
 *
 * Return: RTE_PCT_ZERO or RTE_PCT_TINY when that string is the whole
 * answer, NULL when @ipart and @frac are to be printed with RTE_PCT_FMT.
 */
static inline const char *rte_pct(u64 part, u64 whole, unsigned long long *ipart,
				  u32 *frac)
{
	u64 ppm = rte_ppm(part, whole);

	*ipart = div_u64_rem(ppm, 10000, frac);
	if (!part)
		return RTE_PCT_ZERO;
	if (!ppm)
		return RTE_PCT_TINY;
	return NULL;
}

/* @part of @whole in the project's one percent format, into @buf. */
static inline void rte_pct_format(char *buf, size_t len, u64 part, u64 whole)
{
	unsigned long long pct;
	const char *s;
	u32 frac;

	s = rte_pct(part, whole, &pct, &frac);
	if (s)
		snprintf(buf, len, "%s", s);
	else
		snprintf(buf, len, RTE_PCT_FMT, pct, frac);
}

#endif /* _RTE_STATS_H */
