// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of common/rte_measure.h: the handler's arithmetic driven
 * by a simulated timer, with prompt and late interrupts and handlers held
 * up before and after their clock reads.  kselftest_harness.h, as the
 * board's kselftests.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"

#include "rte_measure.h"
#include "rte_ticks.h"
#include "test_common.h"

/* --- a simulated timer, to drive rte_measure() as the hardware would --- */

struct sim_timer {
	u64 hz;
	u64 t0_ns;		/* counter started, first period begins */
	u32 period_ticks;
	u32 bits;
	bool down;
	struct rte_timing t;
	u64 last_uf_ns;
};

static void sim_init(struct sim_timer *s, u64 hz, u32 period_ticks, u32 bits,
		     bool down)
{
	memset(s, 0, sizeof(*s));
	s->hz = hz;
	s->t0_ns = 1000000000;
	s->period_ticks = period_ticks;
	s->bits = bits;
	s->down = down;
	s->t.mask = (u32)rte_max_period_ticks(bits);
	s->t.cyc2ns = rte_cyc2ns_init(hz);
	s->t.counts_down = down;
	rte_timing_set_period(&s->t, period_ticks, hz);
	s->last_uf_ns = s->t0_ns;
}

/* Exact time of underflow @k (k >= 1) in ns, as a long double. */
static long double sim_uf(const struct sim_timer *s, u64 k)
{
	return s->t0_ns + (long double)k * s->period_ticks * 1e9L / s->hz;
}

/*
 * The handler runs at @now_ns; return what it reads from the counter
 * register: a TMU shows TCOR - elapsed, a TTC shows elapsed, both masked to
 * the counter width.
 */
static u32 sim_raw(const struct sim_timer *s, u64 now_ns)
{
	u64 ticks = (u64)(((long double)now_ns - s->t0_ns) * s->hz / 1e9L);
	u32 elapsed = ticks % s->period_ticks;

	if (s->down)
		return (s->period_ticks - 1 - elapsed) & s->t.mask;
	return elapsed & s->t.mask;
}

/*
 * The handler as the hardware sees it: the counter read at @t_raw, a stall
 * of @stall_ns before the clock read that follows it, the ack, then the
 * placement read between two clock reads.
 */
static struct rte_reading sim_read2(const struct sim_timer *s, u64 t_raw,
				    u64 stall_ns, u64 stall2_ns)
{
	struct rte_reading r;

	r.raw = sim_raw(s, t_raw);
	r.now_ns = t_raw + 40 + stall_ns;
	/* @stall2_ns: held up again before the placement (a retry) */
	r.place_lo_ns = r.now_ns + stall2_ns;
	r.place_raw = sim_raw(s, r.place_lo_ns + 300);
	r.place_hi_ns = r.place_lo_ns + 400;
	return r;
}

static struct rte_reading sim_read(const struct sim_timer *s, u64 t_raw,
				   u64 stall_ns)
{
	return sim_read2(s, t_raw, stall_ns, 0);
}

static u64 sim_measure2(struct sim_timer *s, u64 t_raw, u64 stall_ns,
			u64 stall2_ns, u32 *missed, bool *uncertain)
{
	struct rte_reading r = sim_read2(s, t_raw, stall_ns, stall2_ns);

	return rte_measure(&s->t, &s->last_uf_ns, &r, missed, uncertain);
}

static u64 sim_measure(struct sim_timer *s, u64 t_raw, u64 stall_ns,
		       u32 *missed, bool *uncertain)
{
	return sim_measure2(s, t_raw, stall_ns, 0, missed, uncertain);
}

/* Ticks from underflow @k to @t_raw, exactly, as the counter counts them. */
static long double sim_ticks_since(const struct sim_timer *s, u64 k,
				   u64 t_raw)
{
	return floorl(((long double)t_raw - s->t0_ns) * s->hz / 1e9L) -
	       (long double)k * s->period_ticks;
}

/* Within a tick of a period boundary the simulation itself is ambiguous. */
static bool sim_near_boundary(const struct sim_timer *s, long double ticks)
{
	long double f = fmodl(ticks, s->period_ticks);

	return f < 1 || f > s->period_ticks - 2;
}

