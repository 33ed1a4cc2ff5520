// SPDX-License-Identifier: GPL-2.0
/*
 * Formats: the cyclictest histogram, the Prometheus text (promtool checks
 * it for real in scripts/check.d/20-tools.sh), the JSON header round trip
 * with awkward strings, percentages and time arguments.
 */
#include <stdlib.h>
#include <string.h>

#include "rte_export.h"
#include "rte_gen.h"
#include "rte_test.h"

#define CHECK_HAS(text, want) \
	CHECK(strstr(text, want), "missing \"%s\" in:\n%s", want, text)

static void test_ushist(void)
{
	struct rte_gen g = { .tick_hz = 1000000000, .period_ticks = 1000000 };
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rte_ushist us;
	struct rte_buf b = { 0 };
	struct rte_header h;
	struct rt_eval_tmu_sample s = { 0 };
	u64 i;
	static const u64 ns[] = { 12100, 12900, 12000, 5999, 30000, 30999,
				  40000, 40001, 99999 };

	rte_gen_header(&h, &g);
	rte_run_init(r, &h, 0);
	rte_ushist_init(&us, 40);
	r->us = &us;
	for (i = 0; i < RTE_ARRAY_SIZE(ns); i++) {
		s.seq = i;
		s.timestamp_ns = h.start_ns + i;
		s.latency_ticks = ns[i];	/* 1 GHz: ticks are ns */
		rte_run_feed(r, &s);
	}
	rte_run_finish(r, h.start_ns + 100);
	rte_ushist_text(&b, &us, r);
	CHECK(!strncmp(b.p, "# Histogram\n000000 000000\n", 26), "%s", b.p);
	CHECK_HAS(b.p, "\n000005 000001\n");
	CHECK_HAS(b.p, "\n000012 000003\n");
	CHECK_HAS(b.p, "\n000030 000002\n# Total: 000000006\n");
	CHECK_HAS(b.p, "# Min Latencies: 00005\n# Avg Latencies: 00031\n# Max Latencies: 00099\n");
	CHECK_HAS(b.p, "# Histogram Overflows: 00003\n# Histogram Overflow at cycle number:\n# Thread 0: 00006 00007 00008\n");
	rte_buf_free(&b);
	rte_ushist_free(&us);
	free(r);
}

static void test_prom(void)
{
	static const char *const families[] = {
		"rt_eval_info gauge", "rt_eval_latency_seconds summary",
		"rt_eval_latency_max_seconds gauge", "rt_eval_window_latency_seconds gauge",
		"rt_eval_above_threshold_total counter", "rt_eval_lost_samples_total counter",
		"rt_eval_missed_periods_total counter", "rt_eval_windows_total counter",
	};
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750,
			     .label = "lab\"el\\x", .environment = "Xen Dom0" };
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rte_buf b = { 0 };
	struct rte_report w;
	struct rte_header h;
	struct rt_eval_tmu_sample s = { 0 };
	char line[128];
	size_t i;

	rte_gen_header(&h, &g);
	rte_run_init(r, &h, 0);
	for (i = 0; i < 7; i++) {
		s.seq = i;
		s.timestamp_ns = h.start_ns + i;
		s.latency_ticks = 995 + i;	/* 29.9 to 30.1 us */
		rte_run_feed(r, &s);
	}
	rte_run_finish(r, h.start_ns + 100);
	rte_report_make(&w, &r->total, h.info.tick_hz);
	rte_prom_text(&b, r, &w);
	for (i = 0; i < RTE_ARRAY_SIZE(families); i++) {
		snprintf(line, sizeof(line), "# TYPE %s\n", families[i]);
		CHECK_HAS(b.p, line);
	}
	CHECK_HAS(b.p, "rt_eval_latency_seconds_count{device=\"rt_eval_tmu0\",label=\"lab\\\"el\\\\x\"} 7\n");
	CHECK_HAS(b.p, ",environment=\"Xen Dom0\",");
	snprintf(line, sizeof(line), "quantile=\"0.99\"} %llue-9\n",
		 (unsigned long long)w.p99_ns);
	CHECK_HAS(b.p, line);
	snprintf(line, sizeof(line), "rt_eval_above_threshold_total{device=\"rt_eval_tmu0\",label=\"lab\\\"el\\\\x\"} %llu\n",
		 (unsigned long long)w.above);
	CHECK_HAS(b.p, line);
	CHECK_EQ(w.above, 3);	/* 999..1001 ticks > floor(30000 ns * 33.275 MHz) = 998 */
	rte_buf_free(&b);
	free(r);
}

