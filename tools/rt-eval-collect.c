// SPDX-License-Identifier: GPL-2.0
/*
 * rt-eval-collect - read the rt_eval_tmu sample stream for hours: windows
 * of statistics on stdout, JSON lines, every raw sample, a cyclictest
 * histogram and a Prometheus textfile; or re-analyse a raw file.
 *
 * This file is the program's skeleton: the options, the loop, the signals.
 * Its state, outputs, device and daemon are in lib/rte_collect*.
 *
 * The device is read with 256-record reads when poll() says records are
 * queued; the driver wakes a reader at most about five times a second (or
 * at half a ring), and the collector adds one wake-up per window.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <linux/rt_eval_tmu.h>

#include "rte_collect.h"
#include "rte_fmt_raw.h"

/* Samples are published when their handler runs: close a window this late. */
#define GRACE_NS		(100 * 1000 * 1000ULL)

#define MSG_BARE_LIMIT "%s %s: a bare number is seconds; a latency limit needs its unit, e.g. %sus"
#define MSG_BARE_LARGE "%s %s: a bare number is seconds, and a latency limit is at most 1s: write the unit, e.g. %sns"
#define MSG_GONE "%s: the device went away (driver unbound or module removed); keeping the %llu samples read"
#define MSG_REPLAY_THREAD "--replay takes the thread stage from the file: --thread and --thread-priority do not apply"
#define MSG_LABEL_UTF8 "--label: not valid UTF-8 (the log is JSON and the --prom file Prometheus text, both UTF-8)"

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: " COLLECT_PROG " [options]            measure from /dev/rt_eval_tmu<N>\n"
		"       " COLLECT_PROG " --replay FILE [options] re-analyse a --raw file\n"
		"  -d, --device PATH        the device (default: the only /dev/rt_eval_tmu<N>)\n"
		"  -i, --interval TIME      window length, 100ms to 1d (default 10s)\n"
		"  -D, --duration TIME      stop after TIME, up to 3650d (default: at\n"
		"                           SIGINT/SIGTERM)\n"
		"  -l, --label TEXT         name of the run (UTF-8), e.g. baremetal or dom0\n"
		"  -t, --threshold TIME     above-threshold limit, e.g. 30us, up to 1s (the\n"
		"                           default: the device's threshold_ns)\n"
		"      --log FILE           JSON lines: header, one per window, summary\n"
		"      --raw FILE           every sample (binary, with the header)\n"
		"      --replay FILE        analyse a --raw file instead of a device\n"
		"      --histogram FILE     cyclictest/OSADL histogram, replaced each window\n"
		"                           (a replay: at the end)\n"
		"      --histogram-us N     its range in microseconds (default %d)\n"
		"      --prom FILE          Prometheus textfile, replaced each window (a\n"
		"                           replay: at the end)\n"
		"      --fail-above TIME    exit 3 if any latency exceeds TIME\n"
		"      --fail-p99-above TIME  exit 3 if the run's p99 exceeds TIME\n"
		"      --daemon             run in the background (messages to syslog)\n"
		"      --pidfile FILE       write the daemon's pid there\n"
		"  -q, --quiet              no window lines on stdout\n"
		"      --emulated           mark the run as measured on an emulated board\n"
		"                           (automatic where the device tree says QEMU)\n"
		"      --trace[=FILE]       trace the kernel (tracefs: the rt_eval_tmu, irq,\n"
		"                           softirq and scheduler events); a latency above\n"
		"                           --stop-above stops it: the trace is saved in FILE\n"
		"                           (default LOG.trace, or rt_eval_tmu<N>.trace) and\n"
		"                           what ran on that CPU before the handler is shown;\n"
		"                           the run then ends with exit status 3\n"
		"      --stop-above TIME    the latency that stops tracing (default: the\n"
		"                           threshold)\n"
		"      --trace-continue     after a spike, trace again (FILE.2, FILE.3 ...)\n"
		"      --thread             turn the device's thread stage on for the run\n"
		"                           (sysfs thread_stage, put back at the end): a\n"
		"                           second latency per sample, to a SCHED_FIFO\n"
		"                           kernel thread, in every output\n"
		"      --thread-priority N  that thread's SCHED_FIFO priority, 1 to 99\n"
		"                           (default: the device's thread_priority, 95)\n"
		"      --per-cpu            statistics per CPU that ran the handler, in the\n"
		"                           summary (one line when all came from one CPU)\n"
		"      --irq-cpu N          move the device's interrupt to CPU N for the run\n"
		"                           (/proc/irq/IRQ/smp_affinity_list, put back after)\n"
		"      --dma-latency US     hold a PM QoS request of US microseconds on\n"
		"                           /dev/cpu_dma_latency for the run (0: no deep\n"
		"                           idle states), as cyclictest's --latency\n"
		"  -h, --help               this text\n"
		"  -V, --version            the version\n"
		"TIME: a number and a unit: ns, us, ms, s, m, h or d (2.5s, 30us, 1d); a\n"
		"bare number is seconds, and a latency limit (--threshold, --fail-*)\n"
		"needs its unit.\n"
		"Signals: SIGINT/SIGTERM end the run (last window and summary written),\n"
		"SIGHUP reopens --log and --raw (logrotate).  Exit status: 0 ok, 1 error\n"
		"(device, file, disk, tracefs), 2 bad arguments, 3 a --fail-* limit was\n"
		"exceeded or a spike stopped tracing.\n",
		RTE_USHIST_DEFAULT_US);
}

