#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The device-tree overlays of dts-overlays/ on the upstream boards they are
# for, their binding, and the Xen recipe of the docs; TAP lines for
# scripts/check.sh.
#
#   1. `make -C dts-overlays` builds every overlay without a dtc warning
#   2. each board's DTB is built from linux-source (cpp + dtc, cached in
#      $RTE_CACHE/dts-check), with -@ and without
#   3. per overlay and assertion group, over all its boards: the instance is
#      free in the base, the overlay applies (with and without __symbols__),
#      and the merged node's compatible, status, reg, interrupts, clocks
#      (power-domains, resets) are checked with fdtget, then with dt-validate
#      against our binding
#   4. dt-doc-validate of the bindings and dt-validate of their examples
#   5. Documentation/xen.rst shows what dts-overlays/xen-passthrough.sh makes
#      of the merged DTBs, and the partial device trees it makes validate
#   6. negative controls: broken inputs each check above must reject
#
# Logs and merged DTBs: build/check/overlays/ (each run works in a folder
# of its own and moves it there at the end: runs may overlap).
set -uo pipefail
RTE_PROG=30-overlays.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

OVL_SRC=$RTE_REPO/dts-overlays
BINDINGS=$RTE_REPO/Documentation/devicetree/bindings
DOC_OVERLAYS=$RTE_REPO/Documentation/overlays.rst
DOC_XEN=$RTE_REPO/Documentation/xen.rst
RESULTS=$RTE_REPO/build/check/overlays
WORK='' LOG=''

# Each overlay, dts-overlays/<SoC>-<label>-rt-eval.dtso, takes the node of
# <label> and gives it the SoC compatible below (the generic one comes from
# the driver's match table).  Its boards are upstream DTS under
# arch/arm64/boot/dts; "a+b" is DTS a with the upstream overlay b applied.
declare -A SOC_COMPAT=(
	[r8a7795-tmu1-rt-eval]="renesas,tmu-r8a7795-rt-eval"
	[r8a77960-tmu1-rt-eval]="renesas,tmu-r8a7796-rt-eval"
	[r8a77961-tmu1-rt-eval]="renesas,tmu-r8a77961-rt-eval"
	[r8a77965-tmu1-rt-eval]="renesas,tmu-r8a77965-rt-eval"
	[r8a77990-tmu1-rt-eval]="renesas,tmu-r8a77990-rt-eval"
	[r8a779f0-tmu1-rt-eval]="renesas,tmu-r8a779f0-rt-eval"
	[zynqmp-ttc1-rt-eval]="xlnx,zynqmp-ttc-rt-eval"
)
declare -A BOARDS=(
	[r8a7795-tmu1-rt-eval]="renesas/r8a77950-salvator-x renesas/r8a77950-ulcb
		renesas/r8a77950-ulcb-kf renesas/r8a77951-salvator-x
		renesas/r8a77951-salvator-xs renesas/r8a77951-ulcb
		renesas/r8a77951-ulcb-kf"
	[r8a77960-tmu1-rt-eval]="renesas/r8a77960-salvator-x
		renesas/r8a77960-salvator-xs renesas/r8a77960-ulcb
		renesas/r8a77960-ulcb-kf"
	[r8a77961-tmu1-rt-eval]="renesas/r8a77961-salvator-xs
		renesas/r8a77961-ulcb renesas/r8a77961-ulcb-kf"
	[r8a77965-tmu1-rt-eval]="renesas/r8a77965-salvator-x
		renesas/r8a77965-salvator-xs renesas/r8a77965-ulcb
		renesas/r8a77965-ulcb-kf"
	[r8a77990-tmu1-rt-eval]="renesas/r8a77990-ebisu"
	[r8a779f0-tmu1-rt-eval]="renesas/r8a779f0-spider"
	[zynqmp-ttc1-rt-eval]="xilinx/zynqmp-zcu102-revA xilinx/zynqmp-zcu102-revB
		xilinx/zynqmp-zcu102-rev1.0 xilinx/zynqmp-zcu102-rev1.1
		xilinx/zynqmp-zcu104-revA xilinx/zynqmp-zcu104-revC
		xilinx/zynqmp-smk-k26-revA+xilinx/zynqmp-sck-kv-g-revA
		xilinx/zynqmp-smk-k26-revA+xilinx/zynqmp-sck-kv-g-revB"
)
# Boards whose Xen recipe Documentation/xen.rst shows.
XEN_BOARDS=(renesas/r8a77951-salvator-xs xilinx/zynqmp-zcu102-rev1.0)
GROUPS_=(free applied compatible status reg interrupts clocks dt-validate)

