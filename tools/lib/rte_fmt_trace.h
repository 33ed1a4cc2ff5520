/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ftrace text format, as tracefs's "trace" file writes it with the
 * default options, one event per line:
 *
 *              sh-345     [001] d.h1.   123.456789: irq_handler_entry: irq=11 name=arch_timer
 *   <task comm>-<pid>     [cpu] flags   seconds.us: event: fields
 *
 * Only the events the spike analysis uses are decoded (rt_eval_tmu's
 * sample and thread, irq and softirq entry and exit, sched_switch,
 * sched_wakeup, preemptirq's irq_disable and irq_enable); any other line
 * is RTE_TEV_OTHER or not an event.  A trace handed to the tools may come
 * from anywhere: lines are read with a bounded length, fields are copied
 * with bounds, and a line that does not parse is skipped, never trusted.
 */
#ifndef RTE_FMT_TRACE_H
#define RTE_FMT_TRACE_H

#include "rte_util.h"

/* A longer line is skipped (the events decoded here are under 300 bytes) */
#define RTE_TRACE_MAX_LINE	4096

enum rte_tev_kind {
	RTE_TEV_OTHER,
	RTE_TEV_SAMPLE,		/* rt_eval_tmu:sample */
	RTE_TEV_THREAD,		/* rt_eval_tmu:thread */
	RTE_TEV_IRQ_ENTRY,
	RTE_TEV_IRQ_EXIT,
	RTE_TEV_SOFTIRQ_ENTRY,
	RTE_TEV_SOFTIRQ_EXIT,
	RTE_TEV_SWITCH,
	RTE_TEV_WAKEUP,
	RTE_TEV_IRQS_OFF,	/* preemptirq:irq_disable */
	RTE_TEV_IRQS_ON,	/* preemptirq:irq_enable */
};

/**
 * struct rte_tev - one decoded trace line
 * @kind: which event
 * @cpu: the CPU it was recorded on
 * @ts_ns: its timestamp, ns of the trace clock
 * @comm: the task current on @cpu (interrupted, in an IRQ)
 * @pid: its pid
 * @dev: sample, thread: the device number
 * @seq: sample, thread: the record's sequence number
 * @ticks: sample: IRQ latency; thread: thread latency, ticks
 * @ns: the same in ns
 * @missed: sample: periods missed
 * @flags: sample: the record's flags
 * @num: irq: the interrupt; softirq: the vector; switch, wakeup: the pid
 *	of the task switched to or woken
 * @name: irq: its name; softirq: its action; switch, wakeup: that task's
 *	comm; irq_disable, irq_enable: the caller
 */
struct rte_tev {
	enum rte_tev_kind kind;
	u32 cpu;
	u64 ts_ns;
	char comm[32];
	s64 pid;
	s64 dev;
	u64 seq;
	u64 ticks;
	u64 ns;
	u64 missed;
	u64 flags;
	s64 num;
	char name[64];
};

/* Decode one line (without its newline); 0, or -1 if it is not an event. */
int rte_tev_parse(const char *line, struct rte_tev *ev);

/**
 * struct rte_trace_reader - a trace file read line by line
 * @fd: the file
 * @buf: read buffer
 * @len: bytes in @buf
 * @pos: start of the next line in @buf
 * @eof: the file is read to its end
 * @long_lines: lines longer than RTE_TRACE_MAX_LINE, skipped
 * @line: the current line, NUL-terminated
 */
struct rte_trace_reader {
	int fd;
	char buf[65536];
	size_t len;
	size_t pos;
	bool eof;
	u64 long_lines;
	char line[RTE_TRACE_MAX_LINE + 1];
};

/* Open @path for reading; 0, or -1 with errno. */
int rte_trace_open(struct rte_trace_reader *rd, const char *path);
/* Start again from the beginning; 0, or -1 with errno. */
int rte_trace_rewind(struct rte_trace_reader *rd);
/* The next line into rd->line: 1, 0 at the end, -1 on a read error. */
int rte_trace_next(struct rte_trace_reader *rd);
void rte_trace_close(struct rte_trace_reader *rd);

#endif
