// SPDX-License-Identifier: GPL-2.0
/*
 * The Prometheus histogram: bucket counts exact at the bounds (checked
 * against an independent count in exact integer arithmetic), cumulative, with
 * +Inf, _sum and _count equal to the summary's, over closed windows only;
 * and the board label of rt_eval_info.
 */
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"

#include "rte_fmt_prom.h"
#include "rte_gen.h"
#include "rte_hist.h"

static void text_has(struct __test_metadata *_metadata, const char *text,
		     const char *want)
{
	EXPECT_NE(NULL, strstr(text, want))
		TH_LOG("missing \"%s\" in:\n%s", want, text);
}

#define LABELS "device=\"rt_eval_tmu0\",label=\"x\""

static void feed(struct rte_run *r, u64 i, u64 ts, u64 ticks)
{
	struct rt_eval_tmu_sample s = { 0 };

	s.seq = i;
	s.timestamp_ns = ts;
	s.latency_ticks = ticks;
	rte_run_feed(r, &s);
}

/* Value of @series{LABELS,le="@le"} in @text, or U64_MAX. */
static u64 bucket(const char *text, const char *le)
{
	char key[160];
	const char *p;

	snprintf(key, sizeof(key),
		 "rt_eval_irq_latency_seconds_bucket{" LABELS ",le=\"%s\"} ", le);
	p = strstr(text, key);
	return p ? strtoull(p + strlen(key), NULL, 10) : U64_MAX;
}

/* Feed a sample at every bound and one tick above it. */
static void edges_at(struct __test_metadata *_metadata, u64 hz)
{
	struct rte_gen g = { .tick_hz = hz, .period_ticks = 1000, .label = "x" };
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rte_header h;
	struct rte_buf b = { 0 };
	u64 t[RTE_LE_N], n = 0;
	unsigned int i;

	rte_gen_header(&h, &g);
	rte_run_init(r, &h, 0);
	rte_le_bounds(t, hz);
	for (i = 0; i < RTE_LE_N; i++) {
		feed(r, n, h.start_ns + n, t[i]);
		n++;
		feed(r, n, h.start_ns + n, t[i] + 1);
		n++;
	}
	rte_run_finish(r, h.start_ns + 1000);
	rte_prom_hist_run(&b, LABELS, r);
	/* le=bound i: the two samples of every lower bound, and t[i] */
	for (i = 0; i < RTE_LE_N; i++)
		EXPECT_EQ(2 * i + 1, bucket(b.p, rte_le_label(i)))
			TH_LOG("%llu Hz le=%s", (unsigned long long)hz,
			       rte_le_label(i));
	EXPECT_EQ(n, bucket(b.p, "+Inf"));
	EXPECT_EQ(1, r->total.le.count[RTE_LE_N]);
	rte_buf_free(&b);
	free(r);
}

/* Random latencies over the whole range against an independent count. */
TEST(random_latencies)
{
	static const u64 rates[] = { 33275000, 100000000, 1000000000, 66666667 };
	unsigned int k, i;

	for (k = 0; k < RTE_ARRAY_SIZE(rates); k++) {
		struct rte_gen g = { .tick_hz = rates[k], .period_ticks = 1000,
				     .label = "x" };
		struct rte_run *r = rte_xcalloc(1, sizeof(*r));
		u64 want[RTE_LE_N + 1] = { 0 }, state = 42 + k, n, v;
		struct rte_header h;
		struct rte_buf b = { 0 };
		char line[200];

		rte_gen_header(&h, &g);
		rte_run_init(r, &h, 0);
		for (n = 0; n < 20000; n++) {
			/* log-uniform from 1 tick to about 2 s */
			v = 1 + rte_gen_rand(&state) % ((rates[k] * 2 >>
						     (rte_gen_rand(&state) % 24)) | 1);
			feed(r, n, h.start_ns + n * 1000, v);
			for (i = 0; i < RTE_LE_N; i++)
				/* < 2^64: v < 2^31, ns and rates <= 10^9 */
				if (v * RTE_NSEC_PER_SEC <=
				    rte_le_ns(i) * rates[k])
					want[i]++;
			want[RTE_LE_N]++;
		}
		rte_run_finish(r, h.start_ns + n * 1000);
		rte_prom_hist_run(&b, LABELS, r);
		for (i = 0; i <= RTE_LE_N; i++)
			EXPECT_EQ(want[i], bucket(b.p, rte_le_label(i)))
				TH_LOG("%llu Hz le=%s", (unsigned long long)rates[k],
				       rte_le_label(i));
		snprintf(line, sizeof(line),
			 "rt_eval_irq_latency_seconds_count{" LABELS "} %llu\n",
			 (unsigned long long)r->total.st.count);
		text_has(_metadata, b.p, line);
		snprintf(line, sizeof(line),
			 "rt_eval_irq_latency_seconds_sum{" LABELS "} %llue-9\n",
			 (unsigned long long)rte_ticks_to_ns(r->total.st.sum,
							     rates[k]));
		text_has(_metadata, b.p, line);
		rte_buf_free(&b);
		free(r);
	}
}

