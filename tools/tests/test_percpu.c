// SPDX-License-Identifier: GPL-2.0
/*
 * --per-cpu: a generated run split by CPU against statistics computed here
 * from the same samples, the text and JSON of the summary, a replayed raw
 * file, and hostile CPU numbers (memory stays bounded).
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "rte_fmt_raw.h"
#include "rte_gen.h"
#include "rte_percpu.h"

#define MSG_CPU "CPU %u: samples %llu/%llu min %llu/%llu max %llu/%llu missed %llu/%llu above %llu/%llu"
#define OTHER_ROW "\n  other CPUs (numbers from 4096 or past 256 CPUs): samples 299 "

static char tmpdir[64];

/**
 * struct ref - what a CPU's statistics must be, computed independently
 * @n: samples
 * @min: smallest latency, ticks
 * @max: largest
 * @sum: sum of latencies
 * @missed: missed periods
 * @above: samples above the threshold
 */
struct ref {
	u64 n, min, max, sum, missed, above;
};

static struct rte_run *new_run(struct rte_header *h, const struct rte_gen *g,
			       u64 threshold_ns)
{
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));

	rte_gen_header(h, g);
	if (threshold_ns)
		h->threshold_ns = threshold_ns;
	rte_run_init(r, h, 0);
	r->percpu = rte_percpu_new();
	return r;
}

static void free_run(struct rte_run *r)
{
	rte_percpu_free(r->percpu);
	free(r);
}

static void ref_add(struct ref *f, const struct rt_eval_tmu_sample *s, u64 thr)
{
	if (!f->n || s->latency_ticks < f->min)
		f->min = s->latency_ticks;
	if (s->latency_ticks > f->max)
		f->max = s->latency_ticks;
	f->n++;
	f->sum += s->latency_ticks;
	f->missed += s->missed;
	f->above += s->latency_ticks > thr;
}

TEST(split)
{
	/* tail: latencies past the threshold and missed periods too */
	struct rte_gen g = { .dist = RTE_GEN_TAIL, .samples = 30000,
			     .tick_hz = 1000000, .period_ticks = 100,
			     .base = 20, .spread = 40, .seed = 7, .cpus = 3 };
	struct ref ref[3] = { 0 };
	struct rt_eval_tmu_sample s;
	struct rte_header h;
	struct rte_run *r = new_run(&h, &g, 50000);	/* 50 ticks */
	struct rte_buf b = { 0 };
	struct rte_jobj o = { 0 };
	u64 state = g.seed, i, sum = 0;
	u32 cpu;

	for (i = 0; i < g.samples; i++) {
		rte_gen_sample(&g, &h, i, &state, &s);
		ASSERT_TRUE(rte_run_feed(r, &s));
		ref_add(&ref[s.cpu], &s, r->threshold_ticks);
	}
	rte_run_finish(r, r->last_ts + 1);
	EXPECT_EQ(3, r->percpu->nparts);
	EXPECT_EQ(0, r->percpu->other.st.count);
	for (cpu = 0; cpu < 3; cpu++) {
		const struct rte_part *p = r->percpu->part[cpu];
		struct rte_report rep;

		ASSERT_TRUE(!!p);
		rte_report_make(&rep, p, h.info.tick_hz);
		EXPECT_TRUE(rep.samples == ref[cpu].n && rep.min == ref[cpu].min &&
			    rep.max == ref[cpu].max && p->st.sum == ref[cpu].sum &&
			    rep.missed == ref[cpu].missed && rep.above == ref[cpu].above)
			TH_LOG(MSG_CPU,
			       cpu, (unsigned long long)rep.samples,
			       (unsigned long long)ref[cpu].n, (unsigned long long)rep.min,
			       (unsigned long long)ref[cpu].min, (unsigned long long)rep.max,
			       (unsigned long long)ref[cpu].max, (unsigned long long)rep.missed,
			       (unsigned long long)ref[cpu].missed, (unsigned long long)rep.above,
			       (unsigned long long)ref[cpu].above);
		EXPECT_TRUE(ref[cpu].above && ref[cpu].missed)
			TH_LOG("CPU %u: the run should have late samples", cpu);
		sum += rep.samples;
	}
	EXPECT_EQ(r->total.st.count, sum);

	/* the summary's text: a row per CPU; its JSON: valid, an entry per CPU */
	rte_percpu_text(&b, r->percpu, h.info.tick_hz);
	EXPECT_TRUE(strstr(b.p, "per CPU (3 CPUs):") && strstr(b.p, "\n  CPU 2: samples 10000 "))
		TH_LOG("%s", b.p);
	b.len = 0;
	rte_json_open(&b, "summary");
	rte_percpu_json(&b, r->percpu, h.info.tick_hz);
	rte_json_close(&b);
	EXPECT_EQ(0, rte_json_parse(&o, b.p, b.len))
		TH_LOG("%s: %s", o.err, b.p);
	EXPECT_TRUE(strstr(b.p, "\"per_cpu\":[{\"cpu\":0,\"samples\":10000,") &&
		    strstr(b.p, "{\"cpu\":2,") && !strstr(b.p, "per_cpu_other"))
		TH_LOG("%s", b.p);
	rte_jobj_release(&o);
	rte_buf_free(&b);
	free_run(r);
}

