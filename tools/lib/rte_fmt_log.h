/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The --log file: JSON lines, both ways.  A run is a "header" line
 * (rte_header_json(), the same object a raw file embeds), one "window"
 * line per closed window and a "summary" line with the whole run's
 * histogram; a file may hold several runs.  The fields of the statistics
 * come from the one field table (rte_fields.h).
 */
#ifndef RTE_FMT_LOG_H
#define RTE_FMT_LOG_H

#include <stdio.h>

#include "rte_json.h"
#include "rte_load.h"

/**
 * struct rte_log_end - how a run ended, for its summary line
 * @duration_ns: the run's length
 * @end: why it ended ("end of file", "SIGTERM", ...)
 * @raw_bytes_lost: bytes of the --raw file that could not be written
 * @lim: the --fail-* limits
 * @result: "pass", "fail" or "error"
 * @failures: the exceeded limits, in words ("" if none)
 */
struct rte_log_end {
	u64 duration_ns;
	const char *end;
	u64 raw_bytes_lost;
	const struct rte_limits *lim;
	const char *result;
	const char *failures;
};

/*
 * The line of a closed window: @r's state at its close, @w its report.
 * With a thread stage (rte_run_thread()) the line and the summary carry a
 * "thread" object: the same fields for it, its "late" count, and in the
 * summary its "hist".  A log without them is of a run without the stage.
 */
void rte_log_window(struct rte_buf *b, const struct rte_run *r,
		    const struct rte_report *w);
/* The summary line: @t is the report of @r's closed windows. */
void rte_log_summary(struct rte_buf *b, const struct rte_run *r,
		     const struct rte_report *t, const struct rte_log_end *e);

/* The report's fields into an open JSON object, and back. */
void rte_report_json(struct rte_buf *b, const struct rte_report *rep);
int rte_report_parse(struct rte_report *rep, struct rte_jobj *o);

/*
 * The "thread" object of a line, if it has one: into @rep (with its late
 * count) and @hist if not NULL.  1 read, 0 absent, -1 with o->err.
 */
int rte_thread_parse(struct rte_report *rep, struct rte_hist *hist,
		     struct rte_jobj *o);

/* "hist": [[lo, count], ...] of the non-empty buckets, and back. */
void rte_hist_json(struct rte_buf *b, const char *key,
		   const struct rte_hist *h);
int rte_hist_parse(struct rte_hist *h, struct rte_jobj *o, const char *key);

/*
 * Read the log @f (named @path) for rte_load(): the last run with a
 * summary.  0, or -1 with a message naming the file and line in @err.
 */
int rte_log_load(const char *path, FILE *f, struct rte_loaded *out,
		 char *err, size_t errlen);

#endif
