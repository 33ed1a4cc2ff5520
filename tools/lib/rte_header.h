/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The header every run records first: the device, the analysis settings
 * and the environment.  The same JSON object opens a --log file (one line,
 * "type":"header") and is embedded in a --raw file.
 */
#ifndef RTE_HEADER_H
#define RTE_HEADER_H

#include <linux/rt_eval_tmu.h>

#include "rte_env.h"
#include "rte_json.h"
#include "rte_util.h"

#define RTE_FORMAT_VERSION	1

/*
 * Bounds of every time a run is built from, on the command line and in a
 * file's header alike: start + duration + interval stays below 2^63 ns, so
 * no derived time can wrap.
 */
#define RTE_MIN_INTERVAL_NS	(100 * RTE_NSEC_PER_MSEC)
#define RTE_MAX_INTERVAL_NS	RTE_NSEC_PER_DAY
#define RTE_MIN_DURATION_NS	RTE_MIN_INTERVAL_NS
#define RTE_MAX_DURATION_NS	(3650 * RTE_NSEC_PER_DAY)
#define RTE_MAX_START_NS	BIT_ULL(62)
/* --threshold, --fail-above, --fail-p99-above: 1 ns to a second */
#define RTE_MAX_LIMIT_NS	RTE_NSEC_PER_SEC

/**
 * struct rte_header - what a run is
 * @format: RTE_FORMAT_VERSION of the file
 * @tool_version: version of the collector that wrote it
 * @label: the user's name for the run (--label)
 * @device: the device path
 * @backend: "tmu" or "ttc"
 * @info: the device's RT_EVAL_TMU_IOC_INFO at the start
 * @threshold_ns: above-threshold limit the run counts against
 * @interval_ns: window length
 * @duration_ns: planned run length, 0 = until stopped
 * @start_ns: CLOCK_MONOTONIC start; samples before it are stale and skipped
 * @start_unix_ns: wall-clock (CLOCK_REALTIME) start, ns since the epoch
 * @start_time: the same in UTC, ISO 8601
 * @env: where it ran
 * @thread_stage: the device's thread stage was on (sysfs thread_stage):
 *	records carry stage2_ticks (absent in files of older collectors:
 *	off)
 * @thread_priority: its thread's SCHED_FIFO priority (sysfs
 *	thread_priority), 0 when unknown
 * @dma_latency_us: the PM QoS request held on /dev/cpu_dma_latency
 *	(--dma-latency), -1 when none (and in files older than the field)
 */
struct rte_header {
	u32 format;
	char tool_version[16];
	char label[128];
	char device[64];
	char backend[8];
	struct rt_eval_tmu_info info;
	u64 threshold_ns;
	u64 interval_ns;
	u64 duration_ns;
	u64 start_ns;
	u64 start_unix_ns;
	char start_time[32];
	struct rte_env env;
	bool thread_stage;
	u32 thread_priority;
	s32 dma_latency_us;
};

const char *rte_backend_name(u32 backend);

/* Append the header as one JSON line ("type":"header"). */
void rte_header_json(const struct rte_header *h, struct rte_buf *b);

/* Fill @h from a parsed header object; 0, or -1 with o->err. */
int rte_header_parse(struct rte_header *h, struct rte_jobj *o);

#endif
