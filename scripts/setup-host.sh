#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building the module and running the emulated boards need on
# a Debian 12 x86_64 host: cross compilers, QEMU (ZCU102 and r2d), dtc,
# sparse, kernel source, and the arm64 apt index that scripts/board/fetch.sh
# downloads from.
# Idempotent: when everything is there it does not touch apt (offline, fast).
set -euo pipefail
RTE_PROG=setup-host.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/board/lib.sh"

usage() {
	cat <<EOF
usage: scripts/setup-host.sh [--check]
Installs the Debian packages used by scripts/board/*.sh (root or sudo).
  --check  only report what is missing; exit 1 if anything is
EOF
}

PACKAGES=(
	qemu-system-arm       # qemu-system-aarch64 (xlnx-zcu102)
	gcc-aarch64-linux-gnu # aarch64-linux-gnu-gcc-12, as the headers' CC wants
	gcc-arm-linux-gnueabihf # the module's 32-bit build (armmp headers)
	libc6-dev-arm64-cross # static arm64 test programs, kselftest
	device-tree-compiler  # dtc, fdtget, fdtput
	sparse                # make C=1/C=2
	linux-source-6.1      # checkpatch, kselftest framework, DT bindings
	make gcc libc6-dev    # kbuild, host-side tools
	cpio gzip xz-utils    # initramfs, unpacking linux-source
	perl                  # checkpatch.pl
	rsync                 # kselftest lib.mk install
	flex bison bc         # the debug kernel of make check-debug
	shellcheck            # make check lints the scripts
	python3
	dt-schema             # dt-validate, dt-doc-validate: overlays and binding
	gnuplot-nox           # rt-eval-compare --plot
	prometheus prometheus-node-exporter curl # promtool, textfile scrape test
	mandoc logrotate      # man page lint, logrotate snippet check
	clang libclang-rt-14-dev # libFuzzer harnesses of the tools' readers
	dkms systemd file     # DKMS build, systemd-analyze of the installed unit
	busybox               # guest.d/udev.sh tried on the host
	libjson-c-dev         # the tools read their logs with json-c
	libjson-c-dev:arm64   # ... and link it statically for the board
	qemu-system-misc      # qemu-system-sh4 -M r2d: the TMU backend (scripts/sh4)
	gcc-sh4-linux-gnu gcc-12-plugin-dev-sh4-linux-gnu # the r2d kernel, its GCC plugin
	g++ patch             # ... which is C++; the r2d kernel's patches
	linux-libc-dev-sh4-cross # uapi headers of the r2d's static musl userland
	cmake                 # json-c for sh4 (scripts/sh4/build-json-c.sh)
)
# Something only an arm64 index offers: fetch.sh needs it.  The armhf
# index serves only the 32-bit headers of the module's 32-bit build.
ARM64_PROBE=linux-image-arm64:arm64
ARMHF_PROBE=linux-headers-armmp:armhf

# A package of another architecture is wanted as NAME:ARCH (libjson-c-dev:arm64).
# dpkg-query's ${binary:Package} adds :ARCH to the names of Multi-Arch: same
# packages only, native ones included (libjson-c-dev:amd64): a native
# NAME:ARCH also counts as plain NAME.
missing_packages() {
	dpkg-query -W -f='${binary:Package} ${db:Status-Abbrev}\n' "${PACKAGES[@]}" 2>/dev/null |
		awk -v want="${PACKAGES[*]}" -v native="$(dpkg --print-architecture)" '
			$2 == "ii" { ok[$1] = 1; n = split($1, p, ":"); if (n == 2 && p[2] == native) ok[p[1]] = 1 }
			END { n = split(want, w, " "); for (i = 1; i <= n; i++) if (!ok[w[i]]) print w[i] }'
}

arm64_ready() {
	dpkg --print-foreign-architectures | grep -qx arm64 &&
		dpkg --print-foreign-architectures | grep -qx armhf &&
		apt-cache show --no-all-versions "$ARM64_PROBE" >/dev/null 2>&1 &&
		apt-cache show --no-all-versions "$ARMHF_PROBE" >/dev/null 2>&1
}

main() {
	local check=0 missing sudo=()
	case ${1:-} in
	'') ;;
	--check) check=1 ;;
	-h | --help) usage; exit 0 ;;
	*) rte_usage_error "unknown argument '$1'" ;;
	esac
	[[ $# -le 1 ]] || rte_usage_error "too many arguments"

	mapfile -t missing < <(missing_packages)
	if [[ ${#missing[@]} -eq 0 ]] && arm64_ready; then
		rte_log "host ready (${#PACKAGES[@]} packages, arm64 and armhf indexes present)"
		exit 0
	fi
	rte_log "missing: ${missing[*]:-}$(arm64_ready || echo ' arm64-or-armhf-index')"
	((check == 0)) || exit 1

	if [[ $EUID -ne 0 ]]; then
		command -v sudo >/dev/null || rte_die "not root and no sudo: run scripts/setup-host.sh as root"
		sudo=(sudo)
	fi
	export DEBIAN_FRONTEND=noninteractive
	dpkg --print-foreign-architectures | grep -qx arm64 ||
		"${sudo[@]}" dpkg --add-architecture arm64
	dpkg --print-foreign-architectures | grep -qx armhf ||
		"${sudo[@]}" dpkg --add-architecture armhf
	# A foreign index (e.g. armhf) that fails to update is fine as long as
	# what we need resolves afterwards.
	"${sudo[@]}" apt-get update -q ||
		rte_warn "apt-get update reported errors; checking whether what we need resolves"
	arm64_ready || rte_die "apt has no $ARM64_PROBE or $ARMHF_PROBE after apt-get update; check /etc/apt/sources.list* (need Debian 12 main)"
	if [[ ${#missing[@]} -gt 0 ]]; then
		"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" ||
			rte_die "apt-get install ${missing[*]} failed"
	fi
	mapfile -t missing < <(missing_packages)
	[[ ${#missing[@]} -eq 0 ]] || rte_die "still missing after install: ${missing[*]}"
	rte_log "host ready"
}

main "$@"
