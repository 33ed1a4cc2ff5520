/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_eval_tmu - IRQ latency measurement with a spare SoC timer: internals
 *
 *   rte_core.c     the interrupt handler and the configuration
 *   rte_probe.c    the device's lifetime: probe, resources, the module
 *   rte_tmu.c      Renesas R-Car TMU backend (register map, accessors)
 *   rte_ttc.c      Cadence TTC backend (register map, accessors)
 *   rte_cdev.c     the sample ring, both ends, and /dev/rt_eval_tmu<N>
 *   rte_log.c      the optional kernel-log windows
 *   rte_sysfs.c    sysfs attributes
 *   rte_debugfs.c  fault injection for tests
 *   rte_thread.c   the thread stage: a SCHED_FIFO thread woken per sample
 *   rte_trace.h    the trace events rt_eval_tmu:sample and :thread
 *
 * The arithmetic they share with userspace is in common/.
 */
#ifndef _RTE_DRV_H
#define _RTE_DRV_H

#include <linux/irq_work.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <linux/rt_eval_tmu.h>

#include "rte_measure.h"
#include "rte_stats.h"

#define RTE_DRV_NAME		"rt_eval_tmu"
#define RTE_DEFAULT_PERIOD_NS	(10ULL * NSEC_PER_MSEC)
#define RTE_MIN_PERIOD_NS	(100ULL * NSEC_PER_USEC)
#define RTE_DEFAULT_THRESH_NS	(30 * NSEC_PER_USEC)
#define RTE_MAX_THRESH_NS	(10ULL * NSEC_PER_SEC)
#define RTE_MAX_LOG_INTERVAL_S	3600
#define RTE_MAX_INJECT_US	1000000
#define RTE_WAKE_INTERVAL_NS	(200 * NSEC_PER_MSEC)
#define RTE_DEFAULT_PRESCALER	4
#define RTE_DEFAULT_THREAD_PRIO	95

struct rte_dev;

/**
 * struct rte_backend - what differs between timer blocks
 * @name: backend name for messages
 * @id: RT_EVAL_TMU_BACKEND_*
 * @channels: counters/channels per block
 * @counts_down: the counter counts down from the reload value
 * @init: validate the prescaler and DT properties, set up @count_reg and
 *	the counter width; 0 or -errno
 * @start: program prescaler and period, clear stale status, enable the
 *	interrupt and start counting from the beginning of a period
 * @stop: stop counting, disable the interrupt, clear pending status
 * @ack: acknowledge the period interrupt; false if it was not pending
 */
struct rte_backend {
	const char *name;
	u32 id;
	u32 channels;
	bool counts_down;
	int (*init)(struct rte_dev *rd, u32 prescaler);
	void (*start)(struct rte_dev *rd);
	void (*stop)(struct rte_dev *rd);
	bool (*ack)(struct rte_dev *rd);
};

extern const struct rte_backend rte_tmu_backend;
extern const struct rte_backend rte_ttc_backend;

/**
 * struct rte_pcpu - per-CPU sums
 * @seq: lets readers on other CPUs take a consistent copy of the fields
 *	below; written only by the interrupt handler on this CPU
 * @gen: reset generation @total belongs to (see rte_dev.reset_gen)
 * @total: running statistics since the last reset
 * @dropped: samples not queued because the ring was full
 * @thread: the thread stage's latencies since the last reset
 * @thread_late: samples the thread stage missed (THREAD_LATE) since then
 */
struct rte_pcpu {
	seqcount_t seq;
	u32 gen;
	struct rte_stats total;
	u64 dropped;
	struct rte_stats thread;
	u64 thread_late;
};

/**
 * struct rte_thread_req - what the handler hands the thread for one sample
 * @uf_ns: the underflow, placed by rte_measure()
 * @seq: the sample's sequence number
 */
struct rte_thread_req {
	u64 uf_ns;
	u64 seq;
};