# ---------------------------------------------------------------------------
# TAP

TAP_N=0
TAP_FAILED=0
ok() { TAP_N=$((TAP_N + 1)); printf 'ok %d %s\n' "$TAP_N" "$*"; }
not_ok() {
	TAP_N=$((TAP_N + 1)) TAP_FAILED=$((TAP_FAILED + 1))
	printf 'not ok %d %s\n' "$TAP_N" "$*"
}
diag() { sed 's/^/# /'; }

# tap DESC CMD...: one TAP line for CMD; its output becomes diagnostics
tap() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$desc"
	else
		not_ok "$desc"
		[[ -z $out ]] || diag <<<"$out"
	fi
}

# ---------------------------------------------------------------------------
# The kernel sources and the upstream base DTBs

# CACHE: our cache for this linux-source and these tools.  The board DTS
# include dt-bindings/input/input.h, whose linux-event-codes.h links to
# include/uapi/linux/input-event-codes.h, a file fetch.sh does not extract:
# while that link dangles, cpp finds the copy in SHIM (an -I folder).
prepare_source() {
	local done_file=$LINUX_SRC/.rte-done key pkg hdr=include/uapi/linux/input-event-codes.h
	[[ -r $done_file ]] || rte_die "$done_file missing; run scripts/board/fetch.sh"
	key=$(cat "$done_file")
	CACHE=$RTE_CACHE/dts-check/$(printf '%s %s %s' "$key" "$(dtc --version)" \
		"$(cpp --version | head -n1)" | sha256sum | cut -c1-16)
	SHIM=$CACHE/include
	[[ -e $LINUX_SRC/$hdr || -s $SHIM/linux-event-codes.h ]] && return
	pkg=${key%% *}
	mkdir -p "$SHIM"
	if ! tar -xJOf "/usr/src/$pkg.tar.xz" "$pkg/$hdr" >"$SHIM/linux-event-codes.h.$$"; then
		rm -f "$SHIM/linux-event-codes.h.$$"
		rte_die "cannot take $hdr out of /usr/src/$pkg.tar.xz"
	fi
	mv "$SHIM/linux-event-codes.h.$$" "$SHIM/linux-event-codes.h"
}

# dts_build DTS OUT [-@]: the kernel's cpp + dtc of arch/arm64/boot/dts/DTS
dts_build() {
	local dts=$LINUX_SRC/arch/arm64/boot/dts/$1.dts out=$2
	shift 2
	[[ -e $out ]] && return
	{ cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
		-I "$LINUX_SRC/include" -I "$LINUX_SRC/scripts/dtc/include-prefixes" \
		-I "$SHIM" "$dts" |
		dtc -q "$@" -I dts -O dtb -o "$out.$$" -; } 2>>"$LOG" &&
		mv "$out.$$" "$out"
}

