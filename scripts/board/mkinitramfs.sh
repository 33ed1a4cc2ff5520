#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the gzip'd newc initramfs the emulated board boots: busybox-static
# (arm64, from fetch.sh's cache), an /init that mounts the usual pseudo file
# systems, runs /payload/run.sh, prints "RTE-BOARD-EXIT: <rc>" and powers
# off. No root needed: /dev/console is written as a hand-made cpio entry.
set -euo pipefail
RTE_PROG=mkinitramfs.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<EOF
usage: scripts/board/mkinitramfs.sh OUT.cpio.gz PAYLOAD_DIR SCRIPT
  PAYLOAD_DIR  its files are copied to /payload (module, test binaries, ...)
  SCRIPT       copied to /payload/run.sh and run by /init with sh;
               its exit status is printed as "RTE-BOARD-EXIT: <rc>"
Uses BUSYBOX from \$RTE_CACHE/env-common (scripts/board/fetch.sh).
EOF
}

# The guest's /init (busybox sh).
write_init() {
	cat >"$1" <<'EOF'
#!/bin/sh
# /init of the rt_eval_tmu board (scripts/board/mkinitramfs.sh)
/bin/busybox mkdir -p /proc /sys /dev /tmp /sbin /usr/bin /usr/sbin
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t tmpfs tmpfs /tmp
echo
echo "RTE-BOARD-START: $(uname -r) cpus=$(nproc)"
cd /payload && sh /payload/run.sh
rc=$?
echo
echo "RTE-BOARD-EXIT: $rc"
sync
poweroff -f
# Still here? Leaving /init panics the kernel; panic=-1 -no-reboot stop QEMU.
EOF
	chmod 755 "$1"
}

# newc_entry NAME MODE RDEV_MAJOR RDEV_MINOR: one data-less newc cpio entry.
newc_entry() {
	local namesize=$((${#1} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		0 "$2" 0 0 1 0 0 0 0 "$3" "$4" "$namesize" 0
	printf '%s\0' "$1"
	# header (110 bytes) + name are padded to a multiple of 4
	printf '%*s' $(((4 - (110 + namesize) % 4) % 4)) '' | tr ' ' '\0'
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -eq 3 ]] || rte_usage_error "expected 3 arguments, got $#"
	local out=$1 payload=$2 script=$3 stage
	[[ -d $payload ]] || rte_usage_error "PAYLOAD_DIR '$payload' is not a directory"
	[[ -f $script ]] || rte_usage_error "SCRIPT '$script' is not a file"
	rte_need_cmd cpio gzip
	[[ -n ${BUSYBOX:-} ]] || rte_source_env "$RTE_CACHE/env-common"
	[[ -x $BUSYBOX ]] || rte_die "busybox $BUSYBOX missing; run scripts/board/fetch.sh"

	stage=$(mktemp -d)
	# shellcheck disable=SC2064 # expand now: stage is local
	trap "rm -rf '$stage'" EXIT
	mkdir -p "$stage/bin" "$stage/payload"
	cp "$BUSYBOX" "$stage/bin/busybox"
	ln -s busybox "$stage/bin/sh"
	write_init "$stage/init"
	cp -a "$payload/." "$stage/payload/"
	cp "$script" "$stage/payload/run.sh"

	mkdir -p "$(dirname "$out")"
	{
		# /dev/console must exist before /init runs (it becomes its stdio).
		newc_entry dev $((8#040755)) 0 0
		newc_entry dev/console $((8#020600)) 5 1
		newc_entry 'TRAILER!!!' 0 0 0
		(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
			cpio --quiet -o -H newc -R 0:0 --reproducible)
	} | gzip -n >"$out.tmp" || rte_die "writing $out failed"
	mv -f "$out.tmp" "$out"
	rte_log "wrote $out ($(rte_du "$out"))"
}

main "$@"
