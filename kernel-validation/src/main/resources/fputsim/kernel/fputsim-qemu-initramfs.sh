#!/bin/sh
# fputsim-qemu-initramfs: builds the guest's initramfs for QemuRun.
# Usage: fputsim-qemu-initramfs.sh STAGE_DIR MODULES_DIR OUT_CPIO MODULE...
# Does: copies busybox, fio and every shared library they need (ldd; the helper in STAGE_DIR/fputsim
#   is static, or its libraries are copied too), the named modules of MODULES_DIR and their
#   dependencies (modules.dep, in load order: dependencies first) into STAGE_DIR, then packs
#   STAGE_DIR as a newc cpio archive OUT_CPIO. QemuRun has already written STAGE_DIR/init and
#   STAGE_DIR/fputsim/{fputsim-reaper,params,plan,fio-args,events}.
# Leaves out: compression (the kernel unpacks an uncompressed archive fastest under TCG).
set -eu
stage=$1 moddir=$2 out=$3
shift 3
mkdir -p "$stage/bin" "$stage/fputsim/modules"
cp -L "$(command -v busybox)" "$stage/bin/busybox"
cp -L "$(command -v fio)" "$stage/bin/fio"
copy_libs() {
    # "libx.so.1 => /lib/x86_64-linux-gnu/libx.so.1 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)"
    ldd "$1" 2>/dev/null | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | while read -r lib; do
        [ -e "$stage$lib" ] && continue
        mkdir -p "$stage$(dirname "$lib")"
        cp -L "$lib" "$stage$lib"
    done
}
copy_libs "$stage/bin/busybox"
copy_libs "$stage/bin/fio"
copy_libs "$stage/fputsim/fputsim-reaper"
# modules.dep lines: "kernel/fs/ext4/ext4.ko: kernel/lib/crc16.ko kernel/fs/mbcache.ko ..."
# (each line lists the full closure; load the dependencies right to left, then the module)
: > "$stage/fputsim/modules.order"
for m in "$@"; do
    line=$(grep -E "(^|/)$m\.ko(\.[a-z]+)?:" "$moddir/modules.dep" | head -n 1)
    [ -n "$line" ] || { echo "module $m not in $moddir/modules.dep" >&2; exit 3; }
    deps=$(echo "${line#*:}" | awk '{ for (i = NF; i >= 1; i--) print $i }')
    for f in $deps "${line%%:*}"; do
        b=$(basename "$f")
        grep -qx "$b" "$stage/fputsim/modules.order" && continue
        case "$b" in
            *.ko) cp "$moddir/$f" "$stage/fputsim/modules/$b" ;;
            *.ko.xz) xz -dc "$moddir/$f" > "$stage/fputsim/modules/${b%.xz}"; b=${b%.xz} ;;
            *.ko.zst) zstd -qdc "$moddir/$f" > "$stage/fputsim/modules/${b%.zst}"; b=${b%.zst} ;;
            *) echo "module file $f: unknown format" >&2; exit 3 ;;
        esac
        grep -qx "$b" "$stage/fputsim/modules.order" || echo "$b" >> "$stage/fputsim/modules.order"
    done
done
chmod 755 "$stage/init" "$stage/fputsim/fputsim-reaper"
(cd "$stage" && find . | cpio -o -H newc --quiet) > "$out"
