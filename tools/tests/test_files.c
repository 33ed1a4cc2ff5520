// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed and truncated raw and log files give an error that names the
 * file (and line) and what is wrong; well-formed ones load.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "rte_gen.h"
#include "rte_fmt_log.h"

static char dir[64];

static void put(struct __test_metadata *_metadata, const char *name, const void *data, size_t len)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	EXPECT_TRUE(fd >= 0 && write(fd, data, len) == (ssize_t)len)
		TH_LOG("write %s", path);
	close(fd);
}

/* Loading @name fails with a message holding "dir/name" and @want. */
static void expect_error(struct __test_metadata *_metadata, const char *name, const char *want)
{
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char path[256], err[512] = "";

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == -1)
		TH_LOG("%s loaded", name);
	EXPECT_TRUE(strstr(err, path) && strstr(err, want))
		TH_LOG("%s: got \"%s\", want \"%s\"", name, err, want);
	free(l);
}

static void expect_ok(struct __test_metadata *_metadata, const char *name, u64 samples)
{
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char path[256], err[512] = "";

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s: %s", name, err);
	EXPECT_EQ((u64)(samples), (u64)(l->rep.samples));
	free(l);
}

/* The bytes of a valid raw file of 10 samples. */
static struct rte_buf good_raw(struct __test_metadata *_metadata)
{
	struct rte_gen g = { .dist = RTE_GEN_UNIFORM, .samples = 10,
			     .tick_hz = 33275000, .period_ticks = 332750,
			     .base = 40, .spread = 10, .seed = 2 };
	struct rte_buf b = { 0 };
	char path[256], chunk[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/good.raw", dir);
	EXPECT_TRUE(rte_gen_write(path, &g, NULL) == 0)
		TH_LOG("gen");
	fd = open(path, O_RDONLY);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		rte_buf_add(&b, chunk, (size_t)n);
	close(fd);
	return b;
}

TEST(raw)
{
	struct rte_buf b = good_raw(_metadata);
	char *copy = rte_xcalloc(1, b.len + 64);
	char *hdr;

	expect_ok(_metadata, "good.raw", 10);
	put(_metadata, "short.raw", b.p, 10);
	expect_error(_metadata, "short.raw", "truncated: shorter than the 16-byte");
	put(_metadata, "inheader.raw", b.p, 100);
	expect_error(_metadata, "inheader.raw", "truncated: the file ends inside its header");
	put(_metadata, "partial.raw", b.p, b.len - 30);
	expect_error(_metadata, "partial.raw",
		     "truncated: the last record is incomplete (34 of 64 bytes after 9 whole records)");
	memcpy(copy, b.p, b.len);
	copy[2] = 'X';
	put(_metadata, "magic.raw", copy, b.len);
	/* a first byte other than 'R' is read as a log */
	expect_error(_metadata, "magic.raw", "not an rt-eval-collect raw file (bad magic)");
	memcpy(copy, b.p, b.len);
	copy[8] = 2;
	put(_metadata, "version.raw", copy, b.len);
	expect_error(_metadata, "version.raw", "raw format version 2, this tool reads version 1");
	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"tick_hz\"");
	memcpy(hdr, "\"tick_Hz\"", 9);
	put(_metadata, "nohz.raw", copy, b.len);
	expect_error(_metadata, "nohz.raw", "header: field \"tick_hz\" is missing");
	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"format\":1");
	hdr[9] = '7';
	put(_metadata, "format.raw", copy, b.len);
	expect_error(_metadata, "format.raw", "header: format 7, this tool reads format 1");
	/* records: the 3rd's timestamp (offset 8) far ahead, then backwards */
	memcpy(copy, b.p, b.len);
	memset(copy + b.len - 10 * 64 + 2 * 64 + 8 + 7, 0x7f, 1);
	put(_metadata, "future.raw", copy, b.len);
	expect_error(_metadata, "future.raw",
		     "record 2: its timestamp lies in the future: a corrupt raw file");
	memcpy(copy, b.p, b.len);
	memset(copy + b.len - 10 * 64 + 2 * 64 + 8, 0, 8);
	put(_metadata, "backwards.raw", copy, b.len);
	expect_error(_metadata, "backwards.raw",
		     "record 2: its timestamp goes backwards: a corrupt raw file");
	memcpy(copy, b.p, b.len);
	copy[16 + 7] = ';';	/* {"type";"header" */
	put(_metadata, "json.raw", copy, b.len);
	expect_error(_metadata, "json.raw",
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
static void log_case(struct __test_metadata *_metadata, const struct rte_buf *hdr, const char *name,
		     const char *body, const char *want)
{
	struct rte_buf b = { 0 };

	rte_buf_add(&b, hdr->p, hdr->len);
	rte_buf_add(&b, body, strlen(body));
	put(_metadata, name, b.p, b.len);
	expect_error(_metadata, name, want);
	rte_buf_free(&b);
}

TEST(logs)
{
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750 };
	struct rte_buf hdr = { 0 }, b = { 0 };
	struct rte_header h;

	rte_gen_header(&h, &g);
	rte_header_json(&h, &hdr);

	rte_buf_add(&b, hdr.p, hdr.len);
	rte_buf_printf(&b, "{\"type\":\"window\",\"index\":0}\n");
	summary_line(&b, 5, "[[40,2], [41,3]]");
	put(_metadata, "good.jsonl", b.p, b.len);
	expect_ok(_metadata, "good.jsonl", 5);

	put(_metadata, "empty.jsonl", "", 0);
	expect_error(_metadata, "empty.jsonl", "empty file");
	put(_metadata, "nohdr.jsonl", "{\"type\":\"window\"}\n", 18);
	expect_error(_metadata, "nohdr.jsonl", ":1: the first line is not a header");
	put(_metadata, "binary.jsonl", "\x01\x02garbage", 9);
	expect_error(_metadata, "binary.jsonl", ":1: malformed JSON at column 1: expected '{'");

#define WIN0 "{\"type\":\"window\",\"index\":0}\n"
	log_case(_metadata, &hdr, "garbage.jsonl", WIN0 "{\"type\":\"window\" \"index\":1}\n",
		 ":3: malformed JSON at column 18: object value separator ',' expected");
	log_case(_metadata, &hdr, "cut.jsonl", WIN0 "{\"type\":\"window\",\"ind",
		 ":3: truncated JSON");
	log_case(_metadata, &hdr, "nosummary.jsonl", WIN0,
		 "no summary line: the run did not end cleanly");
	log_case(_metadata, &hdr, "badhist.jsonl", summary(5, "[[40,4]]"),
		 ":2: the summary's histogram holds 4 samples, not 5");
	log_case(_metadata, &hdr, "twohdr.jsonl", hdr.p, "no summary line");
	b.len = 0;
	rte_buf_printf(&b, "%s" WIN0, summary(1, "[[40,1]]"));
	log_case(_metadata, &hdr, "after.jsonl", b.p, ":3: text after the summary line");
	log_case(_metadata, &hdr, "badfield.jsonl", "{\"type\":\"summary\",\"samples\":\"5\"}\n",
		 ":2: summary line: field \"samples\" is not an unsigned 64-bit integer");
	log_case(_metadata, &hdr, "bucket.jsonl", summary(1, "[[257,1]]"),
		 ":2: summary line: histogram bucket 257 is not a bucket boundary");
	log_case(_metadata, &hdr, "pairs.jsonl", summary(1, "[[40,1],]"),
		 ":2: malformed JSON at column");
	log_case(_metadata, &hdr, "shape.jsonl", summary(1, "[[40]]"),
		 ":2: summary line: field \"hist\" is not an array of [value, count] pairs");
	rte_buf_free(&b);
	rte_buf_free(&hdr);
}

