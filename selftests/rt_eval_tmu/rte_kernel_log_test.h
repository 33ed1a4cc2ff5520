/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The last test of an rt_eval_tmu kselftest program: nothing the tests
 * before it did left a warning, lockdep, KASAN, debug-objects or kmemleak
 * report in the kernel log.  Include it after the last other test, right
 * before TEST_HARNESS_MAIN: the harness runs tests in definition order.
 */
#ifndef RTE_KERNEL_LOG_TEST_H
#define RTE_KERNEL_LOG_TEST_H

FIXTURE(kernel_log) {
	int unused;
};

FIXTURE_SETUP(kernel_log)
{
}

FIXTURE_TEARDOWN(kernel_log)
{
}

/* kmemleak waits for objects to age and scans slowly under KASAN */
TEST_F_TIMEOUT(kernel_log, is_clean, 300)
{
	int reports = rte_log_reports();

	if (reports < 0)
		SKIP(return, "cannot read /dev/kmsg");
	EXPECT_EQ(0, reports);
	EXPECT_EQ(0, rte_kmemleak_reports());
}

#endif /* RTE_KERNEL_LOG_TEST_H */
