/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fixture of the rt_eval_tmu kselftest programs: it finds the device
 * bound to the driver, opens its stream and restores what a test changed;
 * and what holds for the records of any run (expect_accounted()).
 * Include after kselftest_harness.h and rte_selftest.h, once per program,
 * whose main() returns rte_test_main().
 */
#ifndef RTE_FIXTURE_H
#define RTE_FIXTURE_H

FIXTURE(rte) {
	char dev[256];
	char node[272];
	int fd;
	struct rt_eval_tmu_info info;
	__u64 period_ns, threshold_ns, enable;
};

FIXTURE_SETUP(rte)
{
	if (find_device(self->dev, sizeof(self->dev)))
		SKIP(return, "no device bound to rt_eval_tmu (insmod it, apply the overlay)");
	ASSERT_EQ(0, find_devnode(self->dev, self->node, sizeof(self->node)));
	self->fd = open(self->node, O_RDONLY);
	ASSERT_LE(0, self->fd) TH_LOG("open %s: %s", self->node, strerror(errno));
	ASSERT_EQ(0, ioctl(self->fd, RT_EVAL_TMU_IOC_INFO, &self->info));
	self->period_ns = attr_u64(self->dev, "period_ns");
	self->threshold_ns = attr_u64(self->dev, "threshold_ns");
	self->enable = attr_u64(self->dev, "enable");
}

FIXTURE_TEARDOWN(rte)
{
	if (self->fd <= 0)
		return;
	write_attr(self->dev, "thread_stage", "0");
	write_u64(self->dev, "period_ns", self->period_ns);
	write_u64(self->dev, "threshold_ns", self->threshold_ns);
	write_u64(self->dev, "enable", self->enable);
	close(self->fd);
}

/* When a write that starts the timer began and returned. */
struct span {
	__u64 before;
	__u64 after;
};

/*
 * Stop, empty the stream, clear the statistics, set a period, start; @start
 * (if not NULL) gets when the start was written.
 */
static inline void fresh_run_timed(struct __test_metadata *_metadata, const char *dev,
				   int fd, struct rt_eval_tmu_info *info,
				   __u64 period_ns, struct span *start)
{
	struct span sp;

	ASSERT_EQ(0, write_attr(dev, "enable", "0"));
	ASSERT_EQ(0, drain(fd, NULL));
	ASSERT_EQ(0, write_u64(dev, "period_ns", period_ns));
	ASSERT_EQ(0, write_attr(dev, "reset", "1"));
	ASSERT_EQ(0, ioctl(fd, RT_EVAL_TMU_IOC_INFO, info));
	sp.before = now_ns();
	ASSERT_EQ(0, write_attr(dev, "enable", "1"));
	sp.after = now_ns();
	if (start)
		*start = sp;
}

static inline void fresh_run(struct __test_metadata *_metadata, const char *dev,
			     int fd, struct rt_eval_tmu_info *info, __u64 period_ns)
{
	fresh_run_timed(_metadata, dev, fd, info, period_ns, NULL);
}

/*
 * Where the count first parts from the clock: the samples around it, for
 * the log of a failed accounting check.
 */
static inline void show_first_divergence(struct __test_metadata *_metadata,
					 const struct rte_rec_set *s,
					 const struct rt_eval_tmu_info *info)
{
	__s64 uf0 = rec_uf_ns(&s->r[0], info->tick_hz);
	__u64 counted = 0;
	size_t i, j;

	for (i = 1; i < s->n; i++) {
		double elapsed = (double)(rec_uf_ns(&s->r[i], info->tick_hz) - uf0) /
				 info->period_ns;

		counted += 1 + s->r[i - 1].missed;
		if (counted < elapsed + 0.5 && counted + 0.5 > elapsed)
			continue;
		for (j = i > 2 ? i - 2 : 0; j < s->n && j <= i + 2; j++)
			TH_LOG("seq %llu ts %llu lat %llu ticks missed %u flags %#x cpu %u uf %lld",
			       (unsigned long long)s->r[j].seq,
			       (unsigned long long)s->r[j].timestamp_ns,
			       (unsigned long long)s->r[j].latency_ticks,
			       s->r[j].missed, s->r[j].flags, s->r[j].cpu,
			       (long long)rec_uf_ns(&s->r[j], info->tick_hz));
		TH_LOG("counted %llu, elapsed %.2f at seq %llu",
		       (unsigned long long)counted, elapsed,
		       (unsigned long long)s->r[i].seq);
		return;
	}
}

