// SPDX-License-Identifier: GPL-2.0
/* Read a finished run back from a log or a raw file: see rte_load.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rte_load.h"
#include "rte_rawfile.h"

static int rte_load_raw(const char *path, struct rte_loaded *out, char *err,
			size_t errlen)
{
	struct rte_raw_reader rd;
	struct rte_run *r;
	int ret;

	if (rte_raw_open(&rd, path, &out->hdr, err, errlen))
		return -1;
	r = rte_xcalloc(1, sizeof(*r));
	rte_run_init(r, &out->hdr, 0);
	ret = rte_raw_replay(&rd, r, err, errlen);
	rte_raw_close(&rd);
	if (!ret) {
		rte_report_make(&out->rep, &r->total, out->hdr.info.tick_hz);
		out->hist = r->total.hist;
		out->windows = r->win_index;
		out->from_raw = true;
		if (rd.skipped)
			snprintf(out->note, sizeof(out->note),
				 "%llu record(s) skipped as corrupt; the first: %s",
				 (unsigned long long)rd.skipped, rd.skip_msg);
	}
	free(r);
	return ret;
}

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
static int rte_load_log(const char *path, FILE *f, struct rte_loaded *out,
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
	free(o);
	return kind < 0 || ferror(f) || !best_line ? -1 : 0;
}

int rte_load(const char *path, struct rte_loaded *out, char *err,
	     size_t errlen)
{
	FILE *f = fopen(path, "re");
	int c, ret;

	memset(out, 0, sizeof(*out));
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	c = getc(f);
	if (c == 'R') {
		fclose(f);
		return rte_load_raw(path, out, err, errlen);
	}
	if (c != EOF)
		ungetc(c, f);
	ret = rte_load_log(path, f, out, err, errlen);
	fclose(f);
	return ret;
}