/* Does either read of sim_read2() find the counter at its last tick? */
static bool sim_last_tick(const struct sim_timer *s, u64 t_raw, u64 stall_ns,
			  u64 stall2_ns)
{
	struct rte_reading r = sim_read2(s, t_raw, stall_ns, stall2_ns);
	const struct rte_timing *t = &s->t;

	return rte_elapsed(r.raw, t->reload, t->mask, t->counts_down) == t->reload ||
	       rte_elapsed(r.place_raw, t->reload, t->mask, t->counts_down) == t->reload;
}

/*
 * Runs of prompt and late interrupts, and handlers stalled right after
 * their counter read for up to @max_stall_pct of a period (below 100: the
 * counter can tell).  Every sample's missed count and latency must be
 * exact, the uncertain flag must say whether the stall exceeded the
 * placement tolerance, and over the run the samples plus their missed
 * periods must be every period that elapsed.
 */
static void sim_case(struct __test_metadata *_metadata, u64 hz,
		     u32 period_ticks, u32 bits, bool down, u32 max_stall_pct,
		     const char *what)
{
	struct sim_timer s;
	u64 st = hz ^ period_ticks ^ max_stall_pct;
	u64 k = 1, accounted = 0, period_ns;
	int i;

	sim_init(&s, hz, period_ticks, bits, down);
	period_ns = s.t.period_ns;
	for (i = 0; i < 3000; i++) {
		long double uf = sim_uf(&s, k), exp_ticks;
		/* mostly prompt, sometimes several periods late */
		u64 lat_ns = 200 + test_rand(&st) % 40000, ticks, stall = 0;
		u64 stall2 = 0;
		u32 missed, exp_missed;
		bool uncertain;
		u64 t_raw;

		if (i % 7 == 3)
			lat_ns += (test_rand(&st) % 5) *
				  (u64)(period_ticks * 1e9L / hz) +
				  test_rand(&st) % 1000000;
		if (max_stall_pct && i % 3 == 1)
			stall = test_rand(&st) % (period_ns * max_stall_pct / 100);
		if (max_stall_pct && i % 5 == 2)
			stall2 = test_rand(&st) % (period_ns * 4);
		t_raw = (u64)(uf + lat_ns);
		exp_ticks = sim_ticks_since(&s, k, t_raw);
		exp_missed = (u32)(exp_ticks / period_ticks);
		if (sim_near_boundary(&s, exp_ticks)) {
			k += 1 + exp_missed;
			s.last_uf_ns = (u64)sim_uf(&s, k - 1);
			accounted = 0;
			continue;
		}
		ticks = sim_measure2(&s, t_raw, stall, stall2, &missed,
				     &uncertain);
		EXPECT_TRUE(missed == exp_missed)
			TH_LOG("%s: sample %d: %u missed, expected %u (stalls %llu, %llu ns)", what,
			       i, missed, exp_missed, (unsigned long long)stall,
			       (unsigned long long)stall2);
		EXPECT_TRUE(fabsl((long double)ticks - exp_ticks) <= 1)
			TH_LOG("%s: latency %llu ticks, expected %.0Lf (%llu ns late)", what,
			       (unsigned long long)ticks, exp_ticks, (unsigned long long)lat_ns);
		if (stall > s.t.place_tol_ns + 1000)
			EXPECT_TRUE(uncertain)
				TH_LOG("%s: a %llu ns stall is flagged", what,
				       (unsigned long long)stall);
		if (stall + 1000 < s.t.place_tol_ns &&
		    !sim_last_tick(&s, t_raw, stall, stall2))
			EXPECT_TRUE(!uncertain)
				TH_LOG("%s: a %llu ns stall is not flagged", what,
				       (unsigned long long)stall);
		k += 1 + missed;
		accounted += 1 + missed;
	}
	/* every period is either a sample or a counted miss */
	EXPECT_TRUE(accounted > 0 && k - 1 >= accounted)
		TH_LOG("%s: accounted %llu", what, (unsigned long long)accounted);
}

/*
 * A handler stalled just over half a period between its counter read and
 * its clock read: the counter read is the measurement, the clock is late.
 * Placing the underflow at "clock minus counter" put it more than half a
 * period late, and the gap to the previous one rounded up to a phantom
 * missed period.
 */
