#!/bin/bash
# mount-after-umount.sh: what mount(2) and an exclusive open of the device do after a umount while
# the old superblock may still live (issue 16, finding 1 and the seed's second report: "umount
# exits before the filesystem is really torn down, then mount can't get an exclusive lock").
#
# Part A (finding 1), per filesystem type, N tries each: mount, hold a file open, umount -l, then
#   A1 mount the same device, same type, elsewhere      (super.c sget_fc/grab_super: reuse expected)
#   A2 mount it read-only while the old sb is rw         (get_tree_bdev_flags: EBUSY expected)
#   A3 mount it with another type (ext2 / ext4)          (setup_bdev_super claim: EBUSY expected)
#   A4 open(O_EXCL) of the device, as mkfs/fsck do       (bd_may_claim: EBUSY expected)
#   A5 close the file, then open(O_EXCL) again           (sb torn down by the last mntput)
#   "reused" = the device's /sys/fs/<type>/<dev> node (one per superblock; kernfs numbers every new
#   node afresh) is the same before and after the mount.
# Part B (the crash report), per type and ordering, N tries each: a writer or fio, a shutdown
#   (EXT4_IOC_SHUTDOWN / XFS_IOC_GOINGDOWN: the same ioctl number 0x8004587d, issued by
#   `xfs_io -x -c shutdown`), umount, then mount the same device, same type:
#   B1 psync writer, shutdown, kill -9, wait, umount, mount
#   B2 io_uring fio (the seed's job), shutdown, kill -9, wait, umount (EBUSY counted), mount
#   B3 as B2 but umount -l, then mount (same type) and open(O_EXCL) (fsck's view)
#   B5 io_uring fio, kill -9, wait, then shutdown, umount (EBUSY counted), mount
#   B6 io_uring fio, kill -9, wait, shutdown, umount -l, then at once open(O_EXCL) (fsck/mkfs after
#      a lazy umount), then mount (same type)
#   B7 io_uring fio, kill -9, wait, umount -l, then at once open(O_EXCL) (no shutdown), then mount
#   B4 psync writer, a private mount namespace cloned while mounted (unshare -m, as a daemon with
#      PrivateTmp has), shutdown, kill, umount in ours, mount, open(O_EXCL)
# Touches only what it creates (a temp dir, its image files, its loop devices, its mount points,
# its own child processes by pid); the EXIT trap undoes all of it on every path.
# Usage: [STEPS="A1 A2 ... B5"] mount-after-umount.sh [N] [types...]   (defaults: all steps, 10, ext4 xfs). Prints one TSV line per
# try and a count table. Exit 77 with one line when a requirement is missing.
set -u
N=${1:-10}
shift || true
TYPES=("$@")
[ ${#TYPES[@]} -eq 0 ] && TYPES=(ext4 xfs)

for t in losetup mount umount unshare gcc xfs_io fio mkfs.ext4 mkfs.xfs; do
    command -v "$t" >/dev/null 2>&1 || { echo "mount-after-umount: skip: $t missing" >&2; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "mount-after-umount: skip: needs root" >&2; exit 77; }

WORK=$(mktemp -d /tmp/fputsim-mau-XXXXXX)
LOOPS=()
PIDS=()
cleanup() {
    local p mp l
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    exec 7>&- 2>/dev/null
    for mp in "$WORK"/m1 "$WORK"/m2; do
        while grep -q " $mp " /proc/mounts; do umount -l "$mp" 2>/dev/null || break; done
    done
    for l in "${LOOPS[@]}"; do losetup -d "$l" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK/m1" "$WORK/m2"

DEV=""
newdev() { # $1 type: a fresh 512 MiB image on a new loop device, formatted, with a 256 MiB file
    local img="$WORK/$1.img"
    truncate -s 512M "$img"
    DEV=$(losetup --find --show "$img") || { echo "mount-after-umount: losetup failed" >&2; exit 1; }
    LOOPS+=("$DEV")
    if [ "$1" = xfs ]; then mkfs.xfs -q -f "$DEV"; else mkfs.ext4 -q -F "$DEV"; fi
    mount -t "$1" "$DEV" "$WORK/m1" && dd if=/dev/urandom of="$WORK/m1/foo" bs=1M count=256 status=none && umount "$WORK/m1"
}
SB_BEFORE=""
mark() { # remembers the device's superblock before a mount: its /sys/fs/<type>/<dev> kernfs node
    SB_BEFORE=$(sbid)
}
sbid() { # kernfs gives every new node a new inode number, so a new superblock gets a new one
    local d=${DEV#/dev/} t
    for t in ext4 xfs; do [ -d "/sys/fs/$t/$d" ] && { stat -c %i "/sys/fs/$t/$d"; return; }; done
    echo none
}
fresh() { # yes: the mount reused the superblock that was alive before it; also says whether one was alive
    local now; now=$(sbid)
    [ "$SB_BEFORE" != none ] && [ "$now" = "$SB_BEFORE" ] && echo "yes (old sb alive before the mount)" && return
    [ "$SB_BEFORE" = none ] && echo "no (no sb before the mount)" || echo "no (old sb $SB_BEFORE replaced by $now)"
}
classify() { # mount/umount stderr + rc -> ok | EBUSY | other:<rc>
    if [ "$1" = 0 ]; then echo ok; elif grep -qi "busy" "$WORK/err"; then echo EBUSY; else echo "other:$1:$(head -c 80 "$WORK/err" | tr '\n\t' '  ')"; fi
}
domount() { mount "$@" 2>"$WORK/err"; classify $?; }
doumount() { umount "$@" 2>"$WORK/err"; classify $?; }
# open(O_EXCL) of the device as mkfs/fsck do, from a tiny compiled probe (a Python start-up would
# take longer than the window it is meant to catch)
cat > "$WORK/excl.c" <<'EOC'
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int fd = open(argv[1], O_RDONLY | O_EXCL);
    if (fd >= 0) { close(fd); puts("ok"); return 0; }
    if (errno == EBUSY) puts("EBUSY"); else printf("errno:%d\n", errno);
    return 0;
}
EOC
gcc -O2 -o "$WORK/excl" "$WORK/excl.c" || { echo "mount-after-umount: cannot build the O_EXCL probe" >&2; exit 1; }
excl() { "$WORK/excl" "$DEV"; }
unmount_all() {
    local mp
    exec 7>&- 2>/dev/null
    for mp in "$WORK"/m1 "$WORK"/m2; do
        while grep -q " $mp " /proc/mounts; do umount "$mp" 2>/dev/null || umount -l "$mp" 2>/dev/null || break; done
    done
    # a lazily unmounted sb dies with the last file: wait for the device claim to go (bounded)
    local i; for i in $(seq 1 200); do [ "$(excl)" = ok ] && return 0; sleep 0.05; done
    echo "mount-after-umount: device still claimed after 10 s" >&2
}
other() { [ "$1" = ext4 ] && echo ext2 || echo ext4; }
killwait() { kill -9 "$1" 2>/dev/null; wait "$1" 2>/dev/null; local p x=(); for p in "${PIDS[@]}"; do [ "$p" != "$1" ] && x+=("$p"); done; PIDS=("${x[@]}"); }
shutdown_fs() { xfs_io -x -c shutdown "$1" 2>"$WORK/err"; classify $?; }
FIO_SEED=(--name=fputsim --ioengine=io_uring --iodepth=2 --size=256m --buffered=1 --overwrite=0 --numjobs=12
          --rw=randread --thread=1 --time_based --runtime=30 --output=/dev/null)
FIO_WRITER=(--name=w --ioengine=psync --rw=randwrite --bs=4k --size=64m --numjobs=4 --time_based --runtime=30
            --continue_on_error=all --thread=1 --output=/dev/null)

echo -e "part\ttype\ttry\tstep\tresult"
row() { echo -e "$1\t$2\t$3\t$4\t$5" | tee -a "$WORK/rows"; }
for T in "${TYPES[@]}"; do
    newdev "$T"
    for i in $(seq 1 "$N"); do
        # ---- A: lazy umount with a file open
        for a in A1 A2 A3 A4; do
            case " ${STEPS:-$a} " in *" $a "*) ;; *) continue ;; esac
            mount -t "$T" "$DEV" "$WORK/m1" || { row A "$T" "$i" "$a setup" fail; continue; }
            exec 7<"$WORK/m1/foo"
            row A "$T" "$i" "$a umount-l" "$(doumount -l "$WORK/m1")"
            mark
            case $a in
                A1) r=$(domount -t "$T" "$DEV" "$WORK/m2"); [ "$r" = ok ] && r="$r reused=$(fresh)" ;;
                A2) r=$(domount -t "$T" -o ro "$DEV" "$WORK/m2") ;;
                A3) r=$(domount -t "$(other "$T")" "$DEV" "$WORK/m2") ;;
                A4) r=$(excl) ;;
            esac
            row A "$T" "$i" "$a" "$r"
            if [ $a = A4 ]; then
                exec 7>&-
                r=ok; for k in $(seq 1 100); do r=$(excl); [ "$r" = ok ] && break; sleep 0.01; done
                row A "$T" "$i" "A5 excl-after-close" "$r polls=$k"
            fi
            unmount_all
        done
        # ---- B: shutdown ("crash"), umount, mount
        for b in B1 B2 B3 B4 B5 B6 B7; do
            case " ${STEPS:-$b} " in *" $b "*) ;; *) continue ;; esac
            mount -t "$T" "$DEV" "$WORK/m1" || { row B "$T" "$i" "$b setup" fail; continue; }
            if [ $b = B2 ] || [ $b = B3 ] || [ $b = B5 ] || [ $b = B6 ] || [ $b = B7 ]; then
                fio "${FIO_SEED[@]}" --filename="$WORK/m1/foo" >/dev/null 2>&1 &
            else
                fio "${FIO_WRITER[@]}" --directory="$WORK/m1" >/dev/null 2>&1 &
            fi
            w=$!; PIDS+=("$w")
            ns=""
            if [ $b = B4 ]; then
                unshare -m --propagation private sleep 600 & ns=$!; PIDS+=("$ns")
            fi
            sleep 1
            if [ $b = B7 ]; then
                killwait "$w"
            elif [ $b = B5 ] || [ $b = B6 ]; then
                killwait "$w"
                row B "$T" "$i" "$b shutdown" "$(shutdown_fs "$WORK/m1")"
            else
                row B "$T" "$i" "$b shutdown" "$(shutdown_fs "$WORK/m1")"
                killwait "$w"
            fi
            if [ $b = B3 ] || [ $b = B6 ] || [ $b = B7 ]; then
                row B "$T" "$i" "$b umount-l" "$(doumount -l "$WORK/m1")"
                [ $b != B3 ] && row B "$T" "$i" "$b excl-at-once" "$(excl)"
            else
                r=$(doumount "$WORK/m1")
                busy=0
                while [ "$r" = EBUSY ] && [ $busy -lt 200 ]; do busy=$((busy+1)); sleep 0.005; r=$(doumount "$WORK/m1"); done
                row B "$T" "$i" "$b umount" "$r ebusy_retries=$busy"
            fi
            mark
            r=$(domount -t "$T" "$DEV" "$WORK/m2"); [ "$r" = ok ] && r="$r reused=$(fresh)"
            row B "$T" "$i" "$b mount" "$r"
            if [ $b = B3 ] || [ $b = B4 ]; then
                umount "$WORK/m2" 2>/dev/null
                row B "$T" "$i" "$b excl" "$(excl)"
            fi
            [ -n "$ns" ] && killwait "$ns"
            unmount_all
        done
    done
done
echo "# counts: type, step, result (first word; ebusy_retries>0 counted as 'ok after EBUSY')"
awk -F'\t' '{ r = $5; split(r, w, " "); k = w[1]; if (r ~ /ebusy_retries=[1-9]/) k = "ok-after-EBUSY"; if (r ~ /reused=/) { split(r, u, "reused="); k = k " reused=" u[2] }
              c[$2 "\t" $4 "\t" k]++ } END { for (x in c) print x "\t" c[x] }' "$WORK/rows" | sort
