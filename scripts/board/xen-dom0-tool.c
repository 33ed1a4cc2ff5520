// SPDX-License-Identifier: GPL-2.0
/*
 * The two things Dom0 needs from Xen to run the emulated board's dom0less
 * guest test without a toolstack (no xl, no libxenctrl in a busybox
 * initramfs), as hypercalls through /dev/xen/privcmd:
 *
 *   xen-dom0-tool wait DOMID SECONDS
 *	wait until domain DOMID has shut down (XEN_DOMCTL_getdomaininfo,
 *	polled every 100 ms); print the shutdown reason; exit 0 if the
 *	domain powered off, 1 if it shut down otherwise (crash, reboot,
 *	...), 2 on timeout or error
 *   xen-dom0-tool keys KEYS
 *	send debug keys to Xen (XEN_SYSCTL_debug_keys), as "xl debug-keys"
 *	does: "i" dumps the interrupt routing into Xen's console
 *
 * The structures are the few fields used, laid out as in Xen 4.17's public
 * domctl.h and sysctl.h (interface version 0x15 for both); another Xen
 * refuses the call with EACCES, which is reported as such.
 *
 * Built by scripts/board/boot.sh (static, arm64) for Dom0's payload.
 */
#define _POSIX_C_SOURCE 200809L
#include <linux/types.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* Linux's include/uapi/xen/privcmd.h, which includes a header not exported */
struct privcmd_hypercall {
	__u64 op;
	__u64 arg[5];
};

#define IOCTL_PRIVCMD_HYPERCALL \
	_IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

#define HYPERVISOR_SYSCTL	35
#define HYPERVISOR_DOMCTL	36
#define XEN_417_INTERFACE	0x15	/* XEN_{DOM,SYS}CTL_INTERFACE_VERSION */
#define DOMCTL_GETDOMAININFO	5
#define SYSCTL_DEBUG_KEYS	7
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define DOMINF_SHUTDOWN		0x4	/* bit 2 */
#define DOMINF_SHUTDOWN_SHIFT	16
#define DOMINF_SHUTDOWN_MASK	255

struct domctl {
	__u32 cmd;
	__u32 interface_version;
	__u16 domain;
	__u16 pad[3];
	union {
		struct {
			__u16 domain;
			__u16 pad1;
			__u32 flags;
		} getdomaininfo;
		__u8 pad[128];
		__u64 align;
	} u;
};

struct sysctl {
	__u32 cmd;
	__u32 interface_version;
	union {
		struct {
			__u64 keys;	/* XEN_GUEST_HANDLE_64(const_char) */
			__u32 nr_keys;
		} debug_keys;
		__u8 pad[128];
		__u64 align;
	} u;
};

static const char *const reasons[] = {
	"poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
};

/* /dev/xen/privcmd, through which Dom0 makes hypercalls; exits if absent */
static int privcmd_open(void)
{
	int fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		perror("xen-dom0-tool: /dev/xen/privcmd (load xen-privcmd.ko)");
		exit(2);
	}
	return fd;
}

/* hypercall: 0, or -1 with errno set (Xen's errno values are Linux's) */
static int hypercall(int fd, __u64 op, void *arg)
{
	struct privcmd_hypercall call = {
		.op = op,
		.arg = { (__u64)(uintptr_t)arg },
	};

	if (ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &call) < 0) {
		if (errno == EACCES)
			fprintf(stderr, "xen-dom0-tool: Xen refused the call: %s\n",
				"not Dom0, or not Xen 4.17's interface");
		return -1;
	}
	return 0;
}

/* domain_flags: XEN_DOMINF_* of DOMID, or -1 (errno ESRCH: no such domain) */
static __s64 domain_flags(int fd, unsigned int domid)
{
	struct domctl op;

	memset(&op, 0, sizeof(op));
	op.cmd = DOMCTL_GETDOMAININFO;
	op.interface_version = XEN_417_INTERFACE;
	op.domain = domid;
	if (hypercall(fd, HYPERVISOR_DOMCTL, &op))
		return -1;
	/* Xen 4.17 answers with the next domain if DOMID does not exist. */
	if (op.u.getdomaininfo.domain != domid) {
		errno = ESRCH;
		return -1;
	}
	return op.u.getdomaininfo.flags;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int wait_domain(int fd, unsigned int domid, double seconds)
{
	double t0 = now(), t;
	unsigned int reason;
	__s64 flags;

	for (;;) {
		flags = domain_flags(fd, domid);
		t = now() - t0;
		if (flags < 0) {
			fprintf(stderr, "xen-dom0-tool: domain %u: %s\n", domid,
				strerror(errno));
			return 2;
		}
		if (flags & DOMINF_SHUTDOWN)
			break;
		if (t >= seconds) {
			printf("domain %u still running after %.1f s\n", domid, t);
			return 2;
		}
		nanosleep(&(struct timespec){ .tv_nsec = 100000000 }, NULL);
	}
	reason = (flags >> DOMINF_SHUTDOWN_SHIFT) & DOMINF_SHUTDOWN_MASK;
	printf("domain %u shut down (%s) after %.1f s of waiting\n", domid,
	       reason < ARRAY_SIZE(reasons) ?
	       reasons[reason] : "unknown reason", t);
	return reason == 0 ? 0 : 1;
}

static int debug_keys(int fd, const char *keys)
{
	struct sysctl op;

	memset(&op, 0, sizeof(op));
	op.cmd = SYSCTL_DEBUG_KEYS;
	op.interface_version = XEN_417_INTERFACE;
	op.u.debug_keys.keys = (__u64)(uintptr_t)keys;
	op.u.debug_keys.nr_keys = strlen(keys);
	if (hypercall(fd, HYPERVISOR_SYSCTL, &op)) {
		perror("xen-dom0-tool: debug keys");
		return 2;
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "%s: xen-dom0-tool wait DOMID SECONDS | keys KEYS\n", "usage");
	return 2;
}

int main(int argc, char **argv)
{
	char *end;
	unsigned long domid;
	double seconds;

	if (argc == 4 && !strcmp(argv[1], "wait")) {
		domid = strtoul(argv[2], &end, 10);
		if (*end || end == argv[2] || domid == 0 || domid > 0x7fef)
			return usage();
		seconds = strtod(argv[3], &end);
		if (*end || end == argv[3] || seconds <= 0)
			return usage();
		return wait_domain(privcmd_open(), domid, seconds);
	}
	if (argc == 3 && !strcmp(argv[1], "keys") && argv[2][0])
		return debug_keys(privcmd_open(), argv[2]);
	return usage();
}
