// SPDX-License-Identifier: GPL-2.0
/* The Prometheus textfile: see rte_fmt_prom.h. */
#include <stdio.h>
#include <string.h>

#include "rte_fmt_prom.h"

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
		if (*s == '\\' || *s == '"')
			rte_buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			rte_buf_add(b, "\\n", 2);
		else if ((unsigned char)*s < 0x80)
			rte_buf_add(b, s, 1);
		else
			n = rte_buf_add_utf8(b, s, left, "\xef\xbf\xbd");
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
	if (rte_run_thread(r))
		rte_prom_one(&p, "rt_eval_thread_late_total", "counter",
			     "Samples whose thread stage had not run by the next interrupt (not measured).",
			     r->thr_total.late, false);
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

void rte_prom_histogram(struct rte_buf *b, const char *name,
			const char *help, const char *labels,
			const struct rte_le *h, u64 sum_ns)
{
	u64 cum = 0;
	unsigned int i;

	rte_buf_printf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help,
		       name);
	for (i = 0; i <= RTE_LE_N; i++) {
		cum += h->count[i];
		rte_buf_printf(b, "%s_bucket{%s,le=\"%s\"} %llu\n", name, labels,
			       rte_le_label(i), (unsigned long long)cum);
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
	if (rte_run_thread(r))
		rte_prom_histogram(b, "rt_eval_thread_latency_seconds",
				   "Latency to the thread stage's SCHED_FIFO kernel thread, from the same underflow, since the collector started; late samples not counted; buckets as rt_eval_irq_latency_seconds.",
				   labels, &r->thr_total.le,
				   rte_ticks_to_ns(r->thr_total.st.sum, hz));
}
