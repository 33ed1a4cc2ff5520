// SPDX-License-Identifier: GPL-2.0
/* The --raw file format: see rte_fmt_raw.h. */
#include <assert.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rte_fmt_raw.h"

static_assert(sizeof(struct rt_eval_tmu_sample) == 64,
	      "the raw file stores 64-byte uapi records");

void rte_raw_start(struct rte_buf *b, const struct rte_header *h)
{
	struct rte_buf json = { 0 };
	size_t hdr_bytes;
	u32 le[2];

	rte_header_json(h, &json);	/* ends with '\n' */
	hdr_bytes = (16 + json.len + RTE_RAW_ALIGN - 1) / RTE_RAW_ALIGN *
		    RTE_RAW_ALIGN - 16;
	le[0] = htole32(RTE_RAW_VERSION);
	le[1] = htole32((u32)hdr_bytes);
	rte_buf_add(b, RTE_RAW_MAGIC, sizeof(RTE_RAW_MAGIC));
	rte_buf_add(b, (const char *)le, sizeof(le));
	rte_buf_add(b, json.p, json.len);
	while (json.len++ < hdr_bytes)
		rte_buf_add(b, "", 1);
	rte_buf_free(&json);
}

void rte_sample_le(struct rt_eval_tmu_sample *s)
{
	/* the same byte swap both ways: none on little-endian CPUs */
	s->seq = htole64(s->seq);
	s->timestamp_ns = htole64(s->timestamp_ns);
	s->latency_ticks = htole64(s->latency_ticks);
	s->missed = htole32(s->missed);
	s->cpu = htole32(s->cpu);
	s->flags = htole32(s->flags);
	s->period_ticks = htole32(s->period_ticks);
	s->stage2_ticks = htole64(s->stage2_ticks);
}

/* Read exactly @len bytes; 0, or -1 (errno 0 for a short file). */
static int rte_read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

#define RTE_RAW_IS_LOG "not a raw file but a JSON log (rt-eval-compare reads logs; --replay needs a --raw file)"
#define RTE_RAW_BAD_MAGIC "not an rt-eval-collect raw file (bad magic)"

static int rte_raw_fail(struct rte_raw_reader *rd, char *err, size_t len,
			const char *what)
{
	snprintf(err, len, "%s: %s", rd->path, what);
	rte_raw_close(rd);
	return -1;
}

int rte_raw_open(struct rte_raw_reader *rd, const char *path,
		 struct rte_header *h, char *err, size_t errlen)
{
	char prefix[16], msg[256], *json = NULL;
	struct rte_jobj *o;
	struct stat st;
	u32 version, hdr_bytes;
	u64 data;
	int ret;

