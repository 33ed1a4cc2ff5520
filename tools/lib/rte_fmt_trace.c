// SPDX-License-Identifier: GPL-2.0
/* The ftrace text format: see rte_fmt_trace.h. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rte_fmt_trace.h"

static const struct {
	const char *name;
	enum rte_tev_kind kind;
} rte_tev_names[] = {
	{ "sample", RTE_TEV_SAMPLE },
	{ "thread", RTE_TEV_THREAD },
	{ "irq_handler_entry", RTE_TEV_IRQ_ENTRY },
	{ "irq_handler_exit", RTE_TEV_IRQ_EXIT },
	{ "softirq_entry", RTE_TEV_SOFTIRQ_ENTRY },
	{ "softirq_exit", RTE_TEV_SOFTIRQ_EXIT },
	{ "sched_switch", RTE_TEV_SWITCH },
	{ "sched_wakeup", RTE_TEV_WAKEUP },
	{ "irq_disable", RTE_TEV_IRQS_OFF },
	{ "irq_enable", RTE_TEV_IRQS_ON },
};

/* Decimal digits at @s into *@v (at most 19, no wrap); the end, or NULL. */
static const char *rte_tev_num(const char *s, u64 *v)
{
	const char *p = s;

	*v = 0;
	while (isdigit((unsigned char)*p) && p - s < 19)
		*v = *v * 10 + (u64)(*p++ - '0');
	return p == s ? NULL : p;
}

/* A signed decimal at @s, as for rte_tev_num(). */
static const char *rte_tev_snum(const char *s, s64 *v)
{
	bool neg = *s == '-';
	const char *p;
	u64 u;

	p = rte_tev_num(s + neg, &u);
	if (p)
		*v = neg ? -(s64)u : (s64)u;
	return p;
}

/*
 * Where "@key" (e.g. "seq=") starts a field in @f: at the start, after a
 * space, or after '[' ("vec=1 [action=TIMER]").
 */
static const char *rte_tev_key(const char *f, const char *key)
{
	size_t n = strlen(key);
	const char *p = f;

	while ((p = strstr(p, key))) {
		if (p == f || p[-1] == ' ' || p[-1] == '[')
			return p + n;
		p++;
	}
	return NULL;
}

static int rte_tev_u64(const char *f, const char *key, u64 *v)
{
	const char *p = rte_tev_key(f, key);

	if (p && *p == '0' && (p[1] == 'x' || p[1] == 'X')) {
		char *end;

		errno = 0;
		*v = strtoull(p + 2, &end, 16);
		return end == p + 2 || errno ? -1 : 0;
	}
	return p && rte_tev_num(p, v) ? 0 : -1;
}

static int rte_tev_s64(const char *f, const char *key, s64 *v)
{
	const char *p = rte_tev_key(f, key);

	return p && rte_tev_snum(p, v) ? 0 : -1;
}

/* The text from @key up to @stop (or the end, or a space if !@stop). */
static int rte_tev_str(const char *f, const char *key, const char *stop,
		       char *out, size_t len)
{
	const char *p = rte_tev_key(f, key), *e;

	if (!p)
		return -1;
	e = stop ? strstr(p, stop) : NULL;
	if (!e)
		e = stop ? p + strlen(p) : p + strcspn(p, " ");
	snprintf(out, len, "%.*s", (int)(e - p), p);
	return 0;
}

/* "123.456789" (seconds, up to 9 decimals) into ns; the end, or NULL. */
static const char *rte_tev_ts(const char *s, u64 *ns)
{
	const char *p;
	u64 sec, frac;
	int digits;

	p = rte_tev_num(s, &sec);
	if (!p || *p != '.' || sec > 9000000000ULL)
		return NULL;
	s = p + 1;
	p = rte_tev_num(s, &frac);
	digits = p ? (int)(p - s) : 0;
	if (!p || digits > 9)
		return NULL;
	while (digits++ < 9)
		frac *= 10;
	*ns = sec * RTE_NSEC_PER_SEC + frac;
	return p;
}

static int rte_tev_fields(struct rte_tev *ev, const char *f)
{
	u64 v;

	switch (ev->kind) {
	case RTE_TEV_SAMPLE:
		return rte_tev_s64(f, "dev=", &ev->dev) ||
			rte_tev_u64(f, "seq=", &ev->seq) ||
			rte_tev_u64(f, "irq_ticks=", &ev->ticks) ||
			rte_tev_u64(f, "irq_ns=", &ev->ns) ||
			rte_tev_u64(f, "missed=", &ev->missed) ||
			rte_tev_u64(f, "flags=", &ev->flags) ? -1 : 0;
	case RTE_TEV_THREAD:
		return rte_tev_s64(f, "dev=", &ev->dev) ||
			rte_tev_u64(f, "seq=", &ev->seq) ||
			rte_tev_u64(f, "thread_ticks=", &ev->ticks) ||
			rte_tev_u64(f, "thread_ns=", &ev->ns) ? -1 : 0;
	case RTE_TEV_IRQ_ENTRY:
		if (rte_tev_s64(f, "irq=", &ev->num))
			return -1;
		rte_tev_str(f, "name=", NULL, ev->name, sizeof(ev->name));
		return 0;
	case RTE_TEV_IRQ_EXIT:
		return rte_tev_s64(f, "irq=", &ev->num);
	case RTE_TEV_SOFTIRQ_ENTRY:
	case RTE_TEV_SOFTIRQ_EXIT:
		if (rte_tev_u64(f, "vec=", &v))
			return -1;
		ev->num = (s64)v;
		rte_tev_str(f, "action=", NULL, ev->name, sizeof(ev->name));
		ev->name[strcspn(ev->name, "]")] = '\0';
		return 0;
	case RTE_TEV_SWITCH:
		/* a comm may hold spaces: it ends at the next known key */
		return rte_tev_str(f, "next_comm=", " next_pid=", ev->name,
				   sizeof(ev->name)) ||
			rte_tev_s64(f, "next_pid=", &ev->num) ? -1 : 0;
	case RTE_TEV_WAKEUP:
		return rte_tev_str(f, "comm=", " pid=", ev->name,
				   sizeof(ev->name)) ||
			rte_tev_s64(f, "pid=", &ev->num) ? -1 : 0;
	case RTE_TEV_IRQS_OFF:
	case RTE_TEV_IRQS_ON:
		rte_tev_str(f, "caller=", NULL, ev->name, sizeof(ev->name));
		return 0;
	default:
		return 0;
	}
}

