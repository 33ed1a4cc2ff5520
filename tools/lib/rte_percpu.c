// SPDX-License-Identifier: GPL-2.0
/* Per-CPU statistics of a run: see rte_percpu.h. */
#include <stdio.h>
#include <stdlib.h>

#include "rte_percpu.h"

struct rte_percpu *rte_percpu_new(void)
{
	struct rte_percpu *pc = rte_xcalloc(1, sizeof(*pc));

	rte_part_clear(&pc->other);
	return pc;
}

void rte_percpu_free(struct rte_percpu *pc)
{
	u32 cpu;

	if (!pc)
		return;
	for (cpu = 0; cpu < RTE_MAX_CPUS; cpu++)
		free(pc->part[cpu]);
	free(pc);
}

void rte_percpu_add(struct rte_percpu *pc, const struct rte_run *r, u32 cpu,
		    u64 ticks, u32 missed)
{
	struct rte_part *p = &pc->other;

	if (cpu >= RTE_MAX_CPUS) {
		pc->other_cpus++;
	} else if (pc->part[cpu]) {
		p = pc->part[cpu];
	} else if (pc->nparts < RTE_PERCPU_PARTS) {
		p = rte_xcalloc(1, sizeof(*p));
		rte_part_clear(p);
		pc->part[cpu] = p;
		pc->nparts++;
	}
	rte_part_add(p, r, ticks, missed);
}

static void rte_percpu_row(struct rte_buf *b, const char *what,
			   const struct rte_part *p, u64 hz)
{
	struct rte_report rep;

	rte_report_make(&rep, p, hz);
	rte_buf_printf(b,
		       "\n  %s: samples %llu min %llu ns mean %llu ns max %llu ns p99 %llu ns missed %llu above %llu (%s)",
		       what, (unsigned long long)rep.samples,
		       (unsigned long long)rep.min_ns, (unsigned long long)rep.mean_ns,
		       (unsigned long long)rep.max_ns, (unsigned long long)rep.p99_ns,
		       (unsigned long long)rep.missed, (unsigned long long)rep.above,
		       rep.above_pct);
}

void rte_percpu_text(struct rte_buf *b, const struct rte_percpu *pc, u64 hz)
{
	u64 other = pc->other.st.count;
	char what[64];
	u32 cpu, only = 0;

	for (cpu = 0; cpu < RTE_MAX_CPUS; cpu++)
		if (pc->part[cpu])
			only = cpu;
	if (!pc->nparts && !other) {
		rte_buf_printf(b, "\nper CPU: no samples");
		return;
	}
	if (pc->nparts == 1 && !other) {
		rte_buf_printf(b, "\nper CPU: all %llu samples on CPU %u",
			       (unsigned long long)pc->part[only]->st.count, only);
		return;
	}
	rte_buf_printf(b, "\nper CPU (%u CPUs%s):", pc->nparts,
		       other ? " and others" : "");
	for (cpu = 0; cpu < RTE_MAX_CPUS; cpu++) {
		if (!pc->part[cpu])
			continue;
		snprintf(what, sizeof(what), "CPU %u", cpu);
		rte_percpu_row(b, what, pc->part[cpu], hz);
	}
	if (!other)
		return;
	if (pc->other_cpus)
		snprintf(what, sizeof(what), "other CPUs (numbers from %d or past %d CPUs)",
			 RTE_MAX_CPUS, RTE_PERCPU_PARTS);
	else
		snprintf(what, sizeof(what), "other CPUs (past %d CPUs)",
			 RTE_PERCPU_PARTS);
	rte_percpu_row(b, what, &pc->other, hz);
}

static void rte_percpu_obj(struct rte_buf *b, const struct rte_part *p, u64 hz)
{
	struct rte_report rep;

	rte_report_make(&rep, p, hz);
	rte_json_u64(b, "samples", rep.samples);
	rte_json_u64(b, "min_ns", rep.min_ns);
	rte_json_u64(b, "mean_ns", rep.mean_ns);
	rte_json_u64(b, "max_ns", rep.max_ns);
	rte_json_u64(b, "p99_ns", rep.p99_ns);
	rte_json_u64(b, "missed", rep.missed);
	rte_json_u64(b, "above", rep.above);
	rte_buf_add(b, "}", 1);
}

void rte_percpu_json(struct rte_buf *b, const struct rte_percpu *pc, u64 hz)
{
	u32 cpu;

	rte_json_key(b, "per_cpu");
	rte_buf_add(b, "[", 1);
	for (cpu = 0; cpu < RTE_MAX_CPUS; cpu++) {
		if (!pc->part[cpu])
			continue;
		if (b->p[b->len - 1] != '[')
			rte_buf_add(b, ",", 1);
		rte_buf_add(b, "{", 1);
		rte_json_u64(b, "cpu", cpu);
		rte_percpu_obj(b, pc->part[cpu], hz);
	}
	rte_buf_add(b, "]", 1);
	if (pc->other.st.count) {
		rte_json_key(b, "per_cpu_other");
		rte_buf_add(b, "{", 1);
		rte_percpu_obj(b, &pc->other, hz);
	}
}
