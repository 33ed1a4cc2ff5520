// SPDX-License-Identifier: GPL-2.0
/* The run header as JSON, both ways, from the field table (rte_fields.c). */
#include <stdio.h>
#include <string.h>

#include "rte_fields.h"
#include "rte_header.h"

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
	rte_json_open(b, "header");
	rte_fields_json(b, &rte_header_fields, h);
	rte_json_close(b);
}

int rte_header_parse(struct rte_header *h, struct rte_jobj *o)
{
	memset(h, 0, sizeof(*h));
	h->dma_latency_us = -1;		/* absent from older files */
	if (rte_jobj_u32(o, "format", &h->format))
		return -1;
	/* a newer format may differ in anything: say so first */
	if (h->format != RTE_FORMAT_VERSION) {
		snprintf(o->err, sizeof(o->err),
			 "format %u, this tool reads format %d: use a matching rt-eval-compare/rt-eval-collect",
			 h->format, RTE_FORMAT_VERSION);
		return -1;
	}
	if (rte_fields_parse(o, &rte_header_fields, h))
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
