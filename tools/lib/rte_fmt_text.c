// SPDX-License-Identifier: GPL-2.0
/* The collector's lines on stdout: see rte_fmt_text.h. */
#include "rte_fmt_text.h"
#include "rte_percpu.h"

#define MSG_HEADER_LINE "# %s: %s %s, %llu Hz (%llu.%03llu ns/tick), period %llu ns, threshold %llu ns, windows of %llu ms\n"
#define MSG_SPANS " s (trace clock)\n  on CPU %u from the underflow to the %s, between events:\n"
#define MSG_NO_SPAN "  cause: no event on CPU %u before the spike: the trace starts too late\n"
#define MSG_UPPER "  (no irq_disable events in this kernel: the span starts at the event before it, an upper bound)\n"
#define MSG_THREAD "# thread stage on (SCHED_FIFO priority %u): \"thread\" lines give the latency to a kernel thread\n"
#define MSG_EMULATED "# emulated board: these figures are the emulator's, not hardware results\n"

/* A file's untrusted text on a "# " line. */
static void rte_text_value(struct rte_buf *b, const char *what, const char *s)
{
	rte_buf_printf(b, "%s", what);
	rte_text_line(b, s[0] ? s : "-");
}

void rte_text_cpu_setup(struct rte_buf *b, const struct rte_header *h)
{
	const struct rte_env *e = &h->env;

	if (e->irq)
		rte_buf_printf(b, "interrupt %u on CPU ", e->irq);
	else
		rte_buf_printf(b, "interrupt not found, CPU ");
	rte_text_line(b, e->irq_cpus[0] ? e->irq_cpus : "?");
	rte_text_value(b, ", cpufreq ", e->cpufreq_governor);
	rte_text_value(b, "; isolcpus=", e->isolcpus);
	rte_text_value(b, " nohz_full=", e->nohz_full);
	rte_text_value(b, " irqaffinity=", e->irqaffinity);
	if (h->dma_latency_us >= 0)
		rte_buf_printf(b, "; cpu_dma_latency %d us", (int)h->dma_latency_us);
	else
		rte_buf_printf(b, "; no cpu_dma_latency request");
}

/* "# interrupt 45 on CPU 1, cpufreq ..., isolcpus=..." if known */
static void rte_text_cpus(struct rte_buf *b, const struct rte_header *h)
{
	const struct rte_env *e = &h->env;

	if (!e->irq && !e->cpufreq_governor[0] && h->dma_latency_us < 0)
		return;		/* a file from before these facts */
	rte_buf_printf(b, "# ");
	rte_text_cpu_setup(b, h);
	rte_buf_printf(b, "\n");
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
	if (h->thread_stage)
		rte_buf_printf(b, MSG_THREAD, h->thread_priority);
	rte_text_cpus(b, h);
}

/* The thread stage's line after the IRQ stage's, if the run has one */
static void rte_text_thread(struct rte_buf *b, const struct rte_run *r,
			    const struct rte_report *t)
{
	if (!rte_run_thread(r))
		return;
	rte_buf_printf(b, "\nthread ");
	rte_report_line(b, t, &r->thr_total.st, r->hdr->info.tick_hz);
	rte_buf_printf(b, " late: %llu", (unsigned long long)t->late);
}

