// SPDX-License-Identifier: GPL-2.0
/* The --log file, both ways: see rte_fmt_log.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_fields.h"
#include "rte_fmt_log.h"
#include "rte_percpu.h"

/* ---------------------------------------------------------------------- */
/* Writer                                                                  */

/* The smallest and largest latency of the run so far, of a stage */
static void rte_log_global(struct rte_buf *b, const struct rte_stats *g,
			   u64 hz)
{
	rte_json_u64(b, "global_min_ns",
		     g->count ? rte_ticks_to_ns(g->min, hz) : 0);
	rte_json_u64(b, "global_max_ns", rte_ticks_to_ns(g->max, hz));
}

void rte_log_window(struct rte_buf *b, const struct rte_run *r,
		    const struct rte_report *w)
{
	u64 hz = r->hdr->info.tick_hz;

	rte_json_open(b, "window");
	rte_json_u64(b, "index", r->win_index);
	rte_json_u64(b, "start_ns", r->win_start);
	rte_json_u64(b, "end_ns", r->closed_end);
	rte_json_bool(b, "partial", r->closed_partial);
	rte_report_json(b, w);
	rte_log_global(b, &r->total.st, hz);
	if (rte_run_thread(r)) {
		rte_json_obj_open(b, "thread");
		rte_report_json(b, &r->closed_thr);
		rte_json_u64(b, "late", r->closed_thr.late);
		rte_log_global(b, &r->thr_total.st, hz);
		rte_json_obj_close(b);
	}
	rte_json_close(b);
}

void rte_log_summary(struct rte_buf *b, const struct rte_run *r,
		     const struct rte_report *t, const struct rte_log_end *e)
{
	rte_json_open(b, "summary");
	rte_report_json(b, t);
	rte_json_u64(b, "windows", r->win_index);
	rte_json_u64(b, "duration_ns", e->duration_ns);
	rte_json_str(b, "end", e->end);
	rte_json_u64(b, "stale", r->stale);
	rte_json_u64(b, "ignored", r->ignored);
	rte_json_u64(b, "restarts", r->restarts);
	rte_json_u64(b, "raw_bytes_lost", e->raw_bytes_lost);
	rte_json_u64(b, "fail_above_ns", e->lim->above_ns);
	rte_json_u64(b, "fail_above_samples", r->fail_count);
	rte_json_u64(b, "fail_p99_above_ns", e->lim->p99_ns);
	rte_json_str(b, "result", e->result);
	rte_json_str(b, "failures", e->failures);
	if (r->percpu)
		rte_percpu_json(b, r->percpu, r->hdr->info.tick_hz);
	rte_hist_json(b, "hist", &r->total.hist);
	if (rte_run_thread(r)) {
		struct rte_report th;

		rte_report_make(&th, &r->thr_total, r->hdr->info.tick_hz);
		rte_json_obj_open(b, "thread");
		rte_report_json(b, &th);
		rte_json_u64(b, "late", th.late);
		rte_hist_json(b, "hist", &r->thr_total.hist);
		rte_json_obj_close(b);
	}
	rte_json_close(b);
}

void rte_report_json(struct rte_buf *b, const struct rte_report *rep)
{
	rte_fields_json(b, &rte_report_fields, rep);
}

int rte_report_parse(struct rte_report *rep, struct rte_jobj *o)
{
	memset(rep, 0, sizeof(*rep));
	return rte_fields_parse(o, &rte_report_fields, rep);
}

int rte_thread_parse(struct rte_report *rep, struct rte_hist *hist,
		     struct rte_jobj *o)
{
	struct rte_jobj sub;
	int ret;

	if (!rte_jobj_has(o, "thread"))
		return 0;
	if (rte_jobj_obj(o, "thread", &sub))
		return -1;
	if (rte_report_parse(rep, &sub) ||
	    rte_jobj_u64(&sub, "late", &rep->late) ||
	    (hist && rte_hist_parse(hist, &sub, "hist"))) {
		snprintf(o->err, sizeof(o->err), "thread: %.150s", sub.err);
		ret = -1;
	} else if (hist && hist->total != rep->samples) {
		snprintf(o->err, sizeof(o->err),
			 "thread: the histogram holds %llu samples, not %llu",
			 (unsigned long long)hist->total,
			 (unsigned long long)rep->samples);
		ret = -1;
	} else {
		ret = 1;
	}
	rte_jobj_release(&sub);
	return ret;
}

void rte_hist_json(struct rte_buf *b, const char *key, const struct rte_hist *h)
{
	unsigned int i;

	rte_json_key(b, key);
	rte_buf_add(b, "[", 1);
	for (i = 0; i < RTE_HIST_BUCKETS; i++)
		if (h->count[i])
			rte_buf_printf(b, "%s[%llu,%llu]",
				       b->p[b->len - 1] == '[' ? "" : ",",
				       (unsigned long long)rte_hist_lo(i),
				       (unsigned long long)h->count[i]);
	rte_buf_add(b, "]", 1);
}

struct rte_hist_load {
	struct rte_hist *h;
	struct rte_jobj *o;
};

static int rte_hist_pair(void *ctx, u64 lo, u64 count)
{
	struct rte_hist_load *l = ctx;
	unsigned int idx = rte_hist_index(lo);

	if (rte_hist_lo(idx) != lo) {
		snprintf(l->o->err, sizeof(l->o->err),
			 "histogram bucket %llu is not a bucket boundary",
			 (unsigned long long)lo);
		return -1;
	}
	rte_hist_add(l->h, lo, count);
	return 0;
}

