// SPDX-License-Identifier: GPL-2.0
/* Prometheus latency histograms with fixed bounds: see rte_prom_hist.h. */
#include <string.h>

#include "rte_prom_hist.h"
#include "rte_run.h"

static const struct {
	u64 ns;
	const char *le;
} rte_prom_le_tab[RTE_PROM_LE_N] = {
	{ 1000, "1e-06" }, { 2000, "2e-06" }, { 5000, "5e-06" },
	{ 10000, "1e-05" }, { 20000, "2e-05" }, { 50000, "5e-05" },
	{ 100000, "0.0001" }, { 200000, "0.0002" }, { 500000, "0.0005" },
	{ 1000000, "0.001" }, { 2000000, "0.002" }, { 5000000, "0.005" },
	{ 10000000, "0.01" }, { 20000000, "0.02" }, { 50000000, "0.05" },
	{ 100000000, "0.1" }, { 200000000, "0.2" }, { 500000000, "0.5" },
	{ 1000000000, "1" },
};

u64 rte_prom_le_ns(unsigned int i)
{
	return i < RTE_PROM_LE_N ? rte_prom_le_tab[i].ns : U64_MAX;
}

const char *rte_prom_le_label(unsigned int i)
{
	return i < RTE_PROM_LE_N ? rte_prom_le_tab[i].le : "+Inf";
}

void rte_prom_le_bounds(u64 ticks[RTE_PROM_LE_N], u64 tick_hz)
{
	unsigned int i;

	for (i = 0; i < RTE_PROM_LE_N; i++)
		ticks[i] = rte_ns_to_ticks_floor(rte_prom_le_tab[i].ns, tick_hz);
}

void rte_prom_le_add(struct rte_prom_le *h, const u64 ticks[RTE_PROM_LE_N],
		     u64 v)
{
	unsigned int i = 0;

	while (i < RTE_PROM_LE_N && v > ticks[i])
		i++;
	h->count[i]++;
}

void rte_prom_le_merge(struct rte_prom_le *d, const struct rte_prom_le *s)
{
	unsigned int i;

	for (i = 0; i <= RTE_PROM_LE_N; i++)
		d->count[i] += s->count[i];
}

void rte_prom_histogram(struct rte_buf *b, const char *name,
			const char *help, const char *labels,
			const struct rte_prom_le *h, u64 sum_ns)
{
	u64 cum = 0;
	unsigned int i;

	rte_buf_printf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help,
		       name);
	for (i = 0; i <= RTE_PROM_LE_N; i++) {
		cum += h->count[i];
		rte_buf_printf(b, "%s_bucket{%s,le=\"%s\"} %llu\n", name, labels,
			       rte_prom_le_label(i), (unsigned long long)cum);
	}
	rte_buf_printf(b, "%s_sum{%s} %llue-9\n", name, labels,
		       (unsigned long long)sum_ns);
	rte_buf_printf(b, "%s_count{%s} %llu\n", name, labels,
		       (unsigned long long)cum);
}

void rte_prom_hist_run(struct rte_buf *b, const char *labels,
		       const struct rte_run *r)
{
	u64 hz = r->hdr->info.tick_hz;

	rte_prom_histogram(b, "rt_eval_irq_latency_seconds",
			   "Interrupt (IRQ stage) latency since the collector started; buckets 1, 2, 5 per decade from 1 us to 1 s.",
			   labels, &r->total.le,
			   rte_ticks_to_ns(r->total.st.sum, hz));
}
