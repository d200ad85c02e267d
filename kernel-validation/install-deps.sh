#!/bin/sh
# Installs the host tools the real-kernel reproducer needs (fio, mkfs.ext4, losetup, gcc).
# Leaves out: anything the module itself would fetch at run time (it fetches nothing).
# Idempotent: each tool is installed only when missing; called by .ci/run before the build.
set -e
missing=""
command -v fio >/dev/null 2>&1 || missing="$missing fio"
command -v mkfs.ext4 >/dev/null 2>&1 || missing="$missing e2fsprogs"
command -v losetup >/dev/null 2>&1 || missing="$missing mount"
command -v gcc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install-deps: not root, cannot install:$missing" >&2
        exit 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null || true
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
echo "install-deps: fio=$(command -v fio || echo missing) mkfs.ext4=$(command -v mkfs.ext4 || echo missing) losetup=$(command -v losetup || echo missing)"
