// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed and truncated raw and log files give an error that names the
 * file (and line) and what is wrong; well-formed ones load.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rte_gen.h"
#include "rte_fmt_log.h"
#include "rte_test.h"

static char dir[64];

static void put(const char *name, const void *data, size_t len)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, data, len) == (ssize_t)len, "write %s", path);
	close(fd);
}

/* Loading @name fails with a message holding "dir/name" and @want. */
static void expect_error(const char *name, const char *want)
{
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char path[256], err[512] = "";

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	CHECK(rte_load(path, l, err, sizeof(err)) == -1, "%s loaded", name);
	CHECK(strstr(err, path) && strstr(err, want),
	      "%s: got \"%s\", want \"%s\"", name, err, want);
	free(l);
}

static void expect_ok(const char *name, u64 samples)
{
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char path[256], err[512] = "";

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s: %s", name, err);
	CHECK_EQ(l->rep.samples, samples);
	free(l);
}

/* The bytes of a valid raw file of 10 samples. */
static struct rte_buf good_raw(void)
{
	struct rte_gen g = { .dist = RTE_GEN_UNIFORM, .samples = 10,
			     .tick_hz = 33275000, .period_ticks = 332750,
			     .base = 40, .spread = 10, .seed = 2 };
	struct rte_buf b = { 0 };
	char path[256], chunk[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/good.raw", dir);
	CHECK(rte_gen_write(path, &g, NULL) == 0, "gen");
	fd = open(path, O_RDONLY);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		rte_buf_add(&b, chunk, (size_t)n);
	close(fd);
	return b;
}

static void test_raw(void)
{
	struct rte_buf b = good_raw();
	char *copy = rte_xcalloc(1, b.len + 64);
	char *hdr;

	expect_ok("good.raw", 10);
	put("short.raw", b.p, 10);
	expect_error("short.raw", "truncated: shorter than the 16-byte");
	put("inheader.raw", b.p, 100);
	expect_error("inheader.raw", "truncated: the file ends inside its header");
	put("partial.raw", b.p, b.len - 30);
	expect_error("partial.raw",
		     "truncated: the last record is incomplete (34 of 64 bytes after 9 whole records)");
	memcpy(copy, b.p, b.len);
	copy[2] = 'X';
	put("magic.raw", copy, b.len);
	/* a first byte other than 'R' is read as a log */
	expect_error("magic.raw", "not an rt-eval-collect raw file (bad magic)");
	memcpy(copy, b.p, b.len);
	copy[8] = 2;
	put("version.raw", copy, b.len);
	expect_error("version.raw", "raw format version 2, this tool reads version 1");
	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"tick_hz\"");
	memcpy(hdr, "\"tick_Hz\"", 9);
	put("nohz.raw", copy, b.len);
	expect_error("nohz.raw", "header: field \"tick_hz\" is missing");
	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"format\":1");
	hdr[9] = '7';
	put("format.raw", copy, b.len);
	expect_error("format.raw", "header: format 7, this tool reads format 1");
	/* records: the 3rd's timestamp (offset 8) far ahead, then backwards */
	memcpy(copy, b.p, b.len);
	memset(copy + b.len - 10 * 64 + 2 * 64 + 8 + 7, 0x7f, 1);
	put("future.raw", copy, b.len);
	expect_error("future.raw",
		     "record 2: its timestamp lies in the future: a corrupt raw file");
	memcpy(copy, b.p, b.len);
	memset(copy + b.len - 10 * 64 + 2 * 64 + 8, 0, 8);
	put("backwards.raw", copy, b.len);
	expect_error("backwards.raw", "record 2: its timestamp goes backwards: a corrupt raw file");
	memcpy(copy, b.p, b.len);
	copy[16 + 7] = ';';	/* {"type";"header" */
	put("json.raw", copy, b.len);
	expect_error("json.raw",
		     "header: malformed JSON at column 8: object property name separator ':'");
	free(copy);
	rte_buf_free(&b);
}

