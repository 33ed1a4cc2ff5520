// SPDX-License-Identifier: GPL-2.0
/*
 * rt-eval-collect - read the rt_eval_tmu sample stream for hours: windows
 * of statistics on stdout, JSON lines, every raw sample, a cyclictest
 * histogram and a Prometheus textfile; or re-analyse a raw file.
 *
 * The device is read with 256-record reads when poll() says records are
 * queued; the driver wakes a reader at most about five times a second (or
 * at half a ring), and the collector adds one wake-up per window.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <linux/rt_eval_tmu.h>

#include "rte_fmt_hist.h"
#include "rte_fmt_log.h"
#include "rte_fmt_prom.h"
#include "rte_fmt_raw.h"
#include "rte_fmt_text.h"
#include "rte_out.h"

#define PROG			"rt-eval-collect"
#define EXIT_LIMIT		3
/* Samples are published when their handler runs: close a window this late. */
#define GRACE_NS		(100 * 1000 * 1000ULL)
#define DEFAULT_INTERVAL_NS	(10 * RTE_NSEC_PER_SEC)
#define READ_RECORDS		256

#define MSG_BARE_LIMIT "%s %s: a bare number is seconds; a latency limit needs its unit, e.g. %sus"
#define MSG_BARE_LARGE "%s %s: a bare number is seconds, and a latency limit is at most 1s: write the unit, e.g. %sns"
#define MSG_LABEL_UTF8 "--label: not valid UTF-8 (the log is JSON and the --prom file Prometheus text, both UTF-8)"

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
};

/**
 * struct collector - everything one run of the program uses
 * @opt: the command line
 * @hdr: the run's header
 * @run: the analysis
 * @us: per-microsecond histogram for --histogram
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
 */
struct collector {
	struct options opt;
	struct rte_header hdr;
	struct rte_run *run;
	struct rte_ushist us;
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
};

static void print_usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [options]            measure from /dev/rt_eval_tmu<N>\n"
		"       " PROG " --replay FILE [options] re-analyse a --raw file\n"
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
		"  -h, --help               this text\n"
		"  -V, --version            the version\n"
		"TIME: a number and a unit: ns, us, ms, s, m, h or d (2.5s, 30us, 1d); a\n"
		"bare number is seconds, and a latency limit (--threshold, --fail-*)\n"
		"needs its unit.\n"
		"Signals: SIGINT/SIGTERM end the run (last window and summary written),\n"
		"SIGHUP reopens --log and --raw (logrotate).  Exit status: 0 ok, 1 error\n"
		"(device, file, disk), 2 bad arguments, 3 a --fail-* limit was exceeded.\n",
		RTE_USHIST_DEFAULT_US);
}

static __printf(1, 2) __noreturn void bad_usage(const char *fmt, ...);

/* Bad command line: say why, show the usage, exit 2. */
static void bad_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, PROG ": ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	print_usage(stderr);
	exit(2);
}

static __printf(2, 3) void msg(struct collector *c, const char *fmt, ...);

