/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt-eval-collect's pieces around its skeleton (rt-eval-collect.c: the
 * options, the loop, the signals): its state, its outputs
 * (rte_collect_out.c: which file gets what when, write failures reported
 * once) and its system side (rte_collect_sys.c: the device, the daemon).
 */
#ifndef RTE_COLLECT_H
#define RTE_COLLECT_H

#include <linux/rt_eval_tmu.h>

#include "rte_out.h"
#include "rte_percpu.h"
#include "rte_run.h"
#include "rte_tracefs.h"

#define COLLECT_PROG		"rt-eval-collect"
#define EXIT_LIMIT		3
#define DEFAULT_INTERVAL_NS	(10 * RTE_NSEC_PER_SEC)
#define READ_RECORDS		256

/**
 * struct options - the command line
 * @device: --device, or NULL to find the only one
 * @label: --label
 * @log: --log FILE
 * @raw: --raw FILE
 * @replay: --replay FILE
 * @histogram: --histogram FILE
 * @prom: --prom FILE
 * @pidfile: --pidfile FILE
 * @interval_ns: --interval, 0 = 10 s (a replay: the recorded one)
 * @duration_ns: --duration, 0 = until stopped
 * @threshold_ns: --threshold, 0 = the device's
 * @lim: --fail-above, --fail-p99-above
 * @histogram_us: --histogram-us
 * @daemon: --daemon
 * @quiet: --quiet
 * @emulated: --emulated
 * @trace: --trace: arm tracefs, stop it at a spike and analyse it
 * @trace_file: --trace=FILE, or NULL for the default name
 * @stop_above_ns: --stop-above, 0 = the threshold
 * @trace_continue: --trace-continue: re-arm after a spike
 * @thread: --thread: turn the device's thread stage on for the run
 * @thread_priority: --thread-priority, 0 = leave the device's
 * @per_cpu: --per-cpu
 * @irq_cpu: --irq-cpu N, -1 = leave the interrupt where it is
 * @dma_latency_us: --dma-latency US, -1 = no PM QoS request
 */
struct options {
	const char *device;
	const char *label;
	const char *log;
	const char *raw;
	const char *replay;
	const char *histogram;
	const char *prom;
	const char *pidfile;
	u64 interval_ns;
	u64 duration_ns;
	u64 threshold_ns;
	struct rte_limits lim;
	u64 histogram_us;
	bool daemon;
	bool quiet;
	bool emulated;
	bool trace;
	const char *trace_file;
	u64 stop_above_ns;
	bool trace_continue;
	bool thread;
	u32 thread_priority;
	bool per_cpu;
	s64 irq_cpu;
	s64 dma_latency_us;
};

/**
 * struct collector - everything one run of the program uses
 * @opt: the command line
 * @hdr: the run's header
 * @run: the analysis
 * @us: per-microsecond histogram for --histogram
 * @thr_us: the same of the thread stage
 * @log: --log file
 * @raw: --raw file
 * @dev_fd: the device
 * @sig_fd: signalfd for SIGINT, SIGTERM, SIGHUP
 * @buf: read buffer
 * @text: scratch text
 * @end: why the run ended
 * @stop: a stop signal arrived
 * @reopen: SIGHUP arrived
 * @failed: something went wrong that the exit status must show
 * @syslog: messages go to syslog (daemon)
 * @last_win: the last closed window's report, for --prom after a replay
 * @replay_blocks: blocks of records replayed, to look at signals now and then
 * @batch: log lines of a replay not written yet
 * @sysdir: the device's sysfs directory (its attributes), "" in a replay
 * @irq_name: the name its interrupt has in /proc/interrupts ("rt_eval_tmu0")
 * @tfs: tracefs, with --trace
 * @old_stop: the device's stop_tracing_ns before the run, restored after
 * @traces: traces saved
 * @spikes: of them, stopped by a spike of this device
 * @thread_was: sysfs thread_stage before --thread turned it on, to put
 *	back at the end; "" when nothing is to be put back
 * @prio_was: the same of thread_priority (--thread-priority)
 * @percpu: --per-cpu statistics, or NULL
 * @pin_irq: the interrupt --irq-cpu moved (0: none), to put back at the end
 * @pin_old: its smp_affinity_list before
 * @dma_fd: /dev/cpu_dma_latency held open for --dma-latency, or -1
 */