	memset(rd, 0, sizeof(*rd));
	rd->path = path;
	rd->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (rd->fd < 0) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(rd->fd, &st) || rte_read_full(rd->fd, prefix, sizeof(prefix))) {
		if (errno)
			return rte_raw_fail(rd, err, errlen, strerror(errno));
		return rte_raw_fail(rd, err, errlen,
				    "truncated: shorter than the 16-byte raw file prefix");
	}
	if (memcmp(prefix, RTE_RAW_MAGIC, sizeof(RTE_RAW_MAGIC)))
		return rte_raw_fail(rd, err, errlen, prefix[0] == '{' ?
				    RTE_RAW_IS_LOG : RTE_RAW_BAD_MAGIC);
	memcpy(&version, prefix + 8, 4);
	memcpy(&hdr_bytes, prefix + 12, 4);
	version = le32toh(version);
	hdr_bytes = le32toh(hdr_bytes);
	if (version != RTE_RAW_VERSION) {
		snprintf(msg, sizeof(msg),
			 "raw format version %u, this tool reads version %d",
			 version, RTE_RAW_VERSION);
		return rte_raw_fail(rd, err, errlen, msg);
	}
	if (!hdr_bytes || hdr_bytes > RTE_RAW_MAX_HEADER ||
	    (16 + hdr_bytes) % RTE_RAW_ALIGN)
		return rte_raw_fail(rd, err, errlen, "corrupt header size");
	if ((u64)st.st_size < 16 + (u64)hdr_bytes)
		return rte_raw_fail(rd, err, errlen,
				    "truncated: the file ends inside its header");
	data = (u64)st.st_size - 16 - hdr_bytes;
	if (data % sizeof(struct rt_eval_tmu_sample)) {
		snprintf(msg, sizeof(msg),
			 "truncated: the last record is incomplete (%llu of %zu bytes after %llu whole records)",
			 (unsigned long long)(data % sizeof(struct rt_eval_tmu_sample)),
			 sizeof(struct rt_eval_tmu_sample),
			 (unsigned long long)(data / sizeof(struct rt_eval_tmu_sample)));
		return rte_raw_fail(rd, err, errlen, msg);
	}
	rd->records = data / sizeof(struct rt_eval_tmu_sample);

	json = rte_xcalloc(1, hdr_bytes + 1);
	o = rte_xcalloc(1, sizeof(*o));
	ret = rte_read_full(rd->fd, json, hdr_bytes);
	if (!ret) {
		ret = rte_json_parse(o, json, strcspn(json, "\n"));
		if (!ret)
			ret = rte_header_parse(h, o);
		if (ret)
			snprintf(msg, sizeof(msg), "header: %s", o->err);
	} else {
		snprintf(msg, sizeof(msg), "cannot read the header: %s",
			 errno ? strerror(errno) : "short read");
	}
	rte_jobj_release(o);
	free(o);
	free(json);
	return ret ? rte_raw_fail(rd, err, errlen, msg) : 0;
}

/*
 * A record that cannot be right: time going backwards (the records are in
 * sequence order, and so in time), or a time after the present.
 */
static const char *rte_raw_insane(const struct rt_eval_tmu_sample *s,
				  u64 prev_ts, u64 latest_ts)
{
	if (s->timestamp_ns < prev_ts)
		return "its timestamp goes backwards";
	if (s->timestamp_ns > latest_ts)
		return "its timestamp lies in the future";
	return NULL;
}

/*
 * How far after @prev the header lets @s lie.  The first record (@prev
 * NULL) may come late, as the timer may be enabled after the collector
 * started, and so may one after the timer was (re)started: only the cap
 * bounds them.
 */
static u64 rte_raw_max_jump(const struct rte_header *h,
			    const struct rt_eval_tmu_sample *s,
			    const struct rt_eval_tmu_sample *prev)
{
	u64 periods = 1 + (u64)s->missed, period = h->info.period_ns, jump;
	u64 cap = RTE_RAW_MAX_JUMP_WINDOWS * h->interval_ns;
	u64 rec = rte_ticks_to_ns(s->period_ticks, h->info.tick_hz);

	if (!prev || (s->flags & RT_EVAL_TMU_SAMPLE_FIRST))
		return cap;
	if (prev && s->seq > prev->seq)
		periods = rte_sat_add(periods, s->seq - prev->seq - 1);
	if (rec > period)
		period = rec;
	jump = rte_sat_add(rte_sat_mul(periods, period),
			   h->interval_ns + RTE_NSEC_PER_SEC);
	return jump < cap ? jump : cap;
}

/* Is @s too far after the last record taken (or the start)? */
static bool rte_raw_jumps(struct rte_raw_reader *rd, const struct rte_header *h,
			  const struct rt_eval_tmu_sample *s,
			  const struct rt_eval_tmu_sample *prev, u64 index)
{
	u64 from = prev && prev->timestamp_ns > h->start_ns ?
		   prev->timestamp_ns : h->start_ns, max;

	if (s->timestamp_ns <= from || s->timestamp_ns - from <=
	    h->interval_ns + RTE_NSEC_PER_SEC)
		return false;	/* the common case, without a division */
	max = rte_raw_max_jump(h, s, prev);
	if (s->timestamp_ns - from <= max)
		return false;
	if (!rd->skipped++)
		snprintf(rd->skip_msg, sizeof(rd->skip_msg),
			 "%s: record %llu: its timestamp jumps %llu ns past the %s (at most %llu ns by the header's period and interval): skipped as corrupt",
			 rd->path, (unsigned long long)index,
			 (unsigned long long)(s->timestamp_ns - from),
			 prev ? "previous record" : "run's start",
			 (unsigned long long)max);
	return true;
}

