#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a Debian arm64 kernel on QEMU's emulated ZCU102 with an initramfs that
# runs SCRIPT over PAYLOAD_DIR, tee the console to stdout and a log, and exit
# with SCRIPT's exit status (from the "RTE-BOARD-EXIT: <rc>" line).  Under
# Xen, optionally with a dom0less guest next to Dom0 that has the TTC.
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
                             [--guest-payload DIR --guest-script FILE]
                             [--guest-log FILE]
  --flavour  std (Debian arm64), rt (Debian rt-arm64, PREEMPT_RT) or debug
             (scripts/debug-kernel/build.sh: lockdep, KASAN, kmemleak)
  --payload  directory copied to /payload in the guest
  --script   shell script run as /payload/run.sh (cwd /payload)
  --timeout  hard limit for the whole QEMU run (default 300)
  --log      console log (default build/board/boot-<flavour>.log)
  --smp      number of CPUs, 1..2 (default 2)
  --icount   -icount shift=0,sleep=off: emulated time follows executed
             instructions, so timings repeat run to run
  --append   extra kernel command line arguments (Dom0's under --xen)
  --xen      boot Debian's Xen 4.17 with the kernel and initramfs as Dom0
             (QEMU virtualization=on); the script runs in Dom0
  --xen-args extra Xen command line arguments (e.g. sched=credit)
  --guest-payload, --guest-script
             with --xen and --smp 2: also start a dom0less guest (Xen boots
             it from /chosen/domU1, no toolstack) with the same kernel,
             1 vCPU, 256 MiB and an initramfs of its own that runs this
             script over this payload, and pass TTC1 through to it
             ($(basename "$GUEST_DTS")): Dom0 sees the node disabled.
             Dom0 gets 1 vCPU pinned to CPU 0 and xen-dom0-tool in its
             payload to wait for the guest (see guest-domu-dom0.sh,
             guest-domu.sh).  The guest's console goes to Xen's, each line
             prefixed "$GUEST_PREFIX"; the guest prints
             "RTE-GUEST-EXIT: <rc>" when its script ends
  --guest-log the guest's console lines without the prefix (default: the
             log's name with -guest before .log)
Exit status: the script's, 124 on timeout, 125 when the board never printed
RTE-BOARD-EXIT (kernel panic, crash), 2 on bad arguments.  With a guest:
Dom0's script's status if it is not 0, else the guest script's (125 if the
guest printed no RTE-GUEST-EXIT).
Run scripts/board/fetch.sh first.
EOF
}

DTS=$BOARD_DIR/zcu102-rt-eval.dts
GUEST_DTS=$BOARD_DIR/xen-guest-ttc.dts
MEM=1G # the DTS memory node says 1 GiB too

FLAVOUR='' PAYLOAD='' SCRIPT='' TIMEOUT=300 LOG='' SMP=2 ICOUNT=0 APPEND=''
MODE=linux XEN_ARGS=''
GUEST_PAYLOAD='' GUEST_SCRIPT='' GUEST_LOG=''
# Where QEMU's loader puts Dom0's kernel and initramfs for Xen (the window
# between them holds a 36 MiB kernel), and Xen's and Dom0's command lines.
XEN_KERNEL_ADDR=0x10000000
XEN_INITRD_ADDR=0x12400000
XEN_BOOTARGS='console=dtuart dtuart=serial0 dom0_mem=512M bootscrub=0 vwfi=native'
XEN_DOM0_ARGS='console=hvc0 earlycon=xen rdinit=/init panic=-1'
# The dom0less guest's kernel, initramfs and partial device tree follow,
# all below 0x18000000: modules above it split the RAM from which Xen
# allocates Dom0's 512 MiB 1:1, and Xen panics 64 MiB short.
XEN_GUEST_KERNEL_ADDR=0x13000000
XEN_GUEST_INITRD_ADDR=0x15400000
XEN_GUEST_DTB_ADDR=0x17f00000
XEN_MODULES_END=0x18000000
XEN_GUEST_MEM_KB=262144
XEN_GUEST_ARGS='console=ttyAMA0 rdinit=/init panic=-1'
# With a guest, Dom0's one vCPU pinned to CPU 0 leaves CPU 1 to the guest's:
# under vwfi=native an idle vCPU keeps its CPU, and with three vCPUs on two
# CPUs the guest misses periods (kselftest rate checks fail).
XEN_GUEST_XEN_ARGS='dom0_max_vcpus=1 dom0_vcpus_pin'
# Xen 4.17 prints each line the guest writes to its vpl011 (while the serial
# input is Dom0's) as a Xen message "DOM1: <line>", at the default level.
GUEST_PREFIX='(XEN) DOM1: '

