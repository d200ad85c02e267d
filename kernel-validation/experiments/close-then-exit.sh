#!/bin/bash
# close-then-exit.sh: issue 16 finding 7, C4 on the real kernel: close-ring (close-ring.c) submits
# DEPTH reads, closes its data fd and its ring with close(2) while the reads are in flight, and
# exits by itself; the shell waits and runs umount at once. Counts how often umount says EBUSY.
# The model's prediction was written first: docs/kernel-notes.md §17 (C4).
#   D1 O_DIRECT reads of a file, DEFER_TASKRUN ring     D2 the same, plain ring
#   F1 reads of a FIFO on the mount (never complete), DEFER_TASKRUN   F2 the same, plain ring
# Each try: mount, close-ring, wait, umount; on EBUSY retried every 1 ms (at most 2000 times).
# Touches only what it creates (a temp dir with the compiled helper, its image, its loop device,
# its mount point); the EXIT trap undoes it on every path.
# Usage: close-then-exit.sh [N] [configs...]   (defaults: 20 D1 D2 F1 F2). Exit 77 with one line
# when a requirement is missing (gcc, liburing's header: apt-get install liburing-dev).
set -u
N=${1:-20}
shift || true
CONFIGS=("$@")
[ ${#CONFIGS[@]} -eq 0 ] && CONFIGS=(D1 D2 F1 F2)
for t in losetup mount umount mkfs.ext4 gcc mkfifo; do
    command -v "$t" >/dev/null 2>&1 || { echo "close-then-exit: skip: $t missing" >&2; exit 77; }
done
[ -f /usr/include/liburing.h ] || { echo "close-then-exit: skip: liburing.h missing (liburing-dev)" >&2; exit 77; }
[ "$(id -u)" = 0 ] || { echo "close-then-exit: skip: needs root" >&2; exit 77; }

WORK=$(mktemp -d /tmp/fputsim-cte-XXXXXX)
LOOP=""
cleanup() {
    while grep -q " $WORK/mnt " /proc/mounts; do umount "$WORK/mnt" 2>/dev/null || umount -l "$WORK/mnt" 2>/dev/null || break; done
    [ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
gcc -O2 -Wall -o "$WORK/close-ring" "$(dirname "$0")/close-ring.c" -luring || { echo "close-then-exit: cannot build close-ring" >&2; exit 1; }
mkdir -p "$WORK/mnt"
truncate -s 512M "$WORK/img"
LOOP=$(losetup --find --show "$WORK/img") || { echo "close-then-exit: losetup failed" >&2; exit 1; }
mkfs.ext4 -q -F "$LOOP"
mount "$LOOP" "$WORK/mnt" && dd if=/dev/urandom of="$WORK/mnt/foo" bs=1M count=64 status=none && mkfifo "$WORK/mnt/fifo" && umount "$WORK/mnt"

echo -e "config\ttry\trc\tumount\tebusy_retries"
for c in "${CONFIGS[@]}"; do
    case $c in
        D1) args=(direct "$WORK/mnt/foo" 32 defer) ;;
        D2) args=(direct "$WORK/mnt/foo" 32 plain) ;;
        F1) args=(fifo "$WORK/mnt/fifo" 8 defer) ;;
        F2) args=(fifo "$WORK/mnt/fifo" 8 plain) ;;
        *) echo "close-then-exit: unknown config $c (D1 D2 F1 F2)" >&2; exit 2 ;;
    esac
    for i in $(seq 1 "$N"); do
        mount "$LOOP" "$WORK/mnt" || { echo "close-then-exit: mount failed" >&2; exit 1; }
        "$WORK/close-ring" "${args[@]}"; rc=$?
        r=0
        until umount "$WORK/mnt" 2>"$WORK/err"; do
            grep -qi busy "$WORK/err" || { echo "close-then-exit: umount: $(head -1 "$WORK/err")" >&2; exit 1; }
            r=$((r+1)); [ $r -ge 2000 ] && { echo "close-then-exit: still busy after 2000 retries" >&2; exit 1; }
            sleep 0.001
        done
        echo -e "$c\t$i\t$rc\t$([ $r -gt 0 ] && echo EBUSY || echo ok)\t$r" | tee -a "$WORK/rows"
    done
done
echo "# config, tries, EBUSY tries, the retries of each busy try"
awk -F'\t' '{ n[$1]++; if ($4 == "EBUSY") { b[$1]++; r[$1] = r[$1] " " $5 } } END { for (c in n) print c "\t" n[c] "\t" b[c]+0 "\t" r[c] }' "$WORK/rows" | sort
