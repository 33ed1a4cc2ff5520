// SPDX-License-Identifier: GPL-2.0
/*
 * --trace: the ftrace text reader, the spike analysis on traces of the
 * three kinds of spike (interrupts held off by a task, with and without
 * irq_disable events; a thread kept from running), hostile traces, and
 * tracefs armed, saved and restored in a fake tracefs directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "rte_fmt_text.h"
#include "rte_fmt_trace.h"
#include "rte_gen.h"
#include "rte_spike.h"
#include "rte_tracefs.h"

#define SAMPLE_77 "              sh-345     [001] d.h1.   100.041080: sample: dev=0 seq=77 cpu=1 irq_ticks=4843500 irq_ns=32290000 missed=3 flags=0x1"
#define SWITCH_12 " a-b [c] d-12 [003] 5.5: sched_switch: prev_comm=x y prev_pid=1 prev_prio=1 prev_state=S ==> next_comm=p q-1 next_pid=77 next_prio=120"
#define SOFTIRQ_7 "  <idle>-0 [000] ..s1. 1.000001: softirq_entry: vec=7 [action=SCHED]"
#define CAUSE_SH "cause: no interrupt was taken for 40020.000 us while task sh (pid 345) ran on CPU 1"
#define SPIKE_77 "spike: rt_eval_tmu0 seq 77 on CPU 1: IRQ latency 32290.000 us"
#define CAUSE_OFF "for 40000.000 us while task sh (pid 345), interrupts off at rte_irqs_off_write+0x5c/0x100 ran on CPU 1"
#define CAUSE_HOG "cause: the thread did not run for 5000.000 us after the handler while task hog task (pid 500) ran on CPU 0"
#define HOSTILE_FIRST HDR "  sh-1 [000] d.h1. 10.000000: irq_handler_exit: irq=1 ret=handled\n"
#define HOSTILE_LAST "  sh-1 [000] d.h1. 12.000000: sample: dev=0 seq=1 cpu=0 irq_ticks=1 irq_ns=2000000000 missed=0 flags=0\n"
#define MOUNTS_FMT "proc /proc proc rw 0 0\nnodev %s/my\\040tracefs tracefs rw 0 0\n"

static char top[64];

/* Create @root/@path (and its directories) holding @data. */
static void put(struct __test_metadata *_metadata, const char *root,
		const char *path, const char *data)
{
	char rel[300];

	snprintf(rel, sizeof(rel), "/%s", path);
	ASSERT_EQ(0, rte_gen_file(root, rel, data, strlen(data)))
		TH_LOG("write %s/%s: %s", root, path, strerror(errno));
}

/* @root/@path's text, without its trailing newline */
static const char *get(const char *root, const char *path)
{
	static char text[256];
	char full[512];

	snprintf(full, sizeof(full), "%s/%s", root, path);
	if (rte_read_text(full, text, sizeof(text)))
		return "(unreadable)";
	return text;
}

static const char *dir(const char *name)
{
	static char d[256];

	snprintf(d, sizeof(d), "%s/%s", top, name);
	mkdir(d, 0755);
	return d;
}

#define HDR "# tracer: nop\n#\n#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"

/*
 * irqs_off_us 40000 written by sh (pid 345) on CPU 1: the CPU is silent
 * from the softirq's end until the pending interrupts are taken.  Events
 * of CPU 0 and of another device interleave.
 */