int rte_hist_parse(struct rte_hist *h, struct rte_jobj *o, const char *key)
{
	struct rte_hist_load l = { .h = h, .o = o };

	rte_hist_clear(h);
	return rte_jobj_pairs(o, key, rte_hist_pair, &l);
}

/* ---------------------------------------------------------------------- */
/* Reader                                                                  */

/*
 * Read one line of at most RTE_LOG_MAX_LINE bytes into *line (grown as
 * needed); its length, 0 at the end of the file, -1 when it is longer.
 */
static ssize_t rte_read_line(FILE *f, char **line, size_t *cap)
{
	size_t len = 0;
	int c;

	while ((c = getc_unlocked(f)) != EOF) {
		if (len + 2 > *cap) {
			size_t want = *cap ? 2 * *cap : 4096;
			char *p;

			if (want > RTE_LOG_MAX_LINE + 2)
				want = RTE_LOG_MAX_LINE + 2;
			if (len + 2 > want)
				return -1;
			p = realloc(*line, want);
			if (!p) {
				fprintf(stderr, "out of memory (a line of %zu bytes)\n", want);
				abort();
			}
			*line = p;
			*cap = want;
		}
		(*line)[len++] = (char)c;
		if (c == '\n')
			break;
	}
	if (*line)
		(*line)[len] = '\0';
	return (ssize_t)len;
}

enum rte_line { RTE_LINE_HEADER, RTE_LINE_WINDOW, RTE_LINE_SUMMARY, RTE_LINE_OTHER };

/* Parse one log line into @cur; its kind, or -1 with @why. */
static int rte_load_line(struct rte_loaded *cur, struct rte_jobj *o,
			 const char *line, size_t len, char *why, size_t whylen)
{
	char type[16];
	int ret;

	if (rte_json_parse(o, line, len) ||
	    rte_jobj_str(o, "type", type, sizeof(type))) {
		snprintf(why, whylen, "%s", o->err);
		return -1;
	}
	if (!strcmp(type, "header")) {
		memset(cur, 0, sizeof(*cur));
		if (rte_header_parse(&cur->hdr, o))
			goto bad;
		return RTE_LINE_HEADER;
	}
	if (!strcmp(type, "window"))
		return RTE_LINE_WINDOW;
	if (strcmp(type, "summary"))
		return RTE_LINE_OTHER;	/* ignored, for later formats */
	if (rte_report_parse(&cur->rep, o) || rte_hist_parse(&cur->hist, o, "hist"))
		goto bad;
	ret = rte_thread_parse(&cur->thr_rep, &cur->thr_hist, o);
	if (ret < 0)
		goto bad;
	cur->thread = ret > 0;
	if (cur->hist.total != cur->rep.samples) {
		snprintf(why, whylen,
			 "the summary's histogram holds %llu samples, not %llu",
			 (unsigned long long)cur->hist.total,
			 (unsigned long long)cur->rep.samples);
		return -1;
	}
	return RTE_LINE_SUMMARY;
bad:
	snprintf(why, whylen, "%s line: %s", type, o->err);
	return -1;
}

/*
 * A log holds one run, or several when the collector was started again
 * on the same file: each begins with a header.  The last run that has a
 * summary is the one loaded.
 */
int rte_log_load(const char *path, FILE *f, struct rte_loaded *out,
		 char *err, size_t errlen)
{
	struct rte_jobj *o = rte_xcalloc(1, sizeof(*o));
	struct rte_loaded *cur = rte_xcalloc(1, sizeof(*cur));
	unsigned long lineno = 0, run_line = 0, best_line = 0, runs = 0;
	char *line = NULL, why[200] = "";
	bool summarised = false;
	size_t cap = 0;
	ssize_t len;
	int kind = 0;

	while ((len = rte_read_line(f, &line, &cap)) != 0) {
		lineno++;
		if (len < 0) {
			snprintf(why, sizeof(why),
				 "a line longer than %d bytes: not an rt-eval-collect log",
				 RTE_LOG_MAX_LINE);
			kind = -1;
			break;
		}
		kind = rte_load_line(cur, o, line, (size_t)len, why, sizeof(why));
		if (kind < 0)
			break;
		if (kind == RTE_LINE_HEADER) {
			run_line = lineno;
			runs++;
			summarised = false;
		} else if (!run_line) {
			snprintf(why, sizeof(why),
				 "the first line is not a header: not an rt-eval-collect log");
			kind = -1;
			break;
		} else if (summarised) {
			snprintf(why, sizeof(why),
				 "text after the summary line (a new run starts with a header)");
			kind = -1;
			break;
		} else if (kind == RTE_LINE_WINDOW) {
			cur->windows++;
		} else if (kind == RTE_LINE_SUMMARY) {
			*out = *cur;
			best_line = run_line;
			summarised = true;
		}
	}
	if (kind >= 0 && ferror(f))
		snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
	else if (kind < 0)
		snprintf(err, errlen, "%s:%lu: %s", path, lineno, why);
	else if (!lineno)
		snprintf(err, errlen, "%s: empty file", path);
	else if (!best_line)
		snprintf(err, errlen,
			 "%s: no summary line: the run did not end cleanly (killed?); replay its --raw file instead",
			 path);
	else if (!summarised)
		snprintf(out->note, sizeof(out->note),
			 "%s: the last run (from line %lu) has no summary (killed?): showing the run from line %lu",
			 path, run_line, best_line);
	else if (runs > 1)
		snprintf(out->note, sizeof(out->note),
			 "%s: %lu runs in the file: showing the last, from line %lu",
			 path, runs, best_line);
	free(line);
	free(cur);
	rte_jobj_release(o);
	free(o);
	return kind < 0 || ferror(f) || !best_line ? -1 : 0;
}
