#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Smoke test of the sh4 r2d setup: build (or reuse) the kernel, build the
# out-of-tree smoke modules against it, boot, and run smoke.rc: console,
# sh_tmu on TMU0-2 only (TMU3/TMU4 at 0xfe100000 free), insmod/rmmod,
# TMU3 and TMU4 interrupts reaching Linux (rte_tmu34.ko).
set -euo pipefail
RTE_PROG=sh4/smoke.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"
export ARCH=sh CROSS_COMPILE=sh4-linux-gnu-

usage() {
	cat <<EOF
usage: scripts/sh4/smoke.sh [CACHE_DIR]
  CACHE_DIR as for build-kernel.sh (default \$RTE_CACHE/sh4).
  Exit status: boot.sh's.
EOF
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -le 1 ]] || rte_usage_error "one argument at most"
	local cache=${1:-$RTE_CACHE/sh4} here=$RTE_REPO/scripts/sh4
	local mod=$RTE_REPO/build/sh4/smoke-modules m
	"$here/build-kernel.sh" "$cache"
	rte_source_env "$cache/env"

	rte_log "building the smoke modules against $KDIR"
	rm -rf "$mod" && mkdir -p "$mod"
	cp "$here"/smoke-modules/* "$mod/"
	make -C "$KDIR" M="$mod" modules >"$mod/build.log" 2>&1 ||
		{ cat "$mod/build.log"; rte_die "module build failed"; }
	for m in rte_hello rte_tmu34; do
		grep -q sh_no_treg_combine_plugin "$mod/.$m.o.cmd" ||
			rte_die "$m was built without the workaround plugin"
	done

	"$here/boot.sh" --cache "$cache" --rc "$here/smoke.rc" \
		--module "$mod/rte_hello.ko" --module "$mod/rte_tmu34.ko" \
		--timeout 120
}

main "$@"
