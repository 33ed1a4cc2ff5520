// SPDX-License-Identifier: GPL-2.0
/* rt-eval-collect's outputs: see rte_collect.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "rte_collect.h"
#include "rte_fmt_hist.h"
#include "rte_fmt_log.h"
#include "rte_fmt_prom.h"
#include "rte_fmt_raw.h"
#include "rte_fmt_text.h"

/* A message for the user: stderr, or syslog once daemonized. */
void collect_msg(struct collector *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (c->syslog) {
		vsyslog(LOG_WARNING, fmt, ap);
	} else {
		fprintf(stderr, COLLECT_PROG ": ");
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}

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
			collect_msg(c,
				    "%s: write failed: %s; keeping the statistics in memory and retrying, but this file is now incomplete",
				    o->path, strerror(errno));
	} else if (was) {
		collect_msg(c, "%s: writing again (%llu bytes were lost)", o->path,
			    (unsigned long long)o->dropped);
	}
}

/* Write the log lines a replay has gathered. */
void collect_log_flush(struct collector *c)
{
	if (c->batch.len)
		out_write(c, &c->log, c->batch.p, c->batch.len);
	c->batch.len = 0;
}

/*
 * Append to an output.  A replay gathers its log lines into 64 KiB
 * writes (whole lines still, all or nothing); a live run writes each.
 */
void collect_append(struct collector *c, struct rte_out *o,
		    const void *buf, size_t len)
{
	if (!o->path)
		return;
	if (c->opt.replay && o == &c->log) {
		rte_buf_add(&c->batch, buf, len);
		if (c->batch.len >= 65536)
			collect_log_flush(c);
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
		collect_msg(c, "%s: cannot replace: %s", path,
			    rte_out_replace_error(ret, errno));
	}
}

/* The whole-file outputs, from the run's closed windows. */
void collect_whole_files(struct collector *c)
{
	if (c->opt.prom) {
		c->text.len = 0;
		rte_prom_text(&c->text, c->run, &c->last_win);
		out_replace(c, c->opt.prom, &c->text);
	}
	if (c->opt.histogram) {
		c->text.len = 0;
		rte_ushist_text(&c->text, &c->us,
				rte_run_thread(c->run) ? &c->thr_us : NULL,
				c->run);
		out_replace(c, c->opt.histogram, &c->text);
	}
}

/*
 * Open --log and --raw.  At the start a run begins: the log gets its header
 * even if it holds earlier runs, and a raw file (one run each) must be new
 * or empty.  After SIGHUP the run goes on: only a new (rotated) file gets
 * a header.
 */
int collect_open_outputs(struct collector *c, bool start)
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
			collect_msg(c, "%s: cannot open for writing: %s", paths[i],
				    strerror(errno));
			c->failed = true;
			return -1;
		}
		if (start && raw && !empty) {
			collect_msg(c,
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
			collect_msg(c,
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
		collect_append(c, &c->log, c->text.p, c->text.len);
	}
	c->last_win = *w;
	/* a replay writes them once at the end: its windows come in a rush */
	if (!c->opt.replay)
		collect_whole_files(c);
}

/* The summary on stdout and in the log; returns the exit status. */
int collect_summary(struct collector *c, u64 end_ns)
{
	const struct rte_run *r = c->run;
	struct rte_buf why = { 0 };
	struct rte_report t;
	bool over;
	int status;

	rte_report_make(&t, &r->total, c->hdr.info.tick_hz);
	over = rte_limits_exceeded(r, &c->opt.lim, &t, &why);
	if (c->spikes) {
		rte_buf_printf(&why,
			       "--stop-above %llu ns: %llu spike(s) stopped tracing (the traces and their analysis are above). ",
			       (unsigned long long)(c->opt.stop_above_ns ?
						    c->opt.stop_above_ns : c->hdr.threshold_ns),
			       (unsigned long long)c->spikes);
		over = true;
	}
	status = over ? EXIT_LIMIT : c->failed ? 1 : 0;

	c->text.len = 0;
	rte_text_summary(&c->text, r, &t, c->end);
	if (over)
		rte_buf_printf(&c->text, "\nFAIL: %s", why.p);
	else if (c->opt.lim.above_ns || c->opt.lim.p99_ns || c->opt.trace)
		rte_buf_printf(&c->text, "\nPASS: within the --fail-* limits%s",
			       c->opt.trace ? " and --stop-above" : "");
	if (c->raw.dropped)
		rte_buf_printf(&c->text, "\n%s is incomplete: %llu bytes could not be written",
			       c->opt.raw, (unsigned long long)c->raw.dropped);
	printf("%s\n", c->text.p);
	fflush(stdout);
	if (over && c->syslog)
		collect_msg(c, "FAIL: %s", why.p);

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
		collect_append(c, &c->log, c->text.p, c->text.len);
		collect_log_flush(c);
		if (c->log.failing)
			status = over ? EXIT_LIMIT : 1;
	}
	rte_buf_free(&why);
	return status;
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

void collect_start(struct collector *c)
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
		rte_ushist_init(&c->thr_us, c->opt.histogram_us);
		c->run->thr_us = &c->thr_us;
	}
	if (c->opt.per_cpu) {
		c->percpu = rte_percpu_new();
		c->run->percpu = c->percpu;
	}
	if (collect_open_outputs(c, true))
		collect_exit(c, 1);
	/* whole-file outputs: fail now, not after the first window */
	for (i = 0; i < RTE_ARRAY_SIZE(whole); i++) {
		int ret = whole[i] ? rte_out_replace(whole[i], "", 0) : 0;

		if (ret) {
			fprintf(stderr, COLLECT_PROG ": %s: cannot write: %s\n", whole[i],
				rte_out_replace_error(ret, errno));
			collect_exit(c, 1);
		}
	}
	print_header(c);
}
