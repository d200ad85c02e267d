package fputsim.model.timed;

import fputsim.explore.DecisionLog;
import fputsim.explore.Ending;
import fputsim.explore.ProgramFactory;
import fputsim.explore.Status;
import fputsim.explore.StepContext;
import fputsim.model.Kernel;
import fputsim.model.sched.TaskStruct;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Models: time. A discrete-event driver over the same model and scenarios as the explorer: when a
 * task becomes enabled it gets a ready time (now plus a latency chosen by its next step,
 * {@link Latencies}); ready tasks queue for {@code cpus} CPUs in order of ready time (ties: lower
 * actor id), a step commits when its CPU time has passed, and interrupt-context steps commit at
 * their ready time without a CPU. A task that stops being enabled before its step commits loses
 * its place (the step is not taken). Every committed step is recorded as the explorer records it
 * (actor id, then any data choice), so {@link TimedRun#token()} replays the run untimed.
 * Deterministic for a seed: one SplittableRandom per actor, split from the run's seed, and a
 * random tick phase.
 * Leaves out: preemption inside a step, per-CPU queues, priorities.
 * Checked by: TimedDriverTest.
 */
public final class TimedDriver {
    private final TimedParams params;
    private final long timeLimitNs;
    /** Where the latency rules that matched are recorded (a test's), or null. */
    private final java.util.Set<Latencies.Rule> rulesMatched;

    /** @param timeLimitNs stop (ending STEP_BOUND) when the next step would be later than this */
    public TimedDriver(TimedParams params, long timeLimitNs) {
        this(params, timeLimitNs, null);
    }

    /** As above, and every run adds the {@link Latencies.Rule}s that matched to {@code rulesMatched}. */
    TimedDriver(TimedParams params, long timeLimitNs, java.util.Set<Latencies.Rule> rulesMatched) {
        this.params = params;
        this.timeLimitNs = timeLimitNs;
        this.rulesMatched = rulesMatched;
    }

    public TimedParams params() {
        return params;
    }

    private enum Phase { IDLE, WAITING, RUNNING }

    public TimedRun run(ProgramFactory<Kernel> factory, long seed) {
        return new Run(factory.create(), seed).go(factory.id());
    }

    /** The state of one run. */
    private final class Run extends fputsim.explore.UntrackedStepContext {
        private final Kernel k;
        private final long seed;
        private final Latencies lat;
        private Phase[] phase = new Phase[0];
        private long[] readyAt = new long[0];
        private long[] doneAt = new long[0];
        private long[] lastStep = new long[0];
        private boolean[] continuing = new boolean[0];
        private Latencies.Cause[] cause = new Latencies.Cause[0];
        private SplittableRandom[] rng = new SplittableRandom[0];
        private int freeCpus;
        private final boolean cpuBound;
        private long now;
        private int stepping = -1;
        private final DecisionLog log = new DecisionLog();
        private long[] times = new long[256];
        private int[] actorOf = new int[256];
        private Latencies.Cause[] causes = new Latencies.Cause[256];
        private int ns;

        Run(Kernel k, long seed) {
            this.k = k;
            this.seed = seed;
            SplittableRandom r = new SplittableRandom(seed);
            this.lat = new Latencies(params, r.nextLong(params.jiffyNs()), rulesMatched);
            int cpus = (int) params.get(TimedParam.CPUS);
            this.cpuBound = cpus > 0;
            this.freeCpus = cpus;
        }

        TimedRun go(String id) {
            Ending ending;
            while (true) {
                refresh();
                dispatch();
                int next = nextEvent();
                if (next < 0) {
                    ending = finished() ? Ending.QUIESCENT : Ending.DEADLOCK;
                    break;
                }
                long at = phase[next] == Phase.RUNNING ? doneAt[next] : readyAt[next];
                if (at > timeLimitNs) {
                    ending = Ending.STEP_BOUND;
                    break;
                }
                now = Math.max(now, at);
                if (phase[next] == Phase.WAITING && Latencies.usesCpu(task(next))) {
                    continue; // it became ready: dispatch() gives it a CPU if one is free
                }
                commit(next);
            }
            return new TimedRun(id, seed, log, Arrays.copyOf(times, ns),
                    Arrays.copyOf(actorOf, ns), Arrays.copyOf(causes, ns), ending, k);
        }

        private TaskStruct task(int i) {
            return k.actors().get(i);
        }

        /** New actors get their state; enabled ones get a ready time; disabled ones lose theirs. */
        private void refresh() {
            List<TaskStruct> actors = k.actors();
            grow(actors.size());
            for (int i = 0; i < actors.size(); i++) {
                TaskStruct t = actors.get(i);
                boolean enabled = t.status() == Status.ENABLED;
                if (!enabled) {
                    if (phase[i] == Phase.RUNNING && cpuBound && Latencies.usesCpu(t)) {
                        freeCpus++;
                    }
                    phase[i] = Phase.IDLE;
                    continuing[i] = false;
                    continue;
                }
                if (phase[i] == Phase.IDLE) {
                    cause[i] = lat.cause(k, t, continuing[i], now);
                    readyAt[i] = lat.readyAt(cause[i], k, t, now, lastStep[i], rng(i));
                    phase[i] = Phase.WAITING;
                } else if (phase[i] == Phase.WAITING && cause[i] == Latencies.Cause.DELAYED_WORK_TIMER
                        && lat.cause(k, t, false, now) != Latencies.Cause.DELAYED_WORK_TIMER) {
                    // flush_delayed_work() on a pending delayed work queues it at once
                    cause[i] = Latencies.Cause.KWORKER_WAKE;
                    readyAt[i] = Math.min(readyAt[i], lat.readyAt(cause[i], k, t, now, lastStep[i], rng(i)));
                }
                continuing[i] = false;
            }
        }

        /** Free CPUs go to the ready tasks in order of ready time, then actor id. */
        private void dispatch() {
            while (!cpuBound || freeCpus > 0) {
                int best = -1;
                for (int i = 0; i < phase.length; i++) {
                    if (phase[i] == Phase.WAITING && readyAt[i] <= now && Latencies.usesCpu(task(i))
                            && (best < 0 || readyAt[i] < readyAt[best])) {
                        best = i;
                    }
                }
                if (best < 0) {
                    return;
                }
                phase[best] = Phase.RUNNING;
                doneAt[best] = now + lat.service(task(best), rng(best));
                if (cpuBound) {
                    freeCpus--;
                }
            }
        }

        /** The earliest next event: a step completing, an interrupt firing, or a task becoming ready. */
        private int nextEvent() {
            int best = -1;
            long bestAt = Long.MAX_VALUE;
            for (int i = 0; i < phase.length; i++) {
                long at;
                if (phase[i] == Phase.RUNNING) {
                    at = doneAt[i];
                } else if (phase[i] == Phase.WAITING && (!Latencies.usesCpu(task(i)) || readyAt[i] > now)) {
                    at = readyAt[i];
                } else {
                    continue; // ready, waiting for a CPU
                }
                if (at < bestAt) {
                    bestAt = at;
                    best = i;
                }
            }
            return best;
        }

        private void commit(int a) {
            TaskStruct t = task(a);
            if (phase[a] == Phase.RUNNING && cpuBound && Latencies.usesCpu(t)) {
                freeCpus++;
            }
            log.actor(a);
            if (ns == times.length) {
                times = Arrays.copyOf(times, ns * 2);
                actorOf = Arrays.copyOf(actorOf, ns * 2);
                causes = Arrays.copyOf(causes, ns * 2);
            }
            times[ns] = now;
            actorOf[ns] = a;
            causes[ns++] = cause[a];
            stepping = a;
            t.step(this);
            stepping = -1;
            lat.stepped(k, now);
            phase[a] = Phase.IDLE;
            continuing[a] = true;
            lastStep[a] = now;
        }

        private boolean finished() {
            for (TaskStruct t : k.actors()) {
                if (t.status() != Status.FINISHED) {
                    return false;
                }
            }
            return true;
        }

        private SplittableRandom rng(int i) {
            if (rng[i] == null) {
                rng[i] = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1)));
            }
            return rng[i];
        }

        private void grow(int n) {
            if (phase.length >= n) {
                return;
            }
            int old = phase.length;
            phase = Arrays.copyOf(phase, n);
            Arrays.fill(phase, old, n, Phase.IDLE);
            readyAt = Arrays.copyOf(readyAt, n);
            doneAt = Arrays.copyOf(doneAt, n);
            lastStep = Arrays.copyOf(lastStep, n);
            continuing = Arrays.copyOf(continuing, n);
            cause = Arrays.copyOf(cause, n);
            rng = Arrays.copyOf(rng, n);
        }

        /** Data nondeterminism: uniform, from the stepping actor's stream; recorded like the explorer does. */
        @Override
        public int choose(int bound) {
            return log.choose(bound, b -> rng(stepping).nextInt(b));
        }
    }
}
