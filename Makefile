# SPDX-License-Identifier: GPL-2.0
#
# rt_eval_tmu - IRQ latency measurement with a spare SoC timer
#
#   make                  build the module against KDIR (a real board:
#                         make KDIR=<kernel build dir> ARCH=arm64 \
#                              CROSS_COMPILE=aarch64-linux-gnu-)
#   make demo             run it on the emulated ZCU102 for about 30 s
#   make check            every test (native, build, checkpatch, emulated board)
#   make check-debug      the board tests on a lockdep/KASAN/kmemleak kernel
#   make unit             the native unit tests only
#   make dtbs             device-tree overlays (dts-overlays/build/*.dtbo)
#   make modules_install  install into KDIR's kernel module tree
#   make clean            remove build output (build/ and kbuild objects)
#
# Kbuild reads ./Kbuild, not this file.

KDIR ?= /lib/modules/$(shell uname -r)/build
HOSTCC ?= cc
# kselftest_harness.h, from the kernel source that scripts/board/fetch.sh
# unpacks (or any kernel tree's tools/testing/selftests)
KSFT_DIR ?= $(HOME)/.cache/rt_eval_tmu/linux-source/tools/testing/selftests
UNIT_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -isystem $(KSFT_DIR) \
	-Itools/include -Icommon
UNIT_DIR := build/unit

all: modules

modules modules_install:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $@

clean:
	rm -rf build
	$(MAKE) -C dts-overlays clean
	find driver . -maxdepth 1 \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name modules.order \
		-o -name Module.symvers \) -delete

$(UNIT_DIR)/test_common: common/tests/test_common.c $(wildcard common/*.h) \
		$(wildcard tools/include/linux/*.h)
	@mkdir -p $(UNIT_DIR)
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< -lm

unit: $(UNIT_DIR)/test_common
	$(UNIT_DIR)/test_common

check:
	scripts/check.sh

check-debug:
	scripts/check.sh --flavours debug

dtbs:
	$(MAKE) -C dts-overlays

demo:
	scripts/demo.sh

.PHONY: all modules modules_install clean unit check check-debug demo dtbs
