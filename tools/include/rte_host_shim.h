/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough of the kernel's types for rt_eval_calc.h to build natively,
 * so that host programs (unit tests, the collector) run the driver's own
 * arithmetic.
 */
#ifndef RTE_HOST_SHIM_H
#define RTE_HOST_SHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#define BIT(n)		(1UL << (n))
#define BIT_ULL(n)	(1ULL << (n))
#define U32_MAX		UINT32_MAX
#define U64_MAX		UINT64_MAX

static inline u64 div64_u64(u64 a, u64 b)
{
	return a / b;
}

#endif