# board_name BOARD: its file name, e.g. zynqmp-smk-k26-revA+zynqmp-sck-kv-g-revB
board_name() {
	local part out='' IFS=+
	for part in $1; do
		out+=${out:++}${part##*/}
	done
	printf '%s' "$out"
}

# base BOARD: BASE (with __symbols__), NOSYM (without), PLAIN (the first
# DTS built without -@: a node there has a phandle only if referenced) and
# EXTRA (the upstream overlays applied on top); 1 if they cannot be built
base() {
	local board=$1 first=${1%%+*} rest part name
	name=$(board_name "$board")
	mkdir -p "$CACHE/base"
	PLAIN=$CACHE/base/$(board_name "$first").plain.dtb
	BASE=$CACHE/base/$name.dtb
	NOSYM=$CACHE/base/$name.nosym.dtb
	EXTRA=()
	dts_build "$first" "$PLAIN" || return 1
	dts_build "$first" "$CACHE/base/$(board_name "$first").dtb" -@ || return 1
	rest=$board
	while [[ $rest == *+* ]]; do
		rest=${rest#*+}
		part=${rest%%+*}
		dts_build "$part" "$CACHE/base/$(board_name "$part").dtbo" -@ || return 1
		EXTRA+=("$CACHE/base/$(board_name "$part").dtbo")
	done
	if [[ ! -e $BASE && ${#EXTRA[@]} -gt 0 ]]; then
		fdtoverlay -i "$CACHE/base/$(board_name "$first").dtb" -o "$BASE.$$" \
			"${EXTRA[@]}" 2>>"$LOG" && mv "$BASE.$$" "$BASE" || return 1
	fi
	if [[ ${#EXTRA[@]} -eq 0 ]]; then
		NOSYM=$PLAIN
	elif [[ ! -e $NOSYM ]]; then
		cp "$BASE" "$NOSYM.$$" && fdtput -r "$NOSYM.$$" /__symbols__ &&
			mv "$NOSYM.$$" "$NOSYM" || return 1
	fi
}

# ---------------------------------------------------------------------------
# Assertions on one node: each prints why it fails and returns 1

get() { fdtget "$@" 2>/dev/null; }
has() { fdtget -p "$1" "$2" 2>/dev/null | grep -qxF -- "$3"; }

# same DTB_A DTB_B NODE PROP [optional]: PROP equal in both (and present,
# unless optional)
same() {
	local a b
	a=$(get -t x "$1" "$3" "$4") b=$(get -t x "$2" "$3" "$4")
	[[ -n $a || ${5:-} == optional ]] || { echo "no $4"; return 1; }
	[[ $a == "$b" ]] || { echo "$4 <$a> differs from the base's <$b>"; return 1; }
}

chk_free() { # BASE PLAIN NODE LABEL EXTRA...
	local base=$1 plain=$2 node=$3 label=$4 x status
	shift 4
	status=$(get "$base" "$node" status)
	[[ $status == disabled ]] || { echo "status \"$status\" in the base"; return 1; }
	! has "$plain" "$node" phandle || { echo "something references $node"; return 1; }
	for x in "$@"; do
		! has "$x" /__fixups__ "$label" ||
			{ echo "${x##*/} references &$label"; return 1; }
	done
}

chk_applied() { # BASE NOSYM OVERLAY NODE LABEL MERGED
	local base=$1 nosym=$2 dtbo=$3 node=$4 label=$5 merged=$6 target
	target=$(get "$base" /__symbols__ "$label")
	[[ $target == "$node" ]] || { echo "$node is not &$label ($target)"; return 1; }
	fdtoverlay -i "$base" -o "$merged" "$dtbo" 2>&1 || return 1
	fdtoverlay -i "$nosym" -o "$merged.nosym" "$dtbo" 2>&1 ||
		{ echo "does not apply without __symbols__"; return 1; }
}

chk_compatible() { # MERGED NODE SOC_COMPAT
	local c=() g
	read -ra c <<<"$(get "$1" "$2" compatible)"
	[[ ${#c[@]} -eq 2 && ${c[0]} == "$3" ]] ||
		{ echo "compatible \"${c[*]}\", expected \"$3\" + a generic one"; return 1; }
	for g in "${DRIVER_COMPATS[@]}"; do
		[[ ${c[1]} == "$g" ]] && return 0
	done
	echo "\"${c[1]}\" is not in the driver's match table (${DRIVER_COMPATS[*]})"
	return 1
}

chk_status() { # MERGED NODE
	local s
	s=$(get "$1" "$2" status)
	[[ $s == okay ]] || { echo "status \"$s\""; return 1; }
}

chk_reg() { # MERGED BASE NODE
	local r=() ac
	same "$1" "$2" "$3" reg || return 1
	read -ra r <<<"$(get -t x "$1" "$3" reg)"
	ac=$(get -t u "$1" "${3%/*}" '#address-cells') || ac=2
	[[ ${#r[@]} -gt $ac && ${3##*@} == "${r[ac - 1]}" ]] ||
		{ echo "reg <${r[*]}> does not start at the unit address ${3##*@}"; return 1; }
}

chk_interrupts() { # MERGED BASE NODE
	local irqs=() names=() ch
	same "$1" "$2" "$3" interrupts || return 1
	read -ra irqs <<<"$(get -t u "$1" "$3" interrupts)"
	ch=$(get -t u "$1" "$3" rt-eval,channel) || ch=0
	((${#irqs[@]} % 3 == 0 && ${#irqs[@]} / 3 > ch)) ||
		{ echo "${#irqs[@]} cells: no GIC interrupt for channel $ch"; return 1; }
	has "$1" "$3" interrupt-names || return 0
	read -ra names <<<"$(get "$1" "$3" interrupt-names)"
	((${#names[@]} == ${#irqs[@]} / 3)) ||
		{ echo "${#names[@]} interrupt-names for $((${#irqs[@]} / 3)) interrupts"; return 1; }
}

chk_clocks() { # MERGED BASE NODE
	same "$1" "$2" "$3" clocks &&
		same "$1" "$2" "$3" power-domains optional &&
		same "$1" "$2" "$3" resets optional
}

# ---------------------------------------------------------------------------
# Checks

build_overlays() {
	local out
	out=$(make -s -C "$OVL_SRC" OUT="$WORK/dtbo" 2>&1) || { echo "$out"; return 1; }
	[[ -z $out ]] || { echo "$out"; return 1; }
}

# every_overlay_checked: each overlay is in the board table, and is one
# fragment with a target path (the node the checks look at)
every_overlay_checked() {
	local f ovl rc=0
	for f in "$OVL_SRC"/*.dtso; do
		ovl=$(basename "$f" .dtso)
		[[ -n ${BOARDS[$ovl]:-} && -n ${SOC_COMPAT[$ovl]:-} ]] ||
			{ echo "$ovl: not in this script's board table"; rc=1; }
		[[ $(get -l "$WORK/dtbo/$ovl.dtbo" /) == fragment@0 &&
			-n $(get "$WORK/dtbo/$ovl.dtbo" /fragment@0 target-path) ]] ||
			{ echo "$ovl: not one fragment with a target-path"; rc=1; }
	done
	return $rc
}

# check_board OVERLAY BOARD: every group's assertion on one board; failures
# go to FAIL[overlay/group]
declare -A FAIL=()
MERGED=()
check_board() {
	local ovl=$1 board=$2 name dtbo node label merged g out
	name=$(board_name "$board")
	dtbo=$WORK/dtbo/$ovl.dtbo
	label=${ovl#*-}
	label=${label%%-*}
	node=$(get "$dtbo" /fragment@0 target-path)
	merged=$WORK/$name.dtb
	rm -f "$merged" "$merged.nosym"
	if ! base "$board"; then
		for g in "${GROUPS_[@]}"; do
			FAIL[$ovl/$g]+="$name: base DTB does not build (${RESULTS#"$RTE_REPO"/}/build.log)"$'\n'
		done
		return
	fi
	out=$(chk_free "$BASE" "$PLAIN" "$node" "$label" "${EXTRA[@]}") ||
		FAIL[$ovl/free]+="$name: $out"$'\n'
	if ! out=$(chk_applied "$BASE" "$NOSYM" "$dtbo" "$node" "$label" "$merged"); then
		for g in "${GROUPS_[@]:1}"; do
			FAIL[$ovl/$g]+="$name: not applied: $out"$'\n'
		done
		return
	fi
	MERGED+=("$merged")
	NODE_OF[$merged]=$node
	OVL_OF[$merged]=$ovl
	out=$(chk_compatible "$merged" "$node" "${SOC_COMPAT[$ovl]}") ||
		FAIL[$ovl/compatible]+="$name: $out"$'\n'
	out=$(chk_status "$merged" "$node") || FAIL[$ovl/status]+="$name: $out"$'\n'
	out=$(chk_reg "$merged" "$BASE" "$node") || FAIL[$ovl/reg]+="$name: $out"$'\n'
	out=$(chk_interrupts "$merged" "$BASE" "$node") ||
		FAIL[$ovl/interrupts]+="$name: $out"$'\n'
	out=$(chk_clocks "$merged" "$BASE" "$node") || FAIL[$ovl/clocks]+="$name: $out"$'\n'
}

# schema_of MERGED: the binding its node's generic compatible selects
schema_of() {
	case $(get "$1" "${NODE_OF[$1]}" compatible) in
	*renesas,tmu-rt-eval*) echo timer/renesas,tmu-rt-eval.yaml ;;
	*cdns,ttc-rt-eval*) echo timer/cdns,ttc-rt-eval.yaml ;;
	esac
}

# dt_validate LOG DTB...: one dt-validate run over all DTBs (absolute
# paths), limited to our bindings, listing the schemas each node matched
dt_validate() {
	local log=$1
	shift
	dt-validate -M -l rt-eval -s "$WORK/schema.json" "$@" >"$log" 2>&1
}

# validate_out LOG DTB NODE SCHEMA: 1 and why, unless dt-validate's LOG
# shows NODE of DTB matched by SCHEMA and no error on it
validate_out() {
	local log=$1 dtb=$2 node=$3 schema=$4
	grep -A3 -F "$dtb: $node: matched on schema(s)" "$log" |
		grep -qF "schemas/$schema#" ||
		{ echo "$node not matched by $schema"; return 1; }
	# errors name the node by its name only
	! grep -A1 -F "$dtb: ${node##*/}: " "$log" || return 1
}

doc_validate() { # YAML
	local out
	out=$(dt-doc-validate -u "$BINDINGS" "$1" 2>&1) || { echo "$out"; return 1; }
	[[ -z $out ]] || { echo "$out"; return 1; }
}

example_validates() { # YAML
	local y=$1 base out
	base=$WORK/example-$(basename "$y" .yaml)
	dt-extract-example "$y" >"$base.dts" &&
		cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp \
			-I "$LINUX_SRC/include" "$base.dts" | dtc -q -I dts -O dtb -o "$base.dtb" - || return 1
	out=$(dt-validate -M -l rt-eval -s "$WORK/schema.json" "$base.dtb" 2>&1)
	echo "$out" >"$base.log"
	grep -qF "schemas/${y#"$BINDINGS"/}#" <<<"$out" || { echo "$out"; return 1; }
	! grep -q 'From schema' <<<"$out" || { echo "$out"; return 1; }
}

v4h_has_no_tmu() {
	! grep -q 'renesas,tmu' "$LINUX_SRC/arch/arm64/boot/dts/renesas/r8a779g0.dtsi"
}

docs_name_everything() {
	local ovl board part rc=0
	for ovl in "${!BOARDS[@]}"; do
		grep -qF "$ovl.dtbo" "$DOC_OVERLAYS" ||
			{ echo "overlays.rst does not name $ovl.dtbo"; rc=1; }
		for board in ${BOARDS[$ovl]}; do
			for part in ${board//+/ }; do
				grep -qF "${part#*/}" "$DOC_OVERLAYS" ||
					{ echo "overlays.rst does not name ${part#*/}"; rc=1; }
			done
		done
	done
	return $rc
}

# doc_blocks DOC DIR: each literal block after ".. xen-passthrough: BOARD"
# into DIR/N (first line BOARD, then the block, de-indented)
doc_blocks() {
	rm -rf "$2"
	mkdir -p "$2"
	awk -v dir="$2" '
		function flush() { if (out != "") close(out); out = ""; blanks = 0 }
		/^\.\. xen-passthrough: / { flush(); n++; board = $3; state = 1; next }
		state == 1 && /::$/ { state = 2; started = 0; next }
		state == 2 && /^$/ { if (started) blanks++; next }
		state == 2 && /^  / {
			if (!started) { out = dir "/" n; print board > out; started = 1 }
			for (; blanks > 0; blanks--) print "" > out
			print substr($0, 3) > out
			next
		}
		state == 2 && started { flush(); state = 0 }
	' "$1"
}

# xen_doc_matches BOARD: every block of xen.rst for BOARD is its first line,
# a "$ dts-overlays/xen-passthrough.sh PART DTB NODE [HZ]" command, followed
# by exactly what that command prints for BOARD's merged DTB
xen_doc_matches() {
	local board=$1 merged f cmd=() parts=() want got
	merged=$WORK/$(board_name "$board").dtb
	[[ -e $merged ]] || { echo "no merged DTB for $board"; return 1; }
	for f in "$WORK/doc-blocks"/*; do
		[[ $(head -n1 "$f") == "${board#*/}" ]] || continue
		read -ra cmd <<<"$(sed -n 2p "$f")"
		[[ ${cmd[0]:-} == '$' && ${cmd[1]:-} == dts-overlays/xen-passthrough.sh ]] ||
			{ echo "${f##*/}: first line is not a xen-passthrough.sh command"; return 1; }
		want=$(tail -n +3 "$f")
		got=$("$OVL_SRC/xen-passthrough.sh" "${cmd[2]}" "$merged" "${cmd[@]:4}" 2>&1) ||
			{ echo "$got"; return 1; }
		[[ $got == "$want" ]] ||
			{ diff <(echo "$want") <(echo "$got"); return 1; }
		parts+=("${cmd[2]}")
	done
	[[ " ${parts[*]} " == *" host "* && " ${parts[*]} " == *" guest "* &&
		" ${parts[*]} " == *" xl "* ]] ||
		{ echo "xen.rst shows only '${parts[*]}' for ${board#*/}"; return 1; }
}

# xen_recipe_works BOARD: the host overlay applies on the merged DTB, and
# the guest partial DT compiles and, as the guest sees it (with Xen's
# virtual GIC, phandle 65000), passes dt-validate
xen_recipe_works() {
	local board=$1 merged node x=$OVL_SRC/xen-passthrough.sh g
	merged=$WORK/$(board_name "$board").dtb
	node=${NODE_OF[$merged]:-}
	[[ -n $node ]] || { echo "no merged DTB for $board"; return 1; }
	g=$WORK/xen-$(board_name "$board")
	"$x" host "$merged" "$node" | dtc -q -@ -I dts -O dtb -o "$g-host.dtbo" - &&
		fdtoverlay -i "$merged" -o "$g-host.dtb" "$g-host.dtbo" &&
		has "$g-host.dtb" "$node" xen,passthrough || return 1
	"$x" guest "$merged" "$node" 100000000 >"$g-guest.dts" &&
		dtc -W no-simple_bus_reg -W no-interrupts_property -I dts -O dtb \
			-o "$g-guest.dtb" "$g-guest.dts" || return 1
	{ cat "$g-guest.dts"; printf '%s\n' '/ {' '	interrupt-parent = <65000>;' \
		'	interrupt-controller {' '		compatible = "arm,gic-400";' \
		'		phandle = <65000>;' '		#interrupt-cells = <3>;' \
		'		interrupt-controller;' '	};' '};'; } |
		dtc -q -I dts -O dtb -o "$g-guest-view.dtb" - || return 1
	dt_validate "$g-guest-view.log" "$g-guest-view.dtb"
	validate_out "$g-guest-view.log" "$g-guest-view.dtb" "/passthrough/${node##*/}" \
		"$(schema_of "$merged")"
}

lint() {
	cd "$OVL_SRC" && shellcheck ./*.sh
}

# ---------------------------------------------------------------------------
# Negative controls: the checks above must reject these

neg_wrong_compatible() {
	local m=${MERGED[0]:-} bad=$WORK/neg-compatible.dtb node
	[[ -n $m ]] || { echo "no merged DTB to break"; return 1; }
	node=${NODE_OF[$m]}
	cp "$m" "$bad" && fdtput -t s "$bad" "$node" compatible \
		"renesas,tmu-r8a7795" "renesas,tmu" || return 1
	! chk_compatible "$bad" "$node" "$(get "$m" "$node" compatible | cut -d' ' -f1)" \
		>/dev/null
}

neg_wrong_target() {
	local m=${MERGED[0]:-} bad=$WORK/neg-target
	[[ -n $m ]] || { echo "no merged DTB to apply to"; return 1; }
	printf '/dts-v1/;\n/plugin/;\n&{/soc/timer@0} {\n\tstatus = "okay";\n};\n' |
		dtc -q -@ -I dts -O dtb -o "$bad.dtbo" - || return 1
	! fdtoverlay -i "$m" -o "$bad.dtb" "$bad.dtbo" 2>/dev/null
}

neg_bad_prescaler() {
	local m=${MERGED[0]:-} bad=$WORK/neg-prescaler.dtb node
	[[ -n $m ]] || { echo "no merged DTB to break"; return 1; }
	node=${NODE_OF[$m]}
	cp "$m" "$bad" && fdtput "$bad" "$node" rt-eval,prescaler 3 || return 1
	dt_validate "$bad.log" "$bad"
	! validate_out "$bad.log" "$bad" "$node" "$(schema_of "$m")" >/dev/null
}

neg_altered_doc() {
	local f rc
	f=$(grep -l '^irqs = \[' "$WORK/doc-blocks"/* | head -n1)
	[[ -n $f ]] && cp "$f" "$WORK/doc-block.orig" &&
		sed -i 's/^irqs = \[ [0-9]*/irqs = [ 1/' "$f" || return 1
	! xen_doc_matches "$(head -n1 "$f")" >/dev/null
	rc=$?
	mv "$WORK/doc-block.orig" "$f"
	return $rc
}

# publish: this run's folder becomes build/check/overlays
publish() {
	rm -rf "$RESULTS"
	mv -T "$WORK" "$RESULTS" 2>/dev/null || rm -rf "$WORK"
}

# ---------------------------------------------------------------------------

main() {
	local start=$SECONDS ovl board g y out m n
	rte_need_cmd dtc fdtoverlay fdtget fdtput cpp make awk sha256sum shellcheck \
		dt-validate dt-doc-validate dt-mk-schema dt-extract-example
	rte_source_env "$RTE_CACHE/env-common"
	mkdir -p "${RESULTS%/*}"
	WORK=$(mktemp -d "$RESULTS.XXXXXX") || rte_die "cannot create a folder in ${RESULTS%/*}"
	LOG=$WORK/build.log
	trap publish EXIT
	prepare_source
	mapfile -t DRIVER_COMPATS < <(grep -oP '\.compatible = "\K[^"]+' \
		"$RTE_REPO/driver/rte_probe.c")
	declare -gA NODE_OF=() OVL_OF=()

	tap "overlays: make -C dts-overlays builds them all, no dtc warning" build_overlays
	tap "overlays: each is one fragment, checked on its upstream boards here" \
		every_overlay_checked
	dt-mk-schema -j "$BINDINGS"/timer/*-rt-eval.yaml >"$WORK/schema.json" 2>>"$LOG" ||
		rte_die "dt-mk-schema failed: $(tail -n 5 "$LOG")"

	for ovl in $(printf '%s\n' "${!BOARDS[@]}" | sort); do
		for board in ${BOARDS[$ovl]}; do
			check_board "$ovl" "$board"
		done
	done
	dt_validate "$WORK/dt-validate.log" "${MERGED[@]}"
	for m in "${MERGED[@]}"; do
		out=$(validate_out "$WORK/dt-validate.log" "$m" "${NODE_OF[$m]}" \
			"$(schema_of "$m")") ||
			FAIL[${OVL_OF[$m]}/dt-validate]+="$(basename "$m" .dtb): $out"$'\n'
	done
	for ovl in $(printf '%s\n' "${!BOARDS[@]}" | sort); do
		n=$(wc -w <<<"${BOARDS[$ovl]}")
		for g in "${GROUPS_[@]}"; do
			if [[ -z ${FAIL[$ovl/$g]:-} ]]; then
				ok "$ovl: $g ($n boards)"
			else
				not_ok "$ovl: $g"
				diag <<<"${FAIL[$ovl/$g]%$'\n'}"
			fi
		done
	done

	for y in "$BINDINGS"/timer/*-rt-eval.yaml; do
		tap "binding ${y##*/}: dt-doc-validate" doc_validate "$y"
		tap "binding ${y##*/}: its example passes dt-validate" example_validates "$y"
	done
	if v4h_has_no_tmu; then
		ok "V4H White Hawk: no overlay # SKIP r8a779g0.dtsi of linux-source describes no TMU"
	else
		not_ok "V4H White Hawk: r8a779g0.dtsi now describes TMUs: add an overlay"
	fi
	tap "docs: overlays.rst names every overlay and board" docs_name_everything
	doc_blocks "$DOC_XEN" "$WORK/doc-blocks"
	for board in "${XEN_BOARDS[@]}"; do
		tap "docs: xen.rst shows what xen-passthrough.sh makes of ${board#*/}" \
			xen_doc_matches "$board"
		tap "xen: ${board#*/} passthrough overlay applies, partial DT validates" \
			xen_recipe_works "$board"
	done
	tap "shellcheck dts-overlays/*.sh" lint

	tap "negative: a wrong compatible fails the compatible check" neg_wrong_compatible
	tap "negative: an overlay with a missing target does not apply" neg_wrong_target
	tap "negative: an unknown prescaler fails dt-validate" neg_bad_prescaler
	tap "negative: an altered xen.rst block fails the comparison" neg_altered_doc

	echo "1..$TAP_N"
	echo "# $((TAP_N - TAP_FAILED)) passed, $TAP_FAILED failed in $((SECONDS - start)) s" \
		"(cache: ${CACHE#"$RTE_CACHE"/})"
	((TAP_FAILED == 0))
}

main "$@"
