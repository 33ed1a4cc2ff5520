/* SPDX-License-Identifier: GPL-2.0 */
/* What the host unit tests of common/ share: references and a generator. */
#ifndef RTE_COMMON_TEST_H
#define RTE_COMMON_TEST_H

#include <linux/types.h>

#define u128ref unsigned __int128

/* Deterministic pseudo-random numbers (xorshift64*). */
static inline u64 test_rand(u64 *state)
{
	u64 x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

#endif /* RTE_COMMON_TEST_H */
