package fputsim.model.sched;

import fputsim.explore.StepContext;
import fputsim.explore.Tracker;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: lib/llist.c and include/linux/llist.h (Linux 6.18): a lock-free singly linked list.
 * llist_add pushes at the head and says whether the list was empty before (callers kick their
 * consumer once per empty to non-empty transition); llist_del_all takes the whole chain, newest
 * first; llist_reverse_order turns a taken chain oldest first. Every operation on the head is
 * one atomic step and declares its access to the list's key.
 * Leaves out: llist_del_first (unused on these paths), batch adds.
 * Checked by: LlistTest, LListLincheckTest and LListPropertyTest (sim-tests, on its real-threads twin).
 */
public final class Llist<T> {
    private final String name;
    private final Tracker tracker;
    /** The POR key: the list's name, the same in every run. */
    private final String key;
    private Node<T> first;

    public Llist(Tracker tracker, String name) {
        this.tracker = tracker;
        this.name = name;
        this.key = "llist:" + name;
    }

    /** A taken chain, newest first as llist_del_all returns it; private to whoever took it. */
    public static final class Node<T> {
        public final T item;
        public Node<T> next;

        Node(T item, Node<T> next) {
            this.item = item;
            this.next = next;
        }
    }

    /** llist_add(): returns true if the list was empty. */
    public boolean llist_add(T item, StepContext cx) {
        tracker.write(key);
        boolean wasEmpty = first == null;
        first = new Node<>(item, first);
        return wasEmpty;
    }

    /** llist_del_all(): the whole chain, newest first; the list is empty afterwards. */
    public Node<T> llist_del_all(StepContext cx) {
        tracker.write(key);
        Node<T> chain = first;
        first = null;
        return chain;
    }

    /** llist_reverse_order(): reverses a taken chain in place. */
    public static <T> Node<T> llist_reverse_order(Node<T> chain) {
        Node<T> out = null;
        while (chain != null) {
            Node<T> next = chain.next;
            chain.next = out;
            out = chain;
            chain = next;
        }
        return out;
    }

    public static <T> List<T> items(Node<T> chain) {
        List<T> out = new ArrayList<>();
        for (Node<T> n = chain; n != null; n = n.next) {
            out.add(n.item);
        }
        return out;
    }

    /** llist_empty(). */
    public boolean llist_empty() {
        tracker.read(key);
        return first == null;
    }

    /** The queued items, newest first (for reports and properties; a read of the list). */
    public List<T> peek() {
        tracker.read(key);
        return items(first);
    }

    @Override
    public String toString() {
        return name;
    }
}
