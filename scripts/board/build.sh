#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cross-build what the emulated board runs, for one kernel flavour: the
# module (W=1, sparse) against that flavour's Debian headers, and the
# kselftests, statically linked for arm64, into OUT.
set -euo pipefail
RTE_PROG=build.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<EOF
usage: scripts/board/build.sh std|rt|debug OUT
  Builds OUT/payload/rt_eval_tmu.ko (W=1, C=2 sparse; the log is
  OUT/module.log) and installs the kselftests into OUT/payload/kselftest,
  ready to be the board's payload.  Exit 1 on a build error or any
  compiler or sparse warning.  Run scripts/board/fetch.sh first.
EOF
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -eq 2 ]] || rte_usage_error "expected 2 arguments, got $#"
	local flavour=$1 out=$2 src
	rte_is_kernel "$flavour" || rte_usage_error "flavour must be std, rt or debug"
	rte_need_cmd aarch64-linux-gnu-gcc sparse make
	rte_load_env "$flavour"
	mkdir -p "$out"
	out=$(cd "$out" && pwd)

	# kbuild of 6.1 builds in the source directory: use a private copy
	src=$out/src
	rm -rf "$src"
	mkdir -p "$src"
	cp -r "$RTE_REPO/Kbuild" "$RTE_REPO/driver" "$RTE_REPO/include" \
		"$RTE_REPO/common" "$src/"
	rm -rf "$src/driver/tests"
	if ! make -C "$KDIR" M="$src" W=1 C=2 CHECK=sparse modules \
		>"$out/module.log" 2>&1; then
		cat "$out/module.log" >&2
		rte_die "module build against $KREL failed (log: $out/module.log)"
	fi
	if grep -E 'warning:|error:' "$out/module.log" >&2; then
		rte_die "module build against $KREL has warnings (log: $out/module.log)"
	fi
	# the test-only module that registers a TTC without device tree
	rm -rf "$out/nodt"
	cp -r "$RTE_REPO/scripts/board/nodt" "$out/nodt"
	if ! make -C "$KDIR" M="$out/nodt" W=1 C=2 CHECK=sparse modules \
		>"$out/nodt.log" 2>&1 || grep -E 'warning:|error:' "$out/nodt.log" >&2; then
		cat "$out/nodt.log" >&2
		rte_die "test module build against $KREL failed (log: $out/nodt.log)"
	fi
	mkdir -p "$out/payload"
	cp "$src/rt_eval_tmu.ko" "$out/nodt/rte_nodt_ttc.ko" \
		"$RTE_REPO/scripts/board/guest-lib.sh" "$out/payload/"
	# Dom0 runs mount xenfs; Debian builds it and privcmd as modules
	if [[ -n ${MODDIR:-} && -f $MODDIR/kernel/drivers/xen/xenfs/xenfs.ko ]]; then
		cp "$MODDIR/kernel/drivers/xen/xen-privcmd.ko" \
			"$MODDIR/kernel/drivers/xen/xenfs/xenfs.ko" "$out/payload/"
	fi

	# the kselftests, installed as on a board (lib.mk of 6.1 tracks no
	# header dependencies: always build afresh)
	rm -rf "$out/kselftest" "$out/payload/kselftest"
	make -s -C "$RTE_REPO/selftests" install \
		KSFT_DIR="$LINUX_SRC/tools/testing/selftests" \
		CC=aarch64-linux-gnu-gcc LDFLAGS=-static BUILD="$out/kselftest" \
		INSTALL_PATH="$out/payload/kselftest" >"$out/kselftest.log" 2>&1 ||
		{ cat "$out/kselftest.log" >&2; rte_die "kselftest build failed"; }
	# the collector, static, for the guest.d checks
	make -s -C "$RTE_REPO/tools" CC=aarch64-linux-gnu-gcc LDFLAGS=-static \
		OUT="$out/tools" >"$out/tools.log" 2>&1 ||
		{ cat "$out/tools.log" >&2; rte_die "tools build failed"; }
	cp "$out/tools/rt-eval-collect" "$out/payload/"
	cp "$RTE_REPO/udev/60-rt-eval-tmu.rules" "$RTE_REPO/tools/rt-eval-collect@.service" "$out/payload/"
	rm -rf "$out/payload/guest.d"
	if compgen -G "$RTE_REPO/scripts/board/guest.d/*.sh" >/dev/null; then
		mkdir -p "$out/payload/guest.d"
		cp "$RTE_REPO"/scripts/board/guest.d/*.sh "$out/payload/guest.d/"
	fi
	rte_log "$flavour ($KREL): module and kselftests in $out/payload"
}

main "$@"
