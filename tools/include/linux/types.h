/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's type names for host builds of the shared code (common/),
 * laid out like the kernel's shim for its own host tools: the uapi
 * <linux/types.h> of the system, plus u64 and friends and bool.
 */
#ifndef _RTE_TOOLS_LINUX_TYPES_H
#define _RTE_TOOLS_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include_next <linux/types.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#endif /* _RTE_TOOLS_LINUX_TYPES_H */
