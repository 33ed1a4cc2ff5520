#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a Debian arm64 kernel on QEMU's emulated ZCU102 with an initramfs that
# runs SCRIPT over PAYLOAD_DIR, tee the console to stdout and a log, and exit
# with SCRIPT's exit status (from the "RTE-BOARD-EXIT: <rc>" line).
set -euo pipefail
RTE_PROG=boot.sh
BOARD_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/board/lib.sh
. "$BOARD_DIR/lib.sh"

usage() {
	cat <<EOF
usage: scripts/board/boot.sh --flavour std|rt|debug --payload DIR --script FILE
                             [--timeout SEC] [--log FILE] [--smp N]
                             [--icount] [--append ARGS] [--xen]
  --flavour  std (Debian arm64), rt (Debian rt-arm64, PREEMPT_RT) or debug
             (scripts/debug-kernel/build.sh: lockdep, KASAN, kmemleak)
  --payload  directory copied to /payload in the guest
  --script   shell script run as /payload/run.sh (cwd /payload)
  --timeout  hard limit for the whole QEMU run (default 300)
  --log      console log (default build/board/boot-<flavour>.log)
  --smp      number of CPUs, 1..2 (default 2)
  --icount   -icount shift=0,sleep=off: emulated time follows executed
             instructions, so timings repeat run to run
  --append   extra kernel command line arguments
  --xen      boot Debian's Xen 4.17 with the kernel and initramfs as Dom0
             (QEMU virtualization=on); the script runs in Dom0
  --xen-args extra Xen command line arguments (e.g. sched=credit)
Exit status: the script's, 124 on timeout, 125 when the guest never printed
RTE-BOARD-EXIT (kernel panic, crash), 2 on bad arguments.
Run scripts/board/fetch.sh first.
EOF
}

DTS=$BOARD_DIR/zcu102-rt-eval.dts
MEM=1G # the DTS memory node says 1 GiB too

FLAVOUR='' PAYLOAD='' SCRIPT='' TIMEOUT=300 LOG='' SMP=2 ICOUNT=0 APPEND=''
MODE=linux XEN_ARGS=''
# Where QEMU's loader puts Dom0's kernel and initramfs for Xen (the window
# between them holds a 36 MiB kernel), and Xen's and Dom0's command lines.
XEN_KERNEL_ADDR=0x10000000
XEN_INITRD_ADDR=0x12400000
XEN_BOOTARGS='console=dtuart dtuart=serial0 dom0_mem=512M bootscrub=0 vwfi=native'
XEN_DOM0_ARGS='console=hvc0 earlycon=xen rdinit=/init panic=-1'

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--icount) ICOUNT=1; shift; continue ;;
		--xen) MODE=xen; shift; continue ;;
		--flavour | --payload | --script | --timeout | --log | --smp | --append | --xen-args)
			[[ $# -ge 2 ]] || rte_usage_error "$1 needs a value" ;;
		*) rte_usage_error "unknown argument '$1'" ;;
		esac
		case $1 in
		--flavour) FLAVOUR=$2 ;;
		--payload) PAYLOAD=$2 ;;
		--script) SCRIPT=$2 ;;
		--timeout) TIMEOUT=$2 ;;
		--log) LOG=$2 ;;
		--smp) SMP=$2 ;;
		--append) APPEND=$2 ;;
		--xen-args) XEN_ARGS=$2 ;;
		esac
		shift 2
	done
	rte_is_kernel "$FLAVOUR" || rte_usage_error "--flavour must be std, rt or debug"
	[[ -d $PAYLOAD ]] || rte_usage_error "--payload '$PAYLOAD' is not a directory"
	[[ -f $SCRIPT ]] || rte_usage_error "--script '$SCRIPT' is not a file"
	[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || rte_usage_error "--timeout must be a positive number of seconds"
	[[ $SMP =~ ^[12]$ ]] || rte_usage_error "--smp must be 1 or 2 (CPUs in $(basename "$DTS"))"
	LOG=${LOG:-$RTE_BUILD/boot-$FLAVOUR.log}
}

# build_dtb OUT: compile the DTS (cached by checksum), trimmed to SMP CPUs.
build_dtb() {
	local sum cached n
	sum=$({ cat "$DTS"; dtc --version; } | sha256sum | cut -c1-16)
	cached=$RTE_BUILD/dtb/zcu102-rt-eval-$sum.dtb
	if [[ ! -f $cached ]]; then
		mkdir -p "$(dirname "$cached")"
		dtc -q -I dts -O dtb -o "$cached.tmp" "$DTS" ||
			rte_die "dtc failed on $DTS"
		mv -f "$cached.tmp" "$cached"
	fi
	cp "$cached" "$1"
	n=$(fdtget -l "$1" /cpus | grep -c '^cpu@')
	while ((n > SMP)); do
		n=$((n - 1))
		fdtput -r "$1" "/cpus/cpu@$n" || rte_die "fdtput: cannot drop /cpus/cpu@$n from $1"
	done
}

# qemu_cmdline_linux RUNDIR: QEMU_CMD for booting the kernel directly (EL1,
# QEMU provides PSCI over SMC).
qemu_cmdline_linux() {
	QEMU_CMD=(qemu-system-aarch64 -M xlnx-zcu102 -m "$MEM" -smp "$SMP"
		-nographic -no-reboot
		-kernel "$VMLINUZ" -initrd "$1/initrd.gz" -dtb "$1/board.dtb"
		-append "console=ttyPS0,115200 panic=-1${APPEND:+ $APPEND}")
	if ((ICOUNT)); then
		QEMU_CMD+=(-icount 'shift=0,sleep=off')
	fi
}

