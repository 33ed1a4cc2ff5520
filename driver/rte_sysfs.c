// SPDX-License-Identifier: GPL-2.0
/*
 * rt_eval_tmu - sysfs attributes
 *
 * One value per file, see Documentation/ABI/testing/sysfs-driver-rt_eval_tmu.
 * Writes take decimal digits and one optional trailing newline, all of the
 * bytes written; anything else (a sign, spaces, a NUL, another base) gets
 * -EINVAL and changes nothing.
 */

#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/sysfs.h>

#include "rte_drv.h"

/**
 * rte_parse_decimal() - parse a whole write strictly
 * @buf: what was written, @count bytes (NUL-terminated after them)
 * @count: bytes written
 * @min: smallest value accepted
 * @max: largest value accepted
 * @val: out: the value
 *
 * kstrtou64() alone would take a leading '+' and stop at an embedded NUL.
 *
 * Return: 0, or -EINVAL for anything but decimal digits and one optional
 * trailing newline, or a value outside @min..@max.
 */
int rte_parse_decimal(const char *buf, size_t count, u64 min, u64 max,
		      u64 *val)
{
	size_t len = count, i;

	if (len && buf[len - 1] == '\n')
		len--;
	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!isdigit(buf[i]))
			return -EINVAL;
	/* digits up to the newline or the terminating NUL: overflow only */
	if (kstrtou64(buf, 10, val) || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

/* Parse a whole decimal number up to @max and hand it to @set. */
static ssize_t rte_store(struct device *dev, const char *buf, size_t count,
			 u64 max, int (*set)(struct rte_dev *rd, u64 val))
{
	u64 val;
	int ret;

	if (rte_parse_decimal(buf, count, 0, max, &val))
		return -EINVAL;
	ret = set(dev_get_drvdata(dev), val);
	return ret ? ret : count;
}

static int rte_store_enable(struct rte_dev *rd, u64 val)
{
	return rte_set_enabled(rd, val);
}

static ssize_t enable_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct rte_dev *rd = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", READ_ONCE(rd->enabled));
}

static ssize_t enable_store(struct device *dev, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	return rte_store(dev, buf, count, 1, rte_store_enable);
}
static DEVICE_ATTR_RW(enable);

static ssize_t period_ns_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct rt_eval_tmu_info info;

	rte_get_info(dev_get_drvdata(dev), &info);
	return sysfs_emit(buf, "%llu\n", info.period_ns);
}

static ssize_t period_ns_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	return rte_store(dev, buf, count, U64_MAX, rte_set_period);
}
static DEVICE_ATTR_RW(period_ns);

static ssize_t threshold_ns_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct rt_eval_tmu_info info;

	rte_get_info(dev_get_drvdata(dev), &info);
	return sysfs_emit(buf, "%llu\n", info.threshold_ns);
}

static ssize_t threshold_ns_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	return rte_store(dev, buf, count, U64_MAX, rte_set_threshold);
}
static DEVICE_ATTR_RW(threshold_ns);

static ssize_t log_interval_s_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct rte_dev *rd = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%llu\n",
			  div_u64(READ_ONCE(rd->log_interval_ns),
				  NSEC_PER_SEC));
}

static ssize_t log_interval_s_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t count)
{
	return rte_store(dev, buf, count, RTE_MAX_LOG_INTERVAL_S,
			 rte_set_log_interval);
}
static DEVICE_ATTR_RW(log_interval_s);

static ssize_t stop_tracing_ns_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct rte_dev *rd = dev_get_drvdata(dev);
	u64 ns;

	mutex_lock(&rd->cfg_lock);
	ns = rd->stop_tracing_ns;
	mutex_unlock(&rd->cfg_lock);
	return sysfs_emit(buf, "%llu\n", ns);
}

static ssize_t stop_tracing_ns_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	return rte_store(dev, buf, count, RTE_MAX_THRESH_NS,
			 rte_set_stop_tracing);
}
static DEVICE_ATTR_RW(stop_tracing_ns);

static ssize_t thread_stage_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct rte_dev *rd = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%d\n", !!READ_ONCE(rd->th.task));
}

static ssize_t thread_stage_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t count)
{
	return rte_store(dev, buf, count, 1, rte_set_thread_stage);
}
static DEVICE_ATTR_RW(thread_stage);

static ssize_t thread_priority_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct rte_dev *rd = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", READ_ONCE(rd->th.priority));
}

static ssize_t thread_priority_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	return rte_store(dev, buf, count, 99, rte_set_thread_priority);
}
static DEVICE_ATTR_RW(thread_priority);

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	u64 val;

	if (rte_parse_decimal(buf, count, 1, 1, &val))
		return -EINVAL;
	rte_reset_stats(dev_get_drvdata(dev));
	return count;
}
static DEVICE_ATTR_WO(reset);

static ssize_t tick_hz_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct rte_dev *rd = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%llu\n", rd->tick_hz);
}
static DEVICE_ATTR_RO(tick_hz);

/* Read-only statistics: one consistent snapshot per read. */
enum rte_stat_item {
	RTE_STAT_COUNT,
	RTE_STAT_MIN_NS,
	RTE_STAT_MAX_NS,
	RTE_STAT_MEAN_NS,
	RTE_STAT_STDDEV_NS,
	RTE_STAT_ABOVE,
	RTE_STAT_MISSED,
	RTE_STAT_DROPPED,
	RTE_STAT_THREAD_COUNT,
	RTE_STAT_THREAD_MIN_NS,
	RTE_STAT_THREAD_MAX_NS,
	RTE_STAT_THREAD_MEAN_NS,
	RTE_STAT_THREAD_STDDEV_NS,
	RTE_STAT_THREAD_LATE,
};

