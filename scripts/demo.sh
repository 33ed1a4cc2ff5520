#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: boot the emulated ZCU102 (QEMU xlnx-zcu102, Debian's arm64
# kernel), load rt_eval_tmu on its Cadence TTC and print the latency summary
# every few seconds for about 30 s.
set -euo pipefail
RTE_PROG=demo.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/board/lib.sh"

usage() {
	cat <<EOF
usage: scripts/demo.sh [--flavour std|rt]
  Sets the host up if needed (apt-get, as root), fetches the Debian kernel,
  builds the module and runs it on the emulated board.
EOF
}

main() {
	local flavour=std
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--flavour) [[ $# -ge 2 ]] || rte_usage_error "--flavour needs a value"
			flavour=$2; shift 2 ;;
		*) rte_usage_error "unknown argument '$1'" ;;
		esac
	done
	rte_is_flavour "$flavour" || rte_usage_error "--flavour must be std or rt"

	"$RTE_REPO/scripts/setup-host.sh"
	"$RTE_REPO/scripts/board/fetch.sh" "$flavour"
	"$RTE_REPO/scripts/board/build.sh" "$flavour" "$RTE_REPO/build/$flavour"

	cat <<EOF

=== rt_eval_tmu on the EMULATED ZCU102 (QEMU TCG, Debian $flavour kernel) ===
These figures come from an emulated timer and emulated CPUs. They show the
measurement pipeline working; they say nothing about any real board.

EOF
	"$RTE_REPO/scripts/board/boot.sh" --flavour "$flavour" \
		--payload "$RTE_REPO/build/$flavour/payload" \
		--script "$RTE_REPO/scripts/board/guest-demo.sh" \
		--log "$RTE_REPO/build/demo-$flavour.log" |
		grep -a --line-buffered '^\[emulated\]'
}

main "$@"
