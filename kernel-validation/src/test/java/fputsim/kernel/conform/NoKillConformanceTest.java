/*
 * NoKillConformanceTest: the committed no-kill captures (kernel run --exit-mode, docs/kernel-notes.md
 * §20.2) against the model's clean-exit scenarios, through ModelFor's one mapping: fio runs to
 * completion (08: normal files, registered files, SQPOLL) and fputsim-close-ring closes its ring with
 * reads in flight (09). Each capture's skeleton starts at the teardown (its first ring close), not at a
 * kill, and some schedule of the model must produce it, umount result included.
 * Checked here: the real skeleton of each capture, and that it conforms.
 */
package fputsim.kernel.conform;

import static org.assertj.core.api.Assertions.assertThat;

import fputsim.kernel.ExitMode;
import fputsim.kernel.FtraceParser;
import fputsim.kernel.TraceLine;
import fputsim.model.ModelFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoKillConformanceTest {
    static String read(String name) throws IOException {
        try (InputStream in = NoKillConformanceTest.class.getResourceAsStream("/fputsim/kernel/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The model of a committed capture: its "# workload:" header line is the argv the results folder recorded. */
    static ModelFactory model(String text, ExitMode.Kind exit, int maxJobs, int maxDepth) {
        String workload = text.lines().filter(l -> l.startsWith("# workload: ")).findFirst().orElseThrow().substring("# workload: ".length());
        List<TraceLine> lines = FtraceParser.parse(text);
        return ModelFor.model(exit, List.of(workload.strip().split("\\s+")), KernelSkeleton.ringFlags(lines), maxJobs, maxDepth)
                .factory("6.18.44-fc-v1045");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "io_uring-fio-completes-iteration-6.18.trace | fio-completes | 08/jobs=2,iodepth=2,direct=0,defer=1,sqpoll=0,fixed=0 | EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FIO_EXITED < WAIT_RETURNED < UMOUNT(0)",
            "io_uring-fio-completes-registerfiles-iteration-6.18.trace | fio-completes | 08/jobs=2,iodepth=2,direct=0,defer=1,sqpoll=0,fixed=1 | EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FIO_EXITED < WAIT_RETURNED < UMOUNT(-16) < DELAYED_FPUT_STARTED",
            "io_uring-fio-completes-sqpoll-iteration-6.18.trace | fio-completes | 08/jobs=2,iodepth=2,direct=0,defer=0,sqpoll=1,fixed=1 | EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FIO_EXITED < WAIT_RETURNED < UMOUNT(-16) < DELAYED_FPUT_STARTED",
            "io_uring-close-ring-iteration-6.18.trace | close-ring | 09/jobs=1,iodepth=2,direct=1,defer=1,sqpoll=0,fixed=0 | EXIT_WORK_QUEUED < FIO_EXITED < EXIT_WORK_STARTED < WAIT_RETURNED < UMOUNT(-16) < FALLBACK_STARTED < DELAYED_FPUT_STARTED",
            // §23 (2026-12-03): the configurations that had no capture
            "io_uring-close-ring-fixed-iteration-6.18.trace | close-ring | 09/jobs=1,iodepth=2,direct=1,defer=1,sqpoll=0,fixed=1 | EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FALLBACK_STARTED < FIO_EXITED < WAIT_RETURNED < UMOUNT(-16) < DELAYED_FPUT_STARTED",
            "io_uring-close-ring-plain-2-iterations-6.18.trace | close-ring | 09/jobs=1,iodepth=2,direct=1,defer=0,sqpoll=0,fixed=0 | EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FIO_EXITED < FALLBACK_STARTED < WAIT_RETURNED < UMOUNT(-16) < DELAYED_FPUT_STARTED"})
    void committedNoKillCapture_conformsToTheCleanExitScenario(String name, String exit, String model, String skeleton) throws IOException {
        String text = read(name);
        ModelFactory m = model(text, ExitMode.Kind.of(exit), 2, 2);
        KernelSkeleton.Iteration it = KernelSkeleton.split(FtraceParser.parse(text)).get(0);
        Projection real = KernelSkeleton.projection(it).orElseThrow();
        System.out.println(name + ": " + m.id() + "\n  " + Projection.describe(real.events()));
        Conformance.Result r = Conformance.check(real.events(), real.sources(), m, 20_000, Conformance.MAX_STEPS);
        System.out.println(r.line() + "\n" + (r.conforms() ? "" : r.report()));
        assertThat(m.id()).startsWith(model);
        assertThat(Projection.describe(real.events())).isEqualTo(skeleton);
        assertThat(r.conforms()).as(r.report()).isTrue();
    }

    /**
     * A plain ring (no DEFER_TASKRUN) whose reads all completed before the close (§20.2's N5: 4 of
     * 30 iterations had inflight_at_close 0, none busy): each completion is task_work on the
     * submitter (io_req_normal_work_add → task_work_add(TWA_SIGNAL)), which the return from its
     * system calls runs (exit_to_user_mode_loop → get_signal → task_work_run@v6.18.32), and so
     * does the ____fput of the data file that the freed requests held: no fallback kworker, no
     * delayed_fput, umount not busy. Without that return-to-user task_work_run the model's task ran
     * its task_work only in exit_task_work, where a PF_EXITING task's io_uring work goes to the
     * fallback kworker, and this order was out of its reach.
     */
    @org.junit.jupiter.api.Test
    void closeRing_plainRingAllCompletedBeforeTheClose_theTaskRunsItsCompletionsItself() {
        ModelFactory plain = ModelFactory.of("09", new fputsim.model.scenario.ScenarioConfig(1, 1, true, false, false, false, 0, "io_uring"),
                "baseline-6.18");
        List<fputsim.model.trace.Event> order = Projection.parse("EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FIO_EXITED < WAIT_RETURNED < UMOUNT(0)");
        Conformance.Result r = Conformance.check(order, List.of(), plain, 20_000, Conformance.MAX_STEPS);
        assertThat(r.conforms()).as(r.report()).isTrue();
    }
    /**
     * §23's close-ring plain capture, its second iteration (iteration 5 of the run): not busy though
     * fputsim-close-ring counted all 32 reads not yet posted at the close. On a plain ring the
     * completions are task_work on the submitter, run by the return of the system calls before and
     * at close(ring) (exit_to_user_mode_loop → task_work_run@v6.18.32), before PF_EXITING: no
     * fallback, no delayed_fput. It must conform; the same order with umount busy must not (nothing is
     * left to pin the mount once the task has exited).
     */
    @org.junit.jupiter.api.Test
    void closeRingPlainCapture_notBusyIteration_conformsAndItsBusyPerturbationDoesNot() throws IOException {
        String text = read("io_uring-close-ring-plain-2-iterations-6.18.trace");
        ModelFactory m = model(text, ExitMode.Kind.CLOSE_RING, 2, 2);
        List<KernelSkeleton.Iteration> its = KernelSkeleton.split(FtraceParser.parse(text));
        assertThat(its).hasSize(2);
        Projection real = KernelSkeleton.projection(its.get(1)).orElseThrow();
        String order = "EXIT_WORK_QUEUED < EXIT_WORK_STARTED < FIO_EXITED < WAIT_RETURNED < UMOUNT(0)";
        assertThat(Projection.describe(real.events())).isEqualTo(order);
        Conformance.Result r = Conformance.check(real.events(), real.sources(), m, 20_000, Conformance.MAX_STEPS);
        System.out.println(m.id() + "\n" + r.line());
        assertThat(r.conforms()).as(r.report()).isTrue();
        Conformance.Result p = Conformance.check(Projection.parse(order.replace("UMOUNT(0)", "UMOUNT(-16)")), List.of(), m, 2_000,
                Conformance.MAX_STEPS);
        System.out.println(p.line());
        assertThat(p.conforms()).isFalse();
    }

    /** Each no-kill capture's real order, with umount succeeding right after wait (before delayed_fput), must not conform. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "io_uring-fio-completes-registerfiles-iteration-6.18.trace | fio-completes",
            "io_uring-close-ring-fixed-iteration-6.18.trace | close-ring",
            "io_uring-close-ring-plain-2-iterations-6.18.trace | close-ring"})
    void busyNoKillCapture_umountSucceedingBeforeDelayedFput_doesNotConform(String name, String exit) throws IOException {
        String text = read(name);
        ModelFactory m = model(text, ExitMode.Kind.of(exit), 2, 2);
        Projection real = KernelSkeleton.projection(KernelSkeleton.split(FtraceParser.parse(text)).get(0)).orElseThrow();
        String order = Projection.describe(real.events());
        assertThat(order).contains("UMOUNT(-16)");
        String perturbed = order.replace("UMOUNT(-16)", "UMOUNT(0)");
        Conformance.Result p = Conformance.check(Projection.parse(perturbed), List.of(), m, 2_000, Conformance.MAX_STEPS);
        System.out.println(name + ": " + perturbed + "\n" + p.line());
        assertThat(p.conforms()).isFalse();
    }
}