struct rte_stat_attr {
	struct device_attribute attr;
	enum rte_stat_item item;
};

/* One figure of @st (a stage's statistics) in ns, or its count. */
static u64 rte_stage_value(struct rte_dev *rd, const struct rte_stats *st,
			   enum rte_stat_item item)
{
	switch (item) {
	case RTE_STAT_MIN_NS:
	case RTE_STAT_THREAD_MIN_NS:
		return st->count ? rte_ticks_to_ns(st->min, rd->tick_hz) : 0;
	case RTE_STAT_MAX_NS:
	case RTE_STAT_THREAD_MAX_NS:
		return rte_ticks_to_ns(st->max, rd->tick_hz);
	case RTE_STAT_MEAN_NS:
	case RTE_STAT_THREAD_MEAN_NS:
		return rte_stats_mean(st, rd->tick_hz);
	case RTE_STAT_STDDEV_NS:
	case RTE_STAT_THREAD_STDDEV_NS:
		return rte_stats_stddev(st, rd->tick_hz);
	default:
		return st->count;
	}
}

static u64 rte_stat_value(struct rte_dev *rd, enum rte_stat_item item)
{
	struct rte_stats st, thread;
	u64 dropped, late;

	rte_get_stats(rd, &st, &dropped, &thread, &late);
	switch (item) {
	case RTE_STAT_ABOVE:
		return st.above;
	case RTE_STAT_MISSED:
		return st.missed;
	case RTE_STAT_DROPPED:
		return dropped;
	case RTE_STAT_THREAD_LATE:
		return late;
	case RTE_STAT_THREAD_COUNT:
	case RTE_STAT_THREAD_MIN_NS:
	case RTE_STAT_THREAD_MAX_NS:
	case RTE_STAT_THREAD_MEAN_NS:
	case RTE_STAT_THREAD_STDDEV_NS:
		return rte_stage_value(rd, &thread, item);
	default:
		return rte_stage_value(rd, &st, item);
	}
}

static ssize_t rte_stat_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct rte_stat_attr *sa = container_of(attr, struct rte_stat_attr, attr);

	return sysfs_emit(buf, "%llu\n",
			  rte_stat_value(dev_get_drvdata(dev), sa->item));
}

#define RTE_STAT_ATTR(_name, _item)					\
	static struct rte_stat_attr rte_attr_##_name = {		\
		.attr = __ATTR(_name, 0444, rte_stat_show, NULL),	\
		.item = _item,						\
	}

RTE_STAT_ATTR(count, RTE_STAT_COUNT);
RTE_STAT_ATTR(min_ns, RTE_STAT_MIN_NS);
RTE_STAT_ATTR(max_ns, RTE_STAT_MAX_NS);
RTE_STAT_ATTR(mean_ns, RTE_STAT_MEAN_NS);
RTE_STAT_ATTR(stddev_ns, RTE_STAT_STDDEV_NS);
RTE_STAT_ATTR(above_threshold, RTE_STAT_ABOVE);
RTE_STAT_ATTR(missed, RTE_STAT_MISSED);
RTE_STAT_ATTR(dropped, RTE_STAT_DROPPED);
RTE_STAT_ATTR(thread_count, RTE_STAT_THREAD_COUNT);
RTE_STAT_ATTR(thread_min_ns, RTE_STAT_THREAD_MIN_NS);
RTE_STAT_ATTR(thread_max_ns, RTE_STAT_THREAD_MAX_NS);
RTE_STAT_ATTR(thread_mean_ns, RTE_STAT_THREAD_MEAN_NS);
RTE_STAT_ATTR(thread_stddev_ns, RTE_STAT_THREAD_STDDEV_NS);
RTE_STAT_ATTR(thread_late, RTE_STAT_THREAD_LATE);

static struct attribute *rte_attrs[] = {
	&dev_attr_enable.attr,
	&dev_attr_period_ns.attr,
	&dev_attr_threshold_ns.attr,
	&dev_attr_log_interval_s.attr,
	&dev_attr_stop_tracing_ns.attr,
	&dev_attr_reset.attr,
	&dev_attr_tick_hz.attr,
	&rte_attr_count.attr.attr,
	&rte_attr_min_ns.attr.attr,
	&rte_attr_max_ns.attr.attr,
	&rte_attr_mean_ns.attr.attr,
	&rte_attr_stddev_ns.attr.attr,
	&rte_attr_above_threshold.attr.attr,
	&rte_attr_missed.attr.attr,
	&rte_attr_dropped.attr.attr,
	&dev_attr_thread_stage.attr,
	&dev_attr_thread_priority.attr,
	&rte_attr_thread_count.attr.attr,
	&rte_attr_thread_min_ns.attr.attr,
	&rte_attr_thread_max_ns.attr.attr,
	&rte_attr_thread_mean_ns.attr.attr,
	&rte_attr_thread_stddev_ns.attr.attr,
	&rte_attr_thread_late.attr.attr,
	NULL
};

static const struct attribute_group rte_group = {
	.attrs = rte_attrs,
};

const struct attribute_group *rte_groups[] = {
	&rte_group,
	NULL
};