/* A message for the user: stderr, or syslog once daemonized. */
static void msg(struct collector *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (c->syslog) {
		vsyslog(LOG_WARNING, fmt, ap);
	} else {
		fprintf(stderr, PROG ": ");
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

/* ---------------------------------------------------------------------- */
/* Command line                                                            */

enum {
	OPT_LOG = 256, OPT_RAW, OPT_REPLAY, OPT_HISTOGRAM, OPT_HISTOGRAM_US,
	OPT_PROM, OPT_FAIL_ABOVE, OPT_FAIL_P99, OPT_DAEMON, OPT_PIDFILE, OPT_EMULATED,
};

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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	o->histogram_us = RTE_USHIST_DEFAULT_US;
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
		case 'q':
			o->quiet = true;
			break;
		case 'h':
			print_usage(stdout);
			exit(0);
		case 'V':
			printf(PROG " " RTE_TOOLS_VERSION "\n");
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
	if (o->pidfile && !o->daemon)
		bad_usage("--pidfile %s: only with --daemon", o->pidfile);
}

/* ---------------------------------------------------------------------- */
/* Outputs                                                                 */

/* Append to an output now; say when it starts and stops failing. */
static void out_write(struct collector *c, struct rte_out *o,
		      const void *buf, size_t len)
{
	bool was = o->failing;

	if (o->headless) {	/* reported when the header failed */
		o->dropped += len;
		return;
	}
	if (rte_out_write(o, buf, len)) {
		c->failed = true;
		if (!was)
			msg(c,
			    "%s: write failed: %s; keeping the statistics in memory and retrying, but this file is now incomplete",
			    o->path, strerror(errno));
	} else if (was) {
		msg(c, "%s: writing again (%llu bytes were lost)", o->path,
		    (unsigned long long)o->dropped);
	}
}

/* Write the log lines a replay has gathered. */
static void log_flush(struct collector *c)
{
	if (c->batch.len)
		out_write(c, &c->log, c->batch.p, c->batch.len);
	c->batch.len = 0;
}

/*
 * Append to an output.  A replay gathers its log lines into 64 KiB
 * writes (whole lines still, all or nothing); a live run writes each.
 */
static void out_append(struct collector *c, struct rte_out *o,
		       const void *buf, size_t len)
{
	if (!o->path)
		return;
	if (c->opt.replay && o == &c->log) {
		rte_buf_add(&c->batch, buf, len);
		if (c->batch.len >= 65536)
			log_flush(c);
		return;
	}
	out_write(c, o, buf, len);
}

static void out_replace(struct collector *c, const char *path,
			const struct rte_buf *b)
{
	int ret = rte_out_replace(path, b->p ? b->p : "", b->len);

	if (ret) {
		c->failed = true;
		msg(c, "%s: cannot replace: %s", path,
		    rte_out_replace_error(ret, errno));
	}
}

/* The whole-file outputs, from the run's closed windows. */
static void write_whole_files(struct collector *c)
{
	if (c->opt.prom) {
		c->text.len = 0;
		rte_prom_text(&c->text, c->run, &c->last_win);
		out_replace(c, c->opt.prom, &c->text);
	}
	if (c->opt.histogram) {
		c->text.len = 0;
		rte_ushist_text(&c->text, &c->us, c->run);
		out_replace(c, c->opt.histogram, &c->text);
	}
}

/*
 * Open --log and --raw.  At the start a run begins: the log gets its header
 * even if it holds earlier runs, and a raw file (one run each) must be new
 * or empty.  After SIGHUP the run goes on: only a new (rotated) file gets
 * a header.
 */
static int open_outputs(struct collector *c, bool start)
{
	struct rte_out *files[] = { &c->log, &c->raw };
	const char *paths[2];
	size_t i;

	paths[0] = c->opt.log;
	paths[1] = c->opt.raw;
	for (i = 0; i < RTE_ARRAY_SIZE(files); i++) {
		bool empty, raw = files[i] == &c->raw;

		if (!paths[i])
			continue;
		rte_out_close(files[i]);
		if (rte_out_open(files[i], paths[i], &empty)) {
			msg(c, "%s: cannot open for writing: %s", paths[i],
			    strerror(errno));
			c->failed = true;
			return -1;
		}
		if (start && raw && !empty) {
			msg(c,
			    "%s: exists and is not empty: a raw file holds one run; move it away or name another",
			    paths[i]);
			return -1;
		}
		if (!empty && !start)
			continue;
		c->text.len = 0;
		if (raw)
			rte_raw_start(&c->text, &c->hdr);
		else
			rte_header_json(&c->hdr, &c->text);
		if (rte_out_start(files[i], c->text.p, c->text.len)) {
			c->failed = true;
			msg(c,
			    "%s: cannot write its header: %s; nothing more is written to it (a file without its header is unreadable)%s",
			    paths[i], strerror(errno),
			    start ? "" : "; the next SIGHUP tries a new file");
		}
	}
	return 0;
}

static void window_done(void *ctx, const struct rte_run *r,
			const struct rte_report *w)
{
	struct collector *c = ctx;

	if (!c->opt.quiet) {
		c->text.len = 0;
		rte_text_window(&c->text, r, w);
		printf("%s\n", c->text.p);
		fflush(stdout);
	}
	if (c->opt.log) {
		c->text.len = 0;
		rte_log_window(&c->text, r, w);
		out_append(c, &c->log, c->text.p, c->text.len);
	}
	c->last_win = *w;
	/* a replay writes them once at the end: its windows come in a rush */
	if (!c->opt.replay)
		write_whole_files(c);
}

/* The summary on stdout and in the log; returns the exit status. */
static int write_summary(struct collector *c, u64 end_ns)
{
	const struct rte_run *r = c->run;
	struct rte_buf why = { 0 };
	struct rte_report t;
	bool over;
	int status;

	rte_report_make(&t, &r->total, c->hdr.info.tick_hz);
	over = rte_limits_exceeded(r, &c->opt.lim, &t, &why);
	status = over ? EXIT_LIMIT : c->failed ? 1 : 0;

	c->text.len = 0;
	rte_text_summary(&c->text, r, &t, c->end);
	if (over)
		rte_buf_printf(&c->text, "\nFAIL: %s", why.p);
	else if (c->opt.lim.above_ns || c->opt.lim.p99_ns)
		rte_buf_printf(&c->text, "\nPASS: within the --fail-* limits");
	if (c->raw.dropped)
		rte_buf_printf(&c->text, "\n%s is incomplete: %llu bytes could not be written",
			       c->opt.raw, (unsigned long long)c->raw.dropped);
	printf("%s\n", c->text.p);
	fflush(stdout);
	if (over && c->syslog)
		msg(c, "FAIL: %s", why.p);

	if (c->opt.log) {
		struct rte_log_end e = {
			.duration_ns = end_ns > c->hdr.start_ns ?
				end_ns - c->hdr.start_ns : 0,
			.end = c->end,
			.raw_bytes_lost = c->raw.dropped,
			.lim = &c->opt.lim,
			.result = over ? "fail" : c->failed ? "error" : "pass",
			.failures = why.p ? why.p : "",
		};

		c->text.len = 0;
		rte_log_summary(&c->text, r, &t, &e);
		out_append(c, &c->log, c->text.p, c->text.len);
		log_flush(c);
		if (c->log.failing)
			status = over ? EXIT_LIMIT : 1;
	}
	rte_buf_free(&why);
	return status;
}

/* ---------------------------------------------------------------------- */
/* The device                                                              */

static void no_device(const char *what)
{
	fprintf(stderr,
		PROG ": %s.\n"
		"  Load the driver (insmod rt_eval_tmu.ko, or modprobe rt_eval_tmu) and give\n"
		"  it a timer: apply your board's overlay from dts-overlays/ (see\n"
		"  Documentation/overlays.rst; the binding is in Documentation/rt_eval_tmu.rst,\n"
		"  \"Device tree\"). dmesg | grep rt_eval_tmu tells whether it bound.\n",
		what);
	exit(1);
}

static const char *find_device(char *buf, size_t len)
{
	glob_t g;

	if (glob("/dev/rt_eval_tmu[0-9]*", 0, NULL, &g) || !g.gl_pathc) {
		globfree(&g);
		no_device("no /dev/rt_eval_tmu<N> device");
	}
	if (g.gl_pathc > 1) {
		fprintf(stderr, PROG ": %zu devices (%s, %s%s): choose one with --device\n",
			g.gl_pathc, g.gl_pathv[0], g.gl_pathv[1],
			g.gl_pathc > 2 ? ", ..." : "");
		globfree(&g);
		exit(1);
	}
	snprintf(buf, len, "%s", g.gl_pathv[0]);
	globfree(&g);
	return buf;
}

static void open_device(struct collector *c, const char *path)
{
	struct rt_eval_tmu_info *info = &c->hdr.info;
	char what[600];

	c->dev_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (c->dev_fd < 0) {
		snprintf(what, sizeof(what), "%s: %s", path, strerror(errno));
		if (errno == ENOENT || errno == ENODEV || errno == ENXIO)
			no_device(what);
		fprintf(stderr, PROG ": %s%s\n", what, errno == EACCES ?
			" (the device is root-only: run as root)" : "");
		exit(1);
	}
	if (ioctl(c->dev_fd, RT_EVAL_TMU_IOC_INFO, info)) {
		fprintf(stderr, PROG
			": %s: the info ioctl failed (%s): not an rt_eval_tmu device?\n",
			path, strerror(errno));
		exit(1);
	}
	if (info->abi_version != RT_EVAL_TMU_ABI_VERSION ||
	    info->record_size != sizeof(struct rt_eval_tmu_sample)) {
		fprintf(stderr, PROG
			": %s: driver ABI version %u with %u-byte records; this collector speaks version %d with %zu-byte records: build both from the same tree\n",
			path, info->abi_version, info->record_size,
			RT_EVAL_TMU_ABI_VERSION, sizeof(struct rt_eval_tmu_sample));
		exit(1);
	}
	if (!info->tick_hz) {
		fprintf(stderr, PROG ": %s: the driver reports a tick rate of 0 Hz\n", path);
		exit(1);
	}
}

/* The header of a live run: device, settings, environment, start time. */
static void live_header(struct collector *c, const char *path)
{
	struct rte_header *h = &c->hdr;
	struct timespec now;
	struct tm tm;

	h->format = RTE_FORMAT_VERSION;
	snprintf(h->tool_version, sizeof(h->tool_version), RTE_TOOLS_VERSION);
	snprintf(h->label, sizeof(h->label), "%s", c->opt.label);
	snprintf(h->device, sizeof(h->device), "%s", path);
	snprintf(h->backend, sizeof(h->backend), "%s", rte_backend_name(h->info.backend));
	h->threshold_ns = c->opt.threshold_ns ? c->opt.threshold_ns : h->info.threshold_ns;
	h->interval_ns = c->opt.interval_ns ? c->opt.interval_ns : DEFAULT_INTERVAL_NS;
	h->duration_ns = c->opt.duration_ns;
	rte_env_detect_kernel(&h->env);
	rte_env_detect_platform(&h->env, "");
	/* a guest cannot see the board it runs on: the user can say it */
	if (c->opt.emulated)
		h->env.emulated = true;
	clock_gettime(CLOCK_REALTIME, &now);
	h->start_ns = rte_now_ns();
	h->start_unix_ns = (u64)now.tv_sec * RTE_NSEC_PER_SEC + (u64)now.tv_nsec;
	gmtime_r(&now.tv_sec, &tm);
	strftime(h->start_time, sizeof(h->start_time), "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void print_header(struct collector *c)
{
	if (c->opt.quiet)
		return;
	c->text.len = 0;
	rte_text_header(&c->text, &c->hdr);
	fputs(c->text.p, stdout);
	fflush(stdout);
}

/* Read everything queued; 0 drained, 1 end of stream (device gone), -1 error. */
static int drain(struct collector *c)
{
	for (;;) {
		ssize_t n = read(c->dev_fd, c->buf, sizeof(c->buf));
		size_t i, kept = 0, records;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n < 0) {
			msg(c, "%s: read failed: %s", c->hdr.device, strerror(errno));
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
			out_append(c, &c->raw, c->buf, kept * sizeof(c->buf[0]));
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
		int st = drain(c);
		u64 now = rte_now_ns(), deadline, wait_ms;

		if (st) {
			c->failed = true;
			c->end = st > 0 ? "device gone" : "read error";
			if (st > 0)
				msg(c,
				    "%s: the device went away (driver unbound or module removed); keeping the %llu samples read",
				    c->hdr.device,
				    (unsigned long long)(r->total.st.count + r->win.st.count));
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
		if (c->reopen) {
			c->reopen = false;
			if (open_outputs(c, false))
				msg(c, "SIGHUP: reopening failed; that output stops");
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
/* Daemon                                                                  */

/* Relative paths would break after chdir("/"): make them absolute. */
static const char *absolute(const char *path)
{
	char cwd[PATH_MAX], *p;

	if (!path || path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return path;
	p = rte_xcalloc(1, strlen(cwd) + strlen(path) + 2);
	sprintf(p, "%s/%s", cwd, path);
	return p;
}

static void write_pidfile(struct collector *c)
{
	char text[32], old[32];
	u64 pid;
	int n;

	if (!c->opt.pidfile)
		return;
	if (!rte_read_text(c->opt.pidfile, old, sizeof(old)) &&
	    !rte_parse_u64(old, &pid) && pid && pid <= INT_MAX &&
	    kill((pid_t)pid, 0) == 0) {
		fprintf(stderr, PROG ": %s: already running as pid %s\n",
			c->opt.pidfile, old);
		exit(1);
	}
	n = snprintf(text, sizeof(text), "%d\n", (int)getpid());
	n = rte_out_replace(c->opt.pidfile, text, (size_t)n);
	if (n) {
		fprintf(stderr, PROG ": %s: %s\n", c->opt.pidfile,
			rte_out_replace_error(n, errno));
		exit(1);
	}
}

/* Remove the pidfile at exit if it is still a regular file with our pid. */
static void remove_pidfile(struct collector *c)
{
	char text[32];
	struct stat st;
	u64 pid;

	if (!c->opt.pidfile || lstat(c->opt.pidfile, &st) ||
	    !S_ISREG(st.st_mode) ||
	    rte_read_text(c->opt.pidfile, text, sizeof(text)) ||
	    rte_parse_u64(text, &pid) || pid != (u64)getpid())
		return;
	unlink(c->opt.pidfile);
}

/*
 * Detach once the device and outputs are open (their errors still reach
 * the terminal); the parent exits when the child has written its pidfile.
 */
static void daemonize(struct collector *c)
{
	int ready[2], fd;
	char ok = 0;
	pid_t pid;

	if (pipe(ready)) {
		perror(PROG ": pipe");
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		perror(PROG ": fork");
		exit(1);
	}
	if (pid > 0) {
		close(ready[1]);
		exit(read(ready[0], &ok, 1) == 1 && ok == 1 ? 0 : 1);
	}
	close(ready[0]);
	setsid();
	write_pidfile(c);
	if (chdir("/"))
		(void)0;
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	openlog(PROG, LOG_PID, LOG_DAEMON);
	c->syslog = true;
	c->opt.quiet = true;
	ok = 1;
	if (write(ready[1], &ok, 1) != 1)
		(void)0;
	close(ready[1]);
}

/* ---------------------------------------------------------------------- */

static void start_run(struct collector *c)
{
	const char *whole[2];
	size_t i;

	whole[0] = c->opt.prom;
	whole[1] = c->opt.histogram;
	c->run = rte_xcalloc(1, sizeof(*c->run));
	rte_run_init(c->run, &c->hdr, c->opt.lim.above_ns);
	c->run->sink.window = window_done;
	c->run->sink.ctx = c;
	if (c->opt.histogram) {
		rte_ushist_init(&c->us, c->opt.histogram_us);
		c->run->us = &c->us;
	}
	if (open_outputs(c, true))
		exit(1);
	/* whole-file outputs: fail now, not after the first window */
	for (i = 0; i < RTE_ARRAY_SIZE(whole); i++) {
		int ret = whole[i] ? rte_out_replace(whole[i], "", 0) : 0;

		if (ret) {
			fprintf(stderr, PROG ": %s: cannot write: %s\n", whole[i],
				rte_out_replace_error(ret, errno));
			exit(1);
		}
	}
	print_header(c);
}

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
		log_flush(c);
		if (open_outputs(c, false))
			msg(c, "SIGHUP: reopening failed; that output stops");
	}
	return c->stop;
}

static int replay(struct collector *c)
{
	struct rte_raw_reader rd;
	char err[512];
	int ret;

	if (rte_raw_open(&rd, c->opt.replay, &c->hdr, err, sizeof(err))) {
		fprintf(stderr, PROG ": %s\n", err);
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
		perror(PROG ": signals");
		return 1;
	}
	start_run(c);
	rd.stop = replay_stop;
	rd.stop_ctx = c;
	ret = rte_raw_replay(&rd, c->run, err, sizeof(err));
	rte_raw_close(&rd);
	if (ret) {
		fprintf(stderr, PROG ": %s\n", err);
		c->failed = true;
	}
	if (rd.skipped) {
		fprintf(stderr, PROG ": %s; %llu record(s) skipped in all\n",
			rd.skip_msg, (unsigned long long)rd.skipped);
		c->failed = true;
	}
	if (!c->stop)
		c->end = ret ? "read error" : "end of file";
	write_whole_files(c);
	return write_summary(c, c->run->last_ts + 1);
}

static int live(struct collector *c)
{
	char found[64];
	const char *path = c->opt.device ? c->opt.device :
		find_device(found, sizeof(found));
	u64 end;
	int status;

	open_device(c, path);
	if (setup_signals(c)) {
		perror(PROG ": signals");
		return 1;
	}
	if (c->opt.daemon) {
		c->opt.log = absolute(c->opt.log);
		c->opt.raw = absolute(c->opt.raw);
		c->opt.prom = absolute(c->opt.prom);
		c->opt.histogram = absolute(c->opt.histogram);
		c->opt.pidfile = absolute(c->opt.pidfile);
	}
	live_header(c, path);
	start_run(c);
	if (c->opt.daemon)
		daemonize(c);
	/* the first read drains what was queued before the start: stale */
	end = run_loop(c);
	rte_run_finish(c->run, end);
	status = write_summary(c, end);
	remove_pidfile(c);
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
	c->end = "SIGTERM";
	parse_args(&c->opt, argc, argv);
	status = c->opt.replay ? replay(c) : live(c);
	rte_out_close(&c->log);
	rte_out_close(&c->raw);
	rte_ushist_free(&c->us);
	rte_buf_free(&c->text);
	rte_buf_free(&c->batch);
	free(c->run);
	free(c);
	return status;
}
