// SPDX-License-Identifier: GPL-2.0
/* What delayed a spike: see rte_spike.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_spike.h"

/**
 * struct rte_cpu_state - what runs on the spike's CPU, event by event
 * @task: the current task
 * @nest: interrupt handlers and softirqs entered and not left
 * @depth: entries used in @nest
 * @irqs_off: inside irq_disable .. irq_enable
 * @caller: that irq_disable's caller
 */
struct rte_cpu_state {
	struct rte_ctx task;
	struct rte_ctx nest[RTE_SPIKE_MAX_NEST];
	unsigned int depth;
	bool irqs_off;
	char caller[64];
};

static bool rte_spike_dev(s64 want, const struct rte_tev *ev)
{
	return want < 0 || ev->dev == want;
}

/* Pass 1: the device's last event, and the sample event of its seq. */
static int rte_spike_find(struct rte_trace_reader *rd, s64 dev,
			  struct rte_spike *sp)
{
	struct rte_tev ev, sample = { 0 };
	bool have_sample = false;
	int ret;

	while ((ret = rte_trace_next(rd)) > 0) {
		sp->lines++;
		if (rte_tev_parse(rd->line, &ev)) {
			sp->skipped++;
			continue;
		}
		if (ev.kind == RTE_TEV_IRQS_OFF)
			sp->irqs_off_events = true;
		if ((ev.kind != RTE_TEV_SAMPLE && ev.kind != RTE_TEV_THREAD) ||
		    !rte_spike_dev(dev, &ev))
			continue;
		sp->found = true;
		sp->dev = ev.dev;
		sp->seq = ev.seq;
		sp->cpu = ev.cpu;
		if (ev.kind == RTE_TEV_SAMPLE) {
			sample = ev;
			have_sample = true;
			sp->thread = false;
			sp->have_handler = true;
		} else {
			sp->thread = true;
			sp->thread_ns = ev.ts_ns;
			sp->thread_lat_ns = ev.ns;
			sp->have_handler = have_sample && sample.seq == ev.seq &&
				sample.dev == ev.dev && sample.cpu == ev.cpu;
		}
	}
	sp->skipped += rd->long_lines;
	if (ret < 0 || !sp->found)
		return ret;
	if (sp->have_handler) {
		sp->handler_ns = sample.ts_ns;
		sp->irq_ns = sample.ns;
		sp->irq_ticks = sample.ticks;
		sp->missed = sample.missed;
		sp->flags = sample.flags;
		sp->underflow_ns = sample.ts_ns > sample.ns ?
			sample.ts_ns - sample.ns : 0;
	} else {
		/* a thread event without its sample: from the thread's latency */
		sp->handler_ns = sp->thread_ns;
		sp->underflow_ns = sp->thread_ns > sp->thread_lat_ns ?
			sp->thread_ns - sp->thread_lat_ns : 0;
	}
	return 0;
}

static void rte_ctx_set(struct rte_ctx *c, enum rte_ctx_kind kind, s64 num,
			const char *name)
{
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->num = num;
	rte_copy(c->name, sizeof(c->name), name);
}

/* What runs after @ev, which happened in @st. */
static void rte_state_apply(struct rte_cpu_state *st, const struct rte_tev *ev)
{
	rte_ctx_set(&st->task, RTE_CTX_TASK, ev->pid, ev->comm);
	switch (ev->kind) {
	case RTE_TEV_SWITCH:
		rte_ctx_set(&st->task, RTE_CTX_TASK, ev->num, ev->name);
		st->depth = 0;
		break;
	case RTE_TEV_IRQ_ENTRY:
	case RTE_TEV_SOFTIRQ_ENTRY:
		if (st->depth < RTE_SPIKE_MAX_NEST)
			rte_ctx_set(&st->nest[st->depth++],
				    ev->kind == RTE_TEV_IRQ_ENTRY ? RTE_CTX_IRQ :
				    RTE_CTX_SOFTIRQ, ev->num, ev->name);
		break;
	case RTE_TEV_IRQ_EXIT:
	case RTE_TEV_SOFTIRQ_EXIT:
		if (st->depth)
			st->depth--;
		break;
	case RTE_TEV_IRQS_OFF:
		st->irqs_off = true;
		rte_copy(st->caller, sizeof(st->caller), ev->name);
		break;
	case RTE_TEV_IRQS_ON:
		st->irqs_off = false;
		break;
	default:
		break;
	}
}

