#!/bin/sh
# Installs the Debian 12 packages `make bench` needs on top of the build's
# (tools/install-deps.sh): PMDK's libpmemobj for the pmdk build, pkg-config to
# find it, valgrind for the instruction counts (it also ships
# <valgrind/callgrind.h>). Does nothing (quickly) when all are present. Run
# as root, or with sudo available.
set -e
PKGS="libpmemobj-dev pkg-config valgrind"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "twz bench: installing missing packages:$missing"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
