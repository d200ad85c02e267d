#!/bin/bash
# clean-exit.sh: issue 16 finding 7 on the real kernel: fio runs to completion and exits by itself
# (no kill); the shell waits and runs umount at once. Counts how often umount says EBUSY.
# The model's predictions were written first: docs/kernel-notes.md §17.
#   C1 the seed's job (io_uring, 12 x 2, buffered randread, --thread=1), normal files
#   C2 C1 + --registerfiles=1
#   C3 C1 + --sqthread_poll=1 (fio then registers the files too)
#   K  control: C1 killed with SIGKILL after 1.5 s (the reproducer), same sitting
# Each try: mount, fio for --runtime=1 (or the kill), wait, umount; on EBUSY umount is retried
# every 1 ms (at most 2000 times) and the retries are counted.
# Touches only what it creates (a temp dir, its image, its loop device, its mount point, fio by
# pid); the EXIT trap undoes it on every path.
# Usage: clean-exit.sh [N] [configs...]   (defaults: 20 C1 C2 C3 K). One TSV line per try, then
# per config: tries, EBUSY tries, the retries of each busy one. Exit 77 with one line when a
# requirement is missing.
set -u
N=${1:-20}
shift || true
CONFIGS=("$@")
[ ${#CONFIGS[@]} -eq 0 ] && CONFIGS=(C1 C2 C3 K)
for t in losetup mount umount fio mkfs.ext4; do
    command -v "$t" >/dev/null 2>&1 || { echo "clean-exit: skip: $t missing" >&2; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "clean-exit: skip: needs root" >&2; exit 77; }

WORK=$(mktemp -d /tmp/fputsim-clean-XXXXXX)
LOOP=""
FIO=""
cleanup() {
    [ -n "$FIO" ] && { kill -9 "$FIO" 2>/dev/null; wait "$FIO" 2>/dev/null; }
    while grep -q " $WORK/mnt " /proc/mounts; do umount "$WORK/mnt" 2>/dev/null || umount -l "$WORK/mnt" 2>/dev/null || break; done
    [ -n "$LOOP" ] && losetup -d "$LOOP" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$WORK/mnt"
truncate -s 512M "$WORK/img"
LOOP=$(losetup --find --show "$WORK/img") || { echo "clean-exit: losetup failed" >&2; exit 1; }
mkfs.ext4 -q -F "$LOOP"
mount "$LOOP" "$WORK/mnt" && dd if=/dev/urandom of="$WORK/mnt/foo" bs=1M count=256 status=none && umount "$WORK/mnt"

SEED=(--name=fputsim --ioengine=io_uring --iodepth=2 --size=256m --buffered=1 --overwrite=0 --numjobs=12
      --rw=randread --thread=1 --minimal --output=/dev/null)
echo -e "config\ttry\tfio_rc\tumount\tebusy_retries"
for c in "${CONFIGS[@]}"; do
    case $c in
        C1|K) extra=() ;;
        C2) extra=(--registerfiles=1) ;;
        C3) extra=(--sqthread_poll=1) ;;
        *) echo "clean-exit: unknown config $c (C1 C2 C3 K)" >&2; exit 2 ;;
    esac
    for i in $(seq 1 "$N"); do
        mount "$LOOP" "$WORK/mnt" || { echo "clean-exit: mount failed" >&2; exit 1; }
        if [ "$c" = K ]; then
            fio "${SEED[@]}" --time_based --runtime=30 --filename="$WORK/mnt/foo" >/dev/null 2>&1 &
            FIO=$!; sleep 1.5; kill -9 "$FIO"
        else
            fio "${SEED[@]}" "${extra[@]}" --time_based --runtime=1 --filename="$WORK/mnt/foo" >/dev/null 2>&1 &
            FIO=$!
        fi
        wait "$FIO"; rc=$?; FIO=""
        r=0
        until umount "$WORK/mnt" 2>"$WORK/err"; do
            grep -qi busy "$WORK/err" || { echo "clean-exit: umount: $(head -1 "$WORK/err")" >&2; exit 1; }
            r=$((r+1)); [ $r -ge 2000 ] && { echo "clean-exit: still busy after 2000 retries" >&2; break; }
            sleep 0.001
        done
        echo -e "$c\t$i\t$rc\t$([ $r -gt 0 ] && echo EBUSY || echo ok)\t$r" | tee -a "$WORK/rows"
    done
done
echo "# config, tries, EBUSY tries, the retries of each busy try"
awk -F'\t' '{ n[$1]++; if ($4 == "EBUSY") { b[$1]++; r[$1] = r[$1] " " $5 } } END { for (c in n) print c "\t" n[c] "\t" b[c]+0 "\t" r[c] }' "$WORK/rows" | sort
