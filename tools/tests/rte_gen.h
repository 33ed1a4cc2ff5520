/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Runs with known distributions, written as --raw files, for the unit
 * tests and for rte-gen-raw (the fixtures of scripts/check.d/20-tools.sh).
 */
#ifndef RTE_GEN_H
#define RTE_GEN_H

#include "rte_fmt_raw.h"

enum rte_gen_dist {
	RTE_GEN_CONST,		/* every sample @base */
	RTE_GEN_UNIFORM,	/* @base + [0, @spread) */
	RTE_GEN_BIMODAL,	/* 70 % near @base, 30 % near 3 * @base */
	RTE_GEN_TAIL,		/* uniform, plus one in 500 late by 1-3 periods */
	RTE_GEN_SPIKE,		/* @base, and one @spread spike in the middle */
};

/**
 * struct rte_gen - what to generate
 * @dist: the distribution
 * @samples: how many
 * @tick_hz: counter rate
 * @period_ticks: timer period
 * @base: latency, ticks (see @dist)
 * @spread: latency spread, ticks (see @dist)
 * @seed: for the pseudo-random numbers
 * @gap_every: every that many samples, one sequence number is skipped
 *	(a driver drop); 0 = none
 * @label: run label
 * @environment: environment string
 * @emulated: the header's emulated flag
 * @thread: the thread stage is on (header, priority 95): a record carries
 *	stage2_ticks = latency + @thread_base + [0, @spread) and
 *	RT_EVAL_TMU_SAMPLE_THREAD, but see @late_every and @plain_every
 * @thread_base: see @thread
 * @late_every: every that many samples (the last of each run of them),
 *	THREAD_LATE instead, stage2_ticks 0; 0 = none
 * @plain_every: every that many samples (the first of each run of them),
 *	neither flag, stage2_ticks 0 (not measured); 0 = none
 * @cpus: sample i ran on CPU i % @cpus (0 or 1: all on CPU 0)
 */
struct rte_gen {
	enum rte_gen_dist dist;
	u64 samples;
	u64 tick_hz;
	u32 period_ticks;
	u64 base;
	u64 spread;
	u64 seed;
	u64 gap_every;
	const char *label;
	const char *environment;
	bool emulated;
	bool thread;
	u64 thread_base;
	u64 late_every;
	u64 plain_every;
	u32 cpus;
};

int rte_gen_dist_parse(const char *name, enum rte_gen_dist *d);
/* A header as a live run would record it. */
void rte_gen_header(struct rte_header *h, const struct rte_gen *g);
/* Sample @i of the run (deterministic); *state starts at g->seed. */
void rte_gen_sample(const struct rte_gen *g, const struct rte_header *h,
		    u64 i, u64 *state, struct rt_eval_tmu_sample *s);
/*
 * Write the raw file; @ticks (if not NULL) gets every latency, for an
 * independent reference.  0 or -1 (errno).
 */
int rte_gen_write(const char *path, const struct rte_gen *g, u64 *ticks);

/* Deterministic pseudo-random numbers (splitmix64) from *@state. */
u64 rte_gen_rand(u64 *state);
/* For qsort() of u64 values. */
int rte_gen_cmp_u64(const void *a, const void *b);
/* The exact nearest-rank percentile @ppm of @n sorted values. */
u64 rte_gen_percentile(const u64 *sorted, u64 n, u32 ppm);
/* A new directory /tmp/@name.XXXXXX into @buf, or exit. */
void rte_gen_tmpdir(char *buf, size_t len, const char *name);
/*
 * Create @root@path (@path starts with '/'), and its directories, holding
 * @len bytes of @data: a file of a test's fake tree.  0, or -1 with errno.
 */
int rte_gen_file(const char *root, const char *path, const void *data,
		 size_t len);

#endif