static const char irqs_off_trace[] = {
	HDR
	"          <idle>-0       [001] d..2.   100.000000: sched_switch: prev_comm=swapper/1 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=sh next_pid=345 next_prio=120\n"
	"              sh-345     [001] d.h1.   100.001000: irq_handler_entry: irq=11 name=arch_timer\n"
	"              sh-345     [001] d.h1.   100.001010: irq_handler_exit: irq=11 ret=handled\n"
	"              sh-345     [001] ..s1.   100.001020: softirq_entry: vec=1 [action=TIMER]\n"
	"              sh-345     [001] ..s1.   100.001030: softirq_exit: vec=1 [action=TIMER]\n"
	"     kworker/0:1-9       [000] d.h1.   100.010000: irq_handler_entry: irq=11 name=arch_timer\n"
	"     kworker/0:1-9       [000] d.h1.   100.010010: sample: dev=1 seq=500 cpu=0 irq_ticks=9000000 irq_ns=60000000 missed=5 flags=0x1\n"
	"     kworker/0:1-9       [000] d.h1.   100.010020: irq_handler_exit: irq=11 ret=handled\n"
	"              sh-345     [001] d.h1.   100.041050: irq_handler_entry: irq=11 name=arch_timer\n"
	"              sh-345     [001] d.h1.   100.041060: irq_handler_exit: irq=11 ret=handled\n"
	"              sh-345     [001] d.h1.   100.041070: irq_handler_entry: irq=40 name=rt_eval_tmu0\n"
	"              sh-345     [001] d.h1.   100.041080: sample: dev=0 seq=77 cpu=1 irq_ticks=4843500 irq_ns=32290000 missed=3 flags=0x1\n"
};

/* The same with preemptirq's events: the span starts at irq_disable. */
static const char irq_disable_trace[] = {
	HDR
	"              sh-345     [001] d.h1.   300.000000: irq_handler_exit: irq=11 ret=handled\n"
	"              sh-345     [001] d..1.   300.000100: irq_disable: caller=rte_irqs_off_write+0x5c/0x100 [rt_eval_tmu] parent=full_proxy_write+0x60/0xa0\n"
	"              sh-345     [001] ...1.   300.040100: irq_enable: caller=rte_irqs_off_write+0x8c/0x100 [rt_eval_tmu] parent=full_proxy_write+0x60/0xa0\n"
	"              sh-345     [001] d.h1.   300.040110: irq_handler_entry: irq=40 name=rt_eval_tmu0\n"
	"              sh-345     [001] d.h1.   300.040120: sample: dev=0 seq=9 cpu=1 irq_ticks=5250000 irq_ns=35000000 missed=3 flags=0x1\n"
};

/*
 * The shell of the knob, seen by sched_switch while it execs (comm "exe"),
 * named "sh" by the trace's comm cache afterwards; another task not named.
 */
static const char renamed_trace[] = {
	HDR
	"          <idle>-0       [000] d..2.    50.000000: sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=exe next_pid=689 next_prio=120\n"
	"              sh-689     [000] d.h1.    50.200000: irq_handler_entry: irq=14 name=rt_eval_tmu0\n"
	"              sh-689     [000] d.h1.    50.200010: sample: dev=0 seq=3 cpu=0 irq_ticks=1 irq_ns=190000000 missed=19 flags=0x1\n"
};

/* The thread stage: a SCHED_FIFO hog named "hog task" runs first. */
static const char thread_trace[] = {
	HDR
	"          <idle>-0       [000] d..1.   199.999000: irq_handler_exit: irq=11 ret=handled\n"
	"          <idle>-0       [000] d.h1.   200.000010: irq_handler_entry: irq=40 name=rt_eval_tmu0\n"
	"          <idle>-0       [000] d.h1.   200.000020: sample: dev=0 seq=5 cpu=0 irq_ticks=3000 irq_ns=20000 missed=0 flags=0x10\n"
	"          <idle>-0       [000] d.h2.   200.000025: sched_wakeup: comm=rt_eval_tmu0/thr pid=99 prio=4 target_cpu=000\n"
	"          <idle>-0       [000] d.h1.   200.000030: irq_handler_exit: irq=40 ret=handled\n"
	"          <idle>-0       [000] d..2.   200.000040: sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=hog task next_pid=500 next_prio=0\n"
	"        hog task-500     [000] d..2.   200.005040: sched_switch: prev_comm=hog task prev_pid=500 prev_prio=0 prev_state=R ==> next_comm=rt_eval_tmu0/thr next_pid=99 next_prio=4\n"
	"rt_eval_tmu0/thr-99      [000] .....   200.005050: thread: dev=0 seq=5 cpu=0 thread_ticks=757500 thread_ns=5050000\n"
};