/* A summary line with @samples samples and the histogram @hist. */
static void summary_line(struct rte_buf *b, u64 samples, const char *hist)
{
	struct rte_report rep = { .samples = samples, .above_pct = "0%" };

	rte_json_open(b, "summary");
	rte_report_json(b, &rep);
	rte_json_key(b, "hist");
	rte_buf_printf(b, "%s}\n", hist);
}

/* The same as text, valid until the next call. */
static const char *summary(u64 samples, const char *hist)
{
	static struct rte_buf b;

	b.len = 0;
	summary_line(&b, samples, hist);
	return b.p;
}

/* A log of the header @hdr and @body must fail to load with @want. */
static void log_case(const struct rte_buf *hdr, const char *name,
		     const char *body, const char *want)
{
	struct rte_buf b = { 0 };

	rte_buf_add(&b, hdr->p, hdr->len);
	rte_buf_add(&b, body, strlen(body));
	put(name, b.p, b.len);
	expect_error(name, want);
	rte_buf_free(&b);
}

static void test_log(void)
{
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750 };
	struct rte_buf hdr = { 0 }, b = { 0 };
	struct rte_header h;

	rte_gen_header(&h, &g);
	rte_header_json(&h, &hdr);

	rte_buf_add(&b, hdr.p, hdr.len);
	rte_buf_printf(&b, "{\"type\":\"window\",\"index\":0}\n");
	summary_line(&b, 5, "[[40,2], [41,3]]");
	put("good.jsonl", b.p, b.len);
	expect_ok("good.jsonl", 5);

	put("empty.jsonl", "", 0);
	expect_error("empty.jsonl", "empty file");
	put("nohdr.jsonl", "{\"type\":\"window\"}\n", 18);
	expect_error("nohdr.jsonl", ":1: the first line is not a header");
	put("binary.jsonl", "\x01\x02garbage", 9);
	expect_error("binary.jsonl", ":1: malformed JSON at column 1: expected '{'");

#define WIN0 "{\"type\":\"window\",\"index\":0}\n"
	log_case(&hdr, "garbage.jsonl", WIN0 "{\"type\":\"window\" \"index\":1}\n",
		 ":3: malformed JSON at column 18: object value separator ',' expected");
	log_case(&hdr, "cut.jsonl", WIN0 "{\"type\":\"window\",\"ind", ":3: truncated JSON");
	log_case(&hdr, "nosummary.jsonl", WIN0,
		 "no summary line: the run did not end cleanly");
	log_case(&hdr, "badhist.jsonl", summary(5, "[[40,4]]"),
		 ":2: the summary's histogram holds 4 samples, not 5");
	log_case(&hdr, "twohdr.jsonl", hdr.p, "no summary line");
	b.len = 0;
	rte_buf_printf(&b, "%s" WIN0, summary(1, "[[40,1]]"));
	log_case(&hdr, "after.jsonl", b.p, ":3: text after the summary line");
	log_case(&hdr, "badfield.jsonl", "{\"type\":\"summary\",\"samples\":\"5\"}\n",
		 ":2: summary line: field \"samples\" is not an unsigned 64-bit integer");
	log_case(&hdr, "bucket.jsonl", summary(1, "[[257,1]]"),
		 ":2: summary line: histogram bucket 257 is not a bucket boundary");
	log_case(&hdr, "pairs.jsonl", summary(1, "[[40,1],]"), ":2: malformed JSON at column");
	log_case(&hdr, "shape.jsonl", summary(1, "[[40]]"),
		 ":2: summary line: field \"hist\" is not an array of [value, count] pairs");
	rte_buf_free(&b);
	rte_buf_free(&hdr);
}

