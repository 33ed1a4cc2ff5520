// SPDX-License-Identifier: GPL-2.0
/*
 * Environment detection: see rte_env.h.
 *
 * Xen: /sys/hypervisor/type says "xen" (or the device tree has a
 * /hypervisor node compatible with "xen,xen", or xenfs is mounted on
 * /proc/xen).  Dom0 is the domain whose /proc/xen/capabilities says
 * "control_d"; without xenfs, Dom0's all-zero /sys/hypervisor/uuid tells
 * it too.  Anything else under Xen is a guest.
 * KVM: QEMU's "linux,dummy-virt" machine in the device tree, a QEMU/KVM
 * DMI vendor or product, or the kvm-clock clock source.  The x86
 * "hypervisor" CPU flag alone only says "virtual machine".
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rte_env.h"
#include "rte_util.h"

extern char **environ;

void rte_env_detect_kernel(struct rte_env *env)
{
	static const char *const models[] = {
		"PREEMPT_RT", "PREEMPT_DYNAMIC", "PREEMPT",
	};
	struct utsname u;
	char rt[8];
	size_t i;

	if (uname(&u) == 0) {
		rte_copy(env->kernel_release, sizeof(env->kernel_release), u.release);
		rte_copy(env->kernel_version, sizeof(env->kernel_version), u.version);
		rte_copy(env->machine, sizeof(env->machine), u.machine);
		rte_copy(env->hostname, sizeof(env->hostname), u.nodename);
	}
	rte_copy(env->preempt, sizeof(env->preempt), "none");
	for (i = 0; i < RTE_ARRAY_SIZE(models); i++) {
		const char *p = strstr(env->kernel_version, models[i]);
		size_t n = strlen(models[i]);

		/* a whole word: PREEMPT must not match PREEMPT_RT */
		if (p && (p[n] == ' ' || p[n] == '\0')) {
			rte_copy(env->preempt, sizeof(env->preempt), models[i]);
			break;
		}
	}
	env->preempt_rt = !strcmp(env->preempt, "PREEMPT_RT") ||
		(rte_read_text("/sys/kernel/realtime", rt, sizeof(rt)) == 0 &&
		 !strcmp(rt, "1"));
	if (env->preempt_rt)
		rte_copy(env->preempt, sizeof(env->preempt), "PREEMPT_RT");
}

/* Does a device-tree string list (NUL separated) contain @want? */
static bool rte_dt_has(const char *root, const char *path, const char *want)
{
	char full[512], buf[512];
	ssize_t n, off;
	int fd;

	snprintf(full, sizeof(full), "%s%s", root, path);
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (off = 0; off < n; off += (ssize_t)strlen(buf + off) + 1)
		if (!strcmp(buf + off, want))
			return true;
	return false;
}

static bool rte_exists(const char *root, const char *path)
{
	char full[512];

	snprintf(full, sizeof(full), "%s%s", root, path);
	return access(full, F_OK) == 0;
}

static void rte_evidence(struct rte_env *env, const char *what)
{
	size_t n = strlen(env->evidence);

	snprintf(env->evidence + n, sizeof(env->evidence) - n, "%s%s",
		 n ? "; " : "", what);
}

/* Linux's uapi xen/privcmd.h (not installed with the libc headers) */
struct rte_privcmd_hypercall {
	u64 op;
	u64 arg[5];
};

#define RTE_IOCTL_PRIVCMD_HYPERCALL \
	_IOC(_IOC_NONE, 'P', 0, sizeof(struct rte_privcmd_hypercall))
#define RTE_HYPERVISOR_SYSCTL	35
#define RTE_XEN_SYSCTL_SCHED_ID	4

/* struct xen_sysctl of Xen's public sysctl.h: cmd, version, 128-byte union */
struct rte_xen_sysctl {
	u32 cmd;
	u32 interface_version;
	union {
		u32 sched_id;
		unsigned char pad[128];
	} u;
};

/* XEN_SCHEDULER_* of Xen's public domctl.h */
static const char *rte_xen_sched_name(u32 id)
{
	switch (id) {
	case 5: return "credit";
	case 6: return "credit2";
	case 7: return "arinc653";
	case 8: return "rtds";
	case 9: return "null";
	default: return NULL;
	}
}