static void analyse(struct __test_metadata *_metadata, const char *text,
		    s64 dev, struct rte_spike *sp, struct rte_buf *out)
{
	char path[300], err[512];

	snprintf(path, sizeof(path), "%s/t.trace", dir("an"));
	put(_metadata, top, "an/t.trace", text);
	ASSERT_EQ(0, rte_spike_analyse(path, dev, sp, err, sizeof(err)))
		TH_LOG("%s", err);
	out->len = 0;
	rte_text_spike(out, sp, "rt_eval_tmu0");
}

TEST(parses_the_events_it_uses)
{
	struct rte_tev ev;

	ASSERT_EQ(0, rte_tev_parse(SAMPLE_77, &ev));
	EXPECT_EQ(RTE_TEV_SAMPLE, ev.kind);
	EXPECT_EQ(1, ev.cpu);
	EXPECT_EQ(100041080000ULL, ev.ts_ns);
	EXPECT_STREQ("sh", ev.comm);
	EXPECT_EQ(345, ev.pid);
	EXPECT_EQ(77, ev.seq);
	EXPECT_EQ(4843500, ev.ticks);
	EXPECT_EQ(32290000, ev.ns);
	EXPECT_EQ(3, ev.missed);
	EXPECT_EQ(1, ev.flags);
	/* a comm with '-', ' ' and brackets; no flags column */
	ASSERT_EQ(0, rte_tev_parse(SWITCH_12, &ev));
	EXPECT_STREQ("a-b [c] d", ev.comm);
	EXPECT_EQ(12, ev.pid);
	EXPECT_EQ(3, ev.cpu);
	EXPECT_EQ(5500000000ULL, ev.ts_ns);
	EXPECT_EQ(RTE_TEV_SWITCH, ev.kind);
	EXPECT_STREQ("p q-1", ev.name);
	EXPECT_EQ(77, ev.num);
	ASSERT_EQ(0, rte_tev_parse(SOFTIRQ_7, &ev));
	EXPECT_EQ(RTE_TEV_SOFTIRQ_ENTRY, ev.kind);
	EXPECT_EQ(7, ev.num);
	EXPECT_STREQ("SCHED", ev.name);
	EXPECT_STREQ("<idle>", ev.comm);
	ASSERT_EQ(0, rte_tev_parse("  x-1 [000] d.... 2.000000: some_event: a=1", &ev));
	EXPECT_EQ(RTE_TEV_OTHER, ev.kind);
	/* not events: the header, a cut line, a sample without its fields */
	EXPECT_EQ(-1, rte_tev_parse("# tracer: nop", &ev));
	EXPECT_EQ(-1, rte_tev_parse("  sh-345 [001] d.h1. 100.041080", &ev));
	EXPECT_EQ(-1, rte_tev_parse("  sh-345 [001] d.h1. 1.0: sample: dev=0 seq=", &ev));
	EXPECT_EQ(-1, rte_tev_parse("  sh-345 [001] d.h1. 99999999999999999999.0: x: y", &ev));
	EXPECT_EQ(-1, rte_tev_parse("", &ev));
}

