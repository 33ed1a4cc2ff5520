/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libFuzzer harnesses of the tools' readers: the input as a file, since
 * the readers take paths (an anonymous memfd, reopened by its /proc name).
 */
#ifndef RTE_FUZZ_COMMON_H
#define RTE_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/types.h>

/*
 * The entry point libFuzzer calls, LLVMFuzzerTestOneInput(), under a name
 * of the kernel's style: each harness defines rte_fuzz_one().
 */
int rte_fuzz_one(const u8 *data, size_t size)
	__asm__("LLVMFuzzerTestOneInput");

/* The input as the file @path names; aborts if that cannot be. */
static inline void rte_fuzz_file(const u8 *data, size_t size,
				 char *path, size_t len)
{
	static int fd = -1;

	if (fd < 0)
		fd = memfd_create("rte-fuzz", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, 0) ||
	    pwrite(fd, data, size, 0) != (ssize_t)size) {
		perror("rte-fuzz: memfd");
		abort();
	}
	snprintf(path, len, "/proc/self/fd/%d", fd);
}

#endif
