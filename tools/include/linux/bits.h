/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's BIT() macros for host builds. */
#ifndef _RTE_TOOLS_LINUX_BITS_H
#define _RTE_TOOLS_LINUX_BITS_H

#define BIT(nr)		(1UL << (nr))
#define BIT_ULL(nr)	(1ULL << (nr))

#endif /* _RTE_TOOLS_LINUX_BITS_H */