/**
 * struct rte_thread - the thread stage, see rte_thread.c
 * @task: the kernel thread, NULL when the stage is off; set and cleared
 *	under cfg_lock while the handler cannot run
 * @priority: its SCHED_FIFO priority
 * @want: tag of the sample the thread is to measure; the handler stores
 *	it (release) after @req, the thread reads it (acquire)
 * @req: the request of tag t is in req[t & 1], written by the handler
 * @done: tag the thread measured last, stored (release) after @result
 * @result: stage-2 ticks of tag @done
 * @next_tag: the handler's tag counter, never 0
 * @held: the record waiting for the thread, NULL if none; handler only
 *	(or process context with the timer stopped)
 * @held_tag: its tag
 * @held_seq: its sequence number
 *
 * No lock: one writer per field, ordered by @want and @done.
 */
struct rte_thread {
	struct task_struct *task;
	u32 priority;
	u32 want;
	struct rte_thread_req req[2];
	u32 done;
	u64 result;
	u32 next_tag;
	struct rt_eval_tmu_sample *held;
	u32 held_tag;
	u64 held_seq;
};

/**
 * struct rte_ring - the device's sample ring, see rte_cdev.c
 * @head: next slot the handler fills; only the handler stores it (one
 *	interrupt line: its handler never runs on two CPUs at once)
 * @tail: next slot a reader takes; only a reader, under read_lock, stores it
 * @records: slots, a power of two
 * @watermark: queued records that wake a reader at once
 * @last_wake_ns: when the handler last woke readers
 * @slot: @records records
 */
struct rte_ring {
	u32 head;
	u32 tail;
	u32 records;
	u32 watermark;
	u64 last_wake_ns;
	struct rt_eval_tmu_sample *slot;
};

/**
 * struct rte_hw - what the handler needs
 * @count_reg: counter register, read first thing in the handler
 * @t: counter arithmetic, see rte_measure()
 * @threshold_ticks: above-threshold limit, see rte_ns_to_ticks_floor()
 * @stop_tracing_ticks: a latency above it stops tracing, 0 = never; 32
 *	bits so that the handler reads it whole on 32-bit CPUs too
 */
struct rte_hw {
	void __iomem *count_reg;
	struct rte_timing t;
	u64 threshold_ticks;
	u32 stop_tracing_ticks;
};

/**
 * struct rte_window - statistics of one kernel-log window
 * @stats: samples in the window
 * @end_ns: CLOCK_MONOTONIC time the window closes
 */
struct rte_window {
	struct rte_stats stats;
	u64 end_ns;
};

/**
 * struct rte_dev - one timer channel measuring interrupt latency
 * @kref: the device and each open file hold a reference; the last put
 *	frees this structure, the rings and the per-CPU data
 * @dev: the platform device
 * @be: backend operations
 * @base: MMIO base of the timer block
 * @base_size: size of the block's register range
 * @chan_base: MMIO base of the channel's registers
 * @channel: channel (TMU) or counter (TTC) index
 * @irq: the channel's interrupt
 * @clk_hz: input clock rate
 * @prescaler: clock divider
 * @tick_hz: counter rate
 * @counter_bits: counter width
 * @hw_priv: backend register values computed at init (TCR/CLK_CNTRL)
 * @hw: handler's view of the timer configuration; changed only while the
 *	timer is stopped and the handler synchronised
 * @last_uf_ns: estimated CLOCK_MONOTONIC time of the last served underflow
 * @next_seq: sequence number of the next sample
 * @first: next sample is the first after a start
 * @inject_us: debugfs fault injection, consumed by the next interrupt
 * @last_cpu: CPU that ran the handler last (for debugfs irqs_off_us)
 * @win: current kernel-log window, handler only
 * @win_seq: protects @done against the log worker
 * @done: last completed window
 * @done_id: incremented each time @done is filled
 * @log_interval_ns: kernel-log window length, 0 = off
 * @pcpu: per-CPU sums
 * @ring: the sample stream
 * @reset_gen: statistics generation; a reset increments it
 * @cfg_lock: serialises configuration changes (process context)
 * @enabled: the timer runs
 * @threshold_ns: above-threshold limit
 * @stop_tracing_ns: stop_tracing_ns as written
 * @th: the thread stage
 * @read_lock: serialises readers taking records from the rings
 * @wq: readers wait here
 * @wake_work: wakes readers from outside hard-IRQ context (PREEMPT_RT)
 * @log_work: prints a completed window
 * @log_printed: @done_id last printed
 * @open_count: open files, to skip wake-ups nobody waits for
 * @gone: the device was unbound; readers get EOF once drained
 * @misc: /dev/rt_eval_tmu<N>
 * @id: the N
 * @name: "rt_eval_tmu<N>"
 * @debugfs: debugfs directory
 */
