// SPDX-License-Identifier: GPL-2.0
/* The cyclictest histogram file: see rte_fmt_hist.h. */
#include "rte_fmt_hist.h"

void rte_ushist_text(struct rte_buf *b, const struct rte_ushist *h,
		     const struct rte_run *r)
{
	const struct rte_header *hdr = r->hdr;
	const struct rte_stats *st = &r->total.st;
	u64 hz = hdr->info.tick_hz, total = 0, last = 0;
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->count[i])
			last = i;
	rte_buf_printf(b, "# Histogram\n");
	for (i = 0; i < h->n && i <= last; i++) {
		rte_buf_printf(b, "%06zu %06llu\n", i,
			       (unsigned long long)h->count[i]);
		total += h->count[i];
	}
	rte_buf_printf(b, "# Total: %09llu\n", (unsigned long long)total);
	rte_buf_printf(b, "# Min Latencies: %05llu\n", (unsigned long long)
		       (st->count ? rte_ticks_to_ns(st->min, hz) / 1000 : 0));
	rte_buf_printf(b, "# Avg Latencies: %05llu\n",
		       (unsigned long long)(rte_stats_mean(st, hz) / 1000));
	rte_buf_printf(b, "# Max Latencies: %05llu\n",
		       (unsigned long long)(rte_ticks_to_ns(st->max, hz) / 1000));
	rte_buf_printf(b, "# Histogram Overflows: %05llu\n",
		       (unsigned long long)h->overflow);
	rte_buf_printf(b, "# Histogram Overflow at cycle number:\n# Thread 0:");
	for (i = 0; i < h->n_oflow; i++)
		rte_buf_printf(b, " %05llu", (unsigned long long)h->oflow_seq[i]);
	if (h->overflow > h->n_oflow)
		rte_buf_printf(b, " # %05llu others",
			       (unsigned long long)(h->overflow - h->n_oflow));
	rte_buf_printf(b, "\n# rt-eval-collect: label \"");
	rte_text_line(b, hdr->label);
	rte_buf_printf(b, "\", ");
	rte_text_line(b, hdr->env.environment);
	rte_buf_printf(b, "%s, ", hdr->env.emulated ?
		       " (emulated board: not hardware figures)" : "");
	rte_text_line(b, hdr->device);
	rte_buf_printf(b, ", %llu Hz, threshold %llu ns\n\n",
		       (unsigned long long)hz,
		       (unsigned long long)hdr->threshold_ns);
}
