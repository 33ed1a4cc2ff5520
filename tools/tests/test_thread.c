// SPDX-License-Identifier: GPL-2.0
/*
 * The thread stage in the tools: its statistics come from the records
 * flagged RT_EVAL_TMU_SAMPLE_THREAD only (a THREAD_LATE or unflagged
 * record is never a latency of 0), its late count, a raw file's replay
 * reproducing both stages exactly, logs of older collectors (no thread
 * fields) still read, and the second column and metric of the
 * cyclictest histogram and the Prometheus file.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "rte_fields.h"
#include "rte_fmt_hist.h"
#include "rte_fmt_log.h"
#include "rte_fmt_prom.h"
#include "rte_fmt_text.h"
#include "rte_gen.h"

#define THR	RT_EVAL_TMU_SAMPLE_THREAD
#define LATE	RT_EVAL_TMU_SAMPLE_THREAD_LATE
/* what an older collector's header lacks */
#define HDR_OFF	",\"thread_stage\":false,\"thread_priority\":0"
#define HDR_ON	",\"thread_stage\":true,\"thread_priority\":95"

static char tmpdir[64];

static void check_has(struct __test_metadata *_metadata, const char *text,
		      const char *want)
{
	EXPECT_TRUE(!!strstr(text, want))
		TH_LOG("missing \"%s\" in:\n%s", want, text);
}

/* Records of 1000 ns at 1 GHz with these flags and stage2_ticks */
struct rec {
	u32 flags;
	u64 stage2;
};

static struct rte_run *feed(const struct rte_header *h, const struct rec *recs,
			    size_t n)
{
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rt_eval_tmu_sample s = { 0 };
	size_t i;

	rte_run_init(r, h, 0);
	for (i = 0; i < n; i++) {
		s.seq = i;
		s.timestamp_ns = h->start_ns + i;
		s.latency_ticks = 1000;
		s.flags = recs[i].flags;
		s.stage2_ticks = recs[i].stage2;
		rte_run_feed(r, &s);
	}
	rte_run_finish(r, h->start_ns + n);
	return r;
}

TEST(only_flagged)
{
	static const struct rec recs[] = {
		{ THR, 5000 }, { LATE, 0 }, { 0, 0 },
		{ 0, 7 },		/* corrupt: unflagged, not 0: ignored */
		{ THR, 9000 },
		{ THR | LATE, 6000 },	/* corrupt: both; THREAD wins */
		{ LATE, 0 }, { 0, 0 },
	};
	static const struct rec plain[] = { { 0, 0 }, { 0, 0 } };
	struct rte_gen g = { .tick_hz = 1000000000, .period_ticks = 1000000 };
	struct rte_header h;
	struct rte_report t;
	struct rte_run *r;

	rte_gen_header(&h, &g);	/* the header says off: the records tell */
	r = feed(&h, recs, RTE_ARRAY_SIZE(recs));
	rte_report_make(&t, &r->thr_total, h.info.tick_hz);
	EXPECT_EQ(3ULL, (unsigned long long)t.samples);
	EXPECT_EQ(5000ULL, (unsigned long long)t.min);
	EXPECT_EQ(9000ULL, (unsigned long long)t.max);
	EXPECT_EQ(6667ULL, (unsigned long long)t.mean);	/* 20000 / 3 */
	EXPECT_EQ(2ULL, (unsigned long long)t.late);
	EXPECT_EQ(0ULL, (unsigned long long)t.missed);
	/* the IRQ stage has every record, as before */
	EXPECT_EQ((unsigned long long)RTE_ARRAY_SIZE(recs),
		  (unsigned long long)r->total.st.count);
	EXPECT_EQ(1000ULL, (unsigned long long)r->total.st.min);
	EXPECT_EQ(0ULL, (unsigned long long)r->total.late);
	EXPECT_TRUE(rte_run_thread(r))
		TH_LOG("flagged records give the run a thread stage");
	free(r);

	r = feed(&h, plain, RTE_ARRAY_SIZE(plain));
	EXPECT_FALSE(rte_run_thread(r))
		TH_LOG("no flag, no header: no thread stage");
	EXPECT_EQ(0ULL, (unsigned long long)r->thr_total.st.count);
	free(r);
	h.thread_stage = true;
	r = feed(&h, plain, RTE_ARRAY_SIZE(plain));
	EXPECT_TRUE(rte_run_thread(r))
		TH_LOG("the header says on: a thread stage, even empty");
	EXPECT_EQ(0ULL, (unsigned long long)r->thr_total.st.count);
	free(r);
}

/* ---------------------------------------------------------------------- */
/* Replay                                                                  */

