/*
 * Models: a deliberately wrong lib/llist.c llist_del_all (Linux 6.18): read the head, then store NULL,
 *   instead of one xchg.
 * Leaves out: everything LList leaves out.
 * Checked by: fputsim.tests.lincheck.BrokenLListLincheckTest (Lincheck model checking must fail:
 *   two consumers both get the same node, or a node pushed in the window is lost).
 */
package fputsim.atomics.broken;

import fputsim.atomics.LList;

/** Negative control: llist_del_all as read-then-set. */
public class BrokenLList extends LList {

    @Override
    public Node llistDelAll() {
        Node head = first.get();
        /* window: a concurrent llist_add or llist_del_all here is lost or duplicated */
        first.set(null);
        return head;
    }
}
