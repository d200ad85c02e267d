/*
 * Models: include/linux/llist.h, lib/llist.c (Linux 6.18): llist_add, llist_del_all, llist_reverse_order.
 * Leaves out: llist_add_batch with a multi-node batch, llist_del_first (single-consumer pop, unused on
 *   the fput/mntput/io_uring paths), llist_for_each*, the NMI-safety argument; memory barriers
 *   (Java volatile/CAS give sequential consistency for this structure).
 * Checked by: fputsim.tests.lincheck.LListLincheckTest (linearizability, model checking + stress),
 *   fputsim.tests.property.LListPropertyTest (sequential properties);
 *   negative control fputsim.tests.lincheck.BrokenLListLincheckTest (on its broken twin in fputsim.atomics.broken).
 */
package fputsim.atomics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** A lock-free singly linked LIFO list ({@code struct llist_head}): many producers, whole-list consumers. */
public class LList {

    /** {@code struct llist_node}: the payload is carried here instead of by container_of(). */
    public static final class Node {
        public final int value;
        /* Written only before the node is published by the CAS in llistAdd (pairs with the volatile read in llistDelAll). */
        Node next;

        public Node(int value) {
            this.value = value;
        }

        public Node next() {
            return next;
        }
    }

    /** {@code head->first}. */
    protected final AtomicReference<Node> first = new AtomicReference<>();

    /**
     * llist_add(): push {@code node} at the head with a cmpxchg loop.
     *
     * @return true if the list was empty before the add (callers kick a worker only on empty -> non-empty)
     */
    public boolean llistAdd(Node node) {
        Node head;
        do {
            head = first.get();
            node.next = head;
        } while (!first.compareAndSet(head, node)); /* try_cmpxchg(&head->first, &first, new_first) */
        return head == null;
    }

    /** llist_del_all(): detach the whole list with one xchg; the chain comes back newest first. */
    public Node llistDelAll() {
        return first.getAndSet(null); /* xchg(&head->first, NULL) */
    }

    /** llist_empty(): a racy snapshot, as in the kernel. */
    public boolean llistEmpty() {
        return first.get() == null;
    }

    /** llist_reverse_order(): reverse a detached chain in place (newest first becomes oldest first). */
    public static Node llistReverseOrder(Node head) {
        Node newHead = null;
        while (head != null) {
            Node tmp = head;
            head = head.next;
            tmp.next = newHead;
            newHead = tmp;
        }
        return newHead;
    }

    /** Test helper (not in the kernel): the values of a detached chain in chain order. */
    public static List<Integer> values(Node chain) {
        List<Integer> out = new ArrayList<>();
        for (Node n = chain; n != null; n = n.next) {
            out.add(n.value);
        }
        return out;
    }
}
