/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What delayed a spike: the analysis of a trace that the driver stopped
 * (sysfs stop_tracing_ns) right after a late sample's event.
 *
 * The spike is the device's last rt_eval_tmu event in the trace: a sample
 * (IRQ latency) or a thread event (thread latency).  Its underflow is the
 * sample event's time minus its IRQ latency.  On the CPU of the spike,
 * from the underflow to the handler (and, for the thread stage, on to the
 * thread), the trace is cut into spans between consecutive events: in
 * each, one context ran (a task, an interrupt handler or a softirq) and
 * nothing else was recorded.  The longest span is the cause: a span with
 * the timer's interrupt pending and none taken means interrupts were off
 * in that context (or, under a hypervisor, that the vCPU did not run).
 * Its start is the last event before it, so without preemptirq's
 * irq_disable events (most distribution kernels) it is an upper bound,
 * off by at most the time from that event to the real irq-disable; with
 * them, the span starts at the irq_disable and names its caller.
 */
#ifndef RTE_SPIKE_H
#define RTE_SPIKE_H

#include "rte_fmt_trace.h"

#define RTE_SPIKE_MAX_SPANS	48
#define RTE_SPIKE_MAX_NEST	8

enum rte_ctx_kind { RTE_CTX_TASK, RTE_CTX_IRQ, RTE_CTX_SOFTIRQ };

/**
 * struct rte_ctx - what ran on a CPU
 * @kind: a task, an interrupt handler or a softirq
 * @num: the task's pid, the interrupt, the softirq vector
 * @name: the task's comm, the interrupt's name, the softirq's action
 * @irqs_off: inside preemptirq's irq_disable .. irq_enable
 * @caller: the irq_disable's caller
 * @was: a task: its comm when the span began, if it has another since (an
 *	exec: @name is the later one, as the trace's comm cache shows it);
 *	else ""
 */
struct rte_ctx {
	enum rte_ctx_kind kind;
	s64 num;
	char name[64];
	bool irqs_off;
	char caller[64];
	char was[64];
};

/**
 * struct rte_span - a time with no event on the CPU
 * @start_ns: the event before it
 * @end_ns: the event after it
 * @ctx: what ran
 */
struct rte_span {
	u64 start_ns;
	u64 end_ns;
	struct rte_ctx ctx;
};

/**
 * struct rte_spike - the analysis of one stopped trace
 * @found: the trace has an event of the device
 * @thread: the spike is the thread stage's (the last event was a thread's)
 * @dev: the device's number
 * @seq: the sample's sequence number
 * @cpu: the CPU of the spike
 * @irq_ns: IRQ latency, ns
 * @irq_ticks: the same in ticks
 * @missed: periods missed
 * @flags: the record's flags
 * @thread_lat_ns: thread latency, ns (@thread)
 * @underflow_ns: the underflow, trace clock
 * @handler_ns: the sample event, trace clock
 * @thread_ns: the thread event, trace clock (@thread)
 * @have_handler: @thread: the sample event of @seq is in the trace too
 * @spans: the spans on @cpu from the underflow to the spike's event
 * @nspans: how many are in @spans
 * @more_spans: spans beyond RTE_SPIKE_MAX_SPANS, not listed
 * @cause: the longest span
 * @have_cause: there was a span
 * @irqs_off_events: the trace has preemptirq's irq_disable events
 * @lines: lines read
 * @skipped: lines that were not events, or too long
 */
struct rte_spike {
	bool found;
	bool thread;
	s64 dev;
	u64 seq;
	u32 cpu;
	u64 irq_ns;
	u64 irq_ticks;
	u64 missed;
	u64 flags;
	u64 thread_lat_ns;
	u64 underflow_ns;
	u64 handler_ns;
	u64 thread_ns;
	bool have_handler;
	struct rte_span spans[RTE_SPIKE_MAX_SPANS];
	size_t nspans;
	u64 more_spans;
	struct rte_span cause;
	bool have_cause;
	bool irqs_off_events;
	u64 lines;
	u64 skipped;
};

/*
 * Analyse the trace file @path for device @dev (-1: any).  0 (sp->found
 * tells whether there was a spike), or -1 with a message naming the file
 * in @err.
 */
int rte_spike_analyse(const char *path, s64 dev, struct rte_spike *sp,
		      char *err, size_t errlen);

#endif