/* All from one CPU: one line saying so; the JSON still has its entry. */
TEST(one_cpu)
{
	struct rte_gen g = { .dist = RTE_GEN_UNIFORM, .samples = 500,
			     .tick_hz = 1000000, .period_ticks = 1000,
			     .base = 10, .spread = 5, .seed = 3 };
	struct rt_eval_tmu_sample s;
	struct rte_header h;
	struct rte_run *r = new_run(&h, &g, 0);
	struct rte_buf b = { 0 };
	u64 state = g.seed, i;

	rte_percpu_text(&b, r->percpu, h.info.tick_hz);
	EXPECT_TRUE(!strcmp(b.p, "\nper CPU: no samples"))
		TH_LOG("%s", b.p);
	for (i = 0; i < g.samples; i++) {
		rte_gen_sample(&g, &h, i, &state, &s);
		s.cpu = 1;
		rte_run_feed(r, &s);
	}
	rte_run_finish(r, r->last_ts + 1);
	b.len = 0;
	rte_percpu_text(&b, r->percpu, h.info.tick_hz);
	EXPECT_TRUE(!strcmp(b.p, "\nper CPU: all 500 samples on CPU 1"))
		TH_LOG("%s", b.p);
	b.len = 0;
	rte_percpu_json(&b, r->percpu, h.info.tick_hz);
	EXPECT_TRUE(!strncmp(b.p, "\"per_cpu\":[{\"cpu\":1,\"samples\":500,", 34))
		TH_LOG("%s", b.p);
	rte_buf_free(&b);
	free_run(r);
}

/* CPU numbers a hostile file claims: counted as "other", nothing allocated. */
TEST(hostile_cpu)
{
	static const u32 bad[] = { 4000000000U, U32_MAX, RTE_MAX_CPUS };
	struct rte_gen g = { .dist = RTE_GEN_CONST, .samples = 300,
			     .tick_hz = 1000000, .period_ticks = 1000,
			     .base = 10, .seed = 3 };
	struct rt_eval_tmu_sample s;
	struct rte_header h;
	struct rte_run *r = new_run(&h, &g, 0);
	struct rte_buf b = { 0 };
	u64 state = g.seed, i;

	for (i = 0; i < g.samples; i++) {
		rte_gen_sample(&g, &h, i, &state, &s);
		s.cpu = i < 3 ? bad[i] : i == 3 ? RTE_MAX_CPUS - 1 : 4000000000U;
		rte_run_feed(r, &s);
	}
	rte_run_finish(r, r->last_ts + 1);
	EXPECT_EQ(1, r->percpu->nparts);
	EXPECT_TRUE(!!r->percpu->part[RTE_MAX_CPUS - 1]);
	EXPECT_EQ(g.samples - 1, r->percpu->other.st.count);
	EXPECT_EQ(g.samples - 1, r->percpu->other_cpus);
	rte_percpu_text(&b, r->percpu, h.info.tick_hz);
	EXPECT_TRUE(!!strstr(b.p, OTHER_ROW))
		TH_LOG("%s", b.p);
	b.len = 0;
	rte_percpu_json(&b, r->percpu, h.info.tick_hz);
	EXPECT_TRUE(!!strstr(b.p, "\"per_cpu_other\":{\"samples\":299,"))
		TH_LOG("%s", b.p);
	rte_buf_free(&b);
	free_run(r);
}

/*
 * A raw file whose samples each claim another CPU (0, 1, ... 4999):
 * replayed, the first RTE_PERCPU_PARTS CPUs get their own statistics and
 * the rest share "other", the sum still the run's.
 */
TEST(replay_bounded)
{
	struct rte_gen g = { .dist = RTE_GEN_UNIFORM, .samples = 5000,
			     .tick_hz = 1000000, .period_ticks = 1000,
			     .base = 10, .spread = 5, .seed = 9,
			     .cpus = 4000000000U };
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rte_raw_reader rd;
	struct rte_header h;
	char path[128], err[256];

	snprintf(path, sizeof(path), "%s/cpus.raw", tmpdir);
	ASSERT_EQ(0, rte_gen_write(path, &g, NULL));
	ASSERT_EQ(0, rte_raw_open(&rd, path, &h, err, sizeof(err)))
		TH_LOG("%s", err);
	rte_run_init(r, &h, 0);
	r->percpu = rte_percpu_new();
	ASSERT_EQ(0, rte_raw_replay(&rd, r, err, sizeof(err)))
		TH_LOG("%s", err);
	rte_raw_close(&rd);
	rte_run_finish(r, r->last_ts + 1);
	EXPECT_EQ(g.samples, r->total.st.count);
	EXPECT_EQ(RTE_PERCPU_PARTS, r->percpu->nparts);
	EXPECT_TRUE(r->percpu->part[RTE_PERCPU_PARTS - 1] && !r->percpu->part[RTE_PERCPU_PARTS])
		TH_LOG("the first %d CPUs have parts", RTE_PERCPU_PARTS);
	EXPECT_EQ(g.samples - RTE_PERCPU_PARTS, r->percpu->other.st.count);
	EXPECT_EQ(g.samples - RTE_MAX_CPUS, r->percpu->other_cpus);
	free_run(r);
}

#define RTE_TEST_DIR		tmpdir
#define RTE_TEST_DIR_NAME	"rte-test-percpu"
#include "rte_test_dir.h"

TEST_HARNESS_MAIN
