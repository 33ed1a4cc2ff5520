// SPDX-License-Identifier: GPL-2.0
/* The one field table: see rte_fields.h. */
#include <stddef.h>

#include "rte_fields.h"
#include "rte_run.h"

/*
 * FIELD(struct, json key, kind, member, size): not shown by
 * rt-eval-compare; size is a string's buffer (0 for a number)
 */
#define FIELD(type, key, kind, member, size)				\
	{ key, kind, offsetof(struct type, member), size, NULL,		\
	  RTE_SHOW_NONE, 0, false }
/* ROW(json key, member, row, show, order): a report field it shows */
#define ROW(key, member, row, show, order)				\
	{ key, RTE_F_U64, offsetof(struct rte_report, member),		\
	  sizeof(u64), row, show, order, false }
#define HDR(key, kind, member)	FIELD(rte_header, key, kind, member, 0)
#define HSTR(key, member, size)	FIELD(rte_header, key, RTE_F_STR, member, size)
#define REP(key, member)	FIELD(rte_report, key, RTE_F_U64, member, 0)
#define H			((struct rte_header *)0)	/* for sizeof */
/* OPT(key, kind, member, size): a header field older files lack */
#define OPT(key, kind, member, size)					\
	{ key, kind, offsetof(struct rte_header, member), size, NULL,	\
	  RTE_SHOW_NONE, 0, true }

static const struct rte_field rte_header_f[] = {
	HDR("format", RTE_F_U32, format),
	HSTR("tool_version", tool_version, sizeof(H->tool_version)),
	HSTR("label", label, sizeof(H->label)),
	HSTR("device", device, sizeof(H->device)),
	HSTR("backend", backend, sizeof(H->backend)),
	HDR("abi_version", RTE_F_U32, info.abi_version),
	HDR("tick_hz", RTE_F_U64, info.tick_hz),
	HDR("period_ticks", RTE_F_U64, info.period_ticks),
	HDR("period_ns", RTE_F_U64, info.period_ns),
	HDR("counter_bits", RTE_F_U32, info.counter_bits),
	HDR("record_size", RTE_F_U32, info.record_size),
	HDR("enabled", RTE_F_U32, info.enabled),
	HDR("ring_records", RTE_F_U32, info.ring_records),
	HDR("device_threshold_ns", RTE_F_U64, info.threshold_ns),
	HDR("threshold_ns", RTE_F_U64, threshold_ns),
	HDR("interval_ns", RTE_F_U64, interval_ns),
	HDR("duration_ns", RTE_F_U64, duration_ns),
	HDR("start_ns", RTE_F_U64, start_ns),
	HDR("start_unix_ns", RTE_F_U64, start_unix_ns),
	HSTR("start_time", start_time, sizeof(H->start_time)),
	HSTR("kernel_release", env.kernel_release, sizeof(H->env.kernel_release)),
	HSTR("kernel_version", env.kernel_version, sizeof(H->env.kernel_version)),
	HDR("preempt_rt", RTE_F_BOOL, env.preempt_rt),
	HSTR("preempt", env.preempt, sizeof(H->env.preempt)),
	HSTR("machine", env.machine, sizeof(H->env.machine)),
	HSTR("hostname", env.hostname, sizeof(H->env.hostname)),
	HSTR("environment", env.environment, sizeof(H->env.environment)),
	HSTR("environment_evidence", env.evidence, sizeof(H->env.evidence)),
	HSTR("xen_version", env.xen_version, sizeof(H->env.xen_version)),
	HSTR("xen_scheduler", env.xen_scheduler, sizeof(H->env.xen_scheduler)),
	HSTR("board", env.board, sizeof(H->env.board)),
	HDR("emulated", RTE_F_BOOL, env.emulated),
	OPT("thread_stage", RTE_F_BOOL, thread_stage, 0),
	OPT("thread_priority", RTE_F_U32, thread_priority, 0),
	OPT("irq", RTE_F_U32, env.irq, 0),
	OPT("irq_cpus", RTE_F_STR, env.irq_cpus, sizeof(H->env.irq_cpus)),
	OPT("isolcpus", RTE_F_STR, env.isolcpus, sizeof(H->env.isolcpus)),
	OPT("nohz_full", RTE_F_STR, env.nohz_full, sizeof(H->env.nohz_full)),
	OPT("irqaffinity", RTE_F_STR, env.irqaffinity, sizeof(H->env.irqaffinity)),
	OPT("cpufreq_governor", RTE_F_STR, env.cpufreq_governor,
	    sizeof(H->env.cpufreq_governor)),
	OPT("dma_latency_us", RTE_F_S32, dma_latency_us, 0),
};