parse_args() {
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--icount) ICOUNT=1; shift; continue ;;
		--xen) MODE=xen; shift; continue ;;
		--flavour | --payload | --script | --timeout | --log | --smp | --append | --xen-args | \
			--guest-payload | --guest-script | --guest-log)
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
		--guest-payload) GUEST_PAYLOAD=$2 ;;
		--guest-script) GUEST_SCRIPT=$2 ;;
		--guest-log) GUEST_LOG=$2 ;;
		esac
		shift 2
	done
	rte_is_kernel "$FLAVOUR" || rte_usage_error "--flavour must be std, rt or debug"
	[[ -d $PAYLOAD ]] || rte_usage_error "--payload '$PAYLOAD' is not a directory"
	[[ -f $SCRIPT ]] || rte_usage_error "--script '$SCRIPT' is not a file"
	[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || rte_usage_error "--timeout must be a positive number of seconds"
	[[ $SMP =~ ^[12]$ ]] || rte_usage_error "--smp must be 1 or 2 (CPUs in $(basename "$DTS"))"
	LOG=${LOG:-$RTE_BUILD/boot-$FLAVOUR.log}
	[[ -n $GUEST_PAYLOAD$GUEST_SCRIPT$GUEST_LOG ]] || return 0
	[[ $MODE == xen ]] || rte_usage_error "a guest needs --xen"
	[[ -d $GUEST_PAYLOAD ]] || rte_usage_error "--guest-payload '$GUEST_PAYLOAD' is not a directory"
	[[ -f $GUEST_SCRIPT ]] || rte_usage_error "--guest-script '$GUEST_SCRIPT' is not a file"
	[[ $SMP == 2 ]] || rte_usage_error "a guest needs --smp 2 (a CPU for Dom0, one for the guest)"
	GUEST_LOG=${GUEST_LOG:-${LOG%.log}-guest.log}
}

# cached_build OUT SRC CMD...: run "CMD... -o TMP SRC" unless its result is
# cached (by the checksum of SRC, CMD and CMD's version); copy it to OUT.
cached_build() {
	local out=$1 src=$2 sum cached
	shift 2
	sum=$({ cat "$src"; echo "$*"; "$1" --version; } | sha256sum | cut -c1-16)
	cached=$RTE_BUILD/cache/$(basename "$src")-$sum
	if [[ ! -f $cached ]]; then
		mkdir -p "$(dirname "$cached")"
		"$@" -o "$cached.tmp" "$src" || rte_die "$1 failed on $src"
		mv -f "$cached.tmp" "$cached"
	fi
	cp "$cached" "$out"
}

