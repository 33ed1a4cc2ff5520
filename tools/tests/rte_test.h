/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal test harness for the host unit tests: one line per failure. */
#ifndef RTE_TEST_H
#define RTE_TEST_H

#include <stdint.h>
#include <stdio.h>

struct rte_test_ctx {
	unsigned long passed;
	unsigned long failed;
};

static struct rte_test_ctx rte_test_ctx;

#define CHECK(cond, ...)						\
	do {								\
		if (cond) {						\
			rte_test_ctx.passed++;				\
		} else {						\
			rte_test_ctx.failed++;				\
			fprintf(stderr, "FAIL %s:%d: %s: ",		\
				__FILE__, __LINE__, #cond);		\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
		}							\
	} while (0)

static inline void rte_check_eq(uint64_t a, uint64_t b, const char *file,
				int line, const char *what)
{
	if (a == b) {
		rte_test_ctx.passed++;
		return;
	}
	rte_test_ctx.failed++;
	fprintf(stderr, "FAIL %s:%d: %s: %llu != %llu\n", file, line, what,
		(unsigned long long)a, (unsigned long long)b);
}

#define CHECK_EQ(a, b)							\
	rte_check_eq((uint64_t)(a), (uint64_t)(b), __FILE__, __LINE__,	\
		     #a " == " #b)

/* Prints the totals; returns the process exit status. */
static inline int rte_test_report(const char *suite)
{
	printf("%s: %lu passed, %lu failed\n", suite, rte_test_ctx.passed,
	       rte_test_ctx.failed);
	return rte_test_ctx.failed ? 1 : 0;
}

/* Deterministic pseudo-random numbers (xorshift64*). */
static inline uint64_t rte_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

#endif
