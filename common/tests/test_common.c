// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of common/: the arithmetic the interrupt handler, the
 * sysfs readers and the tools run, checked against independent references
 * (__int128 and long double) on this machine.  kselftest_harness.h, as
 * the board's kselftests.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kselftest_harness.h"

#include "rte_measure.h"
#include "rte_stats.h"
#include "rte_ticks.h"
#include "rte_u128.h"

#define u128ref unsigned __int128

static u128ref ref(struct rte_u128 v)
{
	return ((u128ref)v.hi << 64) | v.lo;
}

/* Deterministic pseudo-random numbers (xorshift64*). */
static u64 rte_rand(u64 *state)
{
	u64 x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

TEST(u128)
{
	u64 st = 0x1234567;
	int i;

	for (i = 0; i < 200000; i++) {
		u64 a = rte_rand(&st), b = rte_rand(&st), d;
		struct rte_u128 p, q, s;
		u128ref pr;

		if (i & 1)
			a >>= rte_rand(&st) % 64;
		d = rte_rand(&st) >> (rte_rand(&st) % 64);
		if (!d)
			d = 1;
		p = rte_mul64(a, b);
		pr = (u128ref)a * b;
		EXPECT_TRUE(ref(p) == pr)
			TH_LOG("mul %llx*%llx", (unsigned long long)a, (unsigned long long)b);
		q = rte_u128_div64(p, d);
		EXPECT_TRUE(ref(q) == pr / d)
			TH_LOG("div by %llx", (unsigned long long)d);
		EXPECT_EQ(pr / d > UINT64_MAX ? UINT64_MAX : (u64)(pr / d),
			  rte_u128_div64_sat(p, d));
		s = p;
		rte_u128_add(&s, rte_u128_from64(d));
		EXPECT_TRUE(ref(s) == pr + d)
			TH_LOG("add");
		EXPECT_TRUE(ref(rte_u128_sub(s, p)) == d)
			TH_LOG("sub");
		EXPECT_TRUE(rte_u128_cmp(s, p) == 1 && rte_u128_cmp(p, s) == -1 &&
			    rte_u128_cmp(p, p) == 0)
			TH_LOG("cmp");
		EXPECT_TRUE(ref(rte_u128_mul64(rte_u128_from64(a >> 1), b >> 1)) ==
			    (u128ref)(a >> 1) * (b >> 1))
			TH_LOG("mul128x64");
		{
			u64 r = rte_u128_sqrt(p);
			u128ref r2 = (u128ref)r * r, r12 = (u128ref)(r + 1) * (r + 1);

			EXPECT_TRUE(r2 <= pr && (r == UINT64_MAX || r12 > pr))
				TH_LOG("sqrt %llu", (unsigned long long)r);
		}
	}
	/* boundaries */
	EXPECT_TRUE(ref(rte_mul64(UINT64_MAX, UINT64_MAX)) == (u128ref)UINT64_MAX * UINT64_MAX)
		TH_LOG("mul max");
	EXPECT_EQ(UINT64_MAX, rte_u128_sqrt(rte_mul64(UINT64_MAX, UINT64_MAX)));
	EXPECT_EQ(UINT64_MAX, rte_u128_div64_sat(rte_mul64(UINT64_MAX, 2), 2));
	EXPECT_EQ(UINT64_MAX, rte_u128_div64_sat(rte_mul64(1ULL << 63, 2), 1));
}

static u64 ref_mul_div_round(u64 a, u64 b, u64 d)
{
	u128ref v = ((u128ref)a * b + d / 2) / d;

	return v > UINT64_MAX ? UINT64_MAX : (u64)v;
}

static const u64 rates[] = {
	33275000,	/* R-Car H3 TMU: 133.1 MHz / 4 */
	33250000,	/* QEMU TTC at /4 */
	4156250,	/* QEMU TTC at /32, the emulated board */
	33333333,	/* ZynqMP TTC, 100 MHz / 3 is not a power of two: odd */
	100000000,
	1000000000,
	32768,
};

TEST(conversions)
{
	u64 st = 99;
	size_t r;
	int i;

	for (r = 0; r < ARRAY_SIZE(rates); r++) {
		u64 hz = rates[r];
		struct rte_cyc2ns c = rte_cyc2ns_init(hz);

		EXPECT_TRUE(c.mult && c.shift)
			TH_LOG("cyc2ns init %llu Hz", (unsigned long long)hz);
		for (i = 0; i < 20000; i++) {
			u64 t = rte_rand(&st) >> (rte_rand(&st) % 64);
			u64 ns = rte_rand(&st) >> (rte_rand(&st) % 64);
			u32 t32 = (u32)rte_rand(&st);

			long double exact = (long double)t32 * 1e9L / hz;
			long double err = fabsl((long double)rte_cyc2ns(c, t32) - exact);

			EXPECT_EQ(ref_mul_div_round(t, 1000000000, hz), rte_ticks_to_ns(t, hz));
			EXPECT_EQ(ref_mul_div_round(ns, hz, 1000000000), rte_ns_to_ticks(ns, hz));
			{
				u128ref f = (u128ref)ns * hz / 1000000000;

				EXPECT_EQ(f > UINT64_MAX ? UINT64_MAX : (u64)f,
					  rte_ns_to_ticks_floor(ns, hz));
			}
			/* the handler's division-free estimate: within 1 ppm + 2 ns */
			EXPECT_TRUE(err <= exact / 1000000 + 2)
				TH_LOG("cyc2ns %u ticks at %llu Hz: off by %Lf ns", t32,
				       (unsigned long long)hz, err);
		}
	}
	/* 30.05 ns is not 30 ns: exact conversion at the TMU's rate */
	EXPECT_EQ(1322, rte_ticks_to_ns(44, 33275000));
	EXPECT_EQ(1000000000, rte_ticks_to_ns(33275000, 33275000));
	/* threshold rule: above means ticks > floor(thr * hz / 1e9) */
	EXPECT_EQ(998, rte_ns_to_ticks_floor(30000, 33275000));
	EXPECT_TRUE(rte_ticks_to_ns(998, 33275000) <= 30000 &&
		    rte_ticks_to_ns(999, 33275000) > 30000)
		TH_LOG("threshold boundary");
}

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
		u64 lat_ns = 200 + rte_rand(&st) % 40000, ticks, stall = 0;
		u64 stall2 = 0;
		u32 missed, exp_missed;
		bool uncertain;
		u64 t_raw;

		if (i % 7 == 3)
			lat_ns += (rte_rand(&st) % 5) *
				  (u64)(period_ticks * 1e9L / hz) +
				  rte_rand(&st) % 1000000;
		if (max_stall_pct && i % 3 == 1)
			stall = rte_rand(&st) % (period_ns * max_stall_pct / 100);
		if (max_stall_pct && i % 5 == 2)
			stall2 = rte_rand(&st) % (period_ns * 4);
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
		if (stall + 1000 < s.t.place_tol_ns)
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
		lat_ns = 1000 + rte_rand(&st) % (period_ns / 2);
		stall = period_ns + rte_rand(&st) % (4 * period_ns);
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
			u64 n = rte_rand(&st) >> (rte_rand(&st) % 64);
			u64 d = rte_rand(&st) >> (rte_rand(&st) % 64);

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

struct ref_stats {
	u64 n, min, max, above, missed;
	u128ref sum, sumsq;
};

static void ref_add(struct ref_stats *r, u64 v, u64 thr)
{
	r->n++;
	r->sum += v;
	r->sumsq += (u128ref)v * v;
	if (!r->min || v < r->min)
		r->min = v;
	if (v > r->max)
		r->max = v;
	r->above += v > thr;
}

static long double ref_mean_ns(const struct ref_stats *r, u64 hz)
{
	return (long double)r->sum / r->n * 1e9L / hz;
}

static long double ref_sd_ns(const struct ref_stats *r, u64 hz)
{
	u128ref num = (u128ref)r->n * r->sumsq - r->sum * r->sum;

	return sqrtl((long double)num) / r->n * 1e9L / hz;
}

TEST(stats)
{
	struct rte_stats a, b, all;
	struct ref_stats r = { 0 };
	u64 st = 7;
	u64 hz = 33275000, thr = 998;
	int i;

	rte_stats_init(&a);
	rte_stats_init(&b);
	rte_stats_init(&all);
	EXPECT_EQ(0, rte_stats_mean(&a, hz));
	EXPECT_EQ(0, rte_stats_stddev(&a, hz));
	for (i = 0; i < 100000; i++) {
		u64 v = 30 + rte_rand(&st) % 300;

		if (i % 1000 == 0)
			v = rte_rand(&st) >> 20;	/* huge: > 2^32 ticks */
		ref_add(&r, v, thr);
		rte_stats_add(i & 1 ? &a : &b, v, i % 1000 == 0, thr);
		rte_stats_add(&all, v, i % 1000 == 0, thr);
	}
	rte_stats_merge(&a, &b);
	EXPECT_TRUE(!memcmp(&a, &all, sizeof(a)))
		TH_LOG("merge equals one accumulation");
	EXPECT_EQ(r.n, all.count);
	EXPECT_EQ(r.min, all.min);
	EXPECT_EQ(r.max, all.max);
	EXPECT_EQ(r.above, all.above);
	EXPECT_EQ(100, all.missed);
	EXPECT_TRUE(ref(all.sumsq) == r.sumsq)
		TH_LOG("sum of squares, 128 bits");
	EXPECT_TRUE(fabsl(rte_stats_mean(&all, hz) - ref_mean_ns(&r, hz)) <= 0.5L + 0.000000001L)
		TH_LOG("mean %llu vs %Lf", (unsigned long long)rte_stats_mean(&all, hz),
		       ref_mean_ns(&r, hz));
	EXPECT_TRUE(fabsl(rte_stats_stddev(&all, hz) - ref_sd_ns(&r, hz)) <= 1)
		TH_LOG("stddev %llu vs %Lf", (unsigned long long)rte_stats_stddev(&all, hz),
		       ref_sd_ns(&r, hz));

	/* small, exactly known sets: mean 2, stddev 1 tick (in ticks: hz 1e9) */
	rte_stats_init(&a);
	rte_stats_add(&a, 1, 0, 10);
	rte_stats_add(&a, 3, 0, 10);
	EXPECT_EQ(2, rte_stats_mean(&a, 1000000000));
	EXPECT_EQ(1, rte_stats_stddev(&a, 1000000000));
	/* sub-tick deviation survives: {1,2} has stddev 0.5 tick = 15.03 ns */
	rte_stats_init(&a);
	rte_stats_add(&a, 1, 0, 10);
	rte_stats_add(&a, 2, 0, 10);
	EXPECT_EQ(15, rte_stats_stddev(&a, 33275000));
	EXPECT_EQ(45, rte_stats_mean(&a, 33275000));

	/* 10^10 samples of 300 +- 10 ticks and a few 1 s spikes: no overflow */
	rte_stats_init(&a);
	a.count = 10000000000ULL;
	a.sum = 3000000000000ULL;
	a.sumsq = rte_mul64(10000000000ULL, 90100);	/* var = 100 */
	EXPECT_EQ(300, rte_stats_mean(&a, 1000000000));
	EXPECT_EQ(10, rte_stats_stddev(&a, 1000000000));
	/* the same with a Dom0-like 30 ms mean: sum of squares needs 128 bits */
	a.sum = 10000000000000000ULL;				/* mean 1e6 */
	a.sumsq = rte_mul64(10000000000ULL, 1000000010000ULL);	/* var 1e4 */
	EXPECT_TRUE(a.sumsq.hi > 0)
		TH_LOG("sum of squares exceeds 64 bits");
	EXPECT_EQ(1000000, rte_stats_mean(&a, 1000000000));
	EXPECT_EQ(100, rte_stats_stddev(&a, 1000000000));
	b = a;
	rte_stats_add(&a, 33275000, 100, thr);
	EXPECT_TRUE(rte_u128_cmp(a.sumsq, b.sumsq) > 0 &&
		    ref(a.sumsq) - ref(b.sumsq) == (u128ref)33275000 * 33275000)
		TH_LOG("sum of squares keeps growing past 2^64");

	/* above-threshold ppm: one spike among 1000 samples is 1000 ppm */
	EXPECT_EQ(1000, rte_ppm(1, 1000));
	EXPECT_EQ(0, rte_ppm(0, 0));
	EXPECT_EQ(540000, rte_ppm(54, 100));
}

/* A share printed the way every output prints it */
static const char *pct_str(u64 part, u64 whole, char *buf, size_t len)
{
	unsigned long long pct;
	const char *s;
	u32 frac;

	s = rte_pct(part, whole, &pct, &frac);
	if (s)
		snprintf(buf, len, "%s", s);
	else
		snprintf(buf, len, RTE_PCT_FMT, pct, frac);
	return buf;
}

/* The one percent format: never 0 % for a non-zero part. */
TEST(percent)
{
	char buf[32];

	EXPECT_STREQ("0%", pct_str(0, 1000, buf, sizeof(buf)));
	EXPECT_STREQ("0%", pct_str(0, 0, buf, sizeof(buf)));
	EXPECT_STREQ("<0.0001%", pct_str(1, 10000000, buf, sizeof(buf)));
	/* one spike among 1000 samples */
	EXPECT_STREQ("0.1000%", pct_str(1, 1000, buf, sizeof(buf)));
	EXPECT_STREQ("0.0001%", pct_str(1, 1000000, buf, sizeof(buf)));
	EXPECT_STREQ("100.0000%", pct_str(300, 300, buf, sizeof(buf)));
	/* rounded down: 2 of 3 is 66.6666 % */
	EXPECT_STREQ("66.6666%", pct_str(2, 3, buf, sizeof(buf)));
}

TEST(periods)
{
	u32 t = 0;

	/* 10 ms at 33.275 MHz */
	EXPECT_EQ(0, rte_period_from_ns(10000000, 33275000, 32, 100000, &t));
	EXPECT_EQ(332750, t);
	/* QEMU's 16-bit TTC: 10 ms needs /32; at /4 it cannot hold 10 ms */
	EXPECT_EQ(0, rte_period_from_ns(10000000, 4156250, 16, 100000, &t));
	EXPECT_EQ(41563, t);
	EXPECT_EQ(-EINVAL, rte_period_from_ns(10000000, 33250000, 16, 100000, &t));
	EXPECT_EQ(0, rte_period_from_ns(1970000, 33250000, 16, 100000, &t));
	EXPECT_EQ(65503, t);
	EXPECT_EQ(-EINVAL, rte_period_from_ns(1971000, 33250000, 16, 100000, &t));
	/* below the minimum, zero, beyond 32 bits */
	EXPECT_EQ(-EINVAL, rte_period_from_ns(99999, 33275000, 32, 100000, &t));
	EXPECT_EQ(-EINVAL, rte_period_from_ns(0, 33275000, 32, 0, &t));
	EXPECT_EQ(-EINVAL, rte_period_from_ns(130000000000ULL, 33275000, 32, 100000, &t));
	EXPECT_EQ(-EINVAL, rte_period_from_ns(UINT64_MAX, 33275000, 32, 100000, &t));
	EXPECT_EQ(65535, rte_max_period_ticks(16));
	EXPECT_EQ(UINT32_MAX, rte_max_period_ticks(32));
}

TEST_HARNESS_MAIN
