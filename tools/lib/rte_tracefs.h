/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The collector's tracefs: armed for a run, stopped by the driver at a
 * spike (sysfs stop_tracing_ns), saved, re-armed, and put back as it was.
 *
 * The driver stops the top-level ring buffer (tracing_off()), so that is
 * the one used, not an instance.  What the collector changes there it
 * reads first and restores at the end: tracing_on, trace_clock (set to
 * "mono", the clock of the records' timestamp_ns), buffer_size_kb (raised
 * to RTE_TRACE_BUFFER_KB per CPU) and each event's enable.
 */
#ifndef RTE_TRACEFS_H
#define RTE_TRACEFS_H

#include "rte_util.h"

#define RTE_TRACE_BUFFER_KB	4096
/* The largest trace saved: the text of full buffers on many CPUs */
#define RTE_TRACE_MAX_SAVE	(1024ULL * 1024 * 1024)

/**
 * struct rte_trace_event - an event the collector enables
 * @path: "events/<system>/<event>"
 * @required: the run cannot be traced without it
 * @present: the kernel has it
 * @old: its enable before the run ("0" or "1")
 */
struct rte_trace_event {
	const char *path;
	bool required;
	bool present;
	char old[8];
};

#define RTE_TRACE_EVENTS	10

/**
 * struct rte_tracefs - tracefs as one run uses it
 * @dir: where tracefs is mounted
 * @ev: the events enabled
 * @old_on: tracing_on before the run
 * @old_clock: the trace clock before the run
 * @old_kb: buffer_size_kb before the run
 * @armed: the settings were changed (restore them)
 */
struct rte_tracefs {
	char dir[256];
	struct rte_trace_event ev[RTE_TRACE_EVENTS];
	char old_on[8];
	char old_clock[32];
	char old_kb[32];
	bool armed;
};

/*
 * Find tracefs in @mounts (a /proc/mounts), and check that it can be
 * written; 0, or -1 with what to do in @err.
 */
int rte_tracefs_find(struct rte_tracefs *t, const char *mounts, char *err,
		     size_t errlen);
/* Empty the buffer, set the clock, size and events, turn tracing on. */
int rte_tracefs_arm(struct rte_tracefs *t, char *err, size_t errlen);
/* 1 if tracing was turned off (the driver saw a spike), 0 if not, -1. */
int rte_tracefs_stopped(struct rte_tracefs *t);
/* Copy the trace to the regular file @path (replaced atomically). */
int rte_tracefs_save(struct rte_tracefs *t, const char *path, char *err,
		     size_t errlen);
/* Empty the buffer and turn tracing on again; 0, or -1 with errno. */
int rte_tracefs_rearm(struct rte_tracefs *t);
/* Put back what arm changed. */
void rte_tracefs_restore(struct rte_tracefs *t);

#endif