int rte_tev_parse(const char *line, struct rte_tev *ev)
{
	const char *p, *b, *name, *ts;
	size_t i, n;
	u64 v;

	memset(ev, 0, sizeof(*ev));
	/* "<comm>-<pid> [cpu]": the first " [digits] " after "-digits" */
	for (b = strstr(line, " ["); b; b = strstr(b + 1, " [")) {
		p = rte_tev_num(b + 2, &v);
		if (p && *p == ']' && p[1] == ' ' && v < 65536)
			break;
	}
	if (!b)
		return -1;
	ev->cpu = (u32)v;
	p = b;
	while (p > line && p[-1] == ' ')
		p--;
	for (name = p; name > line && isdigit((unsigned char)name[-1]); name--)
		;
	if (name == p || name == line || name[-1] != '-')
		return -1;
	rte_tev_snum(name, &ev->pid);
	for (i = 0; line + i < name - 1 && line[i] == ' '; i++)
		;
	snprintf(ev->comm, sizeof(ev->comm), "%.*s", (int)(name - 1 - line - i),
		 line + i);
	/* then the flags (if shown) and "seconds.us:" */
	p = strchr(b + 2, ']') + 1;
	while (*p == ' ')
		p++;
	ts = rte_tev_ts(p, &ev->ts_ns);
	if (!ts || *ts != ':') {	/* not the time: the flags */
		p += strcspn(p, " ");
		while (*p == ' ')
			p++;
		ts = rte_tev_ts(p, &ev->ts_ns);
	}
	p = ts;
	if (!p || *p != ':' || p[1] != ' ')
		return -1;
	/* "event: fields" */
	name = p + 2;
	n = strcspn(name, ": ");
	if (!n || name[n] != ':')
		return -1;
	ev->kind = RTE_TEV_OTHER;
	for (i = 0; i < RTE_ARRAY_SIZE(rte_tev_names); i++) {
		if (strlen(rte_tev_names[i].name) == n &&
		    !strncmp(name, rte_tev_names[i].name, n)) {
			ev->kind = rte_tev_names[i].kind;
			break;
		}
	}
	p = name + n + 1;
	while (*p == ' ')
		p++;
	if (rte_tev_fields(ev, p)) {
		ev->kind = RTE_TEV_OTHER;
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                 */

int rte_trace_open(struct rte_trace_reader *rd, const char *path)
{
	rd->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (rd->fd < 0)
		return -1;
	return rte_trace_rewind(rd);
}

int rte_trace_rewind(struct rte_trace_reader *rd)
{
	rd->len = 0;
	rd->pos = 0;
	rd->eof = false;
	rd->long_lines = 0;
	return lseek(rd->fd, 0, SEEK_SET) < 0 ? -1 : 0;
}

/* Fill rd->buf after what is left of it; 0, or -1 with errno. */
static int rte_trace_fill(struct rte_trace_reader *rd)
{
	ssize_t n;

	memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
	rd->len -= rd->pos;
	rd->pos = 0;
	do {
		n = read(rd->fd, rd->buf + rd->len, sizeof(rd->buf) - rd->len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (!n)
		rd->eof = true;
	rd->len += (size_t)n;
	return 0;
}

int rte_trace_next(struct rte_trace_reader *rd)
{
	bool skipping = false;

	for (;;) {
		char *s = rd->buf + rd->pos;
		char *nl = memchr(s, '\n', rd->len - rd->pos);
		size_t n = nl ? (size_t)(nl - s) : rd->len - rd->pos;

		if (!nl && !rd->eof) {
			if (n > RTE_TRACE_MAX_LINE) {	/* drop what we have */
				skipping = true;
				rd->pos = rd->len;
			}
			if (rte_trace_fill(rd))
				return -1;
			continue;
		}
		if (!nl && !n)
			return 0;
		rd->pos += n + (nl ? 1 : 0);
		if (skipping || n > RTE_TRACE_MAX_LINE) {
			rd->long_lines++;
			skipping = false;
			continue;
		}
		memcpy(rd->line, s, n);
		rd->line[n] = '\0';
		/* a NUL inside a line ends it: the rest is not text */
		return 1;
	}
}

void rte_trace_close(struct rte_trace_reader *rd)
{
	if (rd->fd >= 0)
		close(rd->fd);
	rd->fd = -1;
}
