package fputsim.model;

import fputsim.model.sched.Llist;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** lib/llist.c as modelled. */
class LlistTest {
    @Test
    void llist_add_onEmptyThenNonEmpty_reportsTheEmptyTransitionOnce() {
        Llist<String> l = new Llist<>(new fputsim.explore.Tracker(), "l");
        assertThat(l.llist_add("a", Kit.CX)).isTrue();
        assertThat(l.llist_add("b", Kit.CX)).isFalse();
    }

    @Test
    void llist_del_all_afterThreeAdds_returnsNewestFirstAndEmptiesTheList() {
        Llist<String> l = new Llist<>(new fputsim.explore.Tracker(), "l");
        l.llist_add("a", Kit.CX);
        l.llist_add("b", Kit.CX);
        l.llist_add("c", Kit.CX);
        Llist.Node<String> chain = l.llist_del_all(Kit.CX);
        assertThat(Llist.items(chain)).containsExactly("c", "b", "a");
        assertThat(l.llist_empty()).isTrue();
        assertThat(Llist.items(Llist.llist_reverse_order(chain))).containsExactly("a", "b", "c");
    }
}