/*
 * In the textfile: after the summary, only closed windows (as _count of
 * the summary), and the board model on rt_eval_info.
 */
TEST(text)
{
	struct rte_gen g = { .tick_hz = 1000000000, .period_ticks = 1000000,
			     .label = "x" };
	struct rte_run *r = rte_xcalloc(1, sizeof(*r));
	struct rte_header h;
	struct rte_buf b = { 0 };
	struct rte_report w;
	const char *sum, *hist;

	rte_gen_header(&h, &g);
	rte_copy(h.env.board, sizeof(h.env.board), "ZynqMP \"ZCU102\" Rev1.0");
	rte_run_init(r, &h, 0);
	feed(r, 0, h.start_ns, 1500);
	feed(r, 1, h.start_ns + 1, 7000);
	rte_run_advance(r, h.start_ns + h.interval_ns);
	/* in the next, still open window: not counted yet */
	feed(r, 2, h.start_ns + h.interval_ns + 1, 3);
	rte_report_make(&w, &r->total, h.info.tick_hz);
	rte_prom_text(&b, r, &w);
	text_has(_metadata, b.p, "# TYPE rt_eval_irq_latency_seconds histogram\n");
	text_has(_metadata, b.p, "rt_eval_irq_latency_seconds_bucket{" LABELS ",le=\"1e-06\"} 0\n");
	text_has(_metadata, b.p, "rt_eval_irq_latency_seconds_bucket{" LABELS ",le=\"2e-06\"} 1\n");
	text_has(_metadata, b.p, "rt_eval_irq_latency_seconds_bucket{" LABELS ",le=\"5e-06\"} 1\n");
	text_has(_metadata, b.p, "rt_eval_irq_latency_seconds_bucket{" LABELS ",le=\"1e-05\"} 2\n");
	text_has(_metadata, b.p, "rt_eval_irq_latency_seconds_bucket{" LABELS ",le=\"+Inf\"} 2\n");
	text_has(_metadata, b.p, "rt_eval_irq_latency_seconds_sum{" LABELS "} 8500e-9\n");
	text_has(_metadata, b.p, "rt_eval_irq_latency_seconds_count{" LABELS "} 2\n");
	text_has(_metadata, b.p, "rt_eval_latency_seconds_count{" LABELS "} 2\n");
	text_has(_metadata, b.p, ",board=\"ZynqMP \\\"ZCU102\\\" Rev1.0\"");
	sum = strstr(b.p, "# TYPE rt_eval_latency_seconds summary");
	hist = strstr(b.p, "# TYPE rt_eval_irq_latency_seconds histogram");
	EXPECT_TRUE(sum && hist && sum < hist)
		TH_LOG("the histogram follows the summary");
	rte_buf_free(&b);
	free(r);
}

/* The bounds grow, and their labels say them */
TEST(bounds)
{
	unsigned int i;

	for (i = 0; i < RTE_LE_N; i++)
		EXPECT_TRUE(rte_le_ns(i) > (i ? rte_le_ns(i - 1) : 0) &&
			    strtod(rte_le_label(i), NULL) * 1e9 == (double)rte_le_ns(i))
			TH_LOG("bound %u", i);
}

/* A sample exactly at a bound counts in it, one tick more does not. */
TEST(edges)
{
	edges_at(_metadata, 1000000000);
	edges_at(_metadata, 33275000);
	edges_at(_metadata, 100000000);
}

TEST_HARNESS_MAIN
