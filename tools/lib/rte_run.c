// SPDX-License-Identifier: GPL-2.0
/* One run's analysis: see rte_run.h. */
#include <string.h>

#include "rte_hist.h"
#include "rte_percpu.h"
#include "rte_run.h"

void rte_part_clear(struct rte_part *p)
{
	rte_stats_init(&p->st);
	rte_hist_clear(&p->hist);
	p->lost = 0;
	p->late = 0;
	memset(&p->le, 0, sizeof(p->le));
}

static void rte_part_merge(struct rte_part *d, const struct rte_part *s)
{
	rte_stats_merge(&d->st, &s->st);
	rte_hist_merge(&d->hist, &s->hist);
	d->lost += s->lost;
	d->late += s->late;
	rte_le_merge(&d->le, &s->le);
}

void rte_run_init(struct rte_run *r, const struct rte_header *h,
		  u64 fail_above_ns)
{
	u64 hz = h->info.tick_hz;

	memset(r, 0, sizeof(*r));
	r->hdr = h;
	r->threshold_ticks = rte_ns_to_ticks_floor(h->threshold_ns, hz);
	r->fail_ticks = fail_above_ns ?
		rte_ns_to_ticks_floor(fail_above_ns, hz) : U64_MAX;
	rte_part_clear(&r->win);
	rte_part_clear(&r->total);
	rte_part_clear(&r->thr_win);
	rte_part_clear(&r->thr_total);
	rte_tick_conv_init(&r->conv, hz);
	rte_le_bounds(r->le_ticks, hz);
	r->end_ns = h->duration_ns ? rte_sat_add(h->start_ns, h->duration_ns) :
		    U64_MAX;
	r->win_start = h->start_ns;
	r->win_end = rte_sat_add(h->start_ns, h->interval_ns);
	if (r->win_end > r->end_ns)
		r->win_end = r->end_ns;
}

static void rte_run_close(struct rte_run *r, u64 end, bool partial)
{
	struct rte_report rep;

	rte_part_merge(&r->total, &r->win);
	rte_part_merge(&r->thr_total, &r->thr_win);
	rte_report_make(&rep, &r->win, r->hdr->info.tick_hz);
	rte_report_make(&r->closed_thr, &r->thr_win, r->hdr->info.tick_hz);
	r->closed_end = end;
	r->closed_partial = partial;
	if (r->sink.window)
		r->sink.window(r->sink.ctx, r, &rep);
	rte_part_clear(&r->win);
	rte_part_clear(&r->thr_win);
	r->win_index++;
	r->win_start = end;
	r->win_end = rte_sat_add(end, r->hdr->interval_ns);
	if (r->win_end > r->end_ns)
		r->win_end = r->end_ns;
}

void rte_run_advance(struct rte_run *r, u64 now_ns)
{
	/* a saturated end (a run that never ends) is never reached */
	while (r->win_end <= now_ns && r->win_end != U64_MAX &&
	       r->win_start < r->end_ns)
		rte_run_close(r, r->win_end,
			      r->win_end - r->win_start < r->hdr->interval_ns);
}

void rte_run_finish(struct rte_run *r, u64 at_ns)
{
	rte_run_advance(r, at_ns);
	if (r->win_start < r->end_ns && (r->win.st.count || r->win.lost))
		rte_run_close(r, at_ns < r->win_end ? at_ns : r->win_end, true);
}

void rte_part_add(struct rte_part *p, const struct rte_run *r, u64 ticks,
		  u32 missed)
{
	rte_stats_add(&p->st, ticks, missed, r->threshold_ticks);
	rte_hist_add(&p->hist, ticks, 1);
	rte_le_add(&p->le, r->le_ticks, ticks);
}

