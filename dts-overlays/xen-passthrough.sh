#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print what passing an rt_eval_tmu timer node through to a Xen guest takes,
# read from the board's merged DTB (the board DTB with our overlay applied):
#
#   host   an overlay marking the node xen,passthrough, so that Xen keeps it
#          from Dom0 (its IRQs and MMIO stay Xen's to give to a guest)
#   guest  the guest's partial device tree: the node under /passthrough,
#          its clock replaced by a fixed-clock (the guest has no clock or
#          power controller); compile it with dtc -W no-simple_bus_reg
#          -W no-interrupts_property (the clock has no reg, and the GIC
#          it names is the one the toolstack adds)
#   xl     the xl.cfg lines: device_tree, iomem (page frames, mapped 1:1)
#          and irqs (GIC interrupt IDs: SPI number + 32)
#
# Documentation/xen.rst shows the output for R-Car H3 and ZCU102, and
# make check compares it with this script's output on the upstream DTBs.
set -euo pipefail

usage() {
	cat <<EOF
usage: $0 host|guest|xl MERGED.dtb NODE [CLOCK_HZ]
  NODE      the timer node's path, e.g. the target of the overlay used
  CLOCK_HZ  rate of the node's functional clock (guest only; without it
            the fixed-clock says 0 Hz and the driver refuses to probe)
EOF
}

die() {
	printf 'xen-passthrough.sh: %s\n' "$*" >&2
	exit 1
}

DTB='' NODE=''

# prop [-t TYPE] NAME: a property of NODE, empty if absent
prop() {
	local type=()
	if [[ $1 == -t ]]; then
		type=(-t "$2")
		shift 2
	fi
	fdtget "${type[@]}" "$DTB" "$NODE" "$1" 2>/dev/null || true
}

has_prop() { fdtget -p "$DTB" "$NODE" | grep -qxF -- "$1"; }

# join SEP ITEM...: the items separated by SEP
join() {
	local sep=$1 out=$2 item
	shift 2
	for item in "$@"; do
		out+=$sep$item
	done
	printf '%s' "$out"
}

# strings NAME: a string-list property of NODE as "a", "b"
strings() {
	local words=() quoted=() w
	read -ra words <<<"$(prop "$1")"
	for w in "${words[@]}"; do
		quoted+=("\"$w\"")
	done
	join ', ' "${quoted[@]}"
}

# cells_of PATH NAME DEFAULT: #address-cells / #size-cells of a bus node
cells_of() {
	local v
	v=$(fdtget -t u "$DTB" "$1" "$2" 2>/dev/null) || v=$3
	printf '%s' "$v"
}

