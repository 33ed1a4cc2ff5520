/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's 64-bit division helpers for host builds of the shared code
 * (as the kernel does for its own host tools): on the host a
 * 64-bit division is just a division.
 */
#ifndef _RTE_TOOLS_LINUX_MATH64_H
#define _RTE_TOOLS_LINUX_MATH64_H

#include <linux/types.h>

static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}

static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

#endif /* _RTE_TOOLS_LINUX_MATH64_H */
