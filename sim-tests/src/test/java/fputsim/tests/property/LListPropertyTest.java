package fputsim.tests.property;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import fputsim.atomics.LList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sequential properties of llist_add / llist_del_all / llist_reverse_order. */
class LListPropertyTest {

    private static final long SEED = 0x1157_0618L;

    @Test
    void llistDelAll_afterAdds_isLifoAndReverseRestoresOrder() {
        Seeds.withSeed(SEED, () -> Seeds.qt(SEED)
                .forAll(lists().of(integers().all()).ofSizeBetween(0, 64))
                .check(values -> {
                    LList list = new LList();
                    for (int i = 0; i < values.size(); i++) {
                        boolean wasEmpty = list.llistAdd(new LList.Node(values.get(i)));
                        if (wasEmpty != (i == 0)) {
                            return false; /* only the first add sees an empty list */
                        }
                    }
                    List<Integer> lifo = new ArrayList<>(values);
                    Collections.reverse(lifo);
                    LList.Node chain = list.llistDelAll();
                    return list.llistEmpty()
                            && LList.values(chain).equals(lifo)
                            && LList.values(LList.llistReverseOrder(chain)).equals(values);
                }));
    }

    /** Ops: a value >= 0 is llist_add(value), -1 is llist_del_all. Every value is delivered exactly once. */
    @Test
    void llistAddDelAll_interleaved_everyNodeDeliveredOnce() {
        Seeds.withSeed(SEED, () -> Seeds.qt(SEED)
                .forAll(lists().of(integers().between(-1, 9)).ofSizeBetween(0, 64))
                .check(ops -> {
                    LList list = new LList();
                    List<Integer> pending = new ArrayList<>();
                    List<Integer> delivered = new ArrayList<>();
                    List<Integer> added = new ArrayList<>();
                    for (int op : ops) {
                        if (op >= 0) {
                            if (list.llistAdd(new LList.Node(op)) != pending.isEmpty()) {
                                return false;
                            }
                            pending.add(0, op);
                            added.add(op);
                        } else {
                            List<Integer> got = LList.values(list.llistDelAll());
                            if (!got.equals(pending)) {
                                return false;
                            }
                            delivered.addAll(got);
                            pending.clear();
                        }
                    }
                    delivered.addAll(LList.values(list.llistDelAll()));
                    Collections.sort(delivered);
                    Collections.sort(added);
                    return delivered.equals(added);
                }));
    }
}
