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
#   make install          the tools, man pages, uapi header, udev rule,
#                         systemd unit, sysusers/tmpfiles, logrotate and
#                         (with KSFT_DIR=<linux>/tools/testing/selftests)
#                         the kselftests; DESTDIR, PREFIX=/usr/local
#                         (Documentation/lab.rst lists every path)
#   make dkms-src         the module's sources for DKMS, in
#                         DESTDIR/usr/src/rt_eval_tmu-<version> (dkms.conf)
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

DESTDIR ?=
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
INCLUDEDIR ?= $(PREFIX)/include
KSFT_INSTALL ?= $(PREFIX)/lib/rt_eval_tmu/kselftest
# Debian 12's places for packaged files (not under PREFIX: udev and
# systemd read only these)
UDEVRULESDIR ?= /lib/udev/rules.d
SYSTEMDUNITDIR ?= /lib/systemd/system
SYSUSERSDIR ?= /usr/lib/sysusers.d
TMPFILESDIR ?= /usr/lib/tmpfiles.d
LOGROTATEDIR ?= /etc/logrotate.d
KSFT_DIR ?=
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' dkms.conf)

all: modules

modules modules_install:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $@

clean:
	rm -rf build
	if [ -d dts-overlays ]; then $(MAKE) -C dts-overlays clean; fi
	find driver . -maxdepth 1 \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name modules.order \
		-o -name Module.symvers \) -delete

UNIT_TESTS := $(UNIT_DIR)/test_arith $(UNIT_DIR)/test_measure

$(UNIT_DIR)/test_%: common/tests/test_%.c common/tests/test_common.h \
		$(wildcard common/*.h) $(wildcard tools/include/linux/*.h)
	@mkdir -p $(UNIT_DIR)
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< -lm

unit: $(UNIT_TESTS)
	@fail=0; for t in $(UNIT_TESTS); do $$t || fail=1; done; exit $$fail

install:
	$(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) BINDIR=$(BINDIR)
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(INCLUDEDIR)/linux \
		$(DESTDIR)$(UDEVRULESDIR) $(DESTDIR)$(SYSTEMDUNITDIR) \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
		$(DESTDIR)$(LOGROTATEDIR)
	install -m 0644 tools/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 include/uapi/linux/rt_eval_tmu.h $(DESTDIR)$(INCLUDEDIR)/linux/
	install -m 0644 udev/60-rt-eval-tmu.rules $(DESTDIR)$(UDEVRULESDIR)/
	sed 's#/usr/local/bin/#$(BINDIR)/#' tools/rt-eval-collect@.service \
		>$(DESTDIR)$(SYSTEMDUNITDIR)/rt-eval-collect@.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/rt-eval-collect@.service
	install -m 0644 udev/rt-eval.sysusers $(DESTDIR)$(SYSUSERSDIR)/rt-eval.conf
	install -m 0644 udev/rt-eval.tmpfiles $(DESTDIR)$(TMPFILESDIR)/rt-eval.conf
	install -m 0644 tools/rt-eval-collect.logrotate \
		$(DESTDIR)$(LOGROTATEDIR)/rt-eval-collect
	@if [ -n "$(KSFT_DIR)" ] && [ -f "$(KSFT_DIR)/kselftest/runner.sh" ]; then \
		$(MAKE) -C selftests install KSFT_DIR=$(KSFT_DIR) \
			INSTALL_PATH=$(DESTDIR)$(KSFT_INSTALL) && \
		echo "kselftests installed in $(KSFT_INSTALL)"; \
	else \
		echo "kselftests not installed: set KSFT_DIR=<linux>/tools/testing/selftests"; \
	fi

dkms-src:
	install -d $(DESTDIR)/usr/src/rt_eval_tmu-$(DKMS_VERSION)
	cp -r Kbuild Makefile dkms.conf driver include common \
		$(DESTDIR)/usr/src/rt_eval_tmu-$(DKMS_VERSION)/
	rm -rf $(DESTDIR)/usr/src/rt_eval_tmu-$(DKMS_VERSION)/common/tests

check:
	scripts/check.sh

check-debug:
	scripts/check.sh --flavours debug

dtbs:
	$(MAKE) -C dts-overlays

demo:
	scripts/demo.sh

.PHONY: all modules modules_install install dkms-src clean unit check check-debug \
	demo dtbs
