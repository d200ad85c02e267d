package fputsim.explore;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pieces of the symmetry reduction that the model tests reach only at large sizes: name tokens
 * found at digit boundaries ("cell1" is not in "cell12"), and the canonical fingerprint of two
 * states that differ only by a swap of two members, including a member's record that names the
 * other and a shared index list holding both.
 */
class SymmetryTest {
    @Test
    void neutral_tokenAtDigitBoundary_ownAndOthersByRole() {
        Symmetry sym = new Symmetry(List.of(List.of(List.of(new Object()), List.of(new Object()))),
                List.of(List.of(List.of("cell1"), List.of("cell12"))), List.of());
        assertThat(sym.neutral("cell12 done", 0, 0)).isEqualTo("\u00010 done");
        assertThat(sym.neutral("cell1 and cell12", 0, 1)).isEqualTo("\u00010 and \u00000");
        assertThat(sym.neutral("cell10 is nobody's", 0, 0)).isEqualTo("cell10 is nobody's");
        assertThat(sym.relabel(new int[][]{{1, 0}}).stringOf("cell1 waits on cell12")).isEqualTo("cell12 waits on cell1");
    }

    static final class Cell {
        int value;
        String waitsOn;

        Cell(int value, String waitsOn) {
            this.value = value;
            this.waitsOn = waitsOn;
        }
    }

    static final class Board {
        final List<Cell> cells = new ArrayList<>();
        final List<Cell> queue = new ArrayList<>(); // shared, not an index list: order is state
        int turn;
    }

    static Board board(int v0, String w0, int v1, String w1, boolean swapQueue) {
        Board b = new Board();
        b.cells.add(new Cell(v0, w0));
        b.cells.add(new Cell(v1, w1));
        b.queue.add(b.cells.get(swapQueue ? 1 : 0));
        return b;
    }

    static long[] canonical(Board b, boolean swapPlaces) {
        List<Cell> members = new ArrayList<>(b.cells);
        // declared in the set-up order: the index list's places are the members' identities
        Symmetry sym = new Symmetry(List.of(List.of(List.<Object>of(members.get(0)), List.<Object>of(members.get(1)))),
                List.of(List.of(List.of("cell1"), List.of("cell2"))), List.of(b.cells));
        if (swapPlaces) { // the image: member k's object sits in place 1-k of the index list
            java.util.Collections.reverse(b.cells);
        }
        return StateHash.of(b, sym.relabel(sym.canonical(b)));
    }

    @Test
    void canonical_swappedMembers_sameFingerprint_differentStates_different() {
        // cell1 = 5 waiting on cell2, cell2 = 7 waiting on nobody, cell1 queued; and its mirror
        long[] s = canonical(board(5, "cell2", 7, "", false), false);
        long[] mirror = canonical(board(7, "", 5, "cell1", true), true);
        assertThat(mirror).isEqualTo(s);
        // not the mirror: the queued cell is the other one
        assertThat(canonical(board(7, "", 5, "cell1", false), true)).isNotEqualTo(s);
        // not the mirror: the cell waits on itself
        assertThat(canonical(board(5, "cell1", 7, "", false), false)).isNotEqualTo(s);
    }
}
