// SPDX-License-Identifier: GPL-2.0
/* The cyclictest histogram file: see rte_fmt_hist.h. */
#include "rte_fmt_hist.h"

/* A footer line: "# @what:" and each column's @v as %0@width */
static void rte_ushist_row(struct rte_buf *b, const char *what, int width,
			   const u64 *v, size_t n)
{
	size_t j;

	rte_buf_printf(b, "# %s:", what);
	for (j = 0; j < n; j++)
		rte_buf_printf(b, " %0*llu", width, (unsigned long long)v[j]);
	rte_buf_printf(b, "\n");
}

void rte_ushist_text(struct rte_buf *b, const struct rte_ushist *h,
		     const struct rte_ushist *th, const struct rte_run *r)
{
	const struct rte_header *hdr = r->hdr;
	const struct rte_ushist *col[2] = { h, th };
	const struct rte_stats *st[2] = { &r->total.st, &r->thr_total.st };
	u64 hz = hdr->info.tick_hz, total[2] = { 0 }, v[2], all = 0;
	size_t ncol = th ? 2 : 1, end = 0, i, j;

	/* up to the last non-empty bucket; bucket 0 at least if counting */
	for (j = 0; j < ncol; j++) {
		if (col[j]->n && !end)
			end = 1;
		for (i = 0; i < col[j]->n; i++)
			if (col[j]->count[i] && i >= end)
				end = i + 1;
	}
	rte_buf_printf(b, "# Histogram\n");
	for (i = 0; i < end; i++) {
		rte_buf_printf(b, "%06zu", i);
		for (j = 0; j < ncol; j++) {
			u64 n = i < col[j]->n ? col[j]->count[i] : 0;

			/* cyclictest: a space, then a tab between columns */
			rte_buf_printf(b, "%s%06llu", j ? "\t" : " ",
				       (unsigned long long)n);
			total[j] += n;
		}
		rte_buf_printf(b, "\n");
	}
	rte_ushist_row(b, "Total", 9, total, ncol);
	for (j = 0; j < ncol; j++)
		v[j] = st[j]->count ? rte_ticks_to_ns(st[j]->min, hz) / 1000 : 0;
	rte_ushist_row(b, "Min Latencies", 5, v, ncol);
	for (j = 0; j < ncol; j++)
		v[j] = rte_stats_mean(st[j], hz) / 1000;
	rte_ushist_row(b, "Avg Latencies", 5, v, ncol);
	for (j = 0; j < ncol; j++)
		v[j] = rte_ticks_to_ns(st[j]->max, hz) / 1000;
	rte_ushist_row(b, "Max Latencies", 5, v, ncol);
	rte_buf_printf(b, "# Histogram Overflows:");
	for (j = 0; j < ncol; j++) {
		rte_buf_printf(b, " %05llu",
			       (unsigned long long)col[j]->overflow);
		all += col[j]->overflow;
	}
	if (ncol > 1)	/* cyclictest adds the sum of its threads' */
		rte_buf_printf(b, " %05llu", (unsigned long long)all);
	rte_buf_printf(b, "\n# Histogram Overflow at cycle number:\n");
	for (j = 0; j < ncol; j++) {
		rte_buf_printf(b, "# Thread %zu:", j);
		for (i = 0; i < col[j]->n_oflow; i++)
			rte_buf_printf(b, " %05llu",
				       (unsigned long long)col[j]->oflow_seq[i]);
		if (col[j]->overflow > col[j]->n_oflow)
			rte_buf_printf(b, " # %05llu others",
				       (unsigned long long)(col[j]->overflow -
							    col[j]->n_oflow));
		rte_buf_printf(b, "\n");
	}
	rte_buf_printf(b, "# rt-eval-collect: label \"");
	rte_text_line(b, hdr->label);
	rte_buf_printf(b, "\", ");
	rte_text_line(b, hdr->env.environment);
	rte_buf_printf(b, "%s, ", hdr->env.emulated ?
		       " (emulated board: not hardware figures)" : "");
	rte_text_line(b, hdr->device);
	rte_buf_printf(b, ", %llu Hz, threshold %llu ns\n",
		       (unsigned long long)hz,
		       (unsigned long long)hdr->threshold_ns);
	if (th)
		rte_buf_printf(b,
			       "# rt-eval-collect: Thread 0 is the IRQ stage, Thread 1 the thread stage (%llu late, not counted)\n",
			       (unsigned long long)r->thr_total.late);
	rte_buf_printf(b, "\n");
}
