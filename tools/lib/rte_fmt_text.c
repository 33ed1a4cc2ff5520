// SPDX-License-Identifier: GPL-2.0
/* The collector's lines on stdout: see rte_fmt_text.h. */
#include "rte_fmt_text.h"
#include "rte_percpu.h"

#define MSG_HEADER_LINE "# %s: %s %s, %llu Hz (%llu.%03llu ns/tick), period %llu ns, threshold %llu ns, windows of %llu ms\n"
#define MSG_EMULATED "# emulated board: these figures are the emulator's, not hardware results\n"

/* A file's untrusted text on a "# " line. */
static void rte_text_value(struct rte_buf *b, const char *what, const char *s)
{
	rte_buf_printf(b, "%s", what);
	rte_text_line(b, s[0] ? s : "-");
}

/* "# interrupt 45 on CPU 1, cpufreq ..., cmdline isolcpus=..." if known */
static void rte_text_cpus(struct rte_buf *b, const struct rte_header *h)
{
	const struct rte_env *e = &h->env;

	if (!e->irq && !e->cpufreq_governor[0] && h->dma_latency_us < 0)
		return;		/* a file from before these facts */
	if (e->irq)
		rte_buf_printf(b, "# interrupt %u on CPU ", e->irq);
	else
		rte_buf_printf(b, "# interrupt not found, CPU ");
	rte_text_line(b, e->irq_cpus[0] ? e->irq_cpus : "?");
	rte_text_value(b, ", cpufreq ", e->cpufreq_governor);
	rte_text_value(b, "; isolcpus=", e->isolcpus);
	rte_text_value(b, " nohz_full=", e->nohz_full);
	rte_text_value(b, " irqaffinity=", e->irqaffinity);
	if (h->dma_latency_us >= 0)
		rte_buf_printf(b, "; cpu_dma_latency %d us\n", (int)h->dma_latency_us);
	else
		rte_buf_printf(b, "; no cpu_dma_latency request\n");
}

void rte_text_header(struct rte_buf *b, const struct rte_header *h)
{
	u64 ps = rte_mul_div_round(1000, RTE_NSEC_PER_SEC, h->info.tick_hz);

	rte_buf_printf(b, MSG_HEADER_LINE,
		       h->label[0] ? h->label : "(no label)", h->device, h->backend,
		       (unsigned long long)h->info.tick_hz, (unsigned long long)(ps / 1000),
		       (unsigned long long)(ps % 1000), (unsigned long long)h->info.period_ns,
		       (unsigned long long)h->threshold_ns,
		       (unsigned long long)(h->interval_ns / 1000000));
	rte_buf_printf(b, "# kernel %s (%s), %s%s%s on %s%s%s%s\n", h->env.kernel_release,
		       h->env.preempt_rt ? "PREEMPT_RT" : "not PREEMPT_RT",
		       h->env.environment, h->env.xen_version[0] ? " " : "",
		       h->env.xen_version, h->env.hostname,
		       h->env.board[0] ? " (" : "", h->env.board, h->env.board[0] ? ")" : "");
	if (h->env.emulated)
		rte_buf_printf(b, MSG_EMULATED);
	rte_text_cpus(b, h);
}

void rte_text_window(struct rte_buf *b, const struct rte_run *r,
		     const struct rte_report *w)
{
	if (w->samples || w->lost)
		rte_report_line(b, w, &r->total.st, r->hdr->info.tick_hz);
	else
		rte_buf_printf(b, "no samples in window %llu",
			       (unsigned long long)r->win_index);
}

void rte_text_summary(struct rte_buf *b, const struct rte_run *r,
		      const struct rte_report *t, const char *end)
{
	rte_buf_printf(b,
		       "summary (%s): %llu samples in %llu windows, stale %llu, p50: %llu (%llu ns)\n",
		       end, (unsigned long long)t->samples,
		       (unsigned long long)r->win_index,
		       (unsigned long long)r->stale,
		       (unsigned long long)t->p50, (unsigned long long)t->p50_ns);
	rte_report_line(b, t, &r->total.st, r->hdr->info.tick_hz);
	if (r->percpu)
		rte_percpu_text(b, r->percpu, r->hdr->info.tick_hz);
}

void rte_report_line(struct rte_buf *b, const struct rte_report *w,
		     const struct rte_stats *g, u64 hz)
{
	u64 gmin = g->count ? g->min : 0;

	rte_buf_printf(b,
		       "Mean: %llu (%llu ns) stddev: %llu (%llu ns) above thr: %s [%llu (%llu ns) - %llu (%llu ns)] global [%llu (%llu ns) %llu (%llu ns)] p99: %llu (%llu ns) p99.9: %llu (%llu ns) missed: %llu lost: %llu samples: %llu above: %llu (%llu ppm)",
		       (unsigned long long)w->mean, (unsigned long long)w->mean_ns,
		       (unsigned long long)w->stddev, (unsigned long long)w->stddev_ns,
		       w->above_pct,
		       (unsigned long long)w->min, (unsigned long long)w->min_ns,
		       (unsigned long long)w->max, (unsigned long long)w->max_ns,
		       (unsigned long long)gmin,
		       (unsigned long long)rte_ticks_to_ns(gmin, hz),
		       (unsigned long long)g->max,
		       (unsigned long long)rte_ticks_to_ns(g->max, hz),
		       (unsigned long long)w->p99, (unsigned long long)w->p99_ns,
		       (unsigned long long)w->p999, (unsigned long long)w->p999_ns,
		       (unsigned long long)w->missed, (unsigned long long)w->lost,
		       (unsigned long long)w->samples, (unsigned long long)w->above,
		       (unsigned long long)w->above_ppm);
}