TEST(names_the_task_that_held_interrupts_off)
{
	struct rte_spike sp;
	struct rte_buf out = { 0 };

	analyse(_metadata, irqs_off_trace, 0, &sp, &out);
	TH_LOG("%s", out.p);
	ASSERT_TRUE(sp.found);
	EXPECT_FALSE(sp.thread);
	EXPECT_EQ(77, sp.seq);
	EXPECT_EQ(1, sp.cpu);
	EXPECT_EQ(100041080000ULL - 32290000, sp.underflow_ns);
	ASSERT_TRUE(sp.have_cause);
	EXPECT_EQ(RTE_CTX_TASK, sp.cause.ctx.kind);
	EXPECT_STREQ("sh", sp.cause.ctx.name);
	EXPECT_EQ(345, sp.cause.ctx.num);
	EXPECT_EQ(100001030000ULL, sp.cause.start_ns);
	EXPECT_EQ(100041050000ULL, sp.cause.end_ns);
	/* the spans after it: the tick, sh again, our own handler */
	EXPECT_EQ(4, sp.nspans);
	EXPECT_EQ(RTE_CTX_IRQ, sp.spans[3].ctx.kind);
	EXPECT_STREQ("rt_eval_tmu0", sp.spans[3].ctx.name);
	EXPECT_NE(NULL, strstr(out.p, CAUSE_SH));
	EXPECT_NE(NULL, strstr(out.p, SPIKE_77));
	EXPECT_NE(NULL, strstr(out.p, "an upper bound"));
	/* the other device's spike on CPU 0 when it is asked for */
	analyse(_metadata, irqs_off_trace, 1, &sp, &out);
	EXPECT_EQ(500, sp.seq);
	EXPECT_EQ(0, sp.cpu);
	rte_buf_free(&out);
}

TEST(starts_the_span_at_irq_disable_when_the_kernel_has_it)
{
	struct rte_spike sp;
	struct rte_buf out = { 0 };

	analyse(_metadata, irq_disable_trace, 0, &sp, &out);
	TH_LOG("%s", out.p);
	ASSERT_TRUE(sp.have_cause);
	EXPECT_TRUE(sp.irqs_off_events);
	EXPECT_TRUE(sp.cause.ctx.irqs_off);
	EXPECT_EQ(300000100000ULL, sp.cause.start_ns);
	EXPECT_EQ(300040100000ULL, sp.cause.end_ns);
	EXPECT_NE(NULL, strstr(out.p, CAUSE_OFF));
	EXPECT_EQ(NULL, strstr(out.p, "an upper bound"));
	rte_buf_free(&out);
}

TEST(names_what_kept_the_thread_from_running)
{
	struct rte_spike sp;
	struct rte_buf out = { 0 };

	analyse(_metadata, thread_trace, 0, &sp, &out);
	TH_LOG("%s", out.p);
	ASSERT_TRUE(sp.found);
	EXPECT_TRUE(sp.thread);
	EXPECT_TRUE(sp.have_handler);
	EXPECT_EQ(200000000000ULL, sp.underflow_ns);
	EXPECT_EQ(20000, sp.irq_ns);
	EXPECT_EQ(5050000, sp.thread_lat_ns);
	EXPECT_STREQ("hog task", sp.cause.ctx.name);
	EXPECT_EQ(500, sp.cause.ctx.num);
	EXPECT_NE(NULL, strstr(out.p, CAUSE_HOG));
	rte_buf_free(&out);
}

TEST(names_a_task_as_it_was_last_called)
{
	struct rte_spike sp;
	struct rte_buf out = { 0 };

	analyse(_metadata, renamed_trace, 0, &sp, &out);
	TH_LOG("%s", out.p);
	ASSERT_TRUE(sp.have_cause);
	EXPECT_STREQ("sh", sp.cause.ctx.name);
	EXPECT_STREQ("exe", sp.cause.ctx.was);
	EXPECT_EQ(689, sp.cause.ctx.num);
	EXPECT_NE(NULL, strstr(out.p, "while task sh (pid 689, named exe then) ran on CPU 0"));
	rte_buf_free(&out);
}

TEST(no_event_of_the_device)
{
	struct rte_spike sp;
	struct rte_buf out = { 0 };

	analyse(_metadata, HDR "  sh-1 [000] d.h1. 1.000000: irq_handler_entry: irq=1 name=x\n",
		0, &sp, &out);
	EXPECT_FALSE(sp.found);
	EXPECT_NE(NULL, strstr(out.p, "no event of rt_eval_tmu0"));
	analyse(_metadata, irqs_off_trace, 3, &sp, &out);
	EXPECT_FALSE(sp.found);
	analyse(_metadata, "", 0, &sp, &out);
	EXPECT_FALSE(sp.found);
	rte_buf_free(&out);
}