/* Restarted collectors append runs to a log: the last complete one counts. */
TEST(runs)
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
	put(_metadata, "runs.jsonl", b.p, b.len);
	snprintf(path, sizeof(path), "%s/runs.jsonl", dir);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_EQ((u64)(2), (u64)(l->rep.samples));
	EXPECT_EQ((u64)(1), (u64)(l->windows));
	EXPECT_TRUE(!!(strstr(l->note, "2 runs in the file: showing the last, from line 3")))
		TH_LOG("%s", l->note);

	rte_buf_add(&b, hdr.p, hdr.len);	/* a third run, killed */
	rte_buf_printf(&b, "{\"type\":\"window\",\"index\":0}\n");
	put(_metadata, "runs.jsonl", b.p, b.len);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_EQ((u64)(2), (u64)(l->rep.samples));
#define KILLED "the last run (from line 6) has no summary (killed?): showing the run from line 3"
	EXPECT_TRUE(!!(strstr(l->note, KILLED)))
		TH_LOG("%s", l->note);
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
TEST(jumps)
{
	struct rte_buf b = good_raw(_metadata);
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	char *copy = rte_xcalloc(1, b.len + 64), path[256], err[512] = "", *hdr;
	u64 ts;

	memcpy(copy, b.p, b.len);
	memcpy(&ts, copy + b.len - 10 * 64 + 4 * 64 + 8, 8);
	ts += RTE_NSEC_PER_DAY;
	memcpy(copy + b.len - 10 * 64 + 4 * 64 + 8, &ts, 8);
	put(_metadata, "dayahead.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/dayahead.raw", dir);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_EQ((u64)(9), (u64)(l->rep.samples));
	EXPECT_TRUE(l->windows <= 2)
		TH_LOG("%llu windows", (unsigned long long)l->windows);
	EXPECT_TRUE(strstr(l->note, "1 record(s) skipped as corrupt; the first: ") &&
		    strstr(l->note, "record 4: its timestamp jumps 86400"))
		TH_LOG("%s", l->note);

	/* a seq number far ahead allows a longer gap, but 100 windows at most */
	memcpy(copy, b.p, b.len);
	memcpy(&ts, copy + b.len - 10 * 64 + 4 * 64, 8);
	ts += 1ULL << 40;
	memcpy(copy + b.len - 10 * 64 + 4 * 64, &ts, 8);
	memcpy(&ts, copy + b.len - 10 * 64 + 4 * 64 + 8, 8);
	ts += 101 * 10 * RTE_NSEC_PER_SEC;
	memcpy(copy + b.len - 10 * 64 + 4 * 64 + 8, &ts, 8);
	put(_metadata, "seqjump.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/seqjump.raw", dir);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_TRUE(!!(strstr(l->note, "record 4: its timestamp jumps")))
		TH_LOG("%s", l->note);
	EXPECT_TRUE(l->windows <= 2)
		TH_LOG("%llu windows", (unsigned long long)l->windows);

	/* the timer restarted (FIRST) 50 windows later: taken; 101: skipped */
	shift_from(copy, &b, 4, 50 * 10 * RTE_NSEC_PER_SEC, true);
	put(_metadata, "restart.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/restart.raw", dir);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_EQ((u64)(10), (u64)(l->rep.samples));
	EXPECT_TRUE(!l->note[0])
		TH_LOG("%s", l->note);
	EXPECT_EQ((u64)(51), (u64)(l->windows));
	shift_from(copy, &b, 4, 101 * 10 * RTE_NSEC_PER_SEC, true);
	put(_metadata, "restart-far.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/restart-far.raw", dir);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_EQ((u64)(4), (u64)(l->rep.samples));
	EXPECT_TRUE(!!(strstr(l->note, "6 record(s) skipped as corrupt")))
		TH_LOG("%s", l->note);
	/* the same jump without FIRST is corrupt */
	shift_from(copy, &b, 4, 50 * 10 * RTE_NSEC_PER_SEC, false);
	put(_metadata, "jump-nofirst.raw", copy, b.len);
	snprintf(path, sizeof(path), "%s/jump-nofirst.raw", dir);
	EXPECT_TRUE(rte_load(path, l, err, sizeof(err)) == 0)
		TH_LOG("%s", err);
	EXPECT_EQ((u64)(4), (u64)(l->rep.samples));

	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"interval_ns\":10000000000");
	memcpy(hdr, "\"interval_ns\":          1", 25);
	put(_metadata, "interval.raw", copy, b.len);
	expect_error(_metadata, "interval.raw", "header: interval_ns 1, duration_ns 0 or start_ns");
	memcpy(copy, b.p, b.len);
	hdr = strstr(copy + 16, "\"duration_ns\":0");
	memcpy(hdr, "\"duration_ns\":9", 15);
	put(_metadata, "duration.raw", copy, b.len);
	expect_error(_metadata, "duration.raw",
		     "out of range (interval 100ms to 1d, duration up to 3650d)");
	free(copy);
	free(l);
	rte_buf_free(&b);
}

