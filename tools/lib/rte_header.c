// SPDX-License-Identifier: GPL-2.0
/* The run header as JSON, both ways, from one table of fields. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "rte_header.h"

enum rte_fkind { RTE_F_STR, RTE_F_U64, RTE_F_U32, RTE_F_BOOL };

#define RTE_OFF(member)	offsetof(struct rte_header, member)
#define RTE_HDR		((struct rte_header *)0)	/* for sizeof only */

static const struct rte_field {
	const char *name;
	enum rte_fkind kind;
	size_t off;
	size_t size;
} rte_fields[] = {
	{ "format", RTE_F_U32, RTE_OFF(format), 0 },
	{ "tool_version", RTE_F_STR, RTE_OFF(tool_version),
	  sizeof(RTE_HDR->tool_version) },
	{ "label", RTE_F_STR, RTE_OFF(label),
	  sizeof(RTE_HDR->label) },
	{ "device", RTE_F_STR, RTE_OFF(device),
	  sizeof(RTE_HDR->device) },
	{ "backend", RTE_F_STR, RTE_OFF(backend),
	  sizeof(RTE_HDR->backend) },
	{ "abi_version", RTE_F_U32, RTE_OFF(info.abi_version), 0 },
	{ "tick_hz", RTE_F_U64, RTE_OFF(info.tick_hz), 0 },
	{ "period_ticks", RTE_F_U64, RTE_OFF(info.period_ticks), 0 },
	{ "period_ns", RTE_F_U64, RTE_OFF(info.period_ns), 0 },
	{ "counter_bits", RTE_F_U32, RTE_OFF(info.counter_bits), 0 },
	{ "record_size", RTE_F_U32, RTE_OFF(info.record_size), 0 },
	{ "enabled", RTE_F_U32, RTE_OFF(info.enabled), 0 },
	{ "ring_records", RTE_F_U32, RTE_OFF(info.ring_records), 0 },
	{ "device_threshold_ns", RTE_F_U64, RTE_OFF(info.threshold_ns), 0 },
	{ "threshold_ns", RTE_F_U64, RTE_OFF(threshold_ns), 0 },
	{ "interval_ns", RTE_F_U64, RTE_OFF(interval_ns), 0 },
	{ "duration_ns", RTE_F_U64, RTE_OFF(duration_ns), 0 },
	{ "start_ns", RTE_F_U64, RTE_OFF(start_ns), 0 },
	{ "start_unix_ns", RTE_F_U64, RTE_OFF(start_unix_ns), 0 },
	{ "start_time", RTE_F_STR, RTE_OFF(start_time),
	  sizeof(RTE_HDR->start_time) },
	{ "kernel_release", RTE_F_STR, RTE_OFF(env.kernel_release),
	  sizeof(RTE_HDR->env.kernel_release) },
	{ "kernel_version", RTE_F_STR, RTE_OFF(env.kernel_version),
	  sizeof(RTE_HDR->env.kernel_version) },
	{ "preempt_rt", RTE_F_BOOL, RTE_OFF(env.preempt_rt), 0 },
	{ "preempt", RTE_F_STR, RTE_OFF(env.preempt),
	  sizeof(RTE_HDR->env.preempt) },
	{ "machine", RTE_F_STR, RTE_OFF(env.machine),
	  sizeof(RTE_HDR->env.machine) },
	{ "hostname", RTE_F_STR, RTE_OFF(env.hostname),
	  sizeof(RTE_HDR->env.hostname) },
	{ "environment", RTE_F_STR, RTE_OFF(env.environment),
	  sizeof(RTE_HDR->env.environment) },
	{ "environment_evidence", RTE_F_STR, RTE_OFF(env.evidence),
	  sizeof(RTE_HDR->env.evidence) },
	{ "xen_version", RTE_F_STR, RTE_OFF(env.xen_version),
	  sizeof(RTE_HDR->env.xen_version) },
	{ "xen_scheduler", RTE_F_STR, RTE_OFF(env.xen_scheduler),
	  sizeof(RTE_HDR->env.xen_scheduler) },
	{ "board", RTE_F_STR, RTE_OFF(env.board),
	  sizeof(RTE_HDR->env.board) },
	{ "emulated", RTE_F_BOOL, RTE_OFF(env.emulated), 0 },
};

