package fputsim.explore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Work stealing of the parts of a split search: one deque of part numbers per worker, dealt out
 * round robin at the start (worker w gets parts w, w + n, w + 2n, ...). A worker takes from the
 * front of its own deque; when it is empty, it steals from the back of the fullest other deque
 * (the parts its owner would reach last). Which worker runs which part depends on thread timing;
 * nothing else does: the search stores each part's summary under the part's number and merges
 * them in that order.
 *
 * <p>Each deque has its own lock: a part takes milliseconds to seconds, a take or a steal
 * nanoseconds, so the locks are not contended (the benchmark's {@code parallel} run reports the
 * workers' blocked time: zero). Round robin, not contiguous blocks: neighbouring parts are alike in
 * size (they differ in the last steps above the split only), so dealing them out spreads the large
 * ones over the workers from the start.
 */
final class PartDeques {
    private final Deque<Integer>[] deques;
    private final int[] stolen;

    @SuppressWarnings("unchecked")
    PartDeques(List<Integer> parts, int workers) {
        deques = new Deque[workers];
        stolen = new int[workers];
        for (int w = 0; w < workers; w++) {
            deques[w] = new ArrayDeque<>();
        }
        for (int k = 0; k < parts.size(); k++) {
            deques[k % workers].addLast(parts.get(k));
        }
    }

    /** The next part for {@code worker}: its own first, else one stolen; -1 when every deque is empty. */
    int take(int worker) {
        Deque<Integer> own = deques[worker];
        synchronized (own) {
            Integer k = own.pollFirst();
            if (k != null) {
                return k;
            }
        }
        while (true) {
            int victim = -1;
            int most = 0;
            for (int w = 0; w < deques.length; w++) {
                if (w == worker) {
                    continue;
                }
                int size;
                synchronized (deques[w]) {
                    size = deques[w].size();
                }
                if (size > most) {
                    most = size;
                    victim = w;
                }
            }
            if (victim < 0) {
                return -1;
            }
            synchronized (deques[victim]) {
                Integer k = deques[victim].pollLast();
                if (k != null) {
                    synchronized (this) {
                        stolen[worker]++;
                    }
                    return k;
                }
            }
            // the victim emptied its deque meanwhile: look again
        }
    }

    /** Parts that {@code worker} stole from others. */
    synchronized int stolen(int worker) {
        return stolen[worker];
    }
}