struct rte_dev {
	struct kref kref;
	struct device *dev;
	const struct rte_backend *be;
	void __iomem *base;
	resource_size_t base_size;
	void __iomem *chan_base;
	u32 channel;
	int irq;
	unsigned long clk_hz;
	u32 prescaler;
	u64 tick_hz;
	u32 counter_bits;
	u32 hw_priv;

	/* handler state: written by the handler, or while it cannot run */
	struct rte_hw hw;
	u64 last_uf_ns;
	u64 next_seq;
	bool first;
	u32 inject_us;
	u32 last_cpu;
	struct rte_window win;
	seqcount_t win_seq;
	struct rte_stats done;
	u32 done_id;
	u64 log_interval_ns;

	struct rte_pcpu __percpu *pcpu;
	struct rte_ring ring;
	u32 reset_gen;

	struct mutex cfg_lock;	/* configuration, see above */
	bool enabled;
	u64 threshold_ns;
	u64 stop_tracing_ns;
	struct rte_thread th;

	struct mutex read_lock;	/* readers, see above */
	wait_queue_head_t wq;
	struct irq_work wake_work;
	struct work_struct log_work;
	u32 log_printed;
	atomic_t open_count;
	bool gone;

	struct miscdevice misc;
	int id;
	char name[24];
	struct dentry *debugfs;
};

/* rte_core.c */
int rte_request_irq(struct rte_dev *rd);
void rte_hw_start(struct rte_dev *rd);
void rte_hw_stop(struct rte_dev *rd);
void rte_wake_work(struct irq_work *work);
void rte_dev_shutdown(struct rte_dev *rd);
int rte_set_enabled(struct rte_dev *rd, bool on);
int rte_set_period(struct rte_dev *rd, u64 period_ns);
int rte_set_threshold(struct rte_dev *rd, u64 threshold_ns);
int rte_set_log_interval(struct rte_dev *rd, u64 seconds);
int rte_set_stop_tracing(struct rte_dev *rd, u64 ns);
void rte_reset_stats(struct rte_dev *rd);
void rte_get_stats(struct rte_dev *rd, struct rte_stats *st, u64 *dropped,
		   struct rte_stats *thread, u64 *thread_late);
void rte_get_info(struct rte_dev *rd, struct rt_eval_tmu_info *info);

/* rte_thread.c */
void rte_thread_hold(struct rte_dev *rd, struct rt_eval_tmu_sample *s,
		     u64 uf_ns);
void rte_thread_finish(struct rte_dev *rd, struct rte_pcpu *pc, u64 now_ns);
void rte_thread_flush(struct rte_dev *rd);
int rte_set_thread_stage(struct rte_dev *rd, u64 on);
int rte_set_thread_priority(struct rte_dev *rd, u64 prio);
void rte_thread_shutdown(struct rte_dev *rd);

/* rte_probe.c */
void rte_dev_put(struct rte_dev *rd);

/* rte_cdev.c */
int rte_ring_alloc(struct rte_ring *ring, u32 records);
void rte_ring_free(struct rte_ring *ring);
struct rt_eval_tmu_sample *rte_ring_claim(struct rte_dev *rd);
void rte_ring_publish(struct rte_dev *rd, u64 now_ns);
int rte_cdev_register(struct rte_dev *rd);

/* rte_log.c */
void rte_log_add(struct rte_dev *rd, u64 now_ns, u64 ticks, u32 missed);
void rte_log_work(struct work_struct *work);

/* rte_sysfs.c */
extern const struct attribute_group *rte_groups[];
int rte_parse_decimal(const char *buf, size_t count, u64 min, u64 max,
		      u64 *val);

/* rte_debugfs.c */
int rte_debugfs_init(struct rte_dev *rd, struct dentry *root);

#endif /* _RTE_DRV_H */
