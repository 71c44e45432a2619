#!/bin/sh
# The Debian 12 packages `make bench` needs on top of the build's: PMDK's
# libpmemobj for the pmdk build, pkg-config to find it, valgrind for the
# instruction counts (it also ships <valgrind/callgrind.h>).
exec sh "$(dirname "$0")/../tools/install-deps.sh" libpmemobj-dev pkg-config valgrind
