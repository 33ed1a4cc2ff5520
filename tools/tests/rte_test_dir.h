/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The directory the tests of one unit-test program share: made before the
 * first test runs, removed with what is left in it by the test remove_dir.
 * Define RTE_TEST_DIR (the program's char array) and RTE_TEST_DIR_NAME
 * ("rte-test-x"), then include this after the last test, just before
 * TEST_HARNESS_MAIN: the harness runs tests in the order they are defined.
 */
#ifndef RTE_TEST_DIR_H
#define RTE_TEST_DIR_H

#include <stdio.h>
#include <stdlib.h>

#include "rte_gen.h"

static void __attribute__((constructor)) rte_test_dir_make(void)
{
	rte_gen_tmpdir(RTE_TEST_DIR, sizeof(RTE_TEST_DIR), RTE_TEST_DIR_NAME);
}

TEST(remove_dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", RTE_TEST_DIR);
	EXPECT_EQ(0, system(cmd))
		TH_LOG("%s", cmd);
}

#endif
