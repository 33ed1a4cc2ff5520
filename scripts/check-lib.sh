# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash disable=SC2034 # N, FAIL and TAP_NAME are for the sourcing script
#
# TAP lines of the scripts/check.d/*.sh checks, which scripts/check.sh
# counts.  Source it after scripts/board/lib.sh, then:
#   rte_tap_init NAME         the prefix of every line ("ok 1 NAME: ...")
#   tap STATUS DESCRIPTION    one line, "ok" when STATUS is 0; a failure
#                             sets FAIL=1
#   exit "$FAIL"              at the end

rte_tap_init() {
	TAP_NAME=$1
	N=0
	FAIL=0
}

tap() {
	N=$((N + 1))
	if [[ $1 == 0 ]]; then
		echo "ok $N $TAP_NAME: $2"
	else
		echo "not ok $N $TAP_NAME: $2"
		FAIL=1
	fi
}
