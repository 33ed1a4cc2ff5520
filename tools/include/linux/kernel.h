/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's snprintf() for host builds of the shared code: the C
 * library's, on top of the system's uapi <linux/kernel.h>.
 */
#ifndef _RTE_TOOLS_LINUX_KERNEL_H
#define _RTE_TOOLS_LINUX_KERNEL_H

#include <stdio.h>

#include_next <linux/kernel.h>

#endif /* _RTE_TOOLS_LINUX_KERNEL_H */
