/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rt_eval_tmu - IRQ latency measurement with a spare SoC timer
 *
 * Userspace ABI of the character device /dev/rt_eval_tmu<N>.
 *
 * read() returns whole struct rt_eval_tmu_sample records, oldest first, in
 * sequence order.  RT_EVAL_TMU_IOC_INFO describes the device; check
 * info.abi_version and info.record_size before trusting the records.
 *
 * Compatibility rules: fields are only ever added in reserved space, which
 * the driver fills with zeroes, and a change that alters the meaning of an
 * existing field gets a new ABI version.
 */
#ifndef _UAPI_LINUX_RT_EVAL_TMU_H
#define _UAPI_LINUX_RT_EVAL_TMU_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* ABI version reported in struct rt_eval_tmu_info.abi_version. */
#define RT_EVAL_TMU_ABI_VERSION		1

/* Hardware behind a device: struct rt_eval_tmu_info.backend. */
#define RT_EVAL_TMU_BACKEND_TMU		1	/* Renesas R-Car TMU channel */
#define RT_EVAL_TMU_BACKEND_TTC		2	/* Cadence TTC counter */

/* struct rt_eval_tmu_sample.flags */
/* The interrupt was served more than one period late (missed > 0). */
#define RT_EVAL_TMU_SAMPLE_LATE		(1U << 0)
/* First sample after the timer was (re)started. */
#define RT_EVAL_TMU_SAMPLE_FIRST	(1U << 1)
/* The handler was held off on purpose by the debugfs fault injection. */
#define RT_EVAL_TMU_SAMPLE_INJECTED	(1U << 2)
/*
 * The handler was stalled right after its counter read (a descheduled vCPU,
 * a preempted emulator) for more than an eighth of a period, or no clock
 * read could bracket its second counter read that tightly.  The counter
 * cannot tell a stall of one period or more from a shorter one:
 * latency_ticks and missed assume it was shorter, so they can overstate by
 * whole periods.  Also set when a counter read found the last tick of a
 * period: one tick in a period on hardware, but where an emulated timer
 * (QEMU's TMU) rests while its underflow is overdue; latency_ticks and
 * missed can then understate by one period.  Without this flag they are
 * exact.
 */
#define RT_EVAL_TMU_SAMPLE_UNCERTAIN	(1U << 3)

/*
 * The thread stage (sysfs thread_stage) measured this underflow:
 * stage2_ticks holds the ticks from the underflow to a SCHED_FIFO kernel
 * thread, woken by the handler, reading the counter.  Without this flag
 * stage2_ticks is 0 and means "not measured", never a latency of 0.
 */
#define RT_EVAL_TMU_SAMPLE_THREAD	(1U << 4)
/*
 * The thread stage was on, but its thread had not run for this underflow
 * when the handler of the next one ran: not measured (stage2_ticks 0), and
 * the thread's latency was more than the time to that next interrupt.  A
 * record has at most one of THREAD and THREAD_LATE.
 */
#define RT_EVAL_TMU_SAMPLE_THREAD_LATE	(1U << 5)

/**
 * struct rt_eval_tmu_sample - one interrupt latency sample
 * @seq: per-device sequence number, starting at 0 when the device is
 *	probed and never reset; a gap between two records read is the number
 *	of samples dropped because the ring was full
 * @timestamp_ns: CLOCK_MONOTONIC time read right after the counter, in ns
 * @latency_ticks: timer ticks from the interrupt being raised (the
 *	underflow) to the handler reading the counter; includes whole periods
 *	when the interrupt was served late (see @missed), never folded
 * @missed: timer periods that elapsed without their interrupt being served
 *	before this one (0 normally); latency_ticks / period_ticks == missed.
 *	A sample's latency counts from the underflow that raised its
 *	interrupt (timestamp_ns minus latency), and its missed periods follow
 *	that one: over a run, the sum of (1 + missed) of all samples but the
 *	last is the number of periods between the first and the last
 *	sample's underflow
 * @cpu: CPU that ran the handler
 * @flags: RT_EVAL_TMU_SAMPLE_* bits
 * @period_ticks: timer period in ticks when the sample was taken
 * @stage2_ticks: with RT_EVAL_TMU_SAMPLE_THREAD, timer ticks from the same
 *	underflow to the thread stage's counter read (>= latency_ticks; whole
 *	periods counted, never folded); otherwise 0, not measured.  With
 *	the thread stage on, a record is published one interrupt later, when
 *	the next handler knows whether the thread ran
 * @reserved: zero
 *
 * 64 bytes, no implicit padding.  Convert ticks to ns with the tick_hz
 * reported by RT_EVAL_TMU_IOC_INFO: ns = ticks * 1e9 / tick_hz.
 */
struct rt_eval_tmu_sample {
	__u64 seq;
	__u64 timestamp_ns;
	__u64 latency_ticks;
	__u32 missed;
	__u32 cpu;
	__u32 flags;
	__u32 period_ticks;
	__u64 stage2_ticks;
	__u64 reserved[2];
};

/**
 * struct rt_eval_tmu_info - device description, RT_EVAL_TMU_IOC_INFO
 * @abi_version: RT_EVAL_TMU_ABI_VERSION of the driver
 * @backend: RT_EVAL_TMU_BACKEND_*
 * @tick_hz: counter rate in Hz (input clock / prescaler)
 * @period_ticks: current timer period in ticks
 * @period_ns: current timer period in ns (rounded)
 * @counter_bits: counter width in bits (16 or 32)
 * @record_size: sizeof(struct rt_eval_tmu_sample) as the driver knows it
 * @threshold_ns: current above-threshold limit in ns
 * @enabled: 1 while the timer runs
 * @ring_records: capacity of the device's sample ring, in records
 * @reserved: zero
 */
struct rt_eval_tmu_info {
	__u32 abi_version;
	__u32 backend;
	__u64 tick_hz;
	__u64 period_ticks;
	__u64 period_ns;
	__u32 counter_bits;
	__u32 record_size;
	__u64 threshold_ns;
	__u32 enabled;
	__u32 ring_records;
	__u64 reserved[4];
};

#define RT_EVAL_TMU_IOC_MAGIC		0xB9
#define RT_EVAL_TMU_IOC_INFO		_IOR(RT_EVAL_TMU_IOC_MAGIC, 0x01, \
					     struct rt_eval_tmu_info)

#endif /* _UAPI_LINUX_RT_EVAL_TMU_H */