TEST(stall_after_read)
{
	struct sim_timer s;
	u64 ticks, t_raw;
	u32 missed;
	bool uncertain;

	sim_init(&s, 33275000, 332750, 32, true);	/* TMU, 10 ms */
	t_raw = (u64)(sim_uf(&s, 1) + 100000);		/* 100 us: prompt */
	ticks = sim_measure(&s, t_raw, 5500000, &missed, &uncertain);
	EXPECT_TRUE(missed == 0)
		TH_LOG("stall of 0.55 period: %u phantom missed", missed);
	EXPECT_TRUE(ticks >= 3327 && ticks <= 3328)
		TH_LOG("stall of 0.55 period: latency %llu ticks, not 100 us",
		       (unsigned long long)ticks);
	EXPECT_TRUE(uncertain)
		TH_LOG("a stall of 0.55 period is flagged");
	/* the next one, prompt and unstalled, is exact and certain */
	t_raw = (u64)(sim_uf(&s, 2) + 50000);
	ticks = sim_measure(&s, t_raw, 0, &missed, &uncertain);
	EXPECT_EQ(0, missed);
	EXPECT_TRUE(!uncertain)
		TH_LOG("an unstalled sample is certain");

	/* the same at the 100 us minimum period: a 55 us stall */
	sim_init(&s, 33275000, 3328, 32, true);
	t_raw = (u64)(sim_uf(&s, 1) + 5000);
	ticks = sim_measure(&s, t_raw, 55000, &missed, &uncertain);
	EXPECT_TRUE(missed == 0)
		TH_LOG("55 us stall at 100 us: %u phantom missed", missed);
	EXPECT_TRUE(ticks >= 166 && ticks <= 167)
		TH_LOG("55 us stall at 100 us: %llu ticks", (unsigned long long)ticks);
}

/*
 * The reverse: a stalled sample placed its underflow too late, and the
 * next, genuinely late, sample then looked less than 1.5 periods after it:
 * its missed period was folded away.
 */
TEST(misplaced_then_late)
{
	struct sim_timer s;
	u64 ticks, t_raw;
	u32 missed;
	bool uncertain;

	sim_init(&s, 33275000, 332750, 32, true);
	t_raw = (u64)(sim_uf(&s, 1) + 100000);
	ticks = sim_measure(&s, t_raw, 6000000, &missed, &uncertain);
	EXPECT_TRUE(missed == 0)
		TH_LOG("stall of 0.6 period: %u phantom missed", missed);
	/* underflow 2 is never served: the next sample serves underflow 3 */
	t_raw = (u64)(sim_uf(&s, 3) + 100000);
	ticks = sim_measure(&s, t_raw, 0, &missed, &uncertain);
	EXPECT_TRUE(missed == 1)
		TH_LOG("one period late after a stall: %u missed, folded", missed);
	EXPECT_TRUE(ticks >= 332750 + 3327 && ticks <= 332750 + 3328)
		TH_LOG("one period late: %llu ticks", (unsigned long long)ticks);
	EXPECT_TRUE(!uncertain)
		TH_LOG("the late sample itself is certain");
}

/*
 * A stall of more than a period right after the counter read is what the
 * counter cannot see: the latency may be overstated by whole periods, never
 * understated, and the sample says so when the stall shows modulo the
 * period.
 */
TEST(long_stall_never_folds)
{
	struct sim_timer s;
	u64 st = 11;
	int i;

	for (i = 0; i < 2000; i++) {
		long double exp_ticks;
		u64 period_ns, lat_ns, stall, ticks, t_raw, over;
		u32 missed;
		bool uncertain;

		sim_init(&s, 33275000, 33275, 32, true);	/* 1 ms */
		period_ns = s.t.period_ns;
		lat_ns = 1000 + test_rand(&st) % (period_ns / 2);
		stall = period_ns + test_rand(&st) % (4 * period_ns);
		t_raw = (u64)(sim_uf(&s, 1) + lat_ns);
		exp_ticks = sim_ticks_since(&s, 1, t_raw);
		if (sim_near_boundary(&s, exp_ticks) ||
		    sim_near_boundary(&s, exp_ticks + stall * 33275000 / 1e9L))
			continue;
		ticks = sim_measure(&s, t_raw, stall, &missed, &uncertain);
		EXPECT_TRUE(ticks + 1 >= exp_ticks)
			TH_LOG("a %llu ns stall folded %.0Lf to %llu", (unsigned long long)stall,
			       exp_ticks, (unsigned long long)ticks);
		over = ticks + 1 - (u64)exp_ticks;
		EXPECT_TRUE(over % 33275 <= 2)
			TH_LOG("overstated by whole periods: %llu", (unsigned long long)over);
		if ((stall % period_ns) > s.t.place_tol_ns + 1000)
			EXPECT_TRUE(uncertain)
				TH_LOG("a %llu ns stall is flagged", (unsigned long long)stall);
	}
}