/* Restarted collectors append runs to a log: the last complete one counts. */
static void test_runs(void)
{
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750 };
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	struct rte_buf hdr = { 0 }, b = { 0 };
	char path[256], err[512];
	struct rte_header h;

	rte_gen_header(&h, &g);
	rte_header_json(&h, &hdr);
	rte_buf_add(&b, hdr.p, hdr.len);
	summary_line(&b, 1, "[[40,1]]");
	rte_buf_add(&b, hdr.p, hdr.len);
	rte_buf_printf(&b, "{\"type\":\"window\",\"index\":0}\n");
	summary_line(&b, 2, "[[40,2]]");
	put("runs.jsonl", b.p, b.len);
	snprintf(path, sizeof(path), "%s/runs.jsonl", dir);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s", err);
	CHECK_EQ(l->rep.samples, 2);
	CHECK_EQ(l->windows, 1);
	CHECK(strstr(l->note, "2 runs in the file: showing the last, from line 3"), "%s", l->note);

	rte_buf_add(&b, hdr.p, hdr.len);	/* a third run, killed */
	rte_buf_printf(&b, "{\"type\":\"window\",\"index\":0}\n");
	put("runs.jsonl", b.p, b.len);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s", err);
	CHECK_EQ(l->rep.samples, 2);
#define KILLED "the last run (from line 6) has no summary (killed?): showing the run from line 3"
	CHECK(strstr(l->note, KILLED),
	      "%s", l->note);
	rte_buf_free(&b);
	rte_buf_free(&hdr);
	free(l);
}

/* @copy = @b with records @from.. of 10 shifted @delta ns later. */
static void shift_from(char *copy, const struct rte_buf *b, int from, u64 delta,
		       bool first)
{
	int k;

	memcpy(copy, b->p, b->len);
	for (k = from; k < 10; k++) {
		char *rec = copy + b->len - 10 * 64 + k * 64;
		u64 ts;
		u32 flags;

		memcpy(&ts, rec + 8, 8);
		ts += delta;
		memcpy(rec + 8, &ts, 8);
		memcpy(&flags, rec + 32, 4);
		if (k == from && first)
			flags |= RT_EVAL_TMU_SAMPLE_FIRST;
		memcpy(rec + 32, &flags, 4);
	}
}

/*
 * A record a day ahead of its neighbours is skipped and reported, not
 * expanded into a day of empty windows; a header whose times would wrap
 * is refused.
 */