/*
 * What holds for the records of one run whatever the host's load: each
 * record's latency holds exactly its missed periods (never folded), LATE
 * says so, and every period that elapsed is either a sample or a counted
 * miss: between the first and the last sample's underflow (within one
 * period), and from the timer's start, which @start brackets, to the last
 * sample's underflow.  A sample's underflow is the one that raised its
 * interrupt (timestamp minus latency); its missed periods come after it.
 */
static inline void expect_accounted(struct __test_metadata *_metadata,
				    const struct rte_rec_set *s,
				    const struct rt_eval_tmu_info *info,
				    const struct span *start)
{
	const double p = (double)info->period_ns;
	struct rte_account a;
	__u64 from_start = 0, slack = 0;
	size_t i, bad = 0, uncertain = 0;

	ASSERT_LT(1, s->n);
	for (i = 0; i < s->n; i++) {
		const struct rt_eval_tmu_sample *r = &s->r[i];

		uncertain += !!(r->flags & RT_EVAL_TMU_SAMPLE_UNCERTAIN);
		if (r->period_ticks == info->period_ticks &&
		    r->latency_ticks / r->period_ticks == r->missed &&
		    !!r->missed == !!(r->flags & RT_EVAL_TMU_SAMPLE_LATE) &&
		    (!i || r->seq == s->r[i - 1].seq + 1))
			continue;
		if (bad++ < 5)
			TH_LOG("seq %llu: %llu ticks, %u missed, period %u ticks, flags %#x",
			       (unsigned long long)r->seq,
			       (unsigned long long)r->latency_ticks, r->missed,
			       r->period_ticks, r->flags);
	}
	EXPECT_EQ(0, bad);
	ASSERT_EQ(0, rte_account(s->r, 0, s->n, info->tick_hz, info->period_ns,
				 &a));
	/* never fewer: that would be folding; more only where flagged */
	EXPECT_TRUE(a.counted <= a.elapsed + 1 + a.slack && a.counted + 1 >= a.elapsed) {
		TH_LOG("%llu periods counted (%llu may be overstated), %.2f elapsed",
		       (unsigned long long)a.counted, (unsigned long long)a.slack,
		       a.elapsed);
		show_first_divergence(_metadata, s, info);
	}
	/*
	 * From the start: the first underflow comes a period after it, then
	 * every sample before the last certain one covers 1 + missed periods.
	 */
	from_start = 1;
	for (i = 0; i < s->n; i++) {
		if (rec_uf_ns(&s->r[i], info->tick_hz) == a.last_uf_ns)
			break;
		from_start += 1 + s->r[i].missed;
		if (s->r[i].flags & RT_EVAL_TMU_SAMPLE_UNCERTAIN)
			slack += 1 + s->r[i].missed;
	}
	EXPECT_LE((double)from_start,
		  (a.last_uf_ns - (__s64)start->before) / p + 1 + slack)
		TH_LOG("%llu periods counted since the start, at most %.2f elapsed",
		       (unsigned long long)from_start,
		       (a.last_uf_ns - (__s64)start->before) / p);
	EXPECT_GE((double)from_start + 1, (a.last_uf_ns - (__s64)start->after) / p)
		TH_LOG("%llu periods counted since the start, at least %.2f elapsed",
		       (unsigned long long)from_start,
		       (a.last_uf_ns - (__s64)start->after) / p);
	TH_LOG("%zu samples, %llu missed, %zu uncertain: %llu periods counted, %.2f elapsed",
	       s->n, (unsigned long long)a.missed_all, uncertain,
	       (unsigned long long)a.counted, a.elapsed);
}

/*
 * No device, no tests: the kselftest convention is to skip (exit 4).  Each
 * program's main() calls this.
 */
/*
 * The least a sample held off for @held_ns must report: @held_ns, or one
 * period less when it is flagged UNCERTAIN because a read found the counter
 * at its last tick (an emulated counter resting while its underflow is
 * overdue, see the uapi header).  A folding driver stays far below either.
 */
static inline __u64 held_off_floor_ns(const struct rt_eval_tmu_sample *r,
				      __u64 held_ns, __u64 period_ns)
{
	if (!(r->flags & RT_EVAL_TMU_SAMPLE_UNCERTAIN))
		return held_ns;
	return held_ns > period_ns ? held_ns - period_ns : 0;
}

static inline int rte_test_main(int argc, char **argv)
{
	char dev[256];

	if (find_device(dev, sizeof(dev))) {
		ksft_print_header();
		ksft_exit_skip("no device bound to rt_eval_tmu in %s: %s\n", DRV_DIR,
			       "load the module (insmod rt_eval_tmu.ko) and give it a timer (Documentation/overlays.rst)");
	}
	return test_harness_run(argc, argv);
}

#endif /* RTE_FIXTURE_H */