# build_dtb OUT: compile the DTS, trimmed to SMP CPUs.
build_dtb() {
	local n
	cached_build "$1" "$DTS" dtc -q -I dts -O dtb
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

# xen_module DTB PARENT ADDR LIMIT FILE KIND [BOOTARGS]: FILE as a
# multiboot,KIND module node PARENT/module@ADDR, loaded there by QEMU
# (QEMU_LOADERS) and checked to end below LIMIT, where the next one starts.
xen_module() {
	local dtb=$1 node=$2/module@${3#0x} addr=$3 limit=$4 file=$5 size
	size=$(stat -c %s "$file")
	((addr + size <= limit)) ||
		rte_die "$file ($size bytes) at $addr runs into the next module at $limit"
	fdt -c "$dtb" "$node"
	fdt -t s "$dtb" "$node" compatible "multiboot,$6" multiboot,module
	fdt -t x "$dtb" "$node" reg 0 "$addr" 0 "$(printf %x "$size")"
	[[ -z ${7:-} ]] || fdt -t s "$dtb" "$node" bootargs "$7"
	QEMU_LOADERS+=(-device "loader,file=$file,addr=$addr,force-raw=on")
}

# xen_dtb DTB RUNDIR: add what Xen needs to the board DTB: the command
# lines and Dom0's kernel and initramfs as multiboot modules in /chosen
# (and the dom0less guest).
xen_dtb() {
	local dtb=$1 next=$XEN_MODULES_END
	[[ -z $GUEST_PAYLOAD ]] || next=$XEN_GUEST_KERNEL_ADDR
	fdt -t i "$dtb" /chosen '#address-cells' 2
	fdt -t i "$dtb" /chosen '#size-cells' 2
	fdt -t s "$dtb" /chosen xen,xen-bootargs \
		"$XEN_BOOTARGS${GUEST_PAYLOAD:+ $XEN_GUEST_XEN_ARGS}${XEN_ARGS:+ $XEN_ARGS}"
	fdt -t s "$dtb" /chosen xen,dom0-bootargs "$XEN_DOM0_ARGS${APPEND:+ $APPEND}"
	QEMU_LOADERS=()
	xen_module "$dtb" /chosen "$XEN_KERNEL_ADDR" "$XEN_INITRD_ADDR" "$VMLINUZ" kernel
	xen_module "$dtb" /chosen "$XEN_INITRD_ADDR" "$next" "$2/initrd.gz" ramdisk
	[[ -z $GUEST_PAYLOAD ]] || xen_guest_dtb "$dtb" "$2"
}

# dt_prop DTB NODE PROP: PROP in hex words, or "none"
dt_prop() { fdtget -t x "$@" 2>/dev/null || echo none; }

# passthrough_nodes BOARD_DTB GUEST_DTB: the host nodes (xen,path) that the
# guest's partial device tree takes, each checked to be what the guest's
# node describes: the same compatible, interrupts and driver properties, and
# xen,reg mapping the host node's reg (one range) to the guest node's reg.
passthrough_nodes() {
	local n node host p x
	for n in $(fdtget -l "$2" /passthrough); do
		node=/passthrough/$n
		host=$(fdtget "$2" "$node" xen,path 2>/dev/null) || continue
		fdtget "$1" "$host" compatible >/dev/null 2>&1 ||
			rte_die "$GUEST_DTS: xen,path $host is not a device of $DTS"
		for p in compatible interrupts timer-width rt-eval,prescaler rt-eval,channel; do
			[[ $(dt_prop "$1" "$host" "$p") == "$(dt_prop "$2" "$node" "$p")" ]] ||
				rte_die "$GUEST_DTS: $node's $p differs from $host's in $DTS"
		done
		read -ra x <<<"$(dt_prop "$2" "$node" xen,reg)"
		[[ ${x[*]:0:4} == "$(dt_prop "$1" "$host" reg)" &&
			"${x[*]:4:2} ${x[*]:2:2}" == "$(dt_prop "$2" "$node" reg)" ]] ||
			rte_die "$GUEST_DTS: $node's xen,reg does not map $host's reg to its reg"
		echo "$host"
	done
}

# xen_guest_dtb DTB RUNDIR: the dom0less guest as /chosen/domU1 (domain 1)
# and xen,passthrough on the host nodes its partial device tree takes.
xen_guest_dtb() {
	local dtb=$1 d=/chosen/domU1 hosts host
	cached_build "$2/guest.dtb" "$GUEST_DTS" dtc -q -I dts -O dtb
	hosts=$(passthrough_nodes "$dtb" "$2/guest.dtb")
	[[ -n $hosts ]] || rte_die "$GUEST_DTS passes nothing through (no xen,path)"
	for host in $hosts; do
		fdt "$dtb" "$host" xen,passthrough
	done
	fdt -c "$dtb" $d
	fdt -t s "$dtb" $d compatible xen,domain
	fdt -t i "$dtb" $d '#address-cells' 2
	fdt -t i "$dtb" $d '#size-cells' 2
	fdt -t x "$dtb" $d memory 0 "$(printf %x $XEN_GUEST_MEM_KB)"
	fdt -t i "$dtb" $d cpus 1
	# an emulated PL011 whose lines Xen prints, and the hypervisor node
	# (Linux knows Xen by it; its xenstore stays unused)
	fdt "$dtb" $d vpl011
	fdt -t s "$dtb" $d xen,enhanced enabled
	xen_module "$dtb" $d "$XEN_GUEST_KERNEL_ADDR" "$XEN_GUEST_INITRD_ADDR" "$VMLINUZ" kernel \
		"$XEN_GUEST_ARGS"
	xen_module "$dtb" $d "$XEN_GUEST_INITRD_ADDR" "$XEN_GUEST_DTB_ADDR" "$2/guest-initrd.gz" ramdisk
	xen_module "$dtb" $d "$XEN_GUEST_DTB_ADDR" "$XEN_MODULES_END" "$2/guest.dtb" device-tree
}

# guest_initramfs RUNDIR: the guest's initramfs, whose run.sh runs
# GUEST_SCRIPT and prints its status as RTE-GUEST-EXIT, and Dom0's payload
# with xen-dom0-tool added (RUNDIR/dom0-payload).
guest_initramfs() {
	cached_build "$1/xen-dom0-tool" "$BOARD_DIR/xen-dom0-tool.c" \
		aarch64-linux-gnu-gcc -std=c11 -static -O2 -Wall -Wextra -Werror
	mkdir -p "$1/dom0-payload" "$1/guest-payload"
	cp -a "$PAYLOAD/." "$1/dom0-payload/"
	cp "$1/xen-dom0-tool" "$1/dom0-payload/"
	cp -a "$GUEST_PAYLOAD/." "$1/guest-payload/"
	cp "$GUEST_SCRIPT" "$1/guest-payload/guest-script.sh"
	cat >"$1/guest-run.sh" <<'END'
#!/bin/sh
# run.sh of the dom0less guest, from scripts/board/boot.sh
sh ./guest-script.sh
rc=$?
echo
echo "RTE-GUEST-EXIT: $rc"
exit $rc
END
	"$BOARD_DIR/mkinitramfs.sh" "$1/guest-initrd.gz" "$1/guest-payload" "$1/guest-run.sh"
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
		-kernel "$XEN" -dtb "$1/board.dtb" "${QEMU_LOADERS[@]}")
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

# guest_log: GUEST_LOG, the lines of LOG with GUEST_PREFIX, without it (Xen
# cuts a line after 126 characters, and they are joined again).
guest_log() {
	awk -v p="$GUEST_PREFIX" 'i = index($0, p) {
		s = substr($0, i + length(p)); line = line s
		if (length(s) != 126) { print line; line = "" }
	} END { if (line != "") print line }' "$LOG" >"$GUEST_LOG"
}

# guest_status DOM0_RC: the run's status: DOM0_RC if not 0, else the guest
# script's (RTE-GUEST-EXIT in GUEST_LOG), 125 without it.
guest_status() {
	local rc
	rc=$(sed -n 's/^RTE-GUEST-EXIT: \([0-9]\{1,3\}\)$/\1/p' "$GUEST_LOG" | tail -n1)
	if [[ -z $rc ]]; then
		rte_log "error: no RTE-GUEST-EXIT line from the dom0less guest; see $GUEST_LOG"
		grep -a -m3 -E 'Kernel panic|Unable to handle|Oops|BUG:' "$GUEST_LOG" >&2 || true
		rc=125
	else
		rte_log "guest script exit status $rc (log $GUEST_LOG)"
	fi
	echo $(($1 != 0 ? $1 : rc))
}

main() {
	local run st=0 t0 rc dom0_payload
	parse_args "$@"
	rte_load_env "$FLAVOUR"
	rte_need_cmd qemu-system-aarch64 dtc fdtget fdtput timeout sha256sum
	[[ -f $VMLINUZ ]] || rte_die "kernel $VMLINUZ missing; run scripts/board/fetch.sh $FLAVOUR"

	mkdir -p "$RTE_BUILD"
	run=$(mktemp -d "$RTE_BUILD/run-$FLAVOUR.XXXXXX")
	# shellcheck disable=SC2064 # expand now: run is local
	trap "rm -rf '$run'" EXIT
	build_dtb "$run/board.dtb"
	dom0_payload=$PAYLOAD
	if [[ -n $GUEST_PAYLOAD ]]; then
		guest_initramfs "$run"
		dom0_payload=$run/dom0-payload
	fi
	"$BOARD_DIR/mkinitramfs.sh" "$run/initrd.gz" "$dom0_payload" "$SCRIPT"
	case $MODE in
	linux) qemu_cmdline_linux "$run" ;;
	xen) qemu_cmdline_xen "$run" ;;
	esac

	rte_log "booting $KREL ($FLAVOUR, $MODE, smp $SMP, icount $ICOUNT), timeout ${TIMEOUT}s, log $LOG"
	t0=$(date +%s%N)
	run_qemu || st=$?
	t0=$((($(date +%s%N) - t0) / 100000000))
	rte_log "QEMU exited with $st after $((t0 / 10)).$((t0 % 10))s"
	[[ -z $GUEST_PAYLOAD ]] || guest_log

	# the board's line, not the guest's (which has GUEST_PREFIX)
	rc=$(grep -avF "$GUEST_PREFIX" "$LOG" |
		sed -n 's/.*RTE-BOARD-EXIT: \([0-9]\{1,3\}\).*/\1/p' | tail -n1)
	if [[ -n $rc ]]; then
		rte_log "script exit status $rc"
		[[ -z $GUEST_PAYLOAD ]] || rc=$(guest_status "$rc")
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