static void test_json_header(void)
{
	struct rte_gen g = { .tick_hz = 33275000, .period_ticks = 332750,
			     .label = "quote\" back\\slash\nnew\tline \x01",
			     .environment = "Xen Dom0", .emulated = true };
	struct rte_jobj *o = rte_xcalloc(1, sizeof(*o));
	struct rte_header a, b;
	struct rte_buf t = { 0 };

	rte_gen_header(&a, &g);
	rte_copy(a.env.xen_version, sizeof(a.env.xen_version), "4.17.0");
	rte_header_json(&a, &t);
	CHECK(t.p[t.len - 1] == '\n' && !strchr(t.p, '\n') [1], "one line");
	CHECK(rte_json_parse(o, t.p, t.len) == 0, "%s", o->err);
	CHECK(rte_header_parse(&b, o) == 0, "%s", o->err);
	CHECK(!memcmp(&a, &b, sizeof(a)), "header round trip");
	CHECK(!strcmp(b.label, g.label), "label %s", b.label);
	rte_buf_free(&t);
	free(o);
}

static void test_pct(void)
{
	static const struct {
		u64 part, whole;
		const char *want;
	} cases[] = {
		{ 0, 1000, "0%" }, { 1, 1000, "0.1000%" },
		{ 1, 10000000, "0.00001%" }, { 1, 1000000000, "0.0000001%" },
		{ 1000, 1000, "100.0000%" }, { 999999, 1000000, "99.9999%" },
		{ 1, 3, "33.3333%" }, { 1, 10000000000000ULL, "0.00000000001%" },
		{ 1, U64_MAX, "<0.000000000001%" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < RTE_ARRAY_SIZE(cases); i++) {
		rte_fmt_pct(buf, sizeof(buf), cases[i].part, cases[i].whole);
		CHECK(!strcmp(buf, cases[i].want), "%llu/%llu: %s, want %s",
		      (unsigned long long)cases[i].part,
		      (unsigned long long)cases[i].whole, buf, cases[i].want);
	}
}

static void test_time(void)
{
	static const struct {
		const char *s;
		u64 unit, ns;
		int ret;
	} cases[] = {
		{ "10", RTE_NSEC_PER_SEC, 10000000000ULL, 0 },
		{ "2.5s", 1, 2500000000ULL, 0 }, { "500ms", 1, 500000000, 0 },
		{ "30us", 1, 30000, 0 }, { "30000", 1, 30000, 0 },
		{ "1.5m", 1, 90000000000ULL, 0 }, { "1h", 1, 3600000000000ULL, 0 },
		{ "0.0000000001s", 1, 0, 0 }, { "", 1, 0, -1 }, { "s", 1, 0, -1 },
		{ "10x", 1, 0, -1 }, { "-1", 1, 0, -1 },
		{ "99999999999h", 1, 0, -1 },
	};
	size_t i;

	for (i = 0; i < RTE_ARRAY_SIZE(cases); i++) {
		u64 ns = 0;
		int ret = rte_parse_time(cases[i].s, cases[i].unit, &ns);

		CHECK(ret == cases[i].ret && (ret || ns == cases[i].ns),
		      "\"%s\": %d %llu", cases[i].s, ret, (unsigned long long)ns);
	}
}

int main(void)
{
	test_ushist();
	test_prom();
	test_json_header();
	test_pct();
	test_time();
	return rte_test_report("tools/test_export");
}