/*
 * A stall of periods after the clock read that follows the measurement,
 * before the placement read (the handler's ack, a retried bracket): the
 * clock sees it, and it may not be taken for a shorter one.
 */
TEST(stall_before_placement)
{
	struct sim_timer s;
	u64 ticks, t_raw, stall2;
	u32 missed;
	bool uncertain;

	for (stall2 = 100000; stall2 < 40000000; stall2 += 2300000) {
		sim_init(&s, 33275000, 332750, 32, true);	/* 10 ms */
		t_raw = (u64)(sim_uf(&s, 1) + 100000);
		ticks = sim_measure2(&s, t_raw, 0, stall2, &missed, &uncertain);
		EXPECT_TRUE(missed == 0)
			TH_LOG("%llu ns before the placement: %u phantom missed",
			       (unsigned long long)stall2, missed);
		EXPECT_TRUE(ticks >= 3327 && ticks <= 3328)
			TH_LOG("%llu ns before the placement: latency %llu ticks",
			       (unsigned long long)stall2, (unsigned long long)ticks);
		EXPECT_TRUE(!uncertain)
			TH_LOG("%llu ns before the placement: the clock saw it",
			       (unsigned long long)stall2);
		/* and the next, one period late, is counted from the right one */
		t_raw = (u64)(sim_uf(&s, 3) + 20000);
		ticks = sim_measure(&s, t_raw, 0, &missed, &uncertain);
		EXPECT_TRUE(missed == 1)
			TH_LOG("%llu ns before the placement, then late: %u missed",
			       (unsigned long long)stall2, missed);
	}
}

/* A bracket a stall widened beyond the tolerance is flagged. */
TEST(loose_bracket)
{
	struct sim_timer s;
	struct rte_reading r;
	u32 missed;
	bool uncertain;

	sim_init(&s, 33275000, 332750, 32, true);
	r = sim_read(&s, (u64)(sim_uf(&s, 1) + 100000), 0);
	r.place_hi_ns = r.place_lo_ns + s.t.place_tol_ns + 1;
	rte_measure(&s.t, &s.last_uf_ns, &r, &missed, &uncertain);
	EXPECT_TRUE(uncertain)
		TH_LOG("a loose bracket is flagged");
	EXPECT_TRUE(rte_place_ok(&s.t, 100, 100 + s.t.place_tol_ns))
		TH_LOG("the tolerance itself is tight enough");
	EXPECT_TRUE(!rte_place_ok(&s.t, 100, 101 + s.t.place_tol_ns))
		TH_LOG("beyond the tolerance is not");
	EXPECT_EQ(1250000, s.t.place_tol_ns);
}

/*
 * QEMU's TMU model reads 0 while an underflow is overdue (its host thread
 * has not run yet): a handler held off for 1 s (100 periods) read 0 twice
 * under host load and was tied to the underflow before the last one, one
 * period short: 100 * period - 1 tick, 99 missed.  A read at the last tick
 * of a period is flagged; one tick earlier is not.
 */
TEST(held_at_last_tick)
{
	struct sim_timer s;
	struct rte_reading r;
	u64 t_raw, ticks;
	u32 missed;
	bool uncertain;

	sim_init(&s, 15000000, 150000, 32, true);
	s.last_uf_ns = (u64)sim_uf(&s, 1);
	/* served 200 us after underflow 2, then held off for 1 s */
	t_raw = (u64)sim_uf(&s, 2) + 200000 + 1000000000;
	r = sim_read(&s, t_raw, 0);
	EXPECT_NE(0, r.raw);
	r.raw = 0;		/* the emulator's counter, resting */
	r.place_raw = 0;
	ticks = rte_measure(&s.t, &s.last_uf_ns, &r, &missed, &uncertain);
	EXPECT_TRUE(uncertain)
		TH_LOG("%llu ticks, %u missed: a counter at its last tick is flagged",
		       (unsigned long long)ticks, missed);
	EXPECT_EQ(99, missed);
	EXPECT_EQ(100ULL * 150000 - 1, ticks);

	/* the same with only the measurement read at the last tick */
	s.last_uf_ns = (u64)sim_uf(&s, 1);
	r = sim_read(&s, t_raw, 0);
	r.raw = 0;
	rte_measure(&s.t, &s.last_uf_ns, &r, &missed, &uncertain);
	EXPECT_TRUE(uncertain);

	/* a prompt read one tick before the end of the period: certain */
	s.last_uf_ns = (u64)sim_uf(&s, 1);
	r = sim_read(&s, (u64)sim_uf(&s, 2) + 200000, 0);
	r.raw = 1;
	r.place_raw = r.raw;
	ticks = rte_measure(&s.t, &s.last_uf_ns, &r, &missed, &uncertain);
	EXPECT_TRUE(!uncertain);
	EXPECT_EQ(150000 - 2, ticks);
}

