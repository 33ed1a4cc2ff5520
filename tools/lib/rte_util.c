// SPDX-License-Identifier: GPL-2.0
/* Small helpers shared by the tools: see rte_util.h. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rte_util.h"

void *rte_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (!p) {
		fprintf(stderr, "out of memory (%zu x %zu bytes)\n", n, size);
		abort();
	}
	return p;
}

static void rte_buf_reserve(struct rte_buf *b, size_t extra)
{
	size_t want = b->len + extra + 1;
	char *p;

	if (want <= b->cap)
		return;
	if (want < 2 * b->cap)
		want = 2 * b->cap;
	if (want < 256)
		want = 256;
	p = realloc(b->p, want);
	if (!p) {
		fprintf(stderr, "out of memory (%zu bytes of text)\n", want);
		abort();
	}
	b->p = p;
	b->cap = want;
}

void rte_buf_vprintf(struct rte_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	/* one pass when it fits, which is nearly always */
	rte_buf_reserve(b, 0);
	va_copy(again, ap);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, again);
	va_end(again);
	if (n < 0) {
		b->p[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		rte_buf_reserve(b, (size_t)n);
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void rte_buf_printf(struct rte_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rte_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void rte_buf_add(struct rte_buf *b, const char *s, size_t len)
{
	rte_buf_reserve(b, len);
	memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len] = '\0';
}

void rte_buf_free(struct rte_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

int rte_parse_u64(const char *s, u64 *out)
{
	u64 v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (d > 9 || v > (U64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

static const struct {
	const char *name;
	u64 ns;
} rte_units[] = {
	{ "ns", 1 }, { "us", 1000 }, { "ms", RTE_NSEC_PER_MSEC },
	{ "s", RTE_NSEC_PER_SEC }, { "m", 60 * RTE_NSEC_PER_SEC },
	{ "h", 3600 * RTE_NSEC_PER_SEC }, { "d", RTE_NSEC_PER_DAY },
};

int rte_parse_time(const char *s, u64 *ns, bool *bare)
{
	u64 whole = 0, frac = 0, scale = 1, unit = RTE_NSEC_PER_SEC, part;
	const char *p = s;
	size_t i;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		u64 d = (u64)(*p - '0');

		if (whole > (U64_MAX - d) / 10)
			return -1;
		whole = whole * 10 + d;
	}
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return -1;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (scale >= RTE_NSEC_PER_SEC * 100000)
				continue;	/* finer than 1 ns in any unit */
			frac = frac * 10 + (u64)(*p - '0');
			scale *= 10;
		}
	}
	*bare = !*p;
	if (*p) {
		for (i = 0; i < RTE_ARRAY_SIZE(rte_units); i++)
			if (!strcmp(p, rte_units[i].name))
				break;
		if (i == RTE_ARRAY_SIZE(rte_units))
			return -1;
		unit = rte_units[i].ns;
	}
	if (whole > U64_MAX / unit)
		return -1;
	part = rte_mul_div_round(frac, unit, scale);
	if (whole * unit > U64_MAX - part)
		return -1;
	*ns = whole * unit + part;
	return 0;
}

size_t rte_utf8_len(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int cp;
	size_t n, i;

	if (!len)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/*
 * The UTF-8 sequence at @s (at most @left bytes) copied to @b, or @bad
 * (e.g. U+FFFD) for a byte that starts none.  Returns the bytes taken.
 */
size_t rte_buf_add_utf8(struct rte_buf *b, const char *s, size_t left,
			const char *bad)
{
	size_t n = rte_utf8_len(s, left);

	if (n) {
		rte_buf_add(b, s, n);
		return n;
	}
	rte_buf_add(b, bad, strlen(bad));
	return 1;
}

bool rte_utf8_valid(const char *s)
{
	size_t len = strlen(s), n;

	for (; len; s += n, len -= n) {
		n = rte_utf8_len(s, len);
		if (!n)
			return false;
	}
	return true;
}

void rte_text_line(struct rte_buf *b, const char *s)
{
	size_t left = strlen(s), n;

	for (; left; s += n, left -= n) {
		unsigned char c = (unsigned char)*s;

		n = 1;
		if (c < 0x20 || c == 0x7f)
			rte_buf_add(b, " ", 1);
		else if (c == '"')
			rte_buf_add(b, "'", 1);
		else if (c < 0x80)
			rte_buf_add(b, s, 1);
		else
			n = rte_buf_add_utf8(b, s, left, "\xef\xbf\xbd");
	}
}

void rte_tick_conv_init(struct rte_tick_conv *c, u64 tick_hz)
{
	c->hz = tick_hz;
	c->inv = U64_MAX / tick_hz;
	c->max_ticks = (U64_MAX - tick_hz / 2) / RTE_NSEC_PER_SEC;
}

u64 rte_tick_conv_ns(const struct rte_tick_conv *c, u64 ticks)
{
	u64 x, q, r;

	if (ticks > c->max_ticks)
		return rte_ticks_to_ns(ticks, c->hz);
	x = ticks * RTE_NSEC_PER_SEC + c->hz / 2;
	q = rte_mul64(x, c->inv).hi;
	r = x - q * c->hz;
	while (r >= c->hz) {
		q++;
		r -= c->hz;
	}
	return q;
}

u64 rte_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * RTE_NSEC_PER_SEC + (u64)ts.tv_nsec;
}

void rte_fmt_us(char *buf, size_t len, u64 ns)
{
	snprintf(buf, len, "%llu.%03u", (unsigned long long)(ns / 1000),
		 (unsigned int)(ns % 1000));
}

void rte_copy(char *dst, size_t len, const char *src)
{
	size_t n = strnlen(src, len - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

int rte_read_text(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
		n--;
	buf[n] = '\0';
	return 0;
}

void rte_read_text_at(const char *root, const char *path, char *buf,
		      size_t len)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	if (rte_read_text(full, buf, len))
		buf[0] = '\0';
}

int rte_write_text(const char *path, const char *text)
{
	size_t len = strlen(text);
	ssize_t n;
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd < 0)
		return -1;
	n = write(fd, text, len);
	if (n >= 0 && (size_t)n != len) {
		n = -1;
		errno = EIO;
	}
	if (close(fd) && n >= 0)
		n = -1;
	return n < 0 ? -1 : 0;
}