static __printf(1, 2) __noreturn void bad_usage(const char *fmt, ...);

/* Bad command line: say why, show the usage, exit 2. */
static void bad_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, COLLECT_PROG ": ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	print_usage(stderr);
	exit(2);
}

/* ---------------------------------------------------------------------- */
/* Command line                                                            */

enum {
	OPT_LOG = 256, OPT_RAW, OPT_REPLAY, OPT_HISTOGRAM, OPT_HISTOGRAM_US,
	OPT_PROM, OPT_FAIL_ABOVE, OPT_FAIL_P99, OPT_DAEMON, OPT_PIDFILE, OPT_EMULATED,
	OPT_TRACE, OPT_STOP_ABOVE, OPT_TRACE_CONTINUE,
	OPT_THREAD, OPT_THREAD_PRIORITY,
	OPT_PER_CPU, OPT_IRQ_CPU, OPT_DMA_LATENCY,
};

/* --dma-latency at most: about 33 minutes, far beyond any idle state */
#define MAX_DMA_LATENCY_US	2000000000ULL

/* A window length or run length: @min to @max. */
static u64 parse_span(const char *opt, const char *arg, u64 min, u64 max,
		      const char *range)
{
	bool bare;
	u64 ns;

	if (rte_parse_time(arg, &ns, &bare))
		bad_usage("%s %s: expected a time such as 10s, 500ms, 2h or 1d",
			  opt, arg);
	if (ns < min || ns > max)
		bad_usage("%s %s: %s is %s", opt, arg, opt, range);
	return ns;
}

/*
 * A latency limit: --threshold, --fail-above, --fail-p99-above.  A bare
 * number is seconds as for every time, but 30 s is never meant (cyclictest
 * and rtla count in microseconds, sysfs in nanoseconds): below 1000 it is
 * refused suggesting microseconds, from 1000 on (over the 1 s at most)
 * suggesting nanoseconds.
 */
static u64 parse_limit(const char *opt, const char *arg)
{
	bool bare;
	u64 ns;

	if (rte_parse_time(arg, &ns, &bare) || !ns)
		bad_usage("%s %s: expected a positive time such as 30us or 500ns",
			  opt, arg);
	if (bare && ns < 1000 * RTE_NSEC_PER_SEC)
		bad_usage(MSG_BARE_LIMIT,
			  opt, arg, arg);
	if (bare)
		bad_usage(MSG_BARE_LARGE,
			  opt, arg, arg);
	if (ns > RTE_MAX_LIMIT_NS)
		bad_usage("%s %s: at most 1s", opt, arg);
	return ns;
}