/* A log line longer than RTE_LOG_MAX_LINE is refused, not read whole. */
TEST(long_line)
{
	size_t n = RTE_LOG_MAX_LINE + 10;
	char *big = rte_xcalloc(1, n);

	memset(big, 'x', n);
	put(_metadata, "long.jsonl", big, n);
	expect_error(_metadata, "long.jsonl", ":1: a line longer than 1048576 bytes");
	memset(big, 0, n);
	put(_metadata, "zeros.jsonl", big, n);
	expect_error(_metadata, "zeros.jsonl", ":1: a line longer than 1048576 bytes");
	free(big);
}

/* Labels that are not UTF-8 come out as valid JSON, U+FFFD for the bad byte. */
TEST(utf8_json)
{
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750,
			     .label = "r\xe9gle \xc3\xa9t\xc3\xa9",
			     .environment = "\xff\xfe" };
	struct rte_jobj *o = rte_xcalloc(1, sizeof(*o));
	struct rte_buf b = { 0 };
	struct rte_header h, back;

	rte_gen_header(&h, &g);
	rte_header_json(&h, &b);
	EXPECT_TRUE(!!(rte_utf8_valid(b.p)))
		TH_LOG("not UTF-8: %s", b.p);
	EXPECT_TRUE(!!(strstr(b.p, "\"label\":\"r\\ufffdgle \xc3\xa9t\xc3\xa9\"")))
		TH_LOG("%s", b.p);
	EXPECT_TRUE(rte_json_parse(o, b.p, b.len) == 0 && rte_header_parse(&back, o) == 0)
		TH_LOG("%s", o->err);
	EXPECT_TRUE(!strcmp(back.label, "r\xef\xbf\xbdgle \xc3\xa9t\xc3\xa9"))
		TH_LOG("%s", back.label);
	EXPECT_TRUE(!strcmp(back.env.environment, "\xef\xbf\xbd\xef\xbf\xbd"))
		TH_LOG("%s", back.env.environment);
	/* \u escapes of any code point, surrogate pairs included */
	b.len = 0;
	rte_buf_printf(&b, "{\"s\":\"\\u00e9\\u20ac\\ud83d\\ude00\\udc00x\"}");
	EXPECT_TRUE(rte_json_parse(o, b.p, b.len) == 0)
		TH_LOG("%s", o->err);
	{
		char out[32];

		EXPECT_TRUE(rte_jobj_str(o, "s", out, sizeof(out)) == 0)
			TH_LOG("%s", o->err);
		EXPECT_TRUE(!strcmp(out, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbdx"))
			TH_LOG("%s", out);
	}
	rte_buf_free(&b);
	rte_jobj_release(o);
	free(o);
}

/* A log line from elsewhere is hostile: what the reader refuses. */
TEST(json_strict)
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

		if (!cases[i].err) {
			EXPECT_TRUE(ret == 0)
				TH_LOG("%s: %s", cases[i].text, o->err);
		} else {
			EXPECT_TRUE(ret && strstr(o->err, cases[i].err))
				TH_LOG("%s: got \"%s\", want \"%s\"", cases[i].text, o->err,
				       cases[i].err);
		}
	}
	/* the last case: \u00e9 is U+00E9, two bytes of UTF-8 */
	EXPECT_TRUE(rte_jobj_str(o, "a", out, sizeof(out)) == 0 && !strcmp(out, "\xc3\xa9"))
		TH_LOG("%s", o->err);
	{
		const char *t = "{\"a\":18446744073709551615,\"b\":-1,\"c\":1.5}";

		EXPECT_TRUE(rte_json_parse(o, t, strlen(t)) == 0)
			TH_LOG("%s", o->err);
	}
	EXPECT_TRUE(rte_jobj_u64(o, "a", &v) == 0 && v == U64_MAX)
		TH_LOG("%s", o->err);
	EXPECT_TRUE(rte_jobj_u64(o, "b", &v) && strstr(o->err, "not an unsigned"))
		TH_LOG("%s", o->err);
	EXPECT_TRUE(rte_jobj_u64(o, "c", &v) && strstr(o->err, "not an unsigned"))
		TH_LOG("%s", o->err);
	rte_jobj_release(o);
	free(o);
}

TEST(missing)
{
	expect_error(_metadata, "nonexistent.raw", "cannot open: No such file or directory");
}

#define RTE_TEST_DIR		dir
#define RTE_TEST_DIR_NAME	"rte-test-files"
#include "rte_test_dir.h"

TEST_HARNESS_MAIN