static void test_jumps(void)
{
	struct rte_buf b = good_raw();
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char *copy = rte_xcalloc(1, b.len + 64), path[256], err[512] = "", *hdr;
	u64 ts;

	memcpy(copy, b.p, b.len);
	memcpy(&ts, copy + b.len - 10 * 64 + 4 * 64 + 8, 8);
	ts += RTE_NSEC_PER_DAY;
	memcpy(copy + b.len - 10 * 64 + 4 * 64 + 8, &ts, 8);
	put("dayahead.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/dayahead.raw", dir);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s", err);
	CHECK_EQ(l->rep.samples, 9);
	CHECK(l->windows <= 2, "%llu windows", (unsigned long long)l->windows);
	CHECK(strstr(l->note, "1 record(s) skipped as corrupt; the first: ") &&
	      strstr(l->note, "record 4: its timestamp jumps 86400"),
	      "%s", l->note);

	/* a seq number far ahead allows a longer gap, but 100 windows at most */
	memcpy(copy, b.p, b.len);
	memcpy(&ts, copy + b.len - 10 * 64 + 4 * 64, 8);
	ts += 1ULL << 40;
	memcpy(copy + b.len - 10 * 64 + 4 * 64, &ts, 8);
	memcpy(&ts, copy + b.len - 10 * 64 + 4 * 64 + 8, 8);
	ts += 101 * 10 * RTE_NSEC_PER_SEC;
	memcpy(copy + b.len - 10 * 64 + 4 * 64 + 8, &ts, 8);
	put("seqjump.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/seqjump.raw", dir);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s", err);
	CHECK(strstr(l->note, "record 4: its timestamp jumps"), "%s", l->note);
	CHECK(l->windows <= 2, "%llu windows", (unsigned long long)l->windows);

	/* the timer restarted (FIRST) 50 windows later: taken; 101: skipped */
	shift_from(copy, &b, 4, 50 * 10 * RTE_NSEC_PER_SEC, true);
	put("restart.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/restart.raw", dir);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s", err);
	CHECK_EQ(l->rep.samples, 10);
	CHECK(!l->note[0], "%s", l->note);
	CHECK_EQ(l->windows, 51);
	shift_from(copy, &b, 4, 101 * 10 * RTE_NSEC_PER_SEC, true);
	put("restart-far.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/restart-far.raw", dir);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s", err);
	CHECK_EQ(l->rep.samples, 4);
	CHECK(strstr(l->note, "6 record(s) skipped as corrupt"), "%s", l->note);
	/* the same jump without FIRST is corrupt */
	shift_from(copy, &b, 4, 50 * 10 * RTE_NSEC_PER_SEC, false);
	put("jump-nofirst.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/jump-nofirst.raw", dir);
	CHECK(rte_load(path, l, err, sizeof(err)) == 0, "%s", err);
	CHECK_EQ(l->rep.samples, 4);

	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"interval_ns\":10000000000");
	memcpy(hdr, "\"interval_ns\":          1", 25);
	put("interval.raw", copy, b.len);
	expect_error("interval.raw", "header: interval_ns 1, duration_ns 0 or start_ns");
	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"duration_ns\":0");
	memcpy(hdr, "\"duration_ns\":9", 15);
	put("duration.raw", copy, b.len);
	expect_error("duration.raw", "out of range (interval 100ms to 1d, duration up to 3650d)");
	free(copy);
	free(l);
	rte_buf_free(&b);
}

/* A log line longer than RTE_LOG_MAX_LINE is refused, not read whole. */
static void test_long_line(void)
{
	size_t n = RTE_LOG_MAX_LINE + 10;
	char *big = rte_xcalloc(1, n);

	memset(big, 'x', n);
	put("long.jsonl", big, n);
	expect_error("long.jsonl", ":1: a line longer than 1048576 bytes");
	memset(big, 0, n);
	put("zeros.jsonl", big, n);
	expect_error("zeros.jsonl", ":1: a line longer than 1048576 bytes");
	free(big);
}

/* Labels that are not UTF-8 come out as valid JSON, U+FFFD for the bad byte. */
static void test_utf8_json(void)
{
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750,
			     .label = "r\xe9gle \xc3\xa9t\xc3\xa9",
			     .environment = "\xff\xfe" };
	struct rte_jobj *o = rte_xcalloc(1, sizeof(*o));
	struct rte_buf b = { 0 };
	struct rte_header h, back;

	rte_gen_header(&h, &g);
	rte_header_json(&h, &b);
	CHECK(rte_utf8_valid(b.p), "not UTF-8: %s", b.p);
	CHECK(strstr(b.p, "\"label\":\"r\\ufffdgle \xc3\xa9t\xc3\xa9\""), "%s", b.p);
	CHECK(rte_json_parse(o, b.p, b.len) == 0 && rte_header_parse(&back, o) == 0,
	      "%s", o->err);
	CHECK(!strcmp(back.label, "r\xef\xbf\xbdgle \xc3\xa9t\xc3\xa9"), "%s", back.label);
	CHECK(!strcmp(back.env.environment, "\xef\xbf\xbd\xef\xbf\xbd"), "%s",
	      back.env.environment);
	/* \u escapes of any code point, surrogate pairs included */
	b.len = 0;
	rte_buf_printf(&b, "{\"s\":\"\\u00e9\\u20ac\\ud83d\\ude00\\udc00x\"}");
	CHECK(rte_json_parse(o, b.p, b.len) == 0, "%s", o->err);
	{
		char out[32];

		CHECK(rte_jobj_str(o, "s", out, sizeof(out)) == 0, "%s", o->err);
		CHECK(!strcmp(out, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbdx"),
		      "%s", out);
	}
	rte_buf_free(&b);
	rte_jobj_release(o);
	free(o);
}