TEST(a_missing_trace_is_named)
{
	struct rte_spike sp;
	char err[512];

	EXPECT_EQ(-1, rte_spike_analyse("/nonexistent/x.trace", 0, &sp, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "/nonexistent/x.trace"));
}

/*
 * Hostile traces: a 1 MiB line, NULs, time going backwards, and 200000
 * spans in the window: bounded memory, no span of negative length, the
 * longest span still found.
 */
TEST(hostile_traces_are_bounded)
{
	struct rte_buf t = { 0 }, out = { 0 };
	struct rte_spike sp;
	char path[300], err[512];
	size_t i;
	int fd;

	rte_buf_printf(&t, HOSTILE_FIRST);
	for (i = 0; i < 1024 * 1024; i++)
		rte_buf_add(&t, "x", 1);
	rte_buf_printf(&t, "\n  sh-1 [000] d.h1. 9.000000: irq_handler_entry: irq=1 name=back\n");
	rte_buf_printf(&t, "  hog-2 [000] d.h1. 10.400000: irq_handler_exit: irq=1 ret=handled\n");
	for (i = 0; i < 100000; i++)
		rte_buf_printf(&t, "  sh-1 [000] d.h1. 11.%06zu: irq_handler_%s: irq=1 name=n\n",
			       i * 9, i % 2 ? "exit" : "entry");
	rte_buf_printf(&t, HOSTILE_LAST);
	snprintf(path, sizeof(path), "%s/hostile.trace", dir("an"));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ASSERT_TRUE(fd >= 0);
	ASSERT_EQ((ssize_t)t.len, write(fd, t.p, t.len));
	/* and a NUL in a line */
	ASSERT_EQ(3, write(fd, "a\0b", 3));
	close(fd);
	ASSERT_EQ(0, rte_spike_analyse(path, 0, &sp, err, sizeof(err)));
	ASSERT_TRUE(sp.found);
	EXPECT_EQ(RTE_SPIKE_MAX_SPANS, sp.nspans);
	EXPECT_TRUE(sp.more_spans > 99000);
	for (i = 0; i < sp.nspans; i++)
		EXPECT_TRUE(sp.spans[i].end_ns >= sp.spans[i].start_ns);
	/* the longest: 10.4 to 11.0; the line back in time is skipped */
	EXPECT_EQ(10400000000ULL, sp.cause.start_ns);
	EXPECT_EQ(11000000000ULL, sp.cause.end_ns);
	EXPECT_STREQ("hog", sp.cause.ctx.name);
	EXPECT_TRUE(sp.skipped >= 1);
	rte_text_spike(&out, &sp, "rt_eval_tmu0");
	EXPECT_NE(NULL, strstr(out.p, "more spans"));
	rte_buf_free(&t);
	rte_buf_free(&out);
}

/* ---------------------------------------------------------------------- */
/* tracefs                                                                 */

static const char *fake_tracefs(struct __test_metadata *_metadata,
				const char *name, bool with_event)
{
	const char *d = dir(name);

	put(_metadata, d, "trace", "# tracer: nop\n  sh-1 [000] d.h1. 1.000000: x: y\n");
	put(_metadata, d, "tracing_on", "1\n");
	put(_metadata, d, "trace_clock", "[local] global counter uptime perf mono mono_raw boot\n");
	put(_metadata, d, "buffer_size_kb", "7 (expanded: 1408)\n");
	if (with_event)
		put(_metadata, d, "events/rt_eval_tmu/sample/enable", "0\n");
	put(_metadata, d, "events/sched/sched_switch/enable", "1\n");
	put(_metadata, d, "events/irq/irq_handler_entry/enable", "0\n");
	return d;
}

static void fake_mounts(struct __test_metadata *_metadata, const char *root,
			char *path, size_t len)
{
	char text[600];

	/* the mount point's space as /proc/mounts writes it */
	snprintf(text, sizeof(text), MOUNTS_FMT, root);
	put(_metadata, root, "proc-mounts", text);
	snprintf(path, len, "%s/proc-mounts", root);
}