/*
 * The thread stage: from the underflow the handler placed to a later read,
 * whole periods and all.  A thread 2.3 periods late reads the counter 0.3
 * periods into a period: counted as 2 periods and 0.3, not 0.3.
 */
TEST(stage2_counts_whole_periods)
{
	struct sim_timer s;
	u64 uf, t_read, ticks;
	int i;

	sim_init(&s, 33275000, 332750, 32, true);
	uf = (u64)sim_uf(&s, 5);
	for (i = 0; i < 40; i++) {
		/* 1 us to 4 periods after the underflow */
		u64 after = 1000 + (u64)i * 1000000 + 13;

		t_read = uf + after;
		ticks = rte_stage2_ticks(&s.t, uf, sim_raw(&s, t_read),
					 t_read - 200, t_read + 200);
		EXPECT_TRUE(fabsl((long double)ticks - sim_ticks_since(&s, 5, t_read)) <= 1)
			TH_LOG("%llu ns after: %llu ticks, expected %.0Lf",
			       (unsigned long long)after, (unsigned long long)ticks,
			       sim_ticks_since(&s, 5, t_read));
	}
	/* the TTC, counting up */
	sim_init(&s, 4158000, 41580, 16, false);
	uf = (u64)sim_uf(&s, 3);
	t_read = uf + 23000000;	/* 2.3 periods */
	ticks = rte_stage2_ticks(&s.t, uf, sim_raw(&s, t_read), t_read - 100,
				 t_read + 100);
	EXPECT_TRUE(fabsl((long double)ticks - sim_ticks_since(&s, 3, t_read)) <= 1);
	EXPECT_LE(2 * 41580, ticks);
}

/*
 * A thread woken by a late interrupt counts from the underflow that raised
 * it, as the IRQ latency does: never less than that latency.  Counted from
 * the latest underflow (the one rte_measure() leaves), a handler 1.2
 * periods late and a thread 0.3 periods after it gave 0.5 periods against
 * an IRQ latency of 1.2 (seen on the emulated board: thread 2158 ticks,
 * IRQ 10058 at a period of 8316).
 */
TEST(stage2_of_a_late_interrupt)
{
	struct sim_timer s;
	u64 t_raw, t_thr, irq, thr;
	u32 missed;
	bool uncertain;

	sim_init(&s, 4158000, 8316, 16, false);
	s.last_uf_ns = (u64)sim_uf(&s, 1);
	t_raw = (u64)(sim_uf(&s, 2) + 1.2L * 2000000);
	irq = sim_measure(&s, t_raw, 0, &missed, &uncertain);
	EXPECT_EQ(1, missed);
	t_thr = t_raw + 600000;
	thr = rte_stage2_ticks(&s.t, rte_raised_uf_ns(&s.t, s.last_uf_ns, missed),
			       sim_raw(&s, t_thr), t_thr - 100, t_thr + 100);
	EXPECT_LE(irq, thr);
	EXPECT_TRUE(fabsl((long double)thr - sim_ticks_since(&s, 2, t_thr)) <= 1)
		TH_LOG("thread %llu ticks, IRQ %llu", (unsigned long long)thr,
		       (unsigned long long)irq);
}

