// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - debugfs: fault injection for tests, not a stable ABI
 *
 * inject_delay_us makes the next interrupt's handler wait, with interrupts
 * off, after its counter read, and then measure again: a late handler on
 * demand.  Written here, consumed (and cleared) by the handler; one aligned
 * word, no lock.
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/uaccess.h>

#include "rte_drv.h"

static void rte_debugfs_action(void *data)
{
	debugfs_remove_recursive(data);
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
	char buf[16];
	u64 val;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (rte_parse_decimal(buf, count, 1, RTE_MAX_INJECT_US, &val))
		return -EINVAL;
	WRITE_ONCE(rd->inject_us, (u32)val);
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

/* <debugfs>/rt_eval_tmu/<device>/, removed when the device goes */
int rte_debugfs_init(struct rte_dev *rd, struct dentry *root)
{
	rd->debugfs = debugfs_create_dir(dev_name(rd->dev), root);
	debugfs_create_file("inject_delay_us", 0600, rd->debugfs, rd,
			    &rte_inject_fops);
	return devm_add_action_or_reset(rd->dev, rte_debugfs_action,
					rd->debugfs);
}
