#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: the comparison rt_eval_tmu exists for, on the emulated
# ZCU102 (QEMU xlnx-zcu102, Debian's arm64 kernel): the same measurement,
# same period and duration, on bare metal, in Xen Dom0 and in a dom0less
# Xen guest that has the TTC passed through; then rt-eval-compare's table
# of the three runs and a plot of their latency histograms.
set -euo pipefail
RTE_PROG=demo.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/board/lib.sh"

usage() {
	cat <<EOF
usage: scripts/demo.sh [--flavour std|rt] [--seconds N]
  Sets the host up if needed (apt-get, as root), fetches the Debian kernel,
  builds the module and tools, and measures N seconds (default 30) on bare
  metal, in Xen Dom0 and in a Xen guest.  Logs, the runs' JSON logs and
  compare.png go to build/demo/.
EOF
}

OUT=$RTE_REPO/build/demo
BOARD=$RTE_REPO/scripts/board

# extract LOG NAME: the file the guest printed between RTE-FILE markers
extract() {
	sed -n "/^RTE-FILE-BEGIN $2\$/,/^RTE-FILE-END\$/p" "$1" | sed '1d;$d' |
		grep -v '^(XEN)' | base64 -d | gunzip >"$OUT/$2" ||
		rte_die "no $2 in $1: the run failed, see that log"
}

# run LABEL BOOT-ARGS...: one measurement; its lines are shown as they come
run() {
	local label=$1
	shift
	echo
	echo "--- $label ---"
	"$BOARD/boot.sh" "$@" --log "$OUT/$label.log" 2>/dev/null |
		grep -a --line-buffered '^\[emulated' || true
}

main() {
	local flavour=std seconds=30 payload script
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--flavour | --seconds)
			[[ $# -ge 2 ]] || rte_usage_error "$1 needs a value" ;;&
		--flavour) flavour=$2; shift 2 ;;
		--seconds) seconds=$2; shift 2 ;;
		*) rte_usage_error "unknown argument '$1'" ;;
		esac
	done
	rte_is_flavour "$flavour" || rte_usage_error "--flavour must be std or rt"
	[[ $seconds =~ ^[1-9][0-9]*$ ]] || rte_usage_error "--seconds must be a positive number"

	"$RTE_REPO/scripts/setup-host.sh"
	"$BOARD/fetch.sh" "$flavour"
	"$BOARD/build.sh" "$flavour" "$RTE_REPO/build/$flavour"
	make -s -C "$RTE_REPO/tools" >/dev/null
	rm -rf "$OUT"
	mkdir -p "$OUT"
	payload=$RTE_REPO/build/$flavour/payload
	script=$OUT/guest-demo.sh
	{ echo "DEMO_SECONDS=$seconds"; cat "$BOARD/guest-demo.sh"; } >"$script"

	cat <<EOF

=== rt_eval_tmu on the EMULATED ZCU102 (QEMU TCG, Debian $flavour kernel) ===
Bare metal, then Xen 4.17 Dom0, then a dom0less Xen guest with the TTC
passed through: ${seconds} s each at the driver's default 10 ms period.
These figures come from an emulated timer and emulated CPUs. They show the
measurement working; they say nothing about any real board.
EOF
	run baremetal --flavour "$flavour" --payload "$payload" --script "$script"
	run dom0 --flavour "$flavour" --xen --payload "$payload" --script "$script"
	run domu --flavour "$flavour" --xen --payload "$payload" \
		--script "$BOARD/guest-domu-dom0.sh" \
		--guest-payload "$payload" --guest-script "$script"
	# the guest's lines come through Xen's console, cut: show them joined
	grep -a '^\[emulated' "$OUT/domu-guest.log" || true

	extract "$OUT/baremetal.log" baremetal.jsonl
	extract "$OUT/dom0.log" dom0.jsonl
	extract "$OUT/domu-guest.log" domu.jsonl
	echo
	echo "=== bare metal vs Xen Dom0 vs Xen guest (emulated board) ==="
	"$RTE_REPO/tools/build/rt-eval-compare" "$OUT/baremetal.jsonl" \
		"$OUT/dom0.jsonl" "$OUT/domu.jsonl" --plot "$OUT/compare.png"
	echo
	echo "Histograms overlaid: ${OUT#"$RTE_REPO"/}/compare.png (emulated figures)"
}

main "$@"