static void rte_state_ctx(const struct rte_cpu_state *st, struct rte_ctx *c)
{
	*c = st->depth ? st->nest[st->depth - 1] : st->task;
	c->irqs_off = st->irqs_off;
	rte_copy(c->caller, sizeof(c->caller), st->irqs_off ? st->caller : "");
}

static void rte_spike_add(struct rte_spike *sp, u64 start, u64 end,
			  const struct rte_cpu_state *st)
{
	struct rte_span s = { .start_ns = start, .end_ns = end };

	rte_state_ctx(st, &s.ctx);
	if (!sp->have_cause ||
	    end - start > sp->cause.end_ns - sp->cause.start_ns) {
		sp->cause = s;
		sp->have_cause = true;
	}
	if (sp->nspans < RTE_SPIKE_MAX_SPANS)
		sp->spans[sp->nspans++] = s;
	else
		sp->more_spans++;
}

/* A task's comm changes (exec): name it as it was last seen, up to the spike. */
static void rte_ctx_rename(struct rte_ctx *c, s64 pid, const char *comm)
{
	if (c->kind != RTE_CTX_TASK || c->num != pid || !comm[0] ||
	    !strcmp(comm, "<...>") || !strcmp(c->name, comm))
		return;
	if (!c->was[0] && strcmp(c->name, "<...>"))
		rte_copy(c->was, sizeof(c->was), c->name);
	rte_copy(c->name, sizeof(c->name), comm);
	if (!strcmp(c->was, c->name))
		c->was[0] = '\0';
}

static void rte_spike_rename(struct rte_spike *sp, const struct rte_tev *ev)
{
	size_t i;

	for (i = 0; i < sp->nspans; i++) {
		rte_ctx_rename(&sp->spans[i].ctx, ev->pid, ev->comm);
		if (ev->kind == RTE_TEV_SWITCH)
			rte_ctx_rename(&sp->spans[i].ctx, ev->num, ev->name);
	}
	if (!sp->have_cause)
		return;
	rte_ctx_rename(&sp->cause.ctx, ev->pid, ev->comm);
	if (ev->kind == RTE_TEV_SWITCH)
		rte_ctx_rename(&sp->cause.ctx, ev->num, ev->name);
}

/* Is @ev the spike's own event (the last one pass 1 found)? */
static bool rte_spike_is_end(const struct rte_spike *sp,
			     const struct rte_tev *ev)
{
	enum rte_tev_kind k = sp->thread ? RTE_TEV_THREAD : RTE_TEV_SAMPLE;

	return ev->kind == k && ev->dev == sp->dev && ev->seq == sp->seq &&
		ev->cpu == sp->cpu &&
		ev->ts_ns == (sp->thread ? sp->thread_ns : sp->handler_ns);
}

/* Pass 2: the spans on the spike's CPU from the underflow to its event. */
static int rte_spike_spans(struct rte_trace_reader *rd, struct rte_spike *sp)
{
	struct rte_cpu_state st = { 0 };
	bool have_prev = false;
	u64 prev = 0;
	struct rte_tev ev;
	int ret;

	while ((ret = rte_trace_next(rd)) > 0) {
		if (rte_tev_parse(rd->line, &ev) || ev.cpu != sp->cpu)
			continue;
		/* a CPU's events are in time order: one that is not is corrupt */
		if (have_prev && ev.ts_ns < prev)
			continue;
		/* a span that reaches past the underflow */
		if (have_prev && ev.ts_ns > sp->underflow_ns)
			rte_spike_add(sp, prev, ev.ts_ns, &st);
		rte_spike_rename(sp, &ev);
		if (rte_spike_is_end(sp, &ev))
			return 0;
		rte_state_apply(&st, &ev);
		prev = ev.ts_ns;
		have_prev = true;
	}
	return ret;
}

int rte_spike_analyse(const char *path, s64 dev, struct rte_spike *sp,
		      char *err, size_t errlen)
{
	struct rte_trace_reader *rd = rte_xcalloc(1, sizeof(*rd));
	int ret;

	memset(sp, 0, sizeof(*sp));
	ret = rte_trace_open(rd, path);
	if (!ret)
		ret = rte_spike_find(rd, dev, sp);
	if (!ret && sp->found) {
		ret = rte_trace_rewind(rd);
		if (!ret)
			ret = rte_spike_spans(rd, sp);
	}
	if (ret)
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
	rte_trace_close(rd);
	free(rd);
	return ret ? -1 : 0;
}