static void log_window(void *ctx, const struct rte_run *r,
		       const struct rte_report *w)
{
	rte_log_window(ctx, r, w);
}

/* The log of a run: its header, windows (the sink) and summary */
static void log_start(struct rte_buf *b, struct rte_run *r,
		      const struct rte_header *h)
{
	rte_run_init(r, h, 0);
	rte_header_json(h, b);
	r->sink.window = log_window;
	r->sink.ctx = b;
}

static void log_end(struct rte_buf *b, const struct rte_run *r)
{
	struct rte_limits lim = { 0 };
	struct rte_log_end e = { .end = "end of file", .lim = &lim,
				 .result = "pass", .failures = "" };
	struct rte_report t;

	rte_report_make(&t, &r->total, r->hdr->info.tick_hz);
	rte_log_summary(b, r, &t, &e);
}

static void put(struct __test_metadata *_metadata, const char *path,
		const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	EXPECT_TRUE(fd >= 0 && write(fd, data, len) == (ssize_t)len)
		TH_LOG("write %s", path);
	close(fd);
}

/* Every field of two reports, and the late count */
static void same_report(struct __test_metadata *_metadata,
			const struct rte_report *a, const struct rte_report *b,
			const char *what)
{
	size_t i;

	for (i = 0; i < rte_report_fields.n; i++) {
		const struct rte_field *f = &rte_report_fields.f[i];

		if (f->kind == RTE_F_U64)
			EXPECT_EQ(rte_field_u64(f, a), rte_field_u64(f, b))
				TH_LOG("%s: %s", what, f->key);
	}
	EXPECT_STREQ(a->above_pct, b->above_pct);
	EXPECT_EQ(a->late, b->late)
		TH_LOG("%s: late", what);
}