static void parse_args(struct options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "interval", required_argument, NULL, 'i' },
		{ "duration", required_argument, NULL, 'D' },
		{ "label", required_argument, NULL, 'l' },
		{ "threshold", required_argument, NULL, 't' },
		{ "log", required_argument, NULL, OPT_LOG },
		{ "raw", required_argument, NULL, OPT_RAW },
		{ "replay", required_argument, NULL, OPT_REPLAY },
		{ "histogram", required_argument, NULL, OPT_HISTOGRAM },
		{ "histogram-us", required_argument, NULL, OPT_HISTOGRAM_US },
		{ "prom", required_argument, NULL, OPT_PROM },
		{ "fail-above", required_argument, NULL, OPT_FAIL_ABOVE },
		{ "fail-p99-above", required_argument, NULL, OPT_FAIL_P99 },
		{ "daemon", no_argument, NULL, OPT_DAEMON },
		{ "pidfile", required_argument, NULL, OPT_PIDFILE },
		{ "quiet", no_argument, NULL, 'q' },
		{ "emulated", no_argument, NULL, OPT_EMULATED },
		{ "trace", optional_argument, NULL, OPT_TRACE },
		{ "stop-above", required_argument, NULL, OPT_STOP_ABOVE },
		{ "trace-continue", no_argument, NULL, OPT_TRACE_CONTINUE },
		{ "thread", no_argument, NULL, OPT_THREAD },
		{ "thread-priority", required_argument, NULL, OPT_THREAD_PRIORITY },
		{ "per-cpu", no_argument, NULL, OPT_PER_CPU },
		{ "irq-cpu", required_argument, NULL, OPT_IRQ_CPU },
		{ "dma-latency", required_argument, NULL, OPT_DMA_LATENCY },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	u64 prio;
	int ch;
	u64 v;

	o->histogram_us = RTE_USHIST_DEFAULT_US;
	o->irq_cpu = -1;
	o->dma_latency_us = -1;
	o->label = "";
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":d:i:D:l:t:qhV", longopts,
				 NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->device = optarg;
			break;
		case 'i':
			o->interval_ns = parse_span("--interval", optarg,
						    RTE_MIN_INTERVAL_NS,
						    RTE_MAX_INTERVAL_NS,
						    "100ms to 1d");
			break;
		case 'D':
			o->duration_ns = parse_span("--duration", optarg,
						    RTE_MIN_DURATION_NS,
						    RTE_MAX_DURATION_NS,
						    "100ms to 3650d");
			break;
		case 'l':
			o->label = optarg;
			if (!rte_utf8_valid(optarg))
				bad_usage(MSG_LABEL_UTF8);
			if (strlen(optarg) >= sizeof(((struct rte_header *)0)->label))
				bad_usage("--label: at most %zu bytes",
					  sizeof(((struct rte_header *)0)->label) - 1);
			break;
		case 't':
			o->threshold_ns = parse_limit("--threshold", optarg);
			break;
		case OPT_LOG:
			o->log = optarg;
			break;
		case OPT_RAW:
			o->raw = optarg;
			break;
		case OPT_REPLAY:
			o->replay = optarg;
			break;
		case OPT_HISTOGRAM:
			o->histogram = optarg;
			break;
		case OPT_HISTOGRAM_US:
			if (rte_parse_u64(optarg, &o->histogram_us) ||
			    !o->histogram_us || o->histogram_us > 100000000)
				bad_usage("--histogram-us %s: expected 1 to 100000000", optarg);
			break;
		case OPT_PROM:
			o->prom = optarg;
			break;
		case OPT_FAIL_ABOVE:
			o->lim.above_ns = parse_limit("--fail-above", optarg);
			break;
		case OPT_FAIL_P99:
			o->lim.p99_ns = parse_limit("--fail-p99-above", optarg);
			break;
		case OPT_DAEMON:
			o->daemon = true;
			break;
		case OPT_EMULATED:
			o->emulated = true;
			break;
		case OPT_PIDFILE:
			o->pidfile = optarg;
			break;
		case OPT_TRACE:
			o->trace = true;
			if (optarg && !*optarg)
				bad_usage("--trace=: name a file, or leave out the '='");
			o->trace_file = optarg;
			break;
		case OPT_STOP_ABOVE:
			o->stop_above_ns = parse_limit("--stop-above", optarg);
			break;
		case OPT_TRACE_CONTINUE:
			o->trace_continue = true;
			break;
		case OPT_THREAD:
			o->thread = true;
			break;
		case OPT_THREAD_PRIORITY:
			if (rte_parse_u64(optarg, &prio) || prio < 1 || prio > 99)
				bad_usage("--thread-priority %s: expected 1 to 99", optarg);
			o->thread_priority = (u32)prio;
			break;
		case OPT_PER_CPU:
			o->per_cpu = true;
			break;
		case OPT_IRQ_CPU:
			if (rte_parse_u64(optarg, &v) || v >= RTE_MAX_CPUS)
				bad_usage("--irq-cpu %s: expected a CPU number, 0 to %d",
					  optarg, RTE_MAX_CPUS - 1);
			o->irq_cpu = (s64)v;
			break;
		case OPT_DMA_LATENCY:
			if (rte_parse_u64(optarg, &v) || v > MAX_DMA_LATENCY_US)
				bad_usage("--dma-latency %s: expected microseconds, 0 to %llu",
					  optarg, MAX_DMA_LATENCY_US);
			o->dma_latency_us = (s64)v;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			print_usage(stdout);
			exit(0);
		case 'V':
			printf(COLLECT_PROG " " RTE_TOOLS_VERSION "\n");
			exit(0);
		case ':':
			bad_usage("%s needs a value", argv[optind - 1]);
			break;
		default:
			bad_usage("unknown option '%s'", argv[optind - 1]);
			break;
		}
	}
	if (optind < argc)
		bad_usage("unexpected argument '%s'", argv[optind]);
	if (o->replay && (o->device || o->raw || o->daemon))
		bad_usage("--replay reads a file: --device, --raw and --daemon do not apply");
	if ((o->stop_above_ns || o->trace_continue) && !o->trace)
		bad_usage("%s: only with --trace", o->stop_above_ns ?
			  "--stop-above" : "--trace-continue");
	if (o->replay && o->trace)
		bad_usage("--replay reads a file: --trace does not apply");
	if (o->replay && (o->irq_cpu >= 0 || o->dma_latency_us >= 0))
		bad_usage("--replay reads a file: --irq-cpu and --dma-latency do not apply");
	if (o->pidfile && !o->daemon)
		bad_usage("--pidfile %s: only with --daemon", o->pidfile);
	if (o->replay && (o->thread || o->thread_priority))
		bad_usage(MSG_REPLAY_THREAD);
	if (o->thread_priority && !o->thread)
		bad_usage("--thread-priority: only with --thread");
}

