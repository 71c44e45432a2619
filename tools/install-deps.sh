#!/bin/sh
# Installs Debian 12 packages, doing nothing (quickly) when all are present.
# Without arguments: what twz needs to build and test. With arguments: those
# packages (bench/install-bench-deps.sh uses that). Run as root, or with sudo.
set -e
PKGS="clang-19 llvm-19-dev libclang-19-dev libclang-rt-19-dev llvm-19-tools lld-19 libsodium-dev cmake ninja-build make python3 musl-dev qemu-system-x86 libbsd-dev pkgconf binutils"
[ $# -gt 0 ] && PKGS="$*"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "twz: installing missing packages:$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
