// SPDX-License-Identifier: GPL-2.0
/* cyclictest histogram and Prometheus textfile formats: see rte_export.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_export.h"

/* ---------------------------------------------------------------------- */
/* cyclictest / OSADL histogram                                            */

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

/* ---------------------------------------------------------------------- */
/* Prometheus text format                                                  */

/*
 * A label value with \\, " and newline escaped, and bytes that are not
 * UTF-8 replaced by U+FFFD: the format is UTF-8, and one bad byte makes
 * node_exporter drop the whole file.
 */
static void rte_prom_escape(struct rte_buf *b, const char *s)
{
	size_t left = strlen(s), n;

	for (; left; s += n, left -= n) {
		n = 1;
		if (*s == '\\' || *s == '"') {
			rte_buf_printf(b, "\\%c", *s);
		} else if (*s == '\n') {
			rte_buf_add(b, "\\n", 2);
		} else if ((unsigned char)*s < 0x80) {
			rte_buf_add(b, s, 1);
		} else {
			n = rte_utf8_len(s, left);
			if (n) {
				rte_buf_add(b, s, n);
			} else {
				rte_buf_add(b, "\xef\xbf\xbd", 3);
				n = 1;
			}
		}
	}
}

struct rte_prom {
	struct rte_buf *b;
	struct rte_buf labels;	/* device="...",label="..." */
};

static void rte_prom_family(struct rte_prom *p, const char *name,
			    const char *type, const char *help)
{
	rte_buf_printf(p->b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
		       type);
}

/* name{labels[,extra]} value, where a value in ns is written as Ne-9 s */
static void rte_prom_sample(struct rte_prom *p, const char *name,
			    const char *extra, u64 v, bool ns)
{
	rte_buf_printf(p->b, "%s{%s%s%s} %llu%s\n", name, p->labels.p,
		       extra ? "," : "", extra ? extra : "",
		       (unsigned long long)v, ns ? "e-9" : "");
}

static void rte_prom_one(struct rte_prom *p, const char *name,
			 const char *type, const char *help, u64 v, bool ns)
{
	rte_prom_family(p, name, type, help);
	rte_prom_sample(p, name, NULL, v, ns);
}

static void rte_prom_info(struct rte_prom *p, const struct rte_header *h)
{
	const struct {
		const char *name, *val;
	} kv[] = {
		{ "environment", h->env.environment },
		{ "emulated", h->env.emulated ? "true" : "false" },
		{ "kernel", h->env.kernel_release },
		{ "preempt", h->env.preempt },
		{ "backend", h->backend },
		{ "hostname", h->env.hostname },
		{ "xen_version", h->env.xen_version },
		{ "board", h->env.board },
	};
	size_t i;

	rte_prom_family(p, "rt_eval_info", "gauge",
			"Where the run measures; the value is always 1.");
	rte_buf_printf(p->b, "rt_eval_info{%s", p->labels.p);
	for (i = 0; i < RTE_ARRAY_SIZE(kv); i++) {
		rte_buf_printf(p->b, ",%s=\"", kv[i].name);
		rte_prom_escape(p->b, kv[i].val);
		rte_buf_add(p->b, "\"", 1);
	}
	rte_buf_printf(p->b, "} 1\n");
}

