// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - the sample stream: its ring, both ends, and
 * /dev/rt_eval_tmu<N>
 *
 * One ring per device.  Its producer is the interrupt handler, which never
 * runs on two CPUs at once for one interrupt line: rte_ring_claim() hands
 * it the next slot to fill in place, or NULL when the ring is full (the
 * newest sample is dropped, the handler counts it), and rte_ring_publish()
 * makes the slot visible.  Its consumers are readers, serialised by
 * read_lock.  Indexes run free and wrap at 2^32; the ring size is a power
 * of two.
 *
 * read() hands out whole struct rt_eval_tmu_sample records in sequence
 * order.  Concurrent readers share one stream: each record goes to exactly
 * one of them.  A blocked reader is woken in batches (half a ring queued,
 * or every RTE_WAKE_INTERVAL_NS), never per sample.  When the device is
 * unbound, readers drain what is queued and then see end of file; poll()
 * reports EPOLLHUP | EPOLLERR.
 */

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "rte_drv.h"

static struct rte_dev *rte_from_file(struct file *file)
{
	struct miscdevice *misc = file->private_data;

	return container_of(misc, struct rte_dev, misc);
}

/* ---------------------------------------------------------------------- */
/* The ring                                                                 */

int rte_ring_alloc(struct rte_ring *ring, u32 records)
{
	ring->records = records;
	ring->watermark = records / 2;
	ring->slot = kvcalloc(records, sizeof(*ring->slot), GFP_KERNEL);
	return ring->slot ? 0 : -ENOMEM;
}

void rte_ring_free(struct rte_ring *ring)
{
	kvfree(ring->slot);
}

static struct rt_eval_tmu_sample *rte_ring_at(struct rte_ring *ring, u32 idx)
{
	return &ring->slot[idx & (ring->records - 1)];
}

/* Producer, hard-IRQ: the slot to fill, or NULL when the ring is full. */
struct rt_eval_tmu_sample *rte_ring_claim(struct rte_dev *rd)
{
	struct rte_ring *ring = &rd->ring;
	/* pairs with the reader's release: its copy of the slot is done */
	u32 tail = smp_load_acquire(&ring->tail);

	if (ring->head - tail >= ring->records)
		return NULL;
	return rte_ring_at(ring, ring->head);
}

/*
 * Producer, hard-IRQ: the claimed slot is filled, make it visible, and
 * wake readers in batches only: a watermark or a time slice.
 */
void rte_ring_publish(struct rte_dev *rd, u64 now_ns)
{
	struct rte_ring *ring = &rd->ring;
	u32 head = ring->head + 1;

	/* publish the record before the index that makes it visible */
	smp_store_release(&ring->head, head);
	if (!atomic_read(&rd->open_count))
		return;
	if (head - READ_ONCE(ring->tail) >= ring->watermark ||
	    now_ns - ring->last_wake_ns >= RTE_WAKE_INTERVAL_NS) {
		ring->last_wake_ns = now_ns;
		irq_work_queue(&rd->wake_work);
	}
}

static bool rte_records_available(struct rte_dev *rd)
{
	/* pairs with the handler's release of head */
	return smp_load_acquire(&rd->ring.head) != READ_ONCE(rd->ring.tail);
}

/* Consumer: copy up to @count bytes of whole records; read_lock held. */
static ssize_t rte_copy_records(struct rte_dev *rd, char __user *buf,
				size_t count)
{
	const size_t size = sizeof(struct rt_eval_tmu_sample);
	struct rte_ring *ring = &rd->ring;
	size_t done = 0;

	while (count - done >= size) {
		u32 tail = ring->tail;

		/* pairs with the handler's release: the record is complete */
		if (smp_load_acquire(&ring->head) == tail)
			break;
		if (copy_to_user(buf + done, rte_ring_at(ring, tail), size))
			return done ? done : -EFAULT;
		/* the slot may be reused once the new tail is visible */
		smp_store_release(&ring->tail, tail + 1);
		done += size;
	}
	return done;
}

/* ---------------------------------------------------------------------- */
/* The character device                                                     */

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
