package fputsim.model;

import fputsim.explore.Audit;
import fputsim.explore.StepContext;
import fputsim.model.iouring.IoKiocb;
import fputsim.model.iouring.IoUring;
import fputsim.model.sched.Frame;
import fputsim.model.sched.TaskStruct;
import fputsim.model.variant.Baseline618;
import fputsim.model.variant.FputSync;
import fputsim.model.variant.Variants;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * State owns its footprint: a variant cannot declare one by hand, cannot keep shared state of its
 * own, cannot act after a call before the callee ran, and a forgotten declaration is caught.
 */
class FootprintsByConstructionTest {
    static ModelFactory small(String variant) {
        return FootprintAuditTest.factory("03", "jobs=1,iodepth=1", variant);
    }

    /** A variant whose step declares a footprint by hand. */
    public static final class HandWritten extends Baseline618 {
        @Override public String name() { return "hand-written"; }
        @Override public String summary() { return "declares by hand"; }
        @Override public IoUring ioUring(Kernel k) {
            return new IoUring(k) {
                @Override protected void io_put_file(TaskStruct current, IoKiocb req, StepContext cx) {
                    cx.reads(req.ctx.key);
                    super.io_put_file(current, req, cx);
                }
            };
        }
    }

    @Test
    void step_handWrittenFootprint_isRefusedByTheRunner() {
        ModelFactory f = FootprintAuditTest.factory("03", "jobs=1,iodepth=1", "baseline-6.18");
        ModelFactory hand = new ModelFactory(f.scenario(), f.config(), new HandWritten());
        assertThatThrownBy(() -> FootprintAudit.audit(hand, 10, 1))
                .hasMessageContaining("hand-written footprint (reads ctx:ring0)").hasMessageContaining("use its accessors");
    }

    /** A variant that keeps a counter of its own in its io_uring subsystem. */
    public static final class OwnCounter extends Baseline618 {
        @Override public String name() { return "own-counter"; }
        @Override public String summary() { return "a subsystem field"; }
        @Override public IoUring ioUring(Kernel k) {
            return new IoUring(k) {
                private int puts;

                @Override protected void io_put_file(TaskStruct current, IoKiocb req, StepContext cx) {
                    puts++;
                    super.io_put_file(current, req, cx);
                }
            };
        }
    }

    @Test
    void variantCheck_subsystemWithAMutableField_isRefusedNamingTheField() {
        assertThatThrownBy(() -> VariantCheck.check(new OwnCounter()))
                .isInstanceOf(VariantCheck.SharedStateOutsideTheModel.class)
                .hasMessageContaining("OwnCounter$1.puts").hasMessageContaining("mutable field of a subsystem");
    }

    @Test
    void variantCheck_everyBuiltInVariant_passes() {
        for (String v : Variants.names()) {
            VariantCheck.check(Variants.find(v));
        }
    }

    /** The pattern the issue measured: a step that calls __fput_sync and then goes on in the same step. */
    public static final class ContinuesAfterCall extends Baseline618 {
        @Override public String name() { return "continues-after-call"; }
        @Override public String summary() { return "acts after a call"; }
        @Override public IoUring ioUring(Kernel k) {
            return new IoUring(k) {
                @Override protected void io_free_req(TaskStruct current, IoKiocb req, StepContext cx) {
                    if (!req.fixedFile) {
                        kernel.fileTable.__fput_sync(current, req.file, req.holder(), cx);
                    }
                    req.ctx.io_req_add_to_cache(); // runs before __fput: refused
                }
            };
        }
    }

    @Test
    void call_sharedStateTouchedAfterTheCallInTheSameStep_isRefused() {
        ModelFactory f = FootprintAuditTest.factory("03", "jobs=1,iodepth=1,defer=0", "baseline-6.18");
        ModelFactory bad = new ModelFactory(f.scenario(), f.config(), new ContinuesAfterCall());
        assertThatThrownBy(() -> FootprintAudit.audit(bad, 200, 1))
                .hasMessageContaining("touched shared state after calling __fput").hasMessageContaining("andThen");
    }

    @Test
    void fputSync_io_free_req_continuesAfterTheSynchronousFput() {
        // the built-in fput-sync overrides io_put_file only: io_free_req's rest waits in andThen for __fput
        Audit.Result r = FootprintAudit.audit(FootprintAuditTest.factory("03", "jobs=1,iodepth=1,defer=0", new FputSync().name()), 300, 3);
        assertThat(r.agrees()).as(r.summary()).isTrue();
    }

    @Test
    void mute_pendingBitOfAFlushWait_isCaughtByTheAudit() {
        // flush_delayed_fput's wait reads delayed_fput_work's state through WorkStruct.quiet(): forget it
        ModelFactory f = FootprintAuditTest.factory("03", "jobs=1,iodepth=1", "umount-flush-delayed-fput");
        Set<String> sites = FootprintAudit.sites(f);
        assertThat(sites).contains("WorkStruct.quiet", "File.put", "VfsMount.mnt_add_count", "Llist.llist_add");
        FootprintAudit.Mutant m = FootprintAudit.mutate(f, Set.of("WorkStruct.quiet"), 500, 1).get(0);
        assertThat(m.caught() || !m.changesVerdict()).as(m.toString()).isTrue();
    }
}
