/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's integer limits for host builds of the shared code, on top of
 * the system's uapi <linux/limits.h> (PATH_MAX and friends).
 */
#ifndef _RTE_TOOLS_LINUX_LIMITS_H
#define _RTE_TOOLS_LINUX_LIMITS_H

#include <stdint.h>

#include_next <linux/limits.h>

#define U32_MAX		UINT32_MAX
#define U64_MAX		UINT64_MAX
#define S64_MAX		INT64_MAX

#endif /* _RTE_TOOLS_LINUX_LIMITS_H */
