// SPDX-License-Identifier: GPL-2.0
/*
 * Formats: the cyclictest histogram, the Prometheus text (promtool checks
 * it for real in scripts/check.d/20-tools.sh), the JSON header round trip
 * with awkward strings, percentages and time arguments.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "rte_fmt_hist.h"
#include "rte_fmt_prom.h"
#include "rte_gen.h"

static void check_has(struct __test_metadata *_metadata, const char *text, const char *want)
{
	EXPECT_TRUE(!!(strstr(text, want)))
		TH_LOG("missing \"%s\" in:\n%s", want, text);
}

TEST(ushist)
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
	rte_ushist_text(&b, &us, NULL, r);
	EXPECT_TRUE(!strncmp(b.p, "# Histogram\n000000 000000\n", 26))
		TH_LOG("%s", b.p);
	check_has(_metadata, b.p, "\n000005 000001\n");
	check_has(_metadata, b.p, "\n000012 000003\n");
	check_has(_metadata, b.p, "\n000030 000002\n# Total: 000000006\n");
	check_has(_metadata, b.p,
		  "# Min Latencies: 00005\n# Avg Latencies: 00031\n# Max Latencies: 00099\n");
	check_has(_metadata, b.p,
		  "# Histogram Overflows: 00003\n# Histogram Overflow at cycle number:\n# Thread 0: 00006 00007 00008\n");
	rte_buf_free(&b);
	rte_ushist_free(&us);
	free(r);
}

TEST(prom)
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
		check_has(_metadata, b.p, line);
	}
	check_has(_metadata, b.p,
		  "rt_eval_latency_seconds_count{device=\"rt_eval_tmu0\",label=\"lab\\\"el\\\\x\"} 7\n");
	check_has(_metadata, b.p, ",environment=\"Xen Dom0\",");
	snprintf(line, sizeof(line), "quantile=\"0.99\"} %llue-9\n",
		 (unsigned long long)w.p99_ns);
	check_has(_metadata, b.p, line);
	snprintf(line, sizeof(line),
		 "rt_eval_above_threshold_total{device=\"rt_eval_tmu0\",label=\"lab\\\"el\\\\x\"} %llu\n",
		 (unsigned long long)w.above);
	check_has(_metadata, b.p, line);
	EXPECT_EQ((u64)(3),
		  (u64)(w.above));	/* 999..1001 ticks > floor(30000 ns * 33.275 MHz) = 998 */
	rte_buf_free(&b);
	free(r);
}

TEST(json_header)
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
	EXPECT_TRUE(t.p[t.len - 1] == '\n' && strchr(t.p, '\n')[1] == '\0')
		TH_LOG("one line");
	EXPECT_TRUE(rte_json_parse(o, t.p, t.len) == 0)
		TH_LOG("%s", o->err);
	EXPECT_TRUE(rte_header_parse(&b, o) == 0)
		TH_LOG("%s", o->err);
	EXPECT_TRUE(!memcmp(&a, &b, sizeof(a)))
		TH_LOG("header round trip");
	EXPECT_TRUE(!strcmp(b.label, g.label))
		TH_LOG("label %s", b.label);
	rte_buf_free(&t);
	rte_jobj_release(o);
	free(o);
}

