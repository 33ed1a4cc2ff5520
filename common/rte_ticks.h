/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_eval_tmu - timer ticks and nanoseconds: exact conversions for readers,
 * a division-free estimate for the interrupt handler, and the periods a
 * counter can hold.  Shared by the driver and userspace.
 */
#ifndef _RTE_TICKS_H
#define _RTE_TICKS_H

#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/types.h>

#include "rte_u128.h"

#define RTE_NSEC_PER_SEC	1000000000ULL

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

#endif /* _RTE_TICKS_H */
