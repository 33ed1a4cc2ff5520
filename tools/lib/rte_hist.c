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
