// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - debugfs: fault injection for tests, not a stable ABI
 *
 * inject_delay_us makes the next interrupt's handler wait, with interrupts
 * off, after its counter read, and then measure again: a late handler on
 * demand.  Written here, consumed (and cleared) by the handler; one aligned
 * word, no lock.
 *
 * irqs_off_us makes the interrupt itself late, as a misbehaving driver or
 * hypervisor would: the writing task moves to the CPU that took the last
 * interrupt, disables local interrupts there and busy-waits that long in
 * process context, then returns to the CPUs it was allowed before.  The
 * write returns when it is over.
 */

#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "rte_drv.h"

static void rte_debugfs_action(void *data)
{
	debugfs_remove_recursive(data);
}

/* A whole write of 1..RTE_MAX_INJECT_US, as strictly as sysfs parses. */
static int rte_debugfs_parse_us(const char __user *ubuf, size_t count, u32 *us)
{
	char buf[16];
	u64 val;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (rte_parse_decimal(buf, count, 1, RTE_MAX_INJECT_US, &val))
		return -EINVAL;
	*us = (u32)val;
	return 0;
}

/*
 * inject_delay_us: the next handler busy-waits that long after its counter
 * read, then measures again.  Parsed as strictly as the sysfs attributes:
 * 1..RTE_MAX_INJECT_US, decimal, one optional trailing newline.
 */
static ssize_t rte_inject_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct rte_dev *rd = file->private_data;
	u32 us;
	int ret;

	ret = rte_debugfs_parse_us(ubuf, count, &us);
	if (ret)
		return ret;
	WRITE_ONCE(rd->inject_us, us);
	return count;
}

static ssize_t rte_inject_read(struct file *file, char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct rte_dev *rd = file->private_data;
	char buf[16];
	int len;

	len = scnprintf(buf, sizeof(buf), "%u\n", READ_ONCE(rd->inject_us));
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations rte_inject_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = rte_inject_read,
	.write = rte_inject_write,
	.llseek = default_llseek,
};

/*
 * irqs_off_us: on the CPU of the last interrupt, local interrupts off for
 * that long, from this task (process context).  The task's allowed CPUs
 * are restored afterwards; -EINVAL if it may not run there.
 */
static ssize_t rte_irqs_off_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct rte_dev *rd = file->private_data;
	cpumask_var_t saved;
	unsigned long irqflags;
	u32 us, cpu;
	u64 end;
	int ret;

	ret = rte_debugfs_parse_us(ubuf, count, &us);
	if (ret)
		return ret;
	if (!alloc_cpumask_var(&saved, GFP_KERNEL))
		return -ENOMEM;
	cpumask_copy(saved, current->cpus_ptr);
	cpu = READ_ONCE(rd->last_cpu);
	ret = set_cpus_allowed_ptr(current, cpumask_of(cpu));
	if (ret)
		goto out;

	local_irq_save(irqflags);
	end = ktime_get_ns() + (u64)us * NSEC_PER_USEC;
	while (ktime_get_ns() < end)
		cpu_relax();
	local_irq_restore(irqflags);

	set_cpus_allowed_ptr(current, saved);
	ret = count;
out:
	free_cpumask_var(saved);
	return ret;
}

static const struct file_operations rte_irqs_off_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = rte_irqs_off_write,
	.llseek = no_llseek,
};

/* <debugfs>/rt_eval_tmu/<device>/, removed when the device goes */
int rte_debugfs_init(struct rte_dev *rd, struct dentry *root)
{
	rd->debugfs = debugfs_create_dir(dev_name(rd->dev), root);
	debugfs_create_file("inject_delay_us", 0600, rd->debugfs, rd,
			    &rte_inject_fops);
	debugfs_create_file("irqs_off_us", 0200, rd->debugfs, rd,
			    &rte_irqs_off_fops);
	return devm_add_action_or_reset(rd->dev, rte_debugfs_action,
					rd->debugfs);
}
