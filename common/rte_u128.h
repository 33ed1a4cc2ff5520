/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_eval_tmu - unsigned 128-bit arithmetic, portable: no __int128 and no
 * libgcc helper, so that 32-bit kernels build it too.  Shared by the driver
 * and userspace; process context only for the divisions.
 */
#ifndef _RTE_U128_H
#define _RTE_U128_H

#include <linux/math64.h>
#include <linux/types.h>

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

#endif /* _RTE_U128_H */
