package fputsim.tests.lincheck;

import fputsim.atomics.LList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** llist_add / llist_del_all / llist_reverse_order are linearizable against a plain stack. */
class LListLincheckTest {

    /** Operations Lincheck calls concurrently; a subclass may swap in another LList (negative controls). */
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public static class Ops {
        private final LList list;

        public Ops() {
            this(new LList());
        }

        protected Ops(LList list) {
            this.list = list;
        }

        /** llist_add: returns "was empty", the caller's cue to kick the consumer. */
        @Operation
        public boolean add(@Param(name = "v") int v) {
            return list.llistAdd(new LList.Node(v));
        }

        /** llist_del_all: newest first. */
        @Operation
        public List<Integer> delAll() {
            return LList.values(list.llistDelAll());
        }

        /** llist_del_all + llist_reverse_order, as io_uring's tctx_task_work does: oldest first. */
        @Operation
        public List<Integer> delAllReversed() {
            return LList.values(LList.llistReverseOrder(list.llistDelAll()));
        }
    }

    /** Sequential specification: a stack whose head is the newest element. */
    public static class Spec {
        private final Deque<Integer> stack = new ArrayDeque<>();

        public boolean add(int v) {
            boolean wasEmpty = stack.isEmpty();
            stack.push(v);
            return wasEmpty;
        }

        public List<Integer> delAll() {
            List<Integer> out = new ArrayList<>(stack);
            stack.clear();
            return out;
        }

        public List<Integer> delAllReversed() {
            List<Integer> out = delAll();
            Collections.reverse(out);
            return out;
        }
    }

    @BeforeAll
    static void budget() {
        System.out.println(LincheckBudgets.describe());
    }

    @Test
    void llist_modelChecking_linearizable() {
        LincheckBudgets.modelChecking().sequentialSpecification(Spec.class).check(Ops.class);
    }

    @Test
    void llist_stress_linearizable() {
        LincheckBudgets.stress().sequentialSpecification(Spec.class).check(Ops.class);
    }
}