bool rte_run_feed(struct rte_run *r, const struct rt_eval_tmu_sample *s)
{
	u64 ticks = s->latency_ticks;

	if (s->timestamp_ns < r->hdr->start_ns) {
		r->stale++;
		return false;
	}
	if (s->timestamp_ns >= r->end_ns) {
		r->ignored++;
		return false;
	}
	rte_run_advance(r, s->timestamp_ns);
	if (r->have_seq && s->seq != r->next_seq) {
		if (s->seq > r->next_seq)
			r->win.lost += s->seq - r->next_seq;
		else
			r->restarts++;
	}
	r->have_seq = true;
	r->next_seq = s->seq + 1;
	r->last_ts = s->timestamp_ns;
	rte_part_add(&r->win, r, ticks, s->missed);
	if (r->percpu)
		rte_percpu_add(r->percpu, r, s->cpu, ticks, s->missed);
	if (ticks > r->fail_ticks)
		r->fail_count++;
	if (r->us)
		rte_ushist_add(r->us, rte_tick_conv_ns(&r->conv, ticks), s->seq);
	/*
	 * The thread stage: a latency only with THREAD (THREAD wins over a
	 * corrupt THREAD_LATE beside it); stage2_ticks is otherwise "not
	 * measured", whatever it holds.  Its whole periods are in the
	 * latency: the driver counts no missed periods for it, nor do we.
	 */
	if (s->flags & RT_EVAL_TMU_SAMPLE_THREAD) {
		r->thread_seen = true;
		rte_part_add(&r->thr_win, r, s->stage2_ticks, 0);
		if (r->thr_us)
			rte_ushist_add(r->thr_us,
				       rte_tick_conv_ns(&r->conv, s->stage2_ticks),
				       s->seq);
	} else if (s->flags & RT_EVAL_TMU_SAMPLE_THREAD_LATE) {
		r->thread_seen = true;
		r->thr_win.late++;
	}
	return true;
}

/* ---------------------------------------------------------------------- */
/* Reports                                                                 */

void rte_report_make(struct rte_report *rep, const struct rte_part *p,
		     u64 hz)
{
	const struct rte_stats *st = &p->st;
	u64 min = st->count ? st->min : 0;

	memset(rep, 0, sizeof(*rep));
	rep->samples = st->count;
	rep->min = min;
	rep->max = st->max;
	rep->mean = rte_stats_mean(st, RTE_NSEC_PER_SEC);
	rep->stddev = rte_stats_stddev(st, RTE_NSEC_PER_SEC);
	rep->p50 = rte_hist_percentile(&p->hist, RTE_P50, min, st->max);
	rep->p99 = rte_hist_percentile(&p->hist, RTE_P99, min, st->max);
	rep->p999 = rte_hist_percentile(&p->hist, RTE_P999, min, st->max);
	rep->min_ns = rte_ticks_to_ns(min, hz);
	rep->max_ns = rte_ticks_to_ns(st->max, hz);
	rep->mean_ns = rte_stats_mean(st, hz);
	rep->stddev_ns = rte_stats_stddev(st, hz);
	rep->p50_ns = rte_ticks_to_ns(rep->p50, hz);
	rep->p99_ns = rte_ticks_to_ns(rep->p99, hz);
	rep->p999_ns = rte_ticks_to_ns(rep->p999, hz);
	rep->above = st->above;
	rep->above_ppm = rte_ppm(st->above, st->count);
	rep->missed = st->missed;
	rep->lost = p->lost;
	rep->late = p->late;
	rte_pct_format(rep->above_pct, sizeof(rep->above_pct), st->above,
		       st->count);
}

/* ---------------------------------------------------------------------- */
/* Limits                                                                  */

bool rte_limits_exceeded(const struct rte_run *r, const struct rte_limits *lim,
			 const struct rte_report *t, struct rte_buf *why)
{
	u64 hz = r->hdr->info.tick_hz;
	bool bad = false;

	if (lim->above_ns && r->fail_count) {
		rte_buf_printf(why,
			       "--fail-above %llu ns exceeded by %llu ns: max %llu ns, %llu sample(s) above the limit. ",
			       (unsigned long long)lim->above_ns,
			       (unsigned long long)(t->max_ns - lim->above_ns),
			       (unsigned long long)t->max_ns,
			       (unsigned long long)r->fail_count);
		bad = true;
	}
	if (lim->p99_ns && t->p99 > rte_ns_to_ticks_floor(lim->p99_ns, hz)) {
		rte_buf_printf(why,
			       "--fail-p99-above %llu ns exceeded by %llu ns: p99 %llu ns. ",
			       (unsigned long long)lim->p99_ns,
			       (unsigned long long)(t->p99_ns - lim->p99_ns),
			       (unsigned long long)t->p99_ns);
		bad = true;
	}
	if (why->len && why->p[why->len - 1] == ' ')
		why->p[--why->len] = '\0';
	return bad;
}