/*
 * Ask Xen itself, as Dom0 may (xen-privcmd loaded): XEN_SYSCTL_sched_id.
 * Xen refuses a sysctl of another interface version with EACCES, so try
 * those of Xen 4.15 to 4.19.  True if the scheduler was found.
 */
static bool rte_xen_scheduler_privcmd(struct rte_env *env)
{
	static const u32 versions[] = { 0x15, 0x14, 0x13, 0x16 };
	struct rte_xen_sysctl op;
	struct rte_privcmd_hypercall call = {
		.op = RTE_HYPERVISOR_SYSCTL,
		.arg = { (u64)(uintptr_t)&op },
	};
	const char *name = NULL;
	size_t i;
	int fd;

	fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	for (i = 0; i < RTE_ARRAY_SIZE(versions) && !name; i++) {
		memset(&op, 0, sizeof(op));
		op.cmd = RTE_XEN_SYSCTL_SCHED_ID;
		op.interface_version = versions[i];
		if (!ioctl(fd, RTE_IOCTL_PRIVCMD_HYPERCALL, &call))
			name = rte_xen_sched_name(op.u.sched_id);
		else if (errno != EACCES)
			break;
	}
	close(fd);
	if (name) {
		rte_copy(env->xen_scheduler, sizeof(env->xen_scheduler), name);
		rte_evidence(env, "scheduler: XEN_SYSCTL_sched_id via /dev/xen/privcmd");
	}
	return name;
}

/*
 * Xen's scheduler: nothing in sysfs says it.  Ask Xen through privcmd if
 * xenfs says this is the control domain (a sysctl from anywhere else is
 * refused at best; from a dom0less guest it was seen never to return), or
 * else run "xl info" if it is installed, for at most two seconds.
 */
