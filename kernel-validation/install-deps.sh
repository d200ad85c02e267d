#!/bin/sh
# Installs the host tools the real-kernel reproducer and its tests need: fio, mkfs.ext4, losetup,
# gcc (the native helper and supervisor are built at run time), xmllint (libxml2-utils: the JUnit
# files are validated against Surefire's XSD) and the kernel's own KTAP parser
# (tools/testing/kunit/kunit.py from Debian's linux-source, extracted to $KUNIT_DIR), and for
# `kernel run --qemu 6.1` qemu-system-x86, linux-image-amd64 (6.1 on bookworm), busybox-static, cpio.
# Leaves out: anything the module itself would fetch at run time (it fetches nothing).
# Idempotent: each tool is installed only when missing; called by .ci/run before the build.
set -e
KUNIT_DIR=${FPUTSIM_KUNIT_DIR:-/opt/fputsim/kunit-src}
missing=""
command -v fio >/dev/null 2>&1 || missing="$missing fio"
command -v mkfs.ext4 >/dev/null 2>&1 || missing="$missing e2fsprogs"
command -v losetup >/dev/null 2>&1 || missing="$missing mount"
command -v gcc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v xmllint >/dev/null 2>&1 || missing="$missing libxml2-utils"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
# kernel run --qemu 6.1 (QemuRun): qemu (TCG), Debian bookworm's 6.1 kernel and modules
# (linux-image-amd64 there), and what builds the guest's initramfs (busybox-static, cpio)
command -v qemu-system-x86_64 >/dev/null 2>&1 || missing="$missing qemu-system-x86"
command -v busybox >/dev/null 2>&1 || missing="$missing busybox-static"
command -v cpio >/dev/null 2>&1 || missing="$missing cpio"
ls /boot/vmlinuz-6.1.* >/dev/null 2>&1 || missing="$missing linux-image-amd64"
src_tar() { ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1; }
if [ ! -f "$KUNIT_DIR/tools/testing/kunit/kunit.py" ] && [ -z "$(src_tar)" ]; then
    missing="$missing linux-source"
fi
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
if [ ! -f "$KUNIT_DIR/tools/testing/kunit/kunit.py" ] && [ -n "$(src_tar)" ]; then
    # only the KTAP parser: tools/testing/kunit (the tarball's top folder is linux-source-X.Y)
    top=$(basename "$(src_tar)" .tar.xz)
    mkdir -p "$KUNIT_DIR"
    tar -xJf "$(src_tar)" -C "$KUNIT_DIR" --strip-components=1 "$top/tools/testing/kunit" || \
        echo "install-deps: could not extract tools/testing/kunit from $(src_tar)" >&2
fi
echo "install-deps: fio=$(command -v fio || echo missing) mkfs.ext4=$(command -v mkfs.ext4 || echo missing)" \
    "losetup=$(command -v losetup || echo missing) xmllint=$(command -v xmllint || echo missing)" \
    "qemu=$(command -v qemu-system-x86_64 || echo missing) vmlinuz-6.1=$(ls /boot/vmlinuz-6.1.* 2>/dev/null | tail -n 1 || true)" \
    "kunit=$( [ -f "$KUNIT_DIR/tools/testing/kunit/kunit.py" ] && echo "$KUNIT_DIR/tools/testing/kunit/kunit.py" || echo missing)"
