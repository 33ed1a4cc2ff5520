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

#include <linux/limits.h>
#include <linux/types.h>

#include "rte_stats.h"
#include "rte_ticks.h"

#define RTE_TOOLS_VERSION	"1.0"
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

void rte_buf_printf(struct rte_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void rte_buf_vprintf(struct rte_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void rte_buf_add(struct rte_buf *b, const char *s, size_t len);
void rte_buf_free(struct rte_buf *b);

void *rte_xcalloc(size_t n, size_t size);

/* Decimal unsigned integer, the whole string; 0 or -1. */
int rte_parse_u64(const char *s, u64 *out);

/*
 * A time such as "10", "2.5s", "500ms", "30us", "1h": a decimal number with
 * an optional unit (ns, us, ms, s, m, h); a bare number counts in
 * @default_unit_ns.  Result in ns; 0 or -1 (syntax or overflow).
 */
int rte_parse_time(const char *s, u64 default_unit_ns, u64 *ns);

/* CLOCK_MONOTONIC in ns, the clock of rt_eval_tmu_sample.timestamp_ns. */
u64 rte_now_ns(void);

/* "12.345" from @ns, in microseconds with three decimals: exact. */
void rte_fmt_us(char *buf, size_t len, u64 ns);

/*
 * Percentage of @part in @whole, rounded down, with four decimals or as
 * many more (up to 12) as it takes to show a non-zero digit: "0%" only
 * when @part is 0, so one spike among a million samples never hides.
 */
void rte_fmt_pct(char *buf, size_t len, u64 part, u64 whole);

/* Copy @src into @dst of @len bytes, cut short if need be, NUL-terminated. */
void rte_copy(char *dst, size_t len, const char *src);

/* Read a small text file whole, without the trailing newline; 0 or -1. */
int rte_read_text(const char *path, char *buf, size_t len);

#endif