static void rte_xen_scheduler(struct rte_env *env, const char *root,
			      bool control_d)
{
	char *argv[3];
	posix_spawn_file_actions_t fa;
	char out[8192], *p;
	size_t used = 0;
	int pipefd[2];
	pid_t pid;
	u64 end = rte_now_ns() + 2 * RTE_NSEC_PER_SEC;

	/* only the real system has a hypervisor to ask */
	if (!root[0] && control_d && rte_xen_scheduler_privcmd(env))
		return;
	if (pipe(pipefd))
		return;
	argv[0] = "xl";
	argv[1] = "info";
	argv[2] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	if (posix_spawnp(&pid, "xl", &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		close(pipefd[0]);
		close(pipefd[1]);
		return;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	for (;;) {
		struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
		u64 now = rte_now_ns();
		ssize_t n;

		if (now >= end || poll(&pfd, 1, (int)((end - now) / 1000000) + 1) <= 0)
			break;
		n = read(pipefd[0], out + used, sizeof(out) - 1 - used);
		if (n <= 0)
			break;
		used += (size_t)n;
		if (used == sizeof(out) - 1)
			break;
	}
	close(pipefd[0]);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	out[used] = '\0';
	p = strstr(out, "xen_scheduler");
	if (p)
		p = strchr(p, ':');
	if (p)
		sscanf(p + 1, " %23[A-Za-z0-9_-]", env->xen_scheduler);
}

static void rte_env_xen(struct rte_env *env, const char *root)
{
	char caps[256], uuid[64], major[16], minor[16], extra[24];

	rte_read_text_at(root, "/proc/xen/capabilities", caps, sizeof(caps));
	rte_read_text_at(root, "/sys/hypervisor/uuid", uuid, sizeof(uuid));
	if (rte_dt_has(root, "/proc/device-tree/compatible", "xen,xenvm") ||
	    rte_exists(root, "/proc/device-tree/interrupt-controller@3001000")) {
		/*
		 * Xen builds its Arm guests' device tree: xl's say xen,xenvm at
		 * the root, dom0less ones say nothing there, but every guest's
		 * GIC distributor is at Xen's GUEST_GICD_BASE, 0x03001000.
		 */
		rte_copy(env->environment, sizeof(env->environment), RTE_ENV_XEN_GUEST);
		rte_evidence(env, "device tree: a Xen guest's (xen,xenvm or GIC at 0x03001000)");
	} else if (strstr(caps, "control_d")) {
		rte_copy(env->environment, sizeof(env->environment), RTE_ENV_XEN_DOM0);
		rte_evidence(env, "/proc/xen/capabilities: control_d");
	} else if (!caps[0] &&
		   !strcmp(uuid, "00000000-0000-0000-0000-000000000000")) {
		/* dom0less guests have a zero UUID too: the xenvm test above */
		rte_copy(env->environment, sizeof(env->environment), RTE_ENV_XEN_DOM0);
		rte_evidence(env, "/sys/hypervisor/uuid: all zero (domain 0)");
	} else {
		rte_copy(env->environment, sizeof(env->environment), RTE_ENV_XEN_GUEST);
		rte_evidence(env, caps[0] ? "/proc/xen/capabilities: no control_d" :
			     "not domain 0 (mount xenfs on /proc/xen to be sure)");
	}
	rte_read_text_at(root, "/sys/hypervisor/version/major", major, sizeof(major));
	rte_read_text_at(root, "/sys/hypervisor/version/minor", minor, sizeof(minor));
	rte_read_text_at(root, "/sys/hypervisor/version/extra", extra, sizeof(extra));
	/* a hostile sysfs may fill all three: cut, never overflow */
	if (major[0] && snprintf(env->xen_version, sizeof(env->xen_version),
				 "%s.%s%s", major, minor, extra) < 0)
		env->xen_version[0] = '\0';
	if (!strcmp(env->environment, RTE_ENV_XEN_DOM0))
		rte_xen_scheduler(env, root, strstr(caps, "control_d"));
}

static bool rte_env_kvm(struct rte_env *env, const char *root)
{
	char vendor[64], product[96], clocks[256], cpuinfo[8192];

	if (rte_dt_has(root, "/proc/device-tree/compatible", "linux,dummy-virt")) {
		rte_evidence(env, "device tree: linux,dummy-virt (QEMU virt machine)");
		return true;
	}
	rte_read_text_at(root, "/sys/class/dmi/id/sys_vendor", vendor, sizeof(vendor));
	rte_read_text_at(root, "/sys/class/dmi/id/product_name", product, sizeof(product));
	if (strstr(vendor, "QEMU") || strstr(product, "KVM") ||
	    strstr(product, "QEMU")) {
		rte_evidence(env, "DMI: QEMU/KVM system");
		return true;
	}
	rte_read_text_at(root, "/sys/devices/system/clocksource/clocksource0/available_clocksource",
			 clocks, sizeof(clocks));
	if (strstr(clocks, "kvm-clock")) {
		rte_evidence(env, "clocksource: kvm-clock");
		return true;
	}
	/* some hypervisor, but not one that says it is KVM */
	rte_read_text_at(root, "/proc/cpuinfo", cpuinfo, sizeof(cpuinfo));
	if (strstr(cpuinfo, " hypervisor"))
		rte_evidence(env, "/proc/cpuinfo: hypervisor flag");
	return false;
}

void rte_env_detect_platform(struct rte_env *env, const char *root)
{
	char type[32], model[96];

	env->evidence[0] = '\0';
	env->xen_version[0] = '\0';
	env->xen_scheduler[0] = '\0';
	rte_read_text_at(root, "/proc/device-tree/model", model, sizeof(model));
	if (!model[0])
		rte_read_text_at(root, "/sys/class/dmi/id/product_name", model,
				 sizeof(model));
	rte_copy(env->board, sizeof(env->board), model);
	env->emulated = strstr(model, "QEMU");

	rte_read_text_at(root, "/sys/hypervisor/type", type, sizeof(type));
	if (!strcmp(type, "xen")) {
		rte_evidence(env, "/sys/hypervisor/type: xen");
		rte_env_xen(env, root);
	} else if (rte_dt_has(root, "/proc/device-tree/hypervisor/compatible",
			      "xen,xen")) {
		rte_evidence(env, "device tree: /hypervisor xen,xen");
		rte_env_xen(env, root);
	} else if (rte_exists(root, "/proc/xen/capabilities")) {
		rte_evidence(env, "/proc/xen present");
		rte_env_xen(env, root);
	} else if (rte_env_kvm(env, root)) {
		rte_copy(env->environment, sizeof(env->environment), RTE_ENV_KVM_GUEST);
	} else if (env->evidence[0]) {
		rte_copy(env->environment, sizeof(env->environment), RTE_ENV_VM);
	} else {
		rte_copy(env->environment, sizeof(env->environment), RTE_ENV_BARE_METAL);
		rte_evidence(env,
			     "no hypervisor in /sys/hypervisor, /proc/xen, the device tree, DMI or /proc/cpuinfo");
	}
}
