// SPDX-License-Identifier: GPL-2.0
/* Smoke test of out-of-tree module builds for the sh4 r2d test kernel. */
#include <linux/init.h>
#include <linux/module.h>

static int __init rte_hello_init(void)
{
	pr_info("rte_hello: loaded\n");
	return 0;
}

static void __exit rte_hello_exit(void)
{
	pr_info("rte_hello: unloaded\n");
}

module_init(rte_hello_init);
module_exit(rte_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sh4 r2d out-of-tree module smoke test");