/* Read everything queued; 0 drained, 1 end of stream (device gone), -1 error. */
static int drain_device(struct collector *c)
{
	for (;;) {
		ssize_t n = read(c->dev_fd, c->buf, sizeof(c->buf));
		size_t i, kept = 0, records;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < 0) {
			collect_msg(c, "%s: read failed: %s", c->hdr.device, strerror(errno));
			return -1;
		}
		if (n == 0)
			return 1;
		records = (size_t)n / sizeof(c->buf[0]);
		for (i = 0; i < records; i++) {
			if (!rte_run_feed(c->run, &c->buf[i]))
				continue;
			c->buf[kept] = c->buf[i];
			rte_sample_le(&c->buf[kept++]);
		}
		if (kept)
			collect_append(c, &c->raw, c->buf, kept * sizeof(c->buf[0]));
		if (records < RTE_ARRAY_SIZE(c->buf))
			return 0;
	}
}

static void take_signal(struct collector *c)
{
	struct signalfd_siginfo si;

	while (read(c->sig_fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			c->reopen = true;
		} else {
			c->stop = true;
			c->end = si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM";
		}
	}
}

static u64 run_loop(struct collector *c)
{
	struct rte_run *r = c->run;

	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = c->dev_fd, .events = POLLIN },
			{ .fd = c->sig_fd, .events = POLLIN },
		};
		int st = drain_device(c);
		u64 now = rte_now_ns(), deadline, wait_ms;

		if (st) {
			c->failed = true;
			c->end = st > 0 ? "device gone" : "read error";
			if (st > 0)
				collect_msg(c, MSG_GONE, c->hdr.device, (unsigned long long)
					    (r->total.st.count + r->win.st.count));
			return now;
		}
		if (r->end_ns != U64_MAX && now >= rte_sat_add(r->end_ns, GRACE_NS)) {
			c->end = "duration";
			return r->end_ns;
		}
		if (now > GRACE_NS)
			rte_run_advance(r, now - GRACE_NS);
		if (c->stop)
			return now;
		if (collect_trace_poll(c)) {
			/* the spike's record is published by now or soon */
			usleep(GRACE_NS / 1000);
			if (drain_device(c) > 0)
				c->failed = true;
			return rte_now_ns();
		}
		if (c->reopen) {
			c->reopen = false;
			if (collect_open_outputs(c, false))
				collect_msg(c, "SIGHUP: reopening failed; that output stops");
		}
		deadline = rte_sat_add(r->win_end < r->end_ns ? r->win_end :
				       r->end_ns, GRACE_NS);
		wait_ms = deadline > now ? (deadline - now + 999999) / 1000000 : 0;
		poll(pfd, 2, wait_ms > 60000 ? 60000 : (int)wait_ms);
		if (pfd[1].revents & POLLIN)
			take_signal(c);
	}
}

static int setup_signals(struct collector *c)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	signal(SIGPIPE, SIG_IGN);
	c->sig_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return c->sig_fd < 0 ? -1 : 0;
}