TEST(pct)
{
	static const struct {
		u64 part, whole;
		const char *want;
	} cases[] = {
		{ 0, 1000, "0%" }, { 1, 1000, "0.1000%" },
		{ 1, 1000000, "0.0001%" }, { 1, 1000001, "<0.0001%" },
		{ 1, 10000000, "<0.0001%" }, { 1, 1000000000, "<0.0001%" },
		{ 1000, 1000, "100.0000%" }, { 999999, 1000000, "99.9999%" },
		{ 1, 3, "33.3333%" }, { 1, 10000000000000ULL, "<0.0001%" },
		{ 1, U64_MAX, "<0.0001%" }, { U64_MAX, U64_MAX, "100.0000%" },
		{ 0, 0, "0%" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < RTE_ARRAY_SIZE(cases); i++) {
		rte_pct_format(buf, sizeof(buf), cases[i].part, cases[i].whole);
		EXPECT_TRUE(!strcmp(buf, cases[i].want))
			TH_LOG("%llu/%llu: %s, want %s", (unsigned long long)cases[i].part,
			       (unsigned long long)cases[i].whole, buf, cases[i].want);
	}
}

TEST(time)
{
	static const struct {
		const char *s;
		u64 ns;
		int ret;
		bool bare;
	} cases[] = {
		{ "10", 10000000000ULL, 0, true }, { "30", 30000000000ULL, 0, true },
		{ "0.5", 500000000, 0, true }, { "0.0000000015", 2, 0, true },
		{ "2.5s", 2500000000ULL, 0, false }, { "500ms", 500000000, 0, false },
		{ "30us", 30000, 0, false }, { "30000ns", 30000, 0, false },
		{ "1.5m", 90000000000ULL, 0, false }, { "1h", 3600000000000ULL, 0, false },
		{ "1d", 86400000000000ULL, 0, false },
		{ "1.5d", 129600000000000ULL, 0, false },
		{ "0.000000000000001d", 0, 0, false },
		{ "0.00000000000001d", 1, 0, false },
		{ "0.0000000001s", 0, 0, false }, { "", 0, -1, false },
		{ "s", 0, -1, false }, { "10x", 0, -1, false }, { "-1", 0, -1, false },
		{ "1.s", 0, -1, false }, { "1e3", 0, -1, false },
		{ "99999999999h", 0, -1, false },
		/* 2^64 - 1 ns is 213503.98 days: no wrap just above */
		{ "18446744073709551615ns", U64_MAX, 0, false },
		{ "18446744073709551616ns", 0, -1, false },
		{ "18446744073709551609ns", 18446744073709551609ULL, 0, false },
		{ "18446744073", 18446744073000000000ULL, 0, true },
		{ "18446744074", 0, -1, true },
		{ "213503d", 213503 * 86400000000000ULL, 0, false },
		{ "213504d", 0, -1, false },
		{ "18446744073.709551615s", U64_MAX, 0, false },
		{ "18446744073.709551616s", 0, -1, false },
	};
	size_t i;

	for (i = 0; i < RTE_ARRAY_SIZE(cases); i++) {
		u64 ns = 0;
		bool bare = !cases[i].bare;
		int ret = rte_parse_time(cases[i].s, &ns, &bare);

		EXPECT_TRUE(ret == cases[i].ret &&
			    (ret || (ns == cases[i].ns && bare == cases[i].bare)))
			TH_LOG("\"%s\": %d %llu", cases[i].s, ret, (unsigned long long)ns);
	}
}

/* The multiply-and-shift conversion is the exact one, bit for bit. */
TEST(tick_conv)
{
	static const u64 rates[] = {
		1, 2, 3, 7, 1000, 32768, 33275000, 66550000, 100000000,
		999999937, RTE_NSEC_PER_SEC, 1000000007, 2500000000ULL,
		1ULL << 40, (1ULL << 63) + 1, U64_MAX - 1, U64_MAX,
	};
	u64 state = 12345, bad = 0, n = 0;
	size_t i;

	for (i = 0; i < RTE_ARRAY_SIZE(rates); i++) {
		struct rte_tick_conv c;
		u64 t, k;

		rte_tick_conv_init(&c, rates[i]);
		for (k = 0; k < 200000; k++) {
			u64 r = rte_gen_rand(&state);

			switch (k % 5) {
			case 0:
				t = k;	/* small latencies, every one */
				break;
			case 1:
				t = r % (rates[i] < 1000000 ? 1000000 : rates[i]);
				break;
			case 2:
				t = r >> (r % 64);
				break;
			case 3:	/* around the limit of the fast path */
				t = c.max_ticks - 100 + r % 200;
				break;
			default:	/* halves: the rounding boundary */
				t = rte_ns_to_ticks_floor(r % (60 * RTE_NSEC_PER_SEC),
							  rates[i]);
				break;
			}
			n++;
			if (rte_tick_conv_ns(&c, t) != rte_ticks_to_ns(t, rates[i]) &&
			    bad++ < 5)
				EXPECT_TRUE(!!(0))
					TH_LOG("hz %llu ticks %llu: %llu, exact %llu",
					       (unsigned long long)rates[i], (unsigned long long)t,
					       (unsigned long long)rte_tick_conv_ns(&c, t),
					       (unsigned long long)rte_ticks_to_ns(t, rates[i]));
		}
		EXPECT_EQ((u64)(rte_ticks_to_ns(U64_MAX, rates[i])),
			  (u64)(rte_tick_conv_ns(&c, U64_MAX)));
		EXPECT_EQ((u64)(rte_ticks_to_ns(c.max_ticks, rates[i])),
			  (u64)(rte_tick_conv_ns(&c, c.max_ticks)));
	}
	EXPECT_TRUE(bad == 0)
		TH_LOG("%llu of %llu conversions differ", (unsigned long long)bad,
		       (unsigned long long)n);
}

TEST(utf8)
{
	static const struct {
		const char *s;
		bool ok;
	} cases[] = {
		{ "", true }, { "baremetal", true }, { "r\xc3\xa8gle", true },
		{ "\xe2\x82\xac \xf0\x9f\x98\x80", true },
		{ "r\xe9gle", false }, { "\xc3", false }, { "\xc0\xaf", false },
		{ "\xed\xa0\x80", false }, { "\xf4\x90\x80\x80", false },
		{ "\xe2\x82", false }, { "\xff", false }, { "\x80", false },
	};
	size_t i;

	for (i = 0; i < RTE_ARRAY_SIZE(cases); i++) {
		EXPECT_TRUE(rte_utf8_valid(cases[i].s) == cases[i].ok)
			TH_LOG("case %zu", i);
	}
}

TEST_HARNESS_MAIN