void rte_text_window(struct rte_buf *b, const struct rte_run *r,
		     const struct rte_report *w)
{
	if (w->samples || w->lost) {
		rte_report_line(b, w, &r->total.st, r->hdr->info.tick_hz);
		rte_text_thread(b, r, &r->closed_thr);
	} else {
		rte_buf_printf(b, "no samples in window %llu",
			       (unsigned long long)r->win_index);
	}
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
	if (rte_run_thread(r)) {
		struct rte_report th;

		rte_report_make(&th, &r->thr_total, r->hdr->info.tick_hz);
		rte_buf_printf(b,
			       "\nthread: %llu samples, %llu late, p50: %llu (%llu ns)",
			       (unsigned long long)th.samples,
			       (unsigned long long)th.late,
			       (unsigned long long)th.p50,
			       (unsigned long long)th.p50_ns);
		rte_text_thread(b, r, &th);
	}
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

/* "123.456789" seconds of the trace clock */
static void rte_text_ts(struct rte_buf *b, u64 ns)
{
	rte_buf_printf(b, "%llu.%06llu", (unsigned long long)(ns / RTE_NSEC_PER_SEC),
		       (unsigned long long)(ns % RTE_NSEC_PER_SEC / 1000));
}

static void rte_text_us(struct rte_buf *b, u64 ns)
{
	char us[32];

	rte_fmt_us(us, sizeof(us), ns);
	rte_buf_printf(b, "%s us", us);
}

static void rte_text_ctx(struct rte_buf *b, const struct rte_ctx *c)
{
	switch (c->kind) {
	case RTE_CTX_IRQ:
		rte_buf_printf(b, "irq %lld ", (long long)c->num);
		rte_text_line(b, c->name[0] ? c->name : "(no name)");
		break;
	case RTE_CTX_SOFTIRQ:
		rte_buf_printf(b, "softirq %lld ", (long long)c->num);
		rte_text_line(b, c->name[0] ? c->name : "(no action)");
		break;
	default:
		rte_buf_printf(b, "task ");
		rte_text_line(b, c->name[0] ? c->name : "(no comm)");
		rte_buf_printf(b, " (pid %lld", (long long)c->num);
		if (c->was[0]) {
			rte_buf_printf(b, ", named ");
			rte_text_line(b, c->was);
			rte_buf_printf(b, " then");
		}
		rte_buf_printf(b, ")");
		break;
	}
	if (c->irqs_off) {
		rte_buf_printf(b, ", interrupts off at ");
		rte_text_line(b, c->caller[0] ? c->caller : "(unknown)");
	}
}

void rte_text_spike(struct rte_buf *b, const struct rte_spike *sp,
		    const char *irq_name)
{
	const struct rte_span *c = &sp->cause;
	size_t i;

	if (!sp->found) {
		rte_buf_printf(b, "spike: the trace has no event of %s\n", irq_name);
		return;
	}
	rte_buf_printf(b, "spike: %s seq %llu on CPU %u: ", irq_name,
		       (unsigned long long)sp->seq, sp->cpu);
	if (sp->have_handler) {
		rte_buf_printf(b, "IRQ latency ");
		rte_text_us(b, sp->irq_ns);
		rte_buf_printf(b, " (%llu ticks, %llu periods missed, flags %#llx)",
			       (unsigned long long)sp->irq_ticks,
			       (unsigned long long)sp->missed,
			       (unsigned long long)sp->flags);
	}
	if (sp->thread) {
		rte_buf_printf(b, "%sthread latency ", sp->have_handler ? ", " : "");
		rte_text_us(b, sp->thread_lat_ns);
	}
	rte_buf_printf(b, "\n  underflow at ");
	rte_text_ts(b, sp->underflow_ns);
	if (sp->have_handler) {
		rte_buf_printf(b, " s, handler at ");
		rte_text_ts(b, sp->handler_ns);
	}
	if (sp->thread) {
		rte_buf_printf(b, " s, thread at ");
		rte_text_ts(b, sp->thread_ns);
	}
	rte_buf_printf(b, MSG_SPANS, sp->cpu, sp->thread ? "thread" : "handler");
	for (i = 0; i < sp->nspans; i++) {
		const struct rte_span *s = &sp->spans[i];
		char us[32];

		rte_fmt_us(us, sizeof(us), s->end_ns - s->start_ns);
		rte_buf_printf(b, "    ");
		rte_text_ts(b, s->start_ns);
		rte_buf_printf(b, " %12s us  %s", us,
			       sp->thread && sp->have_handler &&
			       s->start_ns >= sp->handler_ns ? "after the handler: " : "");
		rte_text_ctx(b, &s->ctx);
		rte_buf_printf(b, "\n");
	}
	if (sp->more_spans)
		rte_buf_printf(b, "    ... and %llu more spans (the longest is below)\n",
			       (unsigned long long)sp->more_spans);
	if (!sp->have_cause) {
		rte_buf_printf(b, MSG_NO_SPAN, sp->cpu);
		return;
	}
	rte_buf_printf(b, "  cause: ");
	if (sp->thread && sp->have_handler && c->start_ns >= sp->handler_ns) {
		rte_buf_printf(b, "the thread did not run for ");
		rte_text_us(b, c->end_ns - c->start_ns);
		rte_buf_printf(b, " after the handler while ");
		rte_text_ctx(b, &c->ctx);
		rte_buf_printf(b, " ran on CPU %u\n", sp->cpu);
	} else {
		rte_buf_printf(b, "no interrupt was taken for ");
		rte_text_us(b, c->end_ns - c->start_ns);
		rte_buf_printf(b, " while ");
		rte_text_ctx(b, &c->ctx);
		rte_buf_printf(b, " ran on CPU %u: interrupts were off there%s\n",
			       sp->cpu, c->ctx.irqs_off ? "" :
			       " (or, under a hypervisor, the vCPU did not run)");
	}
	if (!sp->irqs_off_events)
		rte_buf_printf(b, MSG_UPPER);
}