/* ---------------------------------------------------------------------- */
/* The run: a replay or the device                                         */

/* Between blocks of a replay: take signals as a live run does. */
static bool replay_stop(void *ctx)
{
	struct collector *c = ctx;
	static const unsigned int every = 16;	/* blocks of 256 records */

	if (++c->replay_blocks % every)
		return false;
	take_signal(c);
	if (c->reopen) {
		c->reopen = false;
		collect_log_flush(c);
		if (collect_open_outputs(c, false))
			collect_msg(c, "SIGHUP: reopening failed; that output stops");
	}
	return c->stop;
}

static int replay(struct collector *c)
{
	struct rte_raw_reader rd;
	char err[512];
	int ret;

	if (rte_raw_open(&rd, c->opt.replay, &c->hdr, err, sizeof(err))) {
		fprintf(stderr, COLLECT_PROG ": %s\n", err);
		return 1;
	}
	/* re-analyse with other settings if asked */
	if (c->opt.label[0])
		snprintf(c->hdr.label, sizeof(c->hdr.label), "%s", c->opt.label);
	if (c->opt.threshold_ns)
		c->hdr.threshold_ns = c->opt.threshold_ns;
	if (c->opt.duration_ns)
		c->hdr.duration_ns = c->opt.duration_ns;
	if (c->opt.interval_ns)
		c->hdr.interval_ns = c->opt.interval_ns;
	if (setup_signals(c)) {
		perror(COLLECT_PROG ": signals");
		return 1;
	}
	collect_start(c);
	rd.stop = replay_stop;
	rd.stop_ctx = c;
	ret = rte_raw_replay(&rd, c->run, err, sizeof(err));
	rte_raw_close(&rd);
	if (ret) {
		fprintf(stderr, COLLECT_PROG ": %s\n", err);
		c->failed = true;
	}
	if (rd.skipped) {
		fprintf(stderr, COLLECT_PROG ": %s; %llu record(s) skipped in all\n",
			rd.skip_msg, (unsigned long long)rd.skipped);
		c->failed = true;
	}
	if (!c->stop)
		c->end = ret ? "read error" : "end of file";
	collect_whole_files(c);
	return collect_summary(c, c->run->last_ts + 1);
}

static int live(struct collector *c)
{
	char found[64];
	const char *path = c->opt.device ? c->opt.device :
		collect_find_device(found, sizeof(found));
	u64 end;
	int status;

	collect_open_device(c, path);
	collect_find_sysfs(c, path);
	collect_trace_check(c);
	/* before the header, which records where the interrupt goes */
	collect_pin_irq(c);
	collect_hold_dma_latency(c);
	if (setup_signals(c)) {
		perror(COLLECT_PROG ": signals");
		collect_exit(c, 1);
	}
	if (c->opt.daemon) {
		c->opt.log = collect_absolute(c->opt.log);
		c->opt.raw = collect_absolute(c->opt.raw);
		c->opt.prom = collect_absolute(c->opt.prom);
		c->opt.histogram = collect_absolute(c->opt.histogram);
		c->opt.pidfile = collect_absolute(c->opt.pidfile);
		c->opt.trace_file = collect_absolute(c->opt.trace_file);
	}
	collect_thread_start(c);
	collect_live_header(c, path);
	collect_start(c);
	if (c->opt.daemon)
		collect_daemonize(c);
	collect_trace_arm(c);
	/* the first read drains what was queued before the start: stale */
	end = run_loop(c);
	rte_run_finish(c->run, end);
	status = collect_summary(c, end);
	if (collect_undo(c) && !status)
		status = 1;
	collect_remove_pidfile(c);
	return status;
}

int main(int argc, char **argv)
{
	struct collector *c = rte_xcalloc(1, sizeof(*c));
	int status;

	c->dev_fd = -1;
	c->sig_fd = -1;
	c->log.fd = -1;
	c->raw.fd = -1;
	c->dma_fd = -1;
	c->end = "SIGTERM";
	parse_args(&c->opt, argc, argv);
	status = c->opt.replay ? replay(c) : live(c);
	collect_release_dma_latency(c);
	if (collect_unpin_irq(c) && !status)
		status = 1;
	rte_out_close(&c->log);
	rte_out_close(&c->raw);
	rte_ushist_free(&c->us);
	rte_ushist_free(&c->thr_us);
	rte_buf_free(&c->text);
	rte_buf_free(&c->batch);
	rte_percpu_free(c->percpu);
	free(c->run);
	free(c);
	return status;
}