TEST(tracefs_is_armed_saved_and_restored)
{
	struct rte_tracefs t;
	char m[300], err[1024], saved[300];
	const char *d;

	fake_tracefs(_metadata, "fs1/my tracefs", true);
	fake_mounts(_metadata, dir("fs1"), m, sizeof(m));
	ASSERT_EQ(0, rte_tracefs_find(&t, m, err, sizeof(err)))
		TH_LOG("%s", err);
	d = t.dir;
	EXPECT_NE(NULL, strstr(d, "/fs1/my tracefs"));
	ASSERT_EQ(0, rte_tracefs_arm(&t, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("1", get(d, "tracing_on"));
	EXPECT_STREQ("mono", get(d, "trace_clock"));
	EXPECT_STREQ("4096", get(d, "buffer_size_kb"));
	EXPECT_STREQ("1", get(d, "events/rt_eval_tmu/sample/enable"));
	EXPECT_STREQ("1", get(d, "events/irq/irq_handler_entry/enable"));
	EXPECT_STREQ("", get(d, "trace"));	/* emptied */
	EXPECT_STREQ("(unreadable)", get(d, "events/preemptirq/irq_disable/enable"));
	EXPECT_EQ(0, rte_tracefs_stopped(&t));
	/* the driver's tracing_off(), and a trace to save */
	put(_metadata, d, "tracing_on", "0\n");
	put(_metadata, d, "trace", "the trace\n");
	EXPECT_EQ(1, rte_tracefs_stopped(&t));
	snprintf(saved, sizeof(saved), "%s/saved.trace", dir("fs1"));
	ASSERT_EQ(0, rte_tracefs_save(&t, saved, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_STREQ("the trace", get(dir("fs1"), "saved.trace"));
	/* never over something that is not a regular file */
	EXPECT_EQ(-1, rte_tracefs_save(&t, dir("fs1"), err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "not a regular file"));
	EXPECT_EQ(0, rte_tracefs_rearm(&t));
	EXPECT_STREQ("1", get(d, "tracing_on"));
	EXPECT_STREQ("", get(d, "trace"));
	rte_tracefs_restore(&t);
	EXPECT_STREQ("1", get(d, "tracing_on"));
	EXPECT_STREQ("local", get(d, "trace_clock"));
	EXPECT_STREQ("1408", get(d, "buffer_size_kb"));
	EXPECT_STREQ("0", get(d, "events/rt_eval_tmu/sample/enable"));
	EXPECT_STREQ("1", get(d, "events/sched/sched_switch/enable"));
	EXPECT_STREQ("0", get(d, "events/irq/irq_handler_entry/enable"));
}

TEST(tracefs_missing_or_without_the_event_says_what_to_do)
{
	struct rte_tracefs t;
	char m[300], err[1024];

	put(_metadata, dir("fs2"), "mounts", "proc /proc proc rw 0 0\n");
	snprintf(m, sizeof(m), "%s/mounts", dir("fs2"));
	EXPECT_EQ(-1, rte_tracefs_find(&t, m, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "mount -t tracefs nodev /sys/kernel/tracing"));
	EXPECT_EQ(-1, rte_tracefs_find(&t, "/nonexistent/mounts", err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "/nonexistent/mounts"));
	/* a driver without its trace event: nothing is changed */
	fake_tracefs(_metadata, "fs3/my tracefs", false);
	fake_mounts(_metadata, dir("fs3"), m, sizeof(m));
	ASSERT_EQ(0, rte_tracefs_find(&t, m, err, sizeof(err)));
	EXPECT_EQ(-1, rte_tracefs_arm(&t, err, sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "the driver has no trace event"));
	EXPECT_STREQ("[local] global counter uptime perf mono mono_raw boot",
		     get(t.dir, "trace_clock"));
	EXPECT_FALSE(t.armed);
}

#define RTE_TEST_DIR		top
#define RTE_TEST_DIR_NAME	"rte-test-trace"
#include "rte_test_dir.h"

TEST_HARNESS_MAIN