TEST(replay)
{
	struct rte_gen g = { .dist = RTE_GEN_TAIL, .samples = 30000,
			     .tick_hz = 33275000, .period_ticks = 332750,
			     .base = 40, .spread = 2000, .seed = 4,
			     .gap_every = 4999, .thread = true,
			     .thread_base = 300, .late_every = 97 };
	struct rte_run *live = rte_xcalloc(1, sizeof(*live));
	struct rte_run *rep = rte_xcalloc(1, sizeof(*rep));
	struct rte_loaded *fromraw = rte_xcalloc(1, sizeof(*fromraw));
	struct rte_loaded *fromlog = rte_xcalloc(1, sizeof(*fromlog));
	struct rte_buf a = { 0 }, b = { 0 };
	struct rte_header h, h2;
	struct rte_raw_reader rd;
	struct rt_eval_tmu_sample s;
	u64 state = g.seed, i, n = 0, late = 0, min = U64_MAX, max = 0;
	__uint128_t sum = 0;
	char raw[128], log[128], err[512];

	snprintf(raw, sizeof(raw), "%s/thread.raw", tmpdir);
	snprintf(log, sizeof(log), "%s/thread.jsonl", tmpdir);
	ASSERT_EQ(0, rte_gen_write(raw, &g, NULL));

	/* the live run: the records as the device gives them */
	rte_gen_header(&h, &g);
	log_start(&a, live, &h);
	for (i = 0; i < g.samples; i++) {
		rte_gen_sample(&g, &h, i, &state, &s);
		rte_run_feed(live, &s);
		late += !!(s.flags & LATE);
		if (!(s.flags & THR))
			continue;
		n++;
		sum += s.stage2_ticks;
		min = s.stage2_ticks < min ? s.stage2_ticks : min;
		max = s.stage2_ticks > max ? s.stage2_ticks : max;
	}
	rte_run_finish(live, live->last_ts + 1);
	log_end(&a, live);

	/* its raw file replayed */
	ASSERT_EQ(0, rte_raw_open(&rd, raw, &h2, err, sizeof(err)));
	EXPECT_TRUE(h2.thread_stage && h2.thread_priority == 95)
		TH_LOG("the raw header has the thread stage");
	log_start(&b, rep, &h2);
	EXPECT_EQ(0, rte_raw_replay(&rd, rep, err, sizeof(err)))
		TH_LOG("%s", err);
	rte_raw_close(&rd);
	log_end(&b, rep);
	EXPECT_EQ(a.len, b.len);
	EXPECT_TRUE(a.len == b.len && !memcmp(a.p, b.p, a.len))
		TH_LOG("the replay's log differs from the live run's");
	check_has(_metadata, b.p, "\"thread\":{\"samples\":");
	check_has(_metadata, b.p, "\"thread_stage\":true,\"thread_priority\":95");

	/* read back: the log's summary and the raw file's agree, exactly */
	put(_metadata, log, b.p, b.len);
	EXPECT_EQ(0, rte_load(log, fromlog, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_EQ(0, rte_load(raw, fromraw, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_TRUE(fromlog->thread && fromraw->thread)
		TH_LOG("both have the thread stage");
	same_report(_metadata, &fromlog->rep, &fromraw->rep, "irq");
	same_report(_metadata, &fromlog->thr_rep, &fromraw->thr_rep, "thread");
	EXPECT_EQ(0, memcmp(&fromlog->thr_hist, &fromraw->thr_hist,
			    sizeof(fromraw->thr_hist)));
	/* and the generated values, independently */
	EXPECT_EQ(n, fromraw->thr_rep.samples);
	EXPECT_EQ(late, fromraw->thr_rep.late);
	EXPECT_EQ(g.samples / g.late_every, late);
	EXPECT_EQ(g.samples - late, n);
	EXPECT_EQ(min, fromraw->thr_rep.min);
	EXPECT_EQ(max, fromraw->thr_rep.max);
	EXPECT_EQ((u64)((2 * sum + n) / (2 * (__uint128_t)n)),
		  fromraw->thr_rep.mean);
	EXPECT_EQ(g.samples, fromraw->rep.samples);
	EXPECT_TRUE(fromraw->thr_rep.min >= fromraw->rep.min)
		TH_LOG("the thread is never ahead of the handler");
	unlink(raw);
	unlink(log);
	rte_buf_free(&a);
	rte_buf_free(&b);
	free(live);
	free(rep);
	free(fromraw);
	free(fromlog);
}

/* ---------------------------------------------------------------------- */
/* Files of older collectors                                               */

/* Blank @what out of the file @path (same length: a raw header's too) */
static void blank(struct __test_metadata *_metadata, const char *path,
		  const char *what)
{
	struct rte_buf b = { 0 };
	char chunk[4096], *p;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		rte_buf_add(&b, chunk, (size_t)n);
	close(fd);
	p = b.len ? memmem(b.p, b.len, what, strlen(what)) : NULL;
	ASSERT_TRUE(!!p)
		TH_LOG("no %s in %s", what, path);
	memset(p, ' ', strlen(what));
	put(_metadata, path, b.p, b.len);
	rte_buf_free(&b);
}

static void load(struct __test_metadata *_metadata, const char *path,
		 struct rte_loaded *l, u64 samples, bool thread)
{
	char err[512];

	EXPECT_EQ(0, rte_load(path, l, err, sizeof(err)))
		TH_LOG("%s", err);
	EXPECT_EQ(samples, l->rep.samples);
	EXPECT_EQ(thread, l->thread);
}

/* Loading @body after the header @hdr fails with @want */
static void bad_log(struct __test_metadata *_metadata, const struct rte_buf *hdr,
		    const char *body, const char *want)
{
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	struct rte_buf b = { 0 };
	char path[128], err[512] = "";

	snprintf(path, sizeof(path), "%s/bad.jsonl", tmpdir);
	rte_buf_add(&b, hdr->p, hdr->len);
	rte_buf_add(&b, body, strlen(body));
	put(_metadata, path, b.p, b.len);
	EXPECT_EQ(-1, rte_load(path, l, err, sizeof(err)));
	EXPECT_TRUE(!!strstr(err, want))
		TH_LOG("got \"%s\", want \"%s\"", err, want);
	unlink(path);
	rte_buf_free(&b);
	free(l);
}

TEST(old_files)
{
	struct rte_gen g = { .dist = RTE_GEN_UNIFORM, .samples = 500,
			     .tick_hz = 33275000, .period_ticks = 332750,
			     .base = 40, .spread = 10, .seed = 2 };
	struct rte_loaded *l = rte_xcalloc(1, sizeof(*l));
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rte_buf b = { 0 };
	struct rte_header h;
	struct rt_eval_tmu_sample s;
	u64 state = g.seed, i;
	char path[128];

	/* a log of an older collector: no thread fields anywhere */
	rte_gen_header(&h, &g);
	log_start(&b, r, &h);
	for (i = 0; i < g.samples; i++) {
		rte_gen_sample(&g, &h, i, &state, &s);
		rte_run_feed(r, &s);
	}
	rte_run_finish(r, r->last_ts + 1);
	log_end(&b, r);
	EXPECT_FALSE(!!strstr(b.p, "\"thread\":"))
		TH_LOG("no thread object without the stage:\n%s", b.p);
	snprintf(path, sizeof(path), "%s/old.jsonl", tmpdir);
	put(_metadata, path, b.p, b.len);
	blank(_metadata, path, HDR_OFF);
	load(_metadata, path, l, g.samples, false);
	EXPECT_FALSE(l->hdr.thread_stage);
	EXPECT_EQ(0U, l->hdr.thread_priority);
	unlink(path);

	/* an older raw file, and one whose records have the stage */
	snprintf(path, sizeof(path), "%s/old.raw", tmpdir);
	ASSERT_EQ(0, rte_gen_write(path, &g, NULL));
	blank(_metadata, path, HDR_OFF);
	load(_metadata, path, l, g.samples, false);
	g.thread = true;
	g.thread_base = 100;
	ASSERT_EQ(0, rte_gen_write(path, &g, NULL));
	blank(_metadata, path, HDR_ON);
	load(_metadata, path, l, g.samples, true);
	EXPECT_FALSE(l->hdr.thread_stage);
	EXPECT_EQ(g.samples, l->thr_rep.samples);
	unlink(path);

	/* a thread object, but a broken one */
	b.len = 0;
	rte_header_json(&h, &b);
	bad_log(_metadata, &b,
		"{\"type\":\"summary\",\"samples\":0,\"mean_ticks\":0,\"mean_ns\":0,\"stddev_ticks\":0,\"stddev_ns\":0,\"min_ticks\":0,\"min_ns\":0,\"max_ticks\":0,\"max_ns\":0,\"p50_ticks\":0,\"p50_ns\":0,\"p99_ticks\":0,\"p99_ns\":0,\"p999_ticks\":0,\"p999_ns\":0,\"above\":0,\"above_ppm\":0,\"missed\":0,\"lost\":0,\"above_pct\":\"0%\",\"hist\":[],\"thread\":5}\n",
		":2: summary line: field \"thread\" is not an object");
	bad_log(_metadata, &b,
		"{\"type\":\"summary\",\"samples\":0,\"mean_ticks\":0,\"mean_ns\":0,\"stddev_ticks\":0,\"stddev_ns\":0,\"min_ticks\":0,\"min_ns\":0,\"max_ticks\":0,\"max_ns\":0,\"p50_ticks\":0,\"p50_ns\":0,\"p99_ticks\":0,\"p99_ns\":0,\"p999_ticks\":0,\"p999_ns\":0,\"above\":0,\"above_ppm\":0,\"missed\":0,\"lost\":0,\"above_pct\":\"0%\",\"hist\":[],\"thread\":{\"samples\":1}}\n",
		":2: summary line: thread: field \"mean_ticks\" is missing");
	rte_buf_free(&b);
	free(r);
	free(l);
}

/* ---------------------------------------------------------------------- */
/* Outputs                                                                 */

/* At 1 GHz ticks are ns: IRQ 5, 12, 12.1 us; thread 7, 12.5 us and late */
static const struct rec out_recs[] = {
	{ THR, 7000 }, { THR, 12500 }, { LATE, 0 },
};

static struct rte_run *out_run(struct rte_header *h, bool thread,
			       struct rte_ushist *us, struct rte_ushist *th)
{
	struct rte_gen g = { .tick_hz = 1000000000, .period_ticks = 1000000,
			     .thread = thread };
	static const u64 irq[] = { 5000, 12000, 12100 };
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rt_eval_tmu_sample s = { 0 };
	size_t i;

	rte_gen_header(h, &g);
	rte_run_init(r, h, 0);
	rte_ushist_init(us, 40);
	rte_ushist_init(th, 40);
	r->us = us;
	r->thr_us = th;
	for (i = 0; i < RTE_ARRAY_SIZE(irq); i++) {
		s.seq = i;
		s.timestamp_ns = h->start_ns + i;
		s.latency_ticks = irq[i];
		s.flags = thread ? out_recs[i].flags : 0;
		s.stage2_ticks = thread ? out_recs[i].stage2 : 0;
		rte_run_feed(r, &s);
	}
	rte_run_finish(r, h->start_ns + 100);
	return r;
}

TEST(histogram_column)
{
	struct rte_ushist us, th;
	struct rte_buf b = { 0 };
	struct rte_header h;
	struct rte_run *r = out_run(&h, true, &us, &th);

	rte_ushist_text(&b, &us, &th, r);
	EXPECT_EQ(0, strncmp(b.p, "# Histogram\n000000 000000\t000000\n", 33))
		TH_LOG("%s", b.p);
	check_has(_metadata, b.p, "\n000005 000001\t000000\n");
	check_has(_metadata, b.p, "\n000007 000000\t000001\n");
	check_has(_metadata, b.p, "\n000012 000002\t000001\n# Total: 000000003 000000002\n");
	check_has(_metadata, b.p,
		  "# Min Latencies: 00005 00007\n# Avg Latencies: 00009 00009\n# Max Latencies: 00012 00012\n");
	check_has(_metadata, b.p,
		  "# Histogram Overflows: 00000 00000 00000\n# Histogram Overflow at cycle number:\n# Thread 0:\n# Thread 1:\n");
	check_has(_metadata, b.p, "Thread 1 the thread stage (1 late, not counted)");
	rte_buf_free(&b);
	rte_ushist_free(&us);
	rte_ushist_free(&th);
	free(r);

	/* without the stage: one column, no tab */
	r = out_run(&h, false, &us, &th);
	rte_ushist_text(&b, &us, NULL, r);
	EXPECT_FALSE(!!strchr(b.p, '\t'))
		TH_LOG("%s", b.p);
	check_has(_metadata, b.p, "\n000012 000002\n# Total: 000000003\n");
	rte_buf_free(&b);
	rte_ushist_free(&us);
	rte_ushist_free(&th);
	free(r);
}

#define LABELS "{device=\"rt_eval_tmu0\",label=\"\""
#define BUCKET "rt_eval_thread_latency_seconds_bucket" LABELS

TEST(prometheus)
{
	struct rte_ushist us, th;
	struct rte_buf b = { 0 };
	struct rte_report w;
	struct rte_header h;
	struct rte_run *r = out_run(&h, true, &us, &th);

	rte_report_make(&w, &r->total, h.info.tick_hz);
	rte_prom_text(&b, r, &w);
	check_has(_metadata, b.p, "# TYPE rt_eval_thread_latency_seconds histogram\n");
	/* 7 and 12.5 us: none at or below 5 us, both at or below 20 us */
	check_has(_metadata, b.p, BUCKET ",le=\"5e-06\"} 0\n");
	check_has(_metadata, b.p, BUCKET ",le=\"1e-05\"} 1\n");
	check_has(_metadata, b.p, BUCKET ",le=\"+Inf\"} 2\n");
	check_has(_metadata, b.p, "rt_eval_thread_latency_seconds_sum" LABELS "} 19500e-9\n");
	check_has(_metadata, b.p, "rt_eval_thread_latency_seconds_count" LABELS "} 2\n");
	check_has(_metadata, b.p, "rt_eval_irq_latency_seconds_count" LABELS "} 3\n");
	check_has(_metadata, b.p, "rt_eval_thread_late_total" LABELS "} 1\n");
	rte_buf_free(&b);
	rte_ushist_free(&us);
	rte_ushist_free(&th);
	free(r);

	r = out_run(&h, false, &us, &th);
	rte_report_make(&w, &r->total, h.info.tick_hz);
	rte_prom_text(&b, r, &w);
	EXPECT_FALSE(!!strstr(b.p, "rt_eval_thread_"))
		TH_LOG("a thread metric without the stage");
	rte_buf_free(&b);
	rte_ushist_free(&us);
	rte_ushist_free(&th);
	free(r);
}

TEST(text)
{
	struct rte_ushist us, th;
	struct rte_buf b = { 0 };
	struct rte_report t;
	struct rte_header h;
	struct rte_run *r = out_run(&h, true, &us, &th);

	rte_report_make(&t, &r->total, h.info.tick_hz);
	rte_text_header(&b, &h);
	check_has(_metadata, b.p, "# thread stage on (SCHED_FIFO priority 95)");
	rte_text_summary(&b, r, &t, "end of file");
	check_has(_metadata, b.p, "\nthread: 2 samples, 1 late, p50: 7000 (7000 ns)\n");
	check_has(_metadata, b.p, "\nthread Mean: 9750 (9750 ns)");
	check_has(_metadata, b.p, " samples: 2 above: 0 (0 ppm) late: 1");
	rte_buf_free(&b);
	rte_ushist_free(&us);
	rte_ushist_free(&th);
	free(r);

	r = out_run(&h, false, &us, &th);
	rte_text_header(&b, &h);
	rte_text_summary(&b, r, &t, "end of file");
	EXPECT_FALSE(!!strstr(b.p, "thread"))
		TH_LOG("%s", b.p);
	rte_buf_free(&b);
	rte_ushist_free(&us);
	rte_ushist_free(&th);
	free(r);
}

/* The tests share a directory, made before the first and removed by the last. */
static void __attribute__((constructor)) make_dir(void)
{
	rte_gen_tmpdir(tmpdir, sizeof(tmpdir), "rte-test-thread");
}

TEST(remove_dir)
{
	EXPECT_EQ(0, rmdir(tmpdir));
}

TEST_HARNESS_MAIN
