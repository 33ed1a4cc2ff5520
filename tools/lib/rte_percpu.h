/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --per-cpu: the run's statistics split by the CPU that ran the handler
 * (each record's cpu), as struct rte_part and struct rte_report like the
 * run's own.  Fed by rte_run_feed() with the samples the run takes, so the
 * CPUs' samples add up to the run's.
 *
 * Memory is bounded whatever a file says: CPU numbers from RTE_MAX_CPUS
 * on, and CPUs beyond the first RTE_PERCPU_PARTS that have samples, are
 * counted together as "other CPUs" (a part of their own) rather than
 * allocated.
 */
#ifndef RTE_PERCPU_H
#define RTE_PERCPU_H

#include "rte_run.h"

/* CPUs with statistics of their own, at most (a part is about 60 KiB) */
#define RTE_PERCPU_PARTS	256

/**
 * struct rte_percpu - per-CPU statistics of a run
 * @part: by CPU number, NULL while that CPU has no sample
 * @nparts: how many of @part are allocated
 * @other: samples of the CPUs without a part of their own
 * @other_cpus: how many samples claimed a CPU number from RTE_MAX_CPUS on
 */
struct rte_percpu {
	struct rte_part *part[RTE_MAX_CPUS];
	u32 nparts;
	struct rte_part other;
	u64 other_cpus;
};

struct rte_percpu *rte_percpu_new(void);
void rte_percpu_free(struct rte_percpu *pc);

/* One sample of the run, from CPU @cpu. */
void rte_percpu_add(struct rte_percpu *pc, const struct rte_run *r, u32 cpu,
		    u64 ticks, u32 missed);

/*
 * The summary's lines (each starting with '\n'): one line when every
 * sample came from one CPU, else a line per CPU (and "other CPUs").
 */
void rte_percpu_text(struct rte_buf *b, const struct rte_percpu *pc, u64 hz);

/*
 * "per_cpu": [{"cpu": N, "samples", "min_ns", "mean_ns", "max_ns",
 * "p99_ns", "missed", "above"}, ...] in CPU order into an open JSON
 * object, and "per_cpu_other": {the same without "cpu"} if it has samples.
 */
void rte_percpu_json(struct rte_buf *b, const struct rte_percpu *pc, u64 hz);

#endif
