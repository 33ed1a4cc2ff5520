// SPDX-License-Identifier: GPL-2.0
/*
 * rt-eval-collect's hold on the CPUs for a run: --irq-cpu moves the
 * device's interrupt (and puts it back at the end), --dma-latency holds a
 * PM QoS request on /dev/cpu_dma_latency as cyclictest's --latency does.
 * Both are done before the header is made, so that it records them, and
 * both fail before anything is measured.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rte_collect.h"

#define MSG_NO_IRQ "--irq-cpu: the interrupt of %s is in neither /sys/kernel/irq/*/actions nor /proc/interrupts: is /proc mounted? Run without --irq-cpu to leave it where it is"
#define MSG_NO_CPU "--irq-cpu %lld: CPU %lld is not online (/sys/devices/system/cpu/online: %s): name one of those"
#define MSG_REFUSED "--irq-cpu %lld: cannot write \"%lld\" to %s: %s: %s"
#define HOW_ROOT "run as root"
#define HOW_REFUSED "the kernel refused to move this interrupt (a Xen guest's interrupts are event channels Xen may keep on their CPU; some interrupt controllers cannot route per CPU): run without --irq-cpu, or pin it at boot with irqaffinity="
#define MSG_PUT_BACK "%s: cannot put back \"%s\" after --irq-cpu: %s; write it there yourself"
#define MSG_DMA "--dma-latency %lld: cannot %s /dev/cpu_dma_latency: %s: %s"

void collect_pin_irq(struct collector *c)
{
	long long cpu = (long long)c->opt.irq_cpu;
	char path[64], online[256], val[24];
	struct rte_cpuset s;
	u32 irq;

	if (c->opt.irq_cpu < 0)
		return;
	irq = rte_irq_find("", c->irq_name);
	if (!irq) {
		collect_msg(c, MSG_NO_IRQ, c->irq_name);
		exit(1);
	}
	if (rte_read_text("/sys/devices/system/cpu/online", online, sizeof(online)) ||
	    rte_cpulist_parse(online, &s))
		rte_copy(online, sizeof(online), "unknown");
	else if (!rte_cpuset_has(&s, (u32)cpu)) {
		collect_msg(c, MSG_NO_CPU, cpu, cpu, online);
		exit(1);
	}
	snprintf(path, sizeof(path), "/proc/irq/%u/smp_affinity_list", irq);
	if (rte_read_text(path, c->pin_old, sizeof(c->pin_old)) ||
	    !c->pin_old[0]) {
		collect_msg(c, "--irq-cpu %lld: cannot read %s: %s: run without --irq-cpu",
			    cpu, path, strerror(errno));
		exit(1);
	}
	snprintf(val, sizeof(val), "%lld", cpu);
	if (rte_write_text(path, val)) {
		int e = errno;

		collect_msg(c, MSG_REFUSED, cpu, cpu, path, strerror(e),
			    e == EACCES || e == EPERM ? HOW_ROOT : HOW_REFUSED);
		exit(1);
	}
	c->pin_irq = irq;
}

int collect_unpin_irq(struct collector *c)
{
	char path[64];

	if (!c->pin_irq)
		return 0;
	snprintf(path, sizeof(path), "/proc/irq/%u/smp_affinity_list", c->pin_irq);
	c->pin_irq = 0;
	if (rte_write_text(path, c->pin_old)) {
		collect_msg(c, MSG_PUT_BACK, path, c->pin_old, strerror(errno));
		return -1;
	}
	return 0;
}

void collect_hold_dma_latency(struct collector *c)
{
	long long us = (long long)c->opt.dma_latency_us;
	s32 val = (s32)c->opt.dma_latency_us;
	const char *how;
	int fd, e;
	ssize_t n;

	if (c->opt.dma_latency_us < 0)
		return;
	fd = open("/dev/cpu_dma_latency", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		how = e == EACCES || e == EPERM ? HOW_ROOT :
			e == ENOENT ? "no such device in this kernel: run without --dma-latency" :
			"run without --dma-latency";
		collect_msg(c, MSG_DMA, us, "open", strerror(e), how);
		collect_exit(c, 1);
	}
	/* the binary s32 request, as cyclictest writes it; held until close */
	n = write(fd, &val, sizeof(val));
	if (n != (ssize_t)sizeof(val)) {
		e = n < 0 ? errno : EIO;
		close(fd);
		collect_msg(c, MSG_DMA, us, "write to", strerror(e),
			    "run without --dma-latency");
		collect_exit(c, 1);
	}
	c->dma_fd = fd;
}

void collect_release_dma_latency(struct collector *c)
{
	if (c->dma_fd >= 0)
		close(c->dma_fd);
	c->dma_fd = -1;
}

int collect_undo(struct collector *c)
{
	collect_trace_restore(c);
	collect_thread_restore(c);
	collect_release_dma_latency(c);
	return collect_unpin_irq(c);
}

void collect_exit(struct collector *c, int status)
{
	collect_undo(c);
	exit(status);
}