int rte_raw_replay(struct rte_raw_reader *rd, struct rte_run *r, char *err,
		   size_t errlen)
{
	const struct rte_header *h = r->hdr;
	struct rt_eval_tmu_sample buf[256], last;
	struct timespec now;
	u64 latest = h->start_ns, since;
	bool have_last = false;

	/* the wall-clock time since the run started, and a day for clocks */
	clock_gettime(CLOCK_REALTIME, &now);
	since = (u64)now.tv_sec * RTE_NSEC_PER_SEC + (u64)now.tv_nsec;
	since = since > h->start_unix_ns ? since - h->start_unix_ns : 0;
	latest = rte_sat_add(latest, rte_sat_add(since, RTE_NSEC_PER_DAY));
	while (rd->done < rd->records) {
		u64 n = rd->records - rd->done;
		size_t i;

		if (rd->stop && rd->stop(rd->stop_ctx))
			break;
		if (n > RTE_ARRAY_SIZE(buf))
			n = RTE_ARRAY_SIZE(buf);
		if (rte_read_full(rd->fd, buf, n * sizeof(buf[0]))) {
			snprintf(err, errlen, "%s: read failed after %llu records: %s",
				 rd->path, (unsigned long long)rd->done,
				 errno ? strerror(errno) : "the file shrank");
			return -1;
		}
		for (i = 0; i < n; i++) {
			const char *why;

			rte_sample_le(&buf[i]);
			why = rte_raw_insane(&buf[i], have_last ? last.timestamp_ns : 0,
					     latest);
			if (why) {
				snprintf(err, errlen, "%s: record %llu: %s: a corrupt raw file",
					 rd->path, (unsigned long long)(rd->done + i), why);
				return -1;
			}
			if (rte_raw_jumps(rd, h, &buf[i], have_last ? &last : NULL,
					  rd->done + i))
				continue;
			last = buf[i];
			have_last = true;
			rte_run_feed(r, &buf[i]);
		}
		rd->done += n;
	}
	rte_run_finish(r, r->last_ts + 1);
	return 0;
}

void rte_raw_close(struct rte_raw_reader *rd)
{
	if (rd->fd >= 0)
		close(rd->fd);
	rd->fd = -1;
}

/* ---------------------------------------------------------------------- */
/* Reading a finished run                                                  */

int rte_raw_load(const char *path, struct rte_loaded *out, char *err,
		 size_t errlen)
{
	struct rte_raw_reader rd;
	struct rte_run *r;
	int ret;

	if (rte_raw_open(&rd, path, &out->hdr, err, errlen))
		return -1;
	r = rte_xcalloc(1, sizeof(*r));
	rte_run_init(r, &out->hdr, 0);
	ret = rte_raw_replay(&rd, r, err, errlen);
	rte_raw_close(&rd);
	if (!ret) {
		rte_report_make(&out->rep, &r->total, out->hdr.info.tick_hz);
		out->hist = r->total.hist;
		out->thread = rte_run_thread(r);
		rte_report_make(&out->thr_rep, &r->thr_total,
				out->hdr.info.tick_hz);
		out->thr_hist = r->thr_total.hist;
		out->windows = r->win_index;
		out->from_raw = true;
		if (rd.skipped)
			snprintf(out->note, sizeof(out->note),
				 "%llu record(s) skipped as corrupt; the first: %s",
				 (unsigned long long)rd.skipped, rd.skip_msg);
	}
	free(r);
	return ret;
}
