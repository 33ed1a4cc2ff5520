/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_eval_tmu - trace events
 *
 * rt_eval_tmu:sample, one per sample, emitted by the interrupt handler
 * after its measurement (the counter read is still its first load), with
 * the same figures as the record: usable with the hist, snapshot and
 * traceoff triggers, e.g.
 *
 *   echo 'hist:keys=cpu,irq_ns.log2' > \
 *	/sys/kernel/tracing/events/rt_eval_tmu/sample/trigger
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM rt_eval_tmu

#if !defined(_RTE_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _RTE_TRACE_H

#include <linux/tracepoint.h>

/**
 * sample - one interrupt latency sample
 * @dev: N of /dev/rt_eval_tmu<N>
 * @seq: the record's sequence number (also for a record the full ring
 *	dropped)
 * @cpu: CPU that ran the handler
 * @irq_ticks: latency in timer ticks, late periods included
 * @irq_ns: the same in ns, by multiply and shift (a few ns of rounding)
 * @missed: periods missed before this sample
 * @flags: RT_EVAL_TMU_SAMPLE_* bits
 */
TRACE_EVENT(sample,
	    TP_PROTO(int dev, u64 seq, u32 cpu, u64 irq_ticks, u64 irq_ns,
		     u32 missed, u32 flags),
	    TP_ARGS(dev, seq, cpu, irq_ticks, irq_ns, missed, flags),
	    TP_STRUCT__entry(__field(int, dev)
			     __field(u32, cpu)
			     __field(u64, seq)
			     __field(u64, irq_ticks)
			     __field(u64, irq_ns)
			     __field(u32, missed)
			     __field(u32, flags)),
	    TP_fast_assign(__entry->dev = dev;
			   __entry->cpu = cpu;
			   __entry->seq = seq;
			   __entry->irq_ticks = irq_ticks;
			   __entry->irq_ns = irq_ns;
			   __entry->missed = missed;
			   __entry->flags = flags;),
	    TP_printk("dev=%d seq=%llu cpu=%u irq_ticks=%llu irq_ns=%llu missed=%u flags=%#x",
		      __entry->dev, __entry->seq, __entry->cpu,
		      __entry->irq_ticks, __entry->irq_ns, __entry->missed,
		      __entry->flags)
);

/**
 * thread - the thread stage's measurement of one sample
 * @dev: N of /dev/rt_eval_tmu<N>
 * @seq: the record's sequence number
 * @cpu: CPU the thread ran on
 * @thread_ticks: ticks from the sample's underflow to the thread's read
 * @thread_ns: the same in ns
 */
TRACE_EVENT(thread,
	    TP_PROTO(int dev, u64 seq, u32 cpu, u64 thread_ticks, u64 thread_ns),
	    TP_ARGS(dev, seq, cpu, thread_ticks, thread_ns),
	    TP_STRUCT__entry(__field(int, dev)
			     __field(u32, cpu)
			     __field(u64, seq)
			     __field(u64, thread_ticks)
			     __field(u64, thread_ns)),
	    TP_fast_assign(__entry->dev = dev;
			   __entry->cpu = cpu;
			   __entry->seq = seq;
			   __entry->thread_ticks = thread_ticks;
			   __entry->thread_ns = thread_ns;),
	    TP_printk("dev=%d seq=%llu cpu=%u thread_ticks=%llu thread_ns=%llu",
		      __entry->dev, __entry->seq, __entry->cpu,
		      __entry->thread_ticks, __entry->thread_ns)
);

#endif /* _RTE_TRACE_H */

/* out of tree: the header is found through -I of the driver directory */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE rte_trace
#include <trace/define_trace.h>
