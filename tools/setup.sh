#!/bin/sh
# Fresh Debian 12: install what carafe needs, build it, run the demo.
set -e
cd "$(dirname "$0")/.."
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    gcc make autoconf automake pkg-config libffi-dev libc6-dev \
    gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 mingw-w64-x86-64-dev
autoreconf -fi
./configure
make -j"$(nproc)"
./carafe programs/demo/hello.exe
