// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - the sample stream, /dev/rt_eval_tmu<N>
 *
 * read() hands out whole struct rt_eval_tmu_sample records, merged from the
 * per-CPU rings in sequence order.  Concurrent readers share one stream:
 * each record goes to exactly one of them.  A blocked reader is woken in
 * batches (half a ring queued, or every RTE_WAKE_INTERVAL_NS), never per
 * sample.  When the device is unbound, readers drain what is queued and
 * then see end of file; poll() reports EPOLLHUP | EPOLLERR.
 */

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/uaccess.h>

#include "rt_eval_tmu.h"

static struct rte_dev *rte_from_file(struct file *file)
{
	struct miscdevice *misc = file->private_data;

	return container_of(misc, struct rte_dev, misc);
}

static bool rte_records_available(struct rte_dev *rd)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct rte_pcpu *pc = per_cpu_ptr(rd->pcpu, cpu);

		/* pairs with the handler's release of head */
		if (smp_load_acquire(&pc->head) != READ_ONCE(pc->tail))
			return true;
	}
	return false;
}

/* The ring whose oldest record has the lowest sequence number, or NULL. */
static struct rte_pcpu *rte_oldest(struct rte_dev *rd)
{
	struct rte_pcpu *best = NULL;
	u64 best_seq = U64_MAX;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct rte_pcpu *pc = per_cpu_ptr(rd->pcpu, cpu);
		u32 tail = pc->tail;
		u64 seq;

		/* pairs with the handler's release: the record is complete */
		if (smp_load_acquire(&pc->head) == tail)
			continue;
		seq = pc->ring[rte_ring_slot(tail, rd->ring_records)].seq;
		if (seq < best_seq) {
			best_seq = seq;
			best = pc;
		}
	}
	return best;
}

/* Copy up to @count bytes of whole records; read_lock held. */
static ssize_t rte_copy_records(struct rte_dev *rd, char __user *buf,
				size_t count)
{
	const size_t size = sizeof(struct rt_eval_tmu_sample);
	size_t done = 0;

	while (count - done >= size) {
		struct rte_pcpu *pc = rte_oldest(rd);
		u32 tail;

		if (!pc)
			break;
		tail = pc->tail;
		if (copy_to_user(buf + done,
				 &pc->ring[rte_ring_slot(tail, rd->ring_records)],
				 size))
			return done ? done : -EFAULT;
		/* the slot may be reused once the new tail is visible */
		smp_store_release(&pc->tail, tail + 1);
		done += size;
	}
	return done;
}

static ssize_t rte_read(struct file *file, char __user *buf, size_t count,
			loff_t *ppos)
{
	struct rte_dev *rd = rte_from_file(file);
	ssize_t ret;

	if (count < sizeof(struct rt_eval_tmu_sample))
		return -EINVAL;

	for (;;) {
		if (mutex_lock_interruptible(&rd->read_lock))
			return -ERESTARTSYS;
		ret = rte_copy_records(rd, buf, count);
		mutex_unlock(&rd->read_lock);
		if (ret)
			return ret;
		if (READ_ONCE(rd->gone))
			return 0;
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(rd->wq,
					       rte_records_available(rd) ||
					       READ_ONCE(rd->gone));
		if (ret)
			return ret;
	}
}

static __poll_t rte_poll(struct file *file, poll_table *wait)
{
	struct rte_dev *rd = rte_from_file(file);
	__poll_t mask = 0;

	poll_wait(file, &rd->wq, wait);
	if (rte_records_available(rd))
		mask |= EPOLLIN | EPOLLRDNORM;
	if (READ_ONCE(rd->gone))
		mask |= EPOLLHUP | EPOLLERR;
	return mask;
}

static long rte_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct rte_dev *rd = rte_from_file(file);
	struct rt_eval_tmu_info info;

	switch (cmd) {
	case RT_EVAL_TMU_IOC_INFO:
		rte_get_info(rd, &info);
		if (copy_to_user((void __user *)arg, &info, sizeof(info)))
			return -EFAULT;
		return 0;
	default:
		return -ENOTTY;
	}
}

static int rte_open(struct inode *inode, struct file *file)
{
	struct rte_dev *rd = rte_from_file(file);

	/* misc_open() holds misc_mtx: the device cannot be going yet */
	kref_get(&rd->kref);
	atomic_inc(&rd->open_count);
	return stream_open(inode, file);
}

static int rte_release(struct inode *inode, struct file *file)
{
	struct rte_dev *rd = rte_from_file(file);

	atomic_dec(&rd->open_count);
	rte_dev_put(rd);
	return 0;
}

static const struct file_operations rte_fops = {
	.owner = THIS_MODULE,
	.open = rte_open,
	.release = rte_release,
	.read = rte_read,
	.poll = rte_poll,
	.unlocked_ioctl = rte_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = no_llseek,
};

static void rte_cdev_action(void *data)
{
	misc_deregister(data);
}

int rte_cdev_register(struct rte_dev *rd)
{
	int ret;

	rd->misc.minor = MISC_DYNAMIC_MINOR;
	rd->misc.name = rd->name;
	rd->misc.fops = &rte_fops;
	rd->misc.parent = rd->dev;
	rd->misc.mode = 0400;
	ret = misc_register(&rd->misc);
	if (ret)
		return dev_err_probe(rd->dev, ret, "cannot register /dev/%s\n",
				     rd->name);
	return devm_add_action_or_reset(rd->dev, rte_cdev_action, &rd->misc);
}
