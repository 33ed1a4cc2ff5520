// SPDX-License-Identifier: GPL-2.0
/* Log-linear latency histogram: see rte_hist.h for the layout and bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_hist.h"

unsigned int rte_hist_index(u64 v)
{
	unsigned int e, shift;

	if (v < 2 * RTE_HIST_SUB)
		return (unsigned int)v;
	e = 63 - (unsigned int)__builtin_clzll(v);
	shift = e - RTE_HIST_SUB_BITS;
	return (shift + 1) * RTE_HIST_SUB + (unsigned int)(v >> shift) -
	       RTE_HIST_SUB;
}

u64 rte_hist_lo(unsigned int idx)
{
	unsigned int shift;

	if (idx < RTE_HIST_SUB)
		return idx;
	shift = idx / RTE_HIST_SUB - 1;
	return (u64)(idx % RTE_HIST_SUB + RTE_HIST_SUB) << shift;
}

u64 rte_hist_width(unsigned int idx)
{
	return idx < RTE_HIST_SUB ? 1 : 1ULL << (idx / RTE_HIST_SUB - 1);
}

u64 rte_hist_mid(unsigned int idx)
{
	return rte_hist_lo(idx) + rte_hist_width(idx) / 2;
}

void rte_hist_clear(struct rte_hist *h)
{
	memset(h, 0, sizeof(*h));
}

void rte_hist_add(struct rte_hist *h, u64 v, u64 n)
{
	h->count[rte_hist_index(v)] += n;
	h->total += n;
}

void rte_hist_merge(struct rte_hist *d, const struct rte_hist *s)
{
	unsigned int i;

	for (i = 0; i < RTE_HIST_BUCKETS; i++)
		d->count[i] += s->count[i];
	d->total += s->total;
}

u64 rte_hist_percentile(const struct rte_hist *h, u32 ppm, u64 min, u64 max)
{
	struct rte_u128 n;
	u64 rank, seen = 0, v;
	unsigned int i;

	if (!h->total)
		return 0;
	/* ceil(total * ppm / 10^6), at least 1 */
	n = rte_mul64(h->total, ppm);
	rte_u128_add(&n, rte_u128_from64(999999));
	rank = rte_u128_div64_sat(n, 1000000);
	/* the first and last ranks are the exact extremes */
	if (rank <= 1)
		return min;
	if (rank >= h->total)
		return max;
	for (i = 0; i < RTE_HIST_BUCKETS - 1; i++) {
		seen += h->count[i];
		if (seen >= rank)
			break;
	}
	v = rte_hist_mid(i);
	if (v < min)
		v = min;
	if (v > max)
		v = max;
	return v;
}

/* ---------------------------------------------------------------------- */
/* Per microsecond                                                         */

void rte_ushist_init(struct rte_ushist *h, size_t limit)
{
	memset(h, 0, sizeof(*h));
	h->limit = limit;
}

void rte_ushist_add(struct rte_ushist *h, u64 ns, u64 seq)
{
	u64 us = ns / 1000;

	if (us >= h->limit) {
		if (h->n_oflow < RTE_USHIST_OFLOW_SEQS)
			h->oflow_seq[h->n_oflow++] = seq;
		h->overflow++;
		return;
	}
	if (us >= h->n) {
		size_t n = h->n ? h->n : 64;
		u64 *p;

		while (n <= us)
			n *= 2;
		if (n > h->limit)
			n = h->limit;
		p = realloc(h->count, n * sizeof(*p));
		if (!p) {
			fprintf(stderr, "out of memory (histogram of %zu us)\n", n);
			abort();
		}
		memset(p + h->n, 0, (n - h->n) * sizeof(*p));
		h->count = p;
		h->n = n;
	}
	h->count[us]++;
}

void rte_ushist_free(struct rte_ushist *h)
{
	free(h->count);
	h->count = NULL;
	h->n = 0;
}

/* Latency buckets with fixed bounds: see rte_hist.h. */
static const struct {
	u64 ns;
	const char *le;
} rte_le_tab[RTE_LE_N] = {
	{ 1000, "1e-06" }, { 2000, "2e-06" }, { 5000, "5e-06" },
	{ 10000, "1e-05" }, { 20000, "2e-05" }, { 50000, "5e-05" },
	{ 100000, "0.0001" }, { 200000, "0.0002" }, { 500000, "0.0005" },
	{ 1000000, "0.001" }, { 2000000, "0.002" }, { 5000000, "0.005" },
	{ 10000000, "0.01" }, { 20000000, "0.02" }, { 50000000, "0.05" },
	{ 100000000, "0.1" }, { 200000000, "0.2" }, { 500000000, "0.5" },
	{ 1000000000, "1" },
};

u64 rte_le_ns(unsigned int i)
{
	return i < RTE_LE_N ? rte_le_tab[i].ns : U64_MAX;
}

const char *rte_le_label(unsigned int i)
{
	return i < RTE_LE_N ? rte_le_tab[i].le : "+Inf";
}

void rte_le_bounds(u64 ticks[RTE_LE_N], u64 tick_hz)
{
	unsigned int i;

	for (i = 0; i < RTE_LE_N; i++)
		ticks[i] = rte_ns_to_ticks_floor(rte_le_tab[i].ns, tick_hz);
}

void rte_le_add(struct rte_le *h, const u64 ticks[RTE_LE_N], u64 v)
{
	unsigned int i = 0;

	while (i < RTE_LE_N && v > ticks[i])
		i++;
	h->count[i]++;
}

void rte_le_merge(struct rte_le *d, const struct rte_le *s)
{
	unsigned int i;

	for (i = 0; i <= RTE_LE_N; i++)
		d->count[i] += s->count[i];
}
