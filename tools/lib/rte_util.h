/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by rt-eval-collect, rt-eval-compare and their tests:
 * a growable text buffer, number and time parsing, messages.
 */
#ifndef RTE_UTIL_H
#define RTE_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/bits.h>
#include <linux/limits.h>
#include <linux/types.h>

#include "rte_stats.h"
#include "rte_ticks.h"

#define RTE_TOOLS_VERSION	"1.0"

/*
 * The kernel's spellings of the attributes, as checkpatch asks (spelled
 * through RTE_ATTR here, where they are defined).
 */
#define RTE_ATTR		__attribute__
#ifndef __printf
#define __printf(a, b)		RTE_ATTR((format(printf, a, b)))
#endif
#ifndef __noreturn
#define __noreturn		RTE_ATTR((noreturn))
#endif
#define RTE_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/**
 * struct rte_buf - growable NUL-terminated text buffer
 * @p: the text (NULL until something was written)
 * @len: bytes used, without the NUL
 * @cap: bytes allocated
 *
 * Allocation failure aborts: these tools cannot do anything useful
 * without a few kilobytes of memory.
 */
struct rte_buf {
	char *p;
	size_t len;
	size_t cap;
};

__printf(2, 3)
void rte_buf_printf(struct rte_buf *b, const char *fmt, ...);
__printf(2, 0)
void rte_buf_vprintf(struct rte_buf *b, const char *fmt, va_list ap);
void rte_buf_add(struct rte_buf *b, const char *s, size_t len);
void rte_buf_free(struct rte_buf *b);

void *rte_xcalloc(size_t n, size_t size);

/* Decimal unsigned integer, the whole string; 0 or -1. */
int rte_parse_u64(const char *s, u64 *out);

#define RTE_NSEC_PER_MSEC	1000000ULL
#define RTE_NSEC_PER_DAY	(86400 * RTE_NSEC_PER_SEC)

/*
 * A time such as "2.5s", "500ms", "30us", "1d" or "10": a decimal number
 * with an optional unit (ns, us, ms, s, m, h, d).  A bare number is in
 * seconds, the one default of every time option; *bare tells the caller
 * that no unit was given.  Result in ns; 0, or -1 (syntax, or more
 * than U64_MAX ns: nothing wraps).
 */
int rte_parse_time(const char *s, u64 *ns, bool *bare);

/* a + b, or U64_MAX when that would wrap. */
static inline u64 rte_sat_add(u64 a, u64 b)
{
	return a > U64_MAX - b ? U64_MAX : a + b;
}

/* a * b, or U64_MAX when that would wrap. */
static inline u64 rte_sat_mul(u64 a, u64 b)
{
	return b && a > U64_MAX / b ? U64_MAX : a * b;
}

/*
 * Length (1 to 4) of the well-formed UTF-8 sequence at @s, of at most @len
 * bytes; 0 when the bytes there are not UTF-8 (overlong forms, surrogates
 * and code points above U+10FFFF included).
 */
size_t rte_utf8_len(const char *s, size_t len);
size_t rte_buf_add_utf8(struct rte_buf *b, const char *s, size_t left,
			const char *bad);
/* The whole NUL-terminated @s is UTF-8. */
bool rte_utf8_valid(const char *s);
/*
 * Append @s as one line of plain UTF-8 text: control characters become
 * spaces, '"' becomes '\'', bytes that are not UTF-8 become U+FFFD.
 */
void rte_text_line(struct rte_buf *b, const char *s);

/**
 * struct rte_tick_conv - ticks to ns by multiply-and-shift, exactly
 * @hz: counter rate
 * @inv: floor((2^64 - 1) / @hz)
 * @max_ticks: largest tick count done without a division
 *
 * rte_tick_conv_ns() returns exactly rte_ticks_to_ns(ticks, hz): for ticks
 * up to @max_ticks, x = ticks * 10^9 + hz / 2 fits 64 bits and the quotient
 * floor(x / hz) is estimated as the high half of x * @inv, at most 2 below
 * it, then corrected by comparing the remainder with @hz (multiplies and
 * compares only); above @max_ticks (over 18 s of latency) it falls back to
 * the 128-bit division.
 */
struct rte_tick_conv {
	u64 hz;
	u64 inv;
	u64 max_ticks;
};

void rte_tick_conv_init(struct rte_tick_conv *c, u64 tick_hz);
u64 rte_tick_conv_ns(const struct rte_tick_conv *c, u64 ticks);

/* CLOCK_MONOTONIC in ns, the clock of rt_eval_tmu_sample.timestamp_ns. */
u64 rte_now_ns(void);

/* "12.345" from @ns, in microseconds with three decimals: exact. */
void rte_fmt_us(char *buf, size_t len, u64 ns);

/* Copy @src into @dst of @len bytes, cut short if need be, NUL-terminated. */
void rte_copy(char *dst, size_t len, const char *src);

/* Read a small text file whole, without the trailing newline; 0 or -1. */
int rte_read_text(const char *path, char *buf, size_t len);
/* The same under @root (a test's fake tree, or ""); "" when unreadable. */
void rte_read_text_at(const char *root, const char *path, char *buf,
		      size_t len);
/*
 * Write @text to the existing file @path in one write(), opened as the
 * shell's '>' opens it (sysfs, procfs and tracefs take a value per write);
 * 0, or -1 with errno.
 */
int rte_write_text(const char *path, const char *text);

#endif