void rte_prom_text(struct rte_buf *b, const struct rte_run *r,
		   const struct rte_report *win)
{
	const struct rte_header *h = r->hdr;
	const struct {
		const char *stat;
		u64 ns;
	} wstats[] = {
		{ "mean", win->mean_ns }, { "stddev", win->stddev_ns },
		{ "min", win->min_ns }, { "max", win->max_ns },
		{ "p50", win->p50_ns }, { "p99", win->p99_ns },
		{ "p999", win->p999_ns },
	};
	struct rte_prom p = { .b = b };
	struct rte_report t;
	const char *dev = strrchr(h->device, '/');
	size_t i;

	rte_report_make(&t, &r->total, h->info.tick_hz);
	rte_buf_printf(&p.labels, "device=\"");
	rte_prom_escape(&p.labels, dev ? dev + 1 : h->device);
	rte_buf_printf(&p.labels, "\",label=\"");
	rte_prom_escape(&p.labels, h->label);
	rte_buf_printf(&p.labels, "\"");

	rte_prom_info(&p, h);
	rte_prom_family(&p, "rt_eval_latency_seconds", "summary",
			"Interrupt latency since the collector started; quantiles by nearest rank, within 0.4%.");
	rte_prom_sample(&p, "rt_eval_latency_seconds", "quantile=\"0.5\"", t.p50_ns, true);
	rte_prom_sample(&p, "rt_eval_latency_seconds", "quantile=\"0.99\"", t.p99_ns, true);
	rte_prom_sample(&p, "rt_eval_latency_seconds", "quantile=\"0.999\"", t.p999_ns, true);
	rte_prom_sample(&p, "rt_eval_latency_seconds_sum", NULL,
			rte_ticks_to_ns(r->total.st.sum, h->info.tick_hz), true);
	rte_prom_sample(&p, "rt_eval_latency_seconds_count", NULL, t.samples, false);
	rte_prom_hist_run(b, p.labels.p, r);
	rte_prom_one(&p, "rt_eval_latency_min_seconds", "gauge",
		     "Smallest latency since the collector started.", t.min_ns, true);
	rte_prom_one(&p, "rt_eval_latency_max_seconds", "gauge",
		     "Largest latency since the collector started.", t.max_ns, true);
	rte_prom_one(&p, "rt_eval_latency_mean_seconds", "gauge",
		     "Mean latency since the collector started.", t.mean_ns, true);
	rte_prom_one(&p, "rt_eval_latency_stddev_seconds", "gauge",
		     "Population standard deviation since the collector started.",
		     t.stddev_ns, true);

	rte_prom_family(&p, "rt_eval_window_latency_seconds", "gauge",
			"Latency statistics of the last window (stat: mean, stddev, min, max, p50, p99, p999).");
	for (i = 0; i < RTE_ARRAY_SIZE(wstats); i++) {
		char extra[32];

		snprintf(extra, sizeof(extra), "stat=\"%s\"", wstats[i].stat);
		rte_prom_sample(&p, "rt_eval_window_latency_seconds", extra,
				wstats[i].ns, true);
	}
	rte_prom_one(&p, "rt_eval_window_samples", "gauge",
		     "Samples in the last window.", win->samples, false);
	rte_prom_one(&p, "rt_eval_above_threshold_total", "counter",
		     "Samples above the threshold since the collector started.",
		     t.above, false);
	rte_prom_one(&p, "rt_eval_missed_periods_total", "counter",
		     "Timer periods whose interrupt was served late.", t.missed, false);
	rte_prom_one(&p, "rt_eval_lost_samples_total", "counter",
		     "Samples lost to sequence gaps (driver ring full).", t.lost, false);
	rte_prom_one(&p, "rt_eval_windows_total", "counter",
		     "Windows closed since the collector started.", r->win_index + 1, false);
	rte_prom_one(&p, "rt_eval_threshold_seconds", "gauge",
		     "Above-threshold limit.", h->threshold_ns, true);
	rte_prom_one(&p, "rt_eval_period_seconds", "gauge",
		     "Timer period.", h->info.period_ns, true);
	rte_prom_one(&p, "rt_eval_tick_hertz", "gauge",
		     "Counter rate of the timer.", h->info.tick_hz, false);
	rte_prom_one(&p, "rt_eval_last_window_end_timestamp_seconds", "gauge",
		     "Wall-clock end of the last window, Unix time.",
		     h->start_unix_ns + (r->closed_end - h->start_ns), true);
	rte_buf_free(&p.labels);
}
