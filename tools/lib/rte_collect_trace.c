// SPDX-License-Identifier: GPL-2.0
/*
 * rt-eval-collect --trace: tracefs armed for the run, the device's
 * stop_tracing_ns set, and at a spike the trace saved and analysed (see
 * rte_tracefs.h, rte_spike.h, rte_collect.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "rte_collect.h"
#include "rte_fmt_text.h"
#include "rte_spike.h"

#define PROC_MOUNTS	"/proc/mounts"
#define MSG_NOT_OURS "tracing was turned off, but not by a spike of %s above %llu ns: something else stopped it\n"

void collect_trace_check(struct collector *c)
{
	char err[1024];

	if (!c->opt.trace)
		return;
	if (rte_tracefs_find(&c->tfs, PROC_MOUNTS, err, sizeof(err))) {
		fprintf(stderr, COLLECT_PROG ": %s\n", err);
		exit(1);
	}
	/* next to the log, or named after the device in the current directory */
	if (!c->opt.trace_file) {
		const char *base = c->opt.log ? c->opt.log : c->irq_name;
		char *p = rte_xcalloc(1, strlen(base) + sizeof(".trace"));

		sprintf(p, "%s.trace", base);
		c->opt.trace_file = p;
	}
}

static void trace_fail(struct collector *c, const char *err)
{
	collect_msg(c, "%s", err);
	collect_exit(c, 1);
}

void collect_trace_arm(struct collector *c)
{
	u64 ns = c->opt.stop_above_ns ? c->opt.stop_above_ns : c->hdr.threshold_ns;
	char err[1024], val[32];

	if (!c->opt.trace)
		return;
	if (collect_sysfs_read(c, "stop_tracing_ns", c->old_stop, sizeof(c->old_stop))) {
		snprintf(err, sizeof(err),
			 "--trace: %s/stop_tracing_ns: %s: a driver older than this collector?",
			 c->sysdir, strerror(errno));
		trace_fail(c, err);
	}
	if (rte_tracefs_arm(&c->tfs, err, sizeof(err)))
		trace_fail(c, err);
	snprintf(val, sizeof(val), "%llu", (unsigned long long)ns);
	if (collect_sysfs_write(c, "stop_tracing_ns", val)) {
		snprintf(err, sizeof(err), "--trace: %s/stop_tracing_ns: cannot write %s: %s",
			 c->sysdir, val, strerror(errno));
		trace_fail(c, err);
	}
}

void collect_trace_restore(struct collector *c)
{
	if (c->old_stop[0] &&
	    collect_sysfs_write(c, "stop_tracing_ns", c->old_stop))
		collect_msg(c, "%s/stop_tracing_ns: cannot put back %s: %s",
			    c->sysdir, c->old_stop, strerror(errno));
	c->old_stop[0] = '\0';
	rte_tracefs_restore(&c->tfs);
}

/* The n-th trace's file: FILE, FILE.2, FILE.3 ...; 0, or -1 too long. */
static int trace_path(struct collector *c, char *buf, size_t len)
{
	int n;

	if (c->traces > 1)
		n = snprintf(buf, len, "%s.%llu", c->opt.trace_file,
			     (unsigned long long)c->traces);
	else
		n = snprintf(buf, len, "%s", c->opt.trace_file);
	return n < 0 || n >= (int)len ? -1 : 0;
}

/* The device's number, from its interrupt's name "rt_eval_tmu<N>". */
static s64 trace_dev(const struct collector *c)
{
	const char *p = c->irq_name + strcspn(c->irq_name, "0123456789");
	u64 n;

	return *p && !rte_parse_u64(p, &n) && n < 1000000 ? (s64)n : -1;
}

static void trace_print(struct collector *c, const struct rte_buf *b)
{
	const char *s = b->p ? b->p : "";

	if (!c->syslog) {
		fputs(s, stdout);
		fflush(stdout);
		return;
	}
	while (*s) {
		size_t n = strcspn(s, "\n");

		syslog(LOG_WARNING, "%.*s", (int)n, s);
		s += n + (s[n] == '\n');
	}
}

bool collect_trace_poll(struct collector *c)
{
	u64 limit = c->opt.stop_above_ns ? c->opt.stop_above_ns : c->hdr.threshold_ns;
	struct rte_spike *sp;
	struct rte_buf b = { 0 };
	char path[PATH_MAX + 16], err[PATH_MAX + 256];
	bool ours, end;

	if (!c->opt.trace || !c->tfs.armed || rte_tracefs_stopped(&c->tfs) != 1)
		return false;
	c->traces++;
	if (trace_path(c, path, sizeof(path))) {
		collect_msg(c, "--trace: the trace file's name is too long");
		c->failed = true;
		return true;
	}
	if (rte_tracefs_save(&c->tfs, path, err, sizeof(err))) {
		collect_msg(c, "%s", err);
		c->failed = true;
		return true;
	}
	sp = rte_xcalloc(1, sizeof(*sp));
	if (rte_spike_analyse(path, trace_dev(c), sp, err, sizeof(err))) {
		collect_msg(c, "%s", err);
		c->failed = true;
		free(sp);
		return true;
	}
	ours = sp->found && (sp->thread ? sp->thread_lat_ns : sp->irq_ns) > limit;
	if (ours)
		rte_text_spike(&b, sp, c->irq_name);
	else
		rte_buf_printf(&b, MSG_NOT_OURS, c->irq_name, (unsigned long long)limit);
	rte_buf_printf(&b, "  trace saved in %s\n", path);
	trace_print(c, &b);
	rte_buf_free(&b);
	free(sp);
	if (ours)
		c->spikes++;
	else
		c->failed = true;
	end = !c->opt.trace_continue;
	if (!end && rte_tracefs_rearm(&c->tfs)) {
		collect_msg(c, "--trace-continue: %s: cannot turn tracing on again: %s",
			    c->tfs.dir, strerror(errno));
		c->failed = true;
		end = true;
	}
	if (end)
		c->end = ours ? "a spike stopped tracing" : "tracing turned off";
	return end;
}
