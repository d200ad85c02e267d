#!/bin/busybox sh
# fputsim-qemu-init: PID 1 of the guest that QemuRun boots (Debian's 6.1 kernel under TCG).
# Does: loads the modules listed in /fputsim/modules.order, arms a tracefs instance with the
#   events and filters of /fputsim/events (the host harness's TraceCapture.EVENTS), then for each
#   kill sleep in /fputsim/plan: mount the scratch ext4 (/dev/vda), run the native helper
#   (fio, kill -9, wait, umount2 retried while EBUSY; with NO_KILL=1 in /fputsim/params the
#   helper's --no-kill: the workload of /fputsim/fio-args, fio time-based or fputsim-close-ring,
#   exits by itself, and its log goes to the console as "FPUTSIM-WLOG <i> <lines joined by |>"),
#   umount if still mounted. Each helper line
#   goes to the console as "FPUTSIM-ITER <line>" (the host reads it while the guest runs); at the
#   end trace.txt, trace-notes.txt, uname-r.txt and fio-version.txt are written as a tar archive to
#   the output disk (/dev/vdb), "FPUTSIM-DONE" is printed and the guest powers off.
# Leaves out: anything on the host (the guest sees only its two disks and the console).
# Checked by: QemuRunTest (a real boot), QemuRunCliTest.
export PATH=/bin:/sbin:/usr/bin
/bin/busybox mkdir -p /proc /sys /dev /tmp /mnt /out /sbin /usr/bin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
say() { echo "$*" > /dev/ttyS0; }
fail() { say "FPUTSIM-FAIL $*"; sync; poweroff -f; sleep 5; reboot -f; }
. /fputsim/params
for m in $(cat /fputsim/modules.order); do
    insmod "/fputsim/modules/$m" 2>/tmp/insmod.err || say "FPUTSIM-NOTE insmod $m: $(cat /tmp/insmod.err)"
done
n=0
while [ ! -b /dev/vda ] || [ ! -b /dev/vdb ]; do
    n=$((n + 1)); [ $n -gt 100 ] && fail "no /dev/vda or /dev/vdb after 10 s"; sleep 0.1
done
say "FPUTSIM-UNAME $(uname -r)"
say "FPUTSIM-FIO $(fio --version)"
T=/sys/kernel/tracing
mount -t tracefs tracefs $T 2>/dev/null
I=""
if [ "$TRACE" = 1 ]; then
    I=$T/instances/$INSTANCE
    mkdir "$I" || fail "cannot create tracefs instance $I"
    : > /out/trace-notes.txt
    echo "instance $INSTANCE (in the guest)" >> /out/trace-notes.txt
    echo 0 > $I/tracing_on
    echo mono > $I/trace_clock || fail "trace_clock mono refused"
    echo 16384 > $I/buffer_size_kb
    while IFS='	' read -r ev filter; do
        [ -d "$I/events/$ev" ] || { echo "$ev: missing on this kernel" >> /out/trace-notes.txt; continue; }
        if [ -n "$filter" ] && ! echo "$filter" > "$I/events/$ev/filter" 2>/dev/null; then
            echo "$ev: filter rejected, unfiltered" >> /out/trace-notes.txt
        fi
        echo 1 > "$I/events/$ev/enable"
    done < /fputsim/events
    echo 1 > $I/tracing_on
fi
mount -t ext4 /dev/vda /mnt || fail "cannot mount the scratch disk"
dd if=/dev/zero of=/mnt/foo bs=1M count="$DATA_MIB" 2>/dev/null || fail "cannot write /mnt/foo"
sync
umount /mnt || fail "cannot umount after writing /mnt/foo"
say "FPUTSIM-READY"
i=0
while read -r sleep_us; do
    i=$((i + 1))
    if ! out=$(mount -t ext4 /dev/vda /mnt 2>&1); then
        say "FPUTSIM-MOUNTFAIL $i $sleep_us $out"
        continue
    fi
    if [ "$NO_KILL" = 1 ]; then
        set -- /fputsim/fputsim-reaper --mnt /mnt --no-kill --exit-bound-us "$EXIT_BOUND_US"
    else
        set -- /fputsim/fputsim-reaper --mnt /mnt --sleep-us "$sleep_us"
    fi
    set -- "$@" --bound-us "$BOUND_US" --iter "$i" --fio-log /tmp/fio.log
    [ -n "$DELAY_US" ] && [ "$DELAY_US" != 0 ] && set -- "$@" --delay-us "$DELAY_US"
    [ -n "$I" ] && set -- "$@" --marker "$I/trace_marker"
    line=$("$@" -- $(cat /fputsim/fio-args) | grep '^iter=' | head -n 1)
    case "$line" in
        *fio_early_exit=1*) say "FPUTSIM-FIOLOG $i $(head -n 5 /tmp/fio.log | tr '\n' ' ')" ;;
    esac
    [ "$NO_KILL" = 1 ] && say "FPUTSIM-WLOG $i $(head -n 20 /tmp/fio.log 2>/dev/null | tr '\n' '|')"
    say "FPUTSIM-ITER ${line:-iter=$i missing}"
    if grep -q ' /mnt ' /proc/mounts; then
        k=0
        until umount /mnt 2>/dev/null; do
            k=$((k + 1)); [ $k -gt 100 ] && fail "iteration $i: /mnt still busy after 10 s"; sleep 0.1
        done
    fi
done < /fputsim/plan
if [ -n "$I" ]; then
    echo 0 > $I/tracing_on
    cat $I/trace > /out/trace.txt
fi
uname -r > /out/uname-r.txt
fio --version > /out/fio-version.txt
(cd /out && tar -cf /dev/vdb .) || fail "cannot write the output disk"
sync
say "FPUTSIM-DONE $i"
poweroff -f
sleep 5
reboot -f