static const struct rte_field rte_report_f[] = {
	ROW("samples", samples, "samples", RTE_SHOW_COUNT, 1),
	REP("mean_ticks", mean),
	ROW("mean_ns", mean_ns, "mean", RTE_SHOW_US, 2),
	REP("stddev_ticks", stddev),
	ROW("stddev_ns", stddev_ns, "stddev", RTE_SHOW_US, 3),
	REP("min_ticks", min),
	REP("min_ns", min_ns),
	REP("max_ticks", max),
	ROW("max_ns", max_ns, "max", RTE_SHOW_US, 7),
	REP("p50_ticks", p50),
	ROW("p50_ns", p50_ns, "p50", RTE_SHOW_US, 4),
	REP("p99_ticks", p99),
	ROW("p99_ns", p99_ns, "p99", RTE_SHOW_US, 5),
	REP("p999_ticks", p999),
	ROW("p999_ns", p999_ns, "p99.9", RTE_SHOW_US, 6),
	ROW("above", above, "above threshold", RTE_SHOW_PCT, 8),
	REP("above_ppm", above_ppm),
	ROW("missed", missed, "missed periods", RTE_SHOW_COUNT, 9),
	ROW("lost", lost, "lost samples", RTE_SHOW_COUNT, 10),
	FIELD(rte_report, "above_pct", RTE_F_STR, above_pct,
	      sizeof(((struct rte_report *)0)->above_pct)),
};

const struct rte_fields rte_header_fields = {
	rte_header_f, RTE_ARRAY_SIZE(rte_header_f)
};

const struct rte_fields rte_report_fields = {
	rte_report_f, RTE_ARRAY_SIZE(rte_report_f)
};

void rte_fields_json(struct rte_buf *b, const struct rte_fields *t,
		     const void *base)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct rte_field *f = &t->f[i];
		const void *p = (const char *)base + f->off;

		switch (f->kind) {
		case RTE_F_STR:
			rte_json_str(b, f->key, p);
			break;
		case RTE_F_U64:
			rte_json_u64(b, f->key, *(const u64 *)p);
			break;
		case RTE_F_U32:
			rte_json_u64(b, f->key, *(const u32 *)p);
			break;
		case RTE_F_BOOL:
			rte_json_bool(b, f->key, *(const bool *)p);
			break;
		case RTE_F_S32:
			rte_json_s32(b, f->key, *(const s32 *)p);
			break;
		}
	}
}

int rte_fields_parse(struct rte_jobj *o, const struct rte_fields *t,
		     void *base)
{
	size_t i;
	int ret = 0;

	for (i = 0; i < t->n && !ret; i++) {
		const struct rte_field *f = &t->f[i];
		void *p = (char *)base + f->off;

		if (f->optional && !rte_jobj_has(o, f->key))
			continue;
		switch (f->kind) {
		case RTE_F_STR:
			ret = rte_jobj_str(o, f->key, p, f->size);
			break;
		case RTE_F_U64:
			ret = rte_jobj_u64(o, f->key, p);
			break;
		case RTE_F_U32:
			ret = rte_jobj_u32(o, f->key, p);
			break;
		case RTE_F_BOOL:
			ret = rte_jobj_bool(o, f->key, p);
			break;
		case RTE_F_S32:
			ret = rte_jobj_s32(o, f->key, p);
			break;
		}
	}
	return ret;
}

const struct rte_field *rte_fields_row(const struct rte_fields *t, int order)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->f[i].order == order)
			return &t->f[i];
	return NULL;
}