const char *rte_backend_name(u32 backend)
{
	switch (backend) {
	case RT_EVAL_TMU_BACKEND_TMU:
		return "tmu";
	case RT_EVAL_TMU_BACKEND_TTC:
		return "ttc";
	default:
		return "unknown";
	}
}

void rte_header_json(const struct rte_header *h, struct rte_buf *b)
{
	const char *base = (const char *)h;
	size_t i;

	rte_json_open(b, "header");
	for (i = 0; i < RTE_ARRAY_SIZE(rte_fields); i++) {
		const struct rte_field *f = &rte_fields[i];
		const void *p = base + f->off;

		switch (f->kind) {
		case RTE_F_STR:
			rte_json_str(b, f->name, p);
			break;
		case RTE_F_U64:
			rte_json_u64(b, f->name, *(const u64 *)p);
			break;
		case RTE_F_U32:
			rte_json_u64(b, f->name, *(const u32 *)p);
			break;
		case RTE_F_BOOL:
			rte_json_bool(b, f->name, *(const bool *)p);
			break;
		}
	}
	rte_json_close(b);
}

int rte_header_parse(struct rte_header *h, struct rte_jobj *o)
{
	char *base = (char *)h;
	size_t i;
	int ret = 0;

	memset(h, 0, sizeof(*h));
	for (i = 0; i < RTE_ARRAY_SIZE(rte_fields) && !ret; i++) {
		const struct rte_field *f = &rte_fields[i];
		void *p = base + f->off;

		switch (f->kind) {
		case RTE_F_STR:
			ret = rte_jobj_str(o, f->name, p, f->size);
			break;
		case RTE_F_U64:
			ret = rte_jobj_u64(o, f->name, p);
			break;
		case RTE_F_U32:
			ret = rte_jobj_u32(o, f->name, p);
			break;
		case RTE_F_BOOL:
			ret = rte_jobj_bool(o, f->name, p);
			break;
		}
		/* a newer format may differ in anything: say so first */
		if (!ret && !strcmp(f->name, "format") &&
		    h->format != RTE_FORMAT_VERSION) {
			snprintf(o->err, sizeof(o->err),
				 "format %u, this tool reads format %d: use a matching rt-eval-compare/rt-eval-collect",
				 h->format, RTE_FORMAT_VERSION);
			return -1;
		}
	}
	if (ret)
		return -1;
	h->info.backend = !strcmp(h->backend, "tmu") ? RT_EVAL_TMU_BACKEND_TMU :
			  !strcmp(h->backend, "ttc") ? RT_EVAL_TMU_BACKEND_TTC : 0;
	if (!h->info.tick_hz) {
		snprintf(o->err, sizeof(o->err), "tick_hz is 0 in the header");
		return -1;
	}
	if (h->interval_ns < RTE_MIN_INTERVAL_NS ||
	    h->interval_ns > RTE_MAX_INTERVAL_NS ||
	    h->duration_ns > RTE_MAX_DURATION_NS ||
	    (h->duration_ns && h->duration_ns < RTE_MIN_DURATION_NS) ||
	    h->start_ns > RTE_MAX_START_NS) {
		snprintf(o->err, sizeof(o->err),
			 "interval_ns %llu, duration_ns %llu or start_ns %llu out of range (interval 100ms to 1d, duration up to 3650d)",
			 (unsigned long long)h->interval_ns,
			 (unsigned long long)h->duration_ns,
			 (unsigned long long)h->start_ns);
		return -1;
	}
	return 0;
}