# REG_ADDR[i], REG_SIZE[i]: the node's reg as 64-bit numbers, checked to be
# CPU addresses (every bus above has an empty "ranges")
REG_ADDR=() REG_SIZE=()
read_reg() {
	local parent=${NODE%/*} p ac sc words i j a s
	parent=${parent:-/}
	ac=$(cells_of "$parent" '#address-cells' 2)
	sc=$(cells_of "$parent" '#size-cells' 1)
	p=$parent
	while [[ $p != / && -n $p ]]; do
		fdtget -p "$DTB" "$p" | grep -qx ranges ||
			die "$p has no ranges: $NODE is not on the CPU's address map"
		[[ -z $(fdtget -t x "$DTB" "$p" ranges) ]] ||
			die "$p translates addresses (non-empty ranges): not supported"
		p=${p%/*}
	done
	read -ra words <<<"$(prop -t x reg)"
	((${#words[@]} > 0 && ${#words[@]} % (ac + sc) == 0)) ||
		die "$NODE: reg is missing or not a multiple of $ac+$sc cells"
	for ((i = 0; i < ${#words[@]}; i += ac + sc)); do
		a=0 s=0
		for ((j = 0; j < ac; j++)); do a=$(((a << 32) | 0x${words[i + j]})); done
		for ((j = 0; j < sc; j++)); do s=$(((s << 32) | 0x${words[i + ac + j]})); done
		REG_ADDR+=("$a") REG_SIZE+=("$s")
	done
}

# SPI[i]: the node's interrupts, checked to be GIC SPIs (3 cells, type 0)
SPI=() IRQ_FLAGS=()
read_interrupts() {
	local cells i
	read -ra cells <<<"$(prop -t u interrupts)"
	((${#cells[@]} > 0 && ${#cells[@]} % 3 == 0)) ||
		die "$NODE: interrupts must be GIC specifiers of 3 cells"
	for ((i = 0; i < ${#cells[@]}; i += 3)); do
		[[ ${cells[i]} == 0 ]] ||
			die "$NODE: interrupt $((i / 3)) is not an SPI; only SPIs can be passed through"
		SPI+=("${cells[i + 1]}") IRQ_FLAGS+=("${cells[i + 2]}")
	done
}

part_host() {
	cat <<EOF
// Apply on top of the rt_eval_tmu overlay; or, in U-Boot after that
// overlay: fdt set $NODE xen,passthrough
/dts-v1/;
/plugin/;

&{$NODE} {
    xen,passthrough;
};
EOF
}

part_guest() {
	local hz=${1:-0} i regs=() irqs=() name
	for i in "${!REG_ADDR[@]}"; do
		regs+=("$(printf '<0x%x 0x%x 0x%x 0x%x>' \
			$((REG_ADDR[i] >> 32)) $((REG_ADDR[i] & 0xffffffff)) \
			$((REG_SIZE[i] >> 32)) $((REG_SIZE[i] & 0xffffffff)))")
	done
	for i in "${!SPI[@]}"; do
		irqs+=("<0 ${SPI[i]} ${IRQ_FLAGS[i]}>")
	done
	cat <<EOF
/dts-v1/;

/ {
    #address-cells = <2>;
    #size-cells = <2>;

    passthrough {
        compatible = "simple-bus";
        ranges;
        #address-cells = <2>;
        #size-cells = <2>;

        rt_eval_clk: clock-rt-eval {
            compatible = "fixed-clock";
            #clock-cells = <0>;
EOF
	if [[ $hz == 0 ]]; then
		echo '            /* the functional clock in Hz: see Documentation/xen.rst */'
	fi
	cat <<EOF
            clock-frequency = <$hz>;
        };

        ${NODE##*/} {
            compatible = $(strings compatible);
            reg = $(join ', ' "${regs[@]}");
            /* the guest's virtual GIC: GUEST_PHANDLE_GIC in Xen's headers */
            interrupt-parent = <65000>;
            interrupts = $(join ', ' "${irqs[@]}");
EOF
	has_prop interrupt-names &&
		echo "            interrupt-names = $(strings interrupt-names);"
	echo "            clocks = <&rt_eval_clk>;"
	has_prop clock-names &&
		echo "            clock-names = $(strings clock-names);"
	for name in timer-width rt-eval,channel rt-eval,prescaler; do
		has_prop "$name" &&
			echo "            $name = <$(prop -t u "$name")>;"
	done
	cat <<EOF
        };
    };
};
EOF
}

part_xl() {
	local i first last iomem=() irqs=()
	for i in "${!REG_ADDR[@]}"; do
		first=$((REG_ADDR[i] >> 12))
		last=$(((REG_ADDR[i] + REG_SIZE[i] - 1) >> 12))
		iomem+=("$(printf '"0x%x,%x"' "$first" $((last - first + 1)))")
	done
	for i in "${!SPI[@]}"; do
		irqs+=($((SPI[i] + 32)))
	done
	echo 'device_tree = "/etc/xen/rt-eval-guest.dtb"'
	echo "iomem = [ $(join ', ' "${iomem[@]}") ]"
	echo "irqs = [ $(join ', ' "${irqs[@]}") ]"
	if has_prop iommus; then
		echo "dtdev = [ \"$NODE\" ]"
	else
		echo '# no dtdev: the node has no "iommus"; Xen assigns only IOMMU-protected devices'
	fi
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -eq 3 || $# -eq 4 ]] || { usage >&2; exit 2; }
	local part=$1 hz=${4:-}
	DTB=$2 NODE=$3
	command -v fdtget >/dev/null || die "fdtget not found (Debian: device-tree-compiler)"
	[[ -r $DTB ]] || die "cannot read $DTB"
	fdtget -p "$DTB" "$NODE" >/dev/null 2>&1 || die "$DTB has no node $NODE"
	[[ -z $hz || $hz =~ ^[1-9][0-9]*$ ]] || die "CLOCK_HZ must be a positive integer"
	case $(prop compatible) in
	*-rt-eval*) ;;
	*) die "$NODE is not an rt_eval_tmu node: apply the overlay first" ;;
	esac
	read_reg
	read_interrupts
	case $part in
	host) part_host ;;
	guest) part_guest "$hz" ;;
	xl) part_xl ;;
	*) usage >&2; exit 2 ;;
	esac
}

main "$@"
