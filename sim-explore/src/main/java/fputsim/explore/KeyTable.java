package fputsim.explore;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers footprint keys in the order a runner first sees them, so that {@link Footprint} can
 * summarise a step's keys as bits. One table per runner: keys are equal across schedules (they
 * name objects the same way in every fresh program), so a key keeps its number for the whole
 * exploration. Only ever consulted for a number; never iterated, so hash order does not matter.
 */
final class KeyTable {
    private final Map<Object, Integer> ids = new HashMap<>();

    int id(Object key) {
        Integer id = ids.get(key);
        if (id == null) {
            id = ids.size();
            ids.put(key, id);
        }
        return id;
    }

    int size() {
        return ids.size();
    }
}