TEST(measure)
{
	struct sim_timer s;
	u64 t_raw, ticks;
	u32 missed;
	bool uncertain;

	/* R-Car TMU at 33.275 MHz, 10 ms; TTC 32-bit; TTC 16-bit (QEMU) */
	sim_case(_metadata, 33275000, 332750, 32, true, 0, "TMU 10ms");
	sim_case(_metadata, 33275000, 33275, 32, true, 0, "TMU 1ms");
	sim_case(_metadata, 33333333, 333333, 32, false, 0, "TTC32 10ms");
	sim_case(_metadata, 4156250, 41563, 16, false, 0, "TTC16 10ms");
	sim_case(_metadata, 33250000, 33250, 16, false, 0, "TTC16 1ms");
	/* the same with handlers stalled after their read, up to 0.9 period */
	sim_case(_metadata, 33275000, 332750, 32, true, 90, "TMU 10ms stalled");
	sim_case(_metadata, 33275000, 3328, 32, true, 90, "TMU 100us stalled");
	sim_case(_metadata, 4156250, 41563, 16, false, 90, "TTC16 10ms stalled");
	sim_case(_metadata, 4156250, 416, 16, false, 90, "TTC16 100us stalled");

	/*
	 * The xen-devel report: an ISR 11 ms late at a 10 ms period read
	 * 11 % 10 = 1 ms.  Here it must read 11 ms and one missed period.
	 */
	sim_init(&s, 33275000, 332750, 32, true);
	t_raw = (u64)(sim_uf(&s, 1) + 11000000);
	ticks = sim_measure(&s, t_raw, 0, &missed, &uncertain);
	EXPECT_EQ(1, missed);
	EXPECT_TRUE(ticks >= 366024 && ticks <= 366026)
		TH_LOG("11 ms late read as %llu ticks", (unsigned long long)ticks);
	EXPECT_EQ(11, rte_ticks_to_ns(ticks, 33275000) / 1000000);

	/* a one-second stall at 100 us: 10^4 periods, not folded */
	sim_init(&s, 33275000, 3328, 32, true);
	t_raw = (u64)(sim_uf(&s, 1) + 1000000000);
	ticks = sim_measure(&s, t_raw, 0, &missed, &uncertain);
	EXPECT_TRUE(missed >= 9997 && missed <= 10000)
		TH_LOG("1 s stall: %u missed", missed);
	EXPECT_TRUE(fabsl(rte_ticks_to_ns(ticks, 33275000) - 1e9L) < 1e6L)
		TH_LOG("1 s stall read as %llu ns",
		       (unsigned long long)rte_ticks_to_ns(ticks, 33275000));

	/* counter arithmetic of both backends */
	EXPECT_EQ(0, rte_elapsed(332749, 332749, U32_MAX, true));
	EXPECT_EQ(332749, rte_elapsed(0, 332749, U32_MAX, true));
	EXPECT_EQ(332649, rte_elapsed(100, 332749, U32_MAX, true));
	EXPECT_EQ(0x2345, rte_elapsed(0x12345, 0xffff, 0xffff, false));
	EXPECT_EQ(1500, rte_elapsed(1500, 33249, 0xffff, false));

	/* the handler's division-free division */
	{
		u64 st = 5;
		int i;

		for (i = 0; i < 200000; i++) {
			u64 n = test_rand(&st) >> (test_rand(&st) % 64);
			u64 d = test_rand(&st) >> (test_rand(&st) % 64);

			if (!d)
				d = 1;
			EXPECT_EQ(n / d, rte_div_shift_sub(n, d));
		}
		EXPECT_EQ(UINT64_MAX, rte_div_shift_sub(UINT64_MAX, 1));
		EXPECT_EQ(1, rte_div_shift_sub(UINT64_MAX, UINT64_MAX));
		EXPECT_EQ((1ULL << 63) / 3, rte_div_shift_sub(1ULL << 63, 3));
		EXPECT_EQ(0, rte_div_shift_sub(0, 7));
		EXPECT_EQ(UINT64_MAX, rte_div_shift_sub(5, 0));
	}

	/* missed-period rounding */
	EXPECT_EQ(0, rte_missed_periods(10000000, 10000000));
	EXPECT_EQ(0, rte_missed_periods(14999999, 10000000));
	EXPECT_EQ(1, rte_missed_periods(15000000, 10000000));
	EXPECT_EQ(1, rte_missed_periods(20000000, 10000000));
	EXPECT_EQ(2, rte_missed_periods(30000000, 10000000));
	EXPECT_EQ(0, rte_missed_periods(-5, 10000000));
	EXPECT_EQ(UINT32_MAX, rte_missed_periods(INT64_MAX, 1));
	EXPECT_EQ(665505, rte_latency_ticks(2, 332750, 5));
}

TEST_HARNESS_MAIN