# xen_dtb DTB RUNDIR: add what Xen needs to the board DTB: the command
# lines and Dom0's kernel and initramfs as multiboot modules in /chosen.
xen_dtb() {
	local dtb=$1 ksize isize
	ksize=$(stat -c %s "$VMLINUZ")
	isize=$(stat -c %s "$2/initrd.gz")
	((ksize < XEN_INITRD_ADDR - XEN_KERNEL_ADDR)) ||
		rte_die "$VMLINUZ ($ksize bytes) overlaps the initramfs at $XEN_INITRD_ADDR"
	fdt -t i "$dtb" /chosen '#address-cells' 2
	fdt -t i "$dtb" /chosen '#size-cells' 2
	fdt -t s "$dtb" /chosen xen,xen-bootargs "$XEN_BOOTARGS${XEN_ARGS:+ $XEN_ARGS}"
	fdt -t s "$dtb" /chosen xen,dom0-bootargs "$XEN_DOM0_ARGS${APPEND:+ $APPEND}"
	fdt -c "$dtb" /chosen/module@10000000 /chosen/module@12400000
	fdt -t s "$dtb" /chosen/module@10000000 compatible multiboot,kernel multiboot,module
	fdt -t x "$dtb" /chosen/module@10000000 reg 0 "$XEN_KERNEL_ADDR" 0 "$(printf %x "$ksize")"
	fdt -t s "$dtb" /chosen/module@12400000 compatible multiboot,ramdisk multiboot,module
	fdt -t x "$dtb" /chosen/module@12400000 reg 0 "$XEN_INITRD_ADDR" 0 "$(printf %x "$isize")"
}

# fdt ARGS...: fdtput, or die naming what failed
fdt() {
	fdtput "$@" || rte_die "fdtput $* failed"
}

# qemu_cmdline_xen RUNDIR: QEMU_CMD for Xen at EL2 with the kernel as Dom0.
qemu_cmdline_xen() {
	[[ -f ${XEN:-} ]] || rte_die "Xen image missing; run scripts/board/fetch.sh"
	xen_dtb "$1/board.dtb" "$1"
	QEMU_CMD=(qemu-system-aarch64 -M "xlnx-zcu102,virtualization=on" -m "$MEM"
		-smp "$SMP" -nographic -no-reboot
		-kernel "$XEN" -dtb "$1/board.dtb"
		-device "loader,file=$VMLINUZ,addr=$XEN_KERNEL_ADDR,force-raw=on"
		-device "loader,file=$1/initrd.gz,addr=$XEN_INITRD_ADDR,force-raw=on")
	if ((ICOUNT)); then
		QEMU_CMD+=(-icount 'shift=0,sleep=off')
	fi
}

# run_qemu: run QEMU_CMD under a hard timeout, console to stdout and LOG
# (carriage returns stripped, line by line); returns QEMU's (or timeout's) status.
run_qemu() {
	local st
	mkdir -p "$(dirname "$LOG")"
	rte_log "${QEMU_CMD[*]}"
	set +e
	QEMU_AUDIO_DRV=none timeout -k 10 "$TIMEOUT" "${QEMU_CMD[@]}" </dev/null 2>&1 |
		sed -u 's/\r//g' | tee "$LOG"
	st=${PIPESTATUS[0]}
	set -e
	return "$st"
}

main() {
	local run st=0 t0 rc
	parse_args "$@"
	rte_load_env "$FLAVOUR"
	rte_need_cmd qemu-system-aarch64 dtc fdtget fdtput timeout sha256sum
	[[ -f $VMLINUZ ]] || rte_die "kernel $VMLINUZ missing; run scripts/board/fetch.sh $FLAVOUR"

	mkdir -p "$RTE_BUILD"
	run=$(mktemp -d "$RTE_BUILD/run-$FLAVOUR.XXXXXX")
	# shellcheck disable=SC2064 # expand now: run is local
	trap "rm -rf '$run'" EXIT
	build_dtb "$run/board.dtb"
	"$BOARD_DIR/mkinitramfs.sh" "$run/initrd.gz" "$PAYLOAD" "$SCRIPT"
	case $MODE in
	linux) qemu_cmdline_linux "$run" ;;
	xen) qemu_cmdline_xen "$run" ;;
	esac

	rte_log "booting $KREL ($FLAVOUR, $MODE, smp $SMP, icount $ICOUNT), timeout ${TIMEOUT}s, log $LOG"
	t0=$(date +%s%N)
	run_qemu || st=$?
	t0=$((($(date +%s%N) - t0) / 100000000))
	rte_log "QEMU exited with $st after $((t0 / 10)).$((t0 % 10))s"

	rc=$(sed -n 's/.*RTE-BOARD-EXIT: \([0-9]\{1,3\}\).*/\1/p' "$LOG" | tail -n1)
	if [[ -n $rc ]]; then
		rte_log "script exit status $rc"
		exit "$rc"
	fi
	if [[ $st -eq 124 ]]; then
		rte_log "error: timed out after ${TIMEOUT}s without RTE-BOARD-EXIT; see $LOG (raise --timeout?)"
		exit 124
	fi
	rte_log "error: no RTE-BOARD-EXIT line from the guest (QEMU status $st); see $LOG"
	grep -a -m3 -E 'Kernel panic|Unable to handle|Oops|BUG:' "$LOG" >&2 || true
	exit 125
}

main "$@"