/* A log line from elsewhere is hostile: what the reader refuses. */
static void test_json_strict(void)
{
	static const struct {
		const char *text;
		const char *err;	/* NULL: accepted */
	} cases[] = {
		{ "{\"a\":1}", NULL },
		{ " {\"a\" : [ [1 , 2] ] }\r\n", NULL },
		{ "{\"a\":01}", "malformed JSON at column 6: a number with a leading zero" },
		{ "{\"a\":-01}", "malformed JSON at column 7: a number with a leading zero" },
		{ "{\"a\":[1.05,1e05,0,-0.5,10]}", NULL },
		{ "{\"a\":1,}", "malformed JSON at column 8" },
		{ "{\"a\":[1,]}", "malformed JSON" },
		{ "{'a':1}", "malformed JSON at column 2: unexpected character" },
		{ "{\"a\":NaN}", "malformed JSON at column 6: unexpected character" },
		{ "{\"a\":-Infinity}", "malformed JSON at column 7" },
		{ "{\"a\":\"x\ty\"}", "control character in a string" },
		{ "{\"a\":18446744073709551616}", "number out of range" },
		{ "{\"a\":1} x", "malformed JSON at column 9" },
		{ "{\"a\":1}{}", "malformed JSON at column 8" },
		{ "x", "malformed JSON at column 1: expected '{'" },
		{ "[1]", "malformed JSON at column 1: expected '{'" },
		{ "", "truncated JSON" },
		{ "{\"a\":\"x", "truncated JSON" },
		{ "{\"a\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}", "nesting too deep" },
		{ "{\"a\":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]}", NULL },
		{ "{\"a\":\"\\u00e9\"}", NULL },
	};
	struct rte_jobj *o = rte_xcalloc(1, sizeof(*o));
	char out[8];
	size_t i;
	u64 v;

	for (i = 0; i < RTE_ARRAY_SIZE(cases); i++) {
		int ret = rte_json_parse(o, cases[i].text, strlen(cases[i].text));

		if (!cases[i].err)
			CHECK(ret == 0, "%s: %s", cases[i].text, o->err);
		else
			CHECK(ret && strstr(o->err, cases[i].err), "%s: got \"%s\", want \"%s\"",
			      cases[i].text, o->err, cases[i].err);
	}
	/* the last case: \u00e9 is U+00E9, two bytes of UTF-8 */
	CHECK(rte_jobj_str(o, "a", out, sizeof(out)) == 0 && !strcmp(out, "\xc3\xa9"),
	      "%s", o->err);
	{
		const char *t = "{\"a\":18446744073709551615,\"b\":-1,\"c\":1.5}";

		CHECK(rte_json_parse(o, t, strlen(t)) == 0, "%s", o->err);
	}
	CHECK(rte_jobj_u64(o, "a", &v) == 0 && v == U64_MAX, "%s", o->err);
	CHECK(rte_jobj_u64(o, "b", &v) && strstr(o->err, "not an unsigned"), "%s", o->err);
	CHECK(rte_jobj_u64(o, "c", &v) && strstr(o->err, "not an unsigned"), "%s", o->err);
	rte_jobj_release(o);
	free(o);
}

static void test_missing(void)
{
	expect_error("nonexistent.raw", "cannot open: No such file or directory");
}

int main(void)
{
	snprintf(dir, sizeof(dir), "/tmp/rte-test-files.XXXXXX");
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	test_raw();
	test_log();
	test_runs();
	test_missing();
	test_jumps();
	test_long_line();
	test_utf8_json();
	test_json_strict();
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		CHECK(system(cmd) == 0, "%s", cmd);
	}
	return rte_test_report("tools/test_files");
}
