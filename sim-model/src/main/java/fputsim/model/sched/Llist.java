package fputsim.model.sched;

import fputsim.explore.StepContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Models: lib/llist.c and include/linux/llist.h (Linux 6.18): a lock-free singly linked list.
 * llist_add pushes at the head and says whether the list was empty before (callers kick their
 * consumer once per empty to non-empty transition); llist_del_all takes the whole chain, newest
 * first; llist_reverse_order turns a taken chain oldest first.
 * Leaves out: llist_del_first (unused on these paths), batch adds.
 * Checked by: LlistTest, the Lincheck suite's LList.
 */
public final class Llist<T> {
    private final String name;
    /** The POR key: the list's name, the same in every run. */
    public final String key;
    private Node<T> first;

    public Llist(String name) {
        this.name = name;
        this.key = "llist:" + name;
    }

    /** A taken chain, newest first as llist_del_all returns it. */
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
        cx.writes(key);
        boolean wasEmpty = first == null;
        first = new Node<>(item, first);
        return wasEmpty;
    }

    /** llist_del_all(): the whole chain, newest first; the list is empty afterwards. */
    public Node<T> llist_del_all(StepContext cx) {
        cx.writes(key);
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

    public boolean llist_empty() {
        return first == null;
    }

    /** The queued items, newest first (for reports and properties; not a kernel operation). */
    public List<T> peek() {
        return items(first);
    }

    @Override
    public String toString() {
        return name;
    }
}