struct collector {
	struct options opt;
	struct rte_header hdr;
	struct rte_run *run;
	struct rte_ushist us;
	struct rte_ushist thr_us;
	struct rte_out log;
	struct rte_out raw;
	int dev_fd;
	int sig_fd;
	struct rt_eval_tmu_sample buf[READ_RECORDS];
	struct rte_buf text;
	const char *end;
	bool stop;
	bool reopen;
	bool failed;
	bool syslog;
	struct rte_report last_win;
	unsigned int replay_blocks;
	struct rte_buf batch;
	char sysdir[256];
	char irq_name[64];
	struct rte_tracefs tfs;
	char old_stop[32];
	u64 traces;
	u64 spikes;
	char thread_was[16];
	char prio_was[16];
	struct rte_percpu *percpu;
	u32 pin_irq;
	char pin_old[256];
	int dma_fd;
};

/* rte_collect_out.c */
/* A message for the user: stderr, or syslog once daemonized. */
__printf(2, 3) void collect_msg(struct collector *c, const char *fmt, ...);
/* Write the log lines a replay has gathered. */
void collect_log_flush(struct collector *c);
/* Append to an output (a replay gathers its log lines). */
void collect_append(struct collector *c, struct rte_out *o,
		    const void *buf, size_t len);
/* The whole-file outputs (--prom, --histogram), from the closed windows. */
void collect_whole_files(struct collector *c);
/* Open --log and --raw, at the @start of a run or after SIGHUP. */
int collect_open_outputs(struct collector *c, bool start);
/* The analysis, the outputs opened and checked, the header printed. */
void collect_start(struct collector *c);
/* The summary on stdout and in the log; returns the exit status. */
int collect_summary(struct collector *c, u64 end_ns);

/* rte_collect_trace.c */
/* --trace: find tracefs, or exit 1 saying what to do (before measuring). */
void collect_trace_check(struct collector *c);
/* Arm tracefs and the device's stop_tracing_ns, or exit 1. */
void collect_trace_arm(struct collector *c);
/* Tracing stopped at a spike: save, analyse, re-arm; true to end the run. */
bool collect_trace_poll(struct collector *c);
/* Put tracefs and stop_tracing_ns back. */
void collect_trace_restore(struct collector *c);

/* rte_collect_sys.c */
/* The only /dev/rt_eval_tmu<N> into @buf, or exit saying what to do. */
const char *collect_find_device(char *buf, size_t len);
/* Open the device and check its ABI, or exit saying why. */
void collect_open_device(struct collector *c, const char *path);
/*
 * The device's sysfs directory and interrupt name, from the open device's
 * major:minor (so a udev symlink as --device works), or exit saying why.
 */
void collect_find_sysfs(struct collector *c, const char *path);
/* Read sysfs attribute @attr of the device; 0, or -1 with errno. */
int collect_sysfs_read(struct collector *c, const char *attr, char *buf,
		       size_t len);
/* Write @val to sysfs attribute @attr; 0, or -1 with errno. */
int collect_sysfs_write(struct collector *c, const char *attr,
			const char *val);
/*
 * The thread stage of a live run: with --thread, write thread_priority
 * (if given) and 1 to thread_stage, or exit 1 naming the file; then
 * record the device's setting in the header.
 */
void collect_thread_start(struct collector *c);
/* Put thread_stage and thread_priority back as --thread found them. */
void collect_thread_restore(struct collector *c);
/* The header of a live run: device, settings, environment, start time. */
void collect_live_header(struct collector *c, const char *path);
/* Relative paths would break after chdir("/"): make them absolute. */
const char *collect_absolute(const char *path);
/* Detach; the parent exits when the child has written its pidfile. */
void collect_daemonize(struct collector *c);
/* Remove the pidfile at exit if it is still a regular file with our pid. */
void collect_remove_pidfile(struct collector *c);

/* rte_collect_cpu.c */
/*
 * --irq-cpu: move the device's interrupt to that CPU (its old affinity
 * kept for collect_unpin_irq()), or exit 1 saying why and what to do.
 */
void collect_pin_irq(struct collector *c);
/* Put the interrupt back where it was; 0, or -1 (said). */
int collect_unpin_irq(struct collector *c);
/* --dma-latency: hold the PM QoS request, or exit 1 saying why. */
void collect_hold_dma_latency(struct collector *c);
/* Drop it (close the file). */
void collect_release_dma_latency(struct collector *c);
/*
 * Put back everything the run changed on the system: tracefs and
 * stop_tracing_ns, the thread stage, the PM QoS request, the interrupt's
 * affinity.  Each part only once; 0, or -1 if the interrupt could not be
 * put back (said).
 */
int collect_undo(struct collector *c);
/* exit(@status) once collect_undo() has put everything back. */
__noreturn void collect_exit(struct collector *c, int status);

#endif
