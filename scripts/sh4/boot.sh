#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the sh4 test kernel of build-kernel.sh on QEMU's r2d board with an
# initramfs whose /init (rte-init.c) runs an rte.rc command file, tee the
# console to stdout and a log, and exit 0 when rte-init reports no failure.
# The console is the second SCIF (ttySC1): -serial null -serial stdio.
set -euo pipefail
RTE_PROG=sh4/boot.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"
export ARCH=sh CROSS_COMPILE=sh4-linux-gnu-

usage() {
	cat <<EOF
usage: scripts/sh4/boot.sh --rc FILE [--module KO]... [--bin PROG]...
                           [--cache DIR] [--timeout SEC] [--log FILE]
                           [--append ARGS]
  --rc       command file run by /init (built-ins: see rte-init.c)
  --module   a .ko put in /lib/modules/ of the initramfs (repeatable)
  --bin      a static sh4 program put in /bin/ of the initramfs, for
             rte-init's "run" (repeatable; not linked with Debian's libc)
  --cache    build-kernel.sh's cache directory (default \$RTE_CACHE/sh4)
  --timeout  hard limit for the QEMU run (default 120)
  --log      console log (default build/sh4/boot.log)
  --append   extra kernel command line arguments
Exit status: 0 when /init printed "rte-init: done, 0 failure(s)", 1 when it
reported failures, 124 on timeout, 125 when it never got that far (kernel
panic, crash), 2 on bad arguments.  Run scripts/sh4/build-kernel.sh first.
EOF
}

RC='' CACHE=$RTE_CACHE/sh4 TIMEOUT=120 LOG='' APPEND='' MODULES=() BINS=()

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		--rc) RC=${2:?}; shift 2 ;;
		--module) MODULES+=("${2:?}"); shift 2 ;;
		--bin) BINS+=("${2:?}"); shift 2 ;;
		--cache) CACHE=${2:?}; shift 2 ;;
		--timeout) TIMEOUT=${2:?}; shift 2 ;;
		--log) LOG=${2:?}; shift 2 ;;
		--append) APPEND=${2:?}; shift 2 ;;
		-h | --help) usage; exit 0 ;;
		*) rte_usage_error "unknown argument: $1" ;;
		esac
	done
	[[ -n $RC ]] || rte_usage_error "--rc is required"
	[[ -r $RC ]] || rte_usage_error "$RC: not readable"
	[[ $TIMEOUT =~ ^[0-9]+$ ]] || rte_usage_error "--timeout: seconds expected"
	local m
	for m in "${MODULES[@]}" "${BINS[@]}"; do
		[[ -r $m ]] || rte_usage_error "$m: not readable"
	done
}

# build_initramfs DIR: DIR/init (rte-init) and DIR/initramfs.cpio.gz.
build_initramfs() {
	local dir=$1 list=$1/initramfs.list m
	# Freestanding (Debian's sh4 glibc is miscompiled) and built with the
	# same workaround plugin as the kernel.
	"${CROSS_COMPILE}gcc" -fplugin="$PLUGIN" -static -nostdlib \
		-ffreestanding -fno-builtin -O2 -Wall -Wextra -Werror \
		-o "$dir/init" "$RTE_REPO/scripts/sh4/rte-init.c" ||
		rte_die "building rte-init failed"
	cat >"$list" <<EOF
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
dir /sys 0755 0 0
dir /etc 0755 0 0
dir /lib 0755 0 0
dir /lib/modules 0755 0 0
dir /bin 0755 0 0
dir /tmp 1777 0 0
file /init $dir/init 0755 0 0
file /etc/rte.rc $(realpath "$RC") 0644 0 0
EOF
	for m in "${MODULES[@]}"; do
		echo "file /lib/modules/$(basename "$m") $(realpath "$m") 0644 0 0" >>"$list"
	done
	for m in "${BINS[@]}"; do
		echo "file /bin/$(basename "$m") $(realpath "$m") 0755 0 0" >>"$list"
	done
	"$GEN_INIT_CPIO" "$list" | gzip -9 >"$dir/initramfs.cpio.gz" ||
		rte_die "gen_init_cpio failed"
}

main() {
	parse_args "$@"
	rte_need_cmd qemu-system-sh4 "${CROSS_COMPILE}gcc" gzip timeout
	rte_source_env "$CACHE/env"
	# The env file is build-kernel.sh's, not fetch.sh's.
	[[ -x ${GEN_INIT_CPIO:-} && -r ${ZIMAGE:-} && -r ${PLUGIN:-} ]] ||
		rte_die "$CACHE/env is incomplete; run scripts/sh4/build-kernel.sh"

	local work=$RTE_REPO/build/sh4 rc=0
	LOG=${LOG:-$work/boot.log}
	mkdir -p "$work" "$(dirname "$LOG")"
	build_initramfs "$work"

	rte_log "booting $KREL on qemu-system-sh4 -M r2d (timeout ${TIMEOUT}s, log $LOG)"
	SECONDS=0
	timeout --foreground -k 5 "$TIMEOUT" qemu-system-sh4 -M r2d \
		-kernel "$ZIMAGE" -initrd "$work/initramfs.cpio.gz" \
		-append "panic=-1${APPEND:+ $APPEND}" \
		-serial null -serial stdio -display none -monitor none \
		-no-reboot </dev/null | tee "$LOG" || rc=$?
	[[ $rc -eq 124 ]] && { rte_log "timeout after ${TIMEOUT}s"; exit 124; }
	rte_log "qemu ran ${SECONDS}s"
	if grep -q '^rte-init: done, 0 failure(s)' "$LOG"; then
		exit 0
	elif grep -q '^rte-init: done, ' "$LOG"; then
		exit 1
	fi
	rte_log "/init never finished (see $LOG)"
	exit 125
}

main "$@"
