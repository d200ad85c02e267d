package fputsim.explore;

import fputsim.explore.strategy.RandomStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayTest {
    @Test
    void replay_tokensOfRandomSchedules_reproduceTheSameLogByteForByte() {
        ProgramFactory<Scripted> f = ExhaustiveStrategyTest.increments(4);
        Runner<Scripted> runner = new Runner<>(f, 100);
        RandomStrategy random = new RandomStrategy(99, 30);
        while (random.beginSchedule()) {
            Execution e = runner.run(random);
            List<String> log = runner.lastProgram().log;
            ReplayToken token = Replay.tokenOf(f, "random", random.scheduleSeed(), 100, e);
            String text = token.encode();
            assertThat(text).doesNotContainAnyWhitespaces().startsWith("FPS1:test-1:inc4:random:");
            Replay.Replayed<Scripted> again = Replay.run(f, ReplayToken.decode(text));
            assertThat(String.join("\n", again.program().log)).isEqualTo(String.join("\n", log));
            assertThat(again.execution().decisions()).isEqualTo(e.decisions());
            DecisionLog decisions = new DecisionLog();
            for (int d : e.decisions()) {
                decisions.actor(d);
            }
            assertThat(decisions.token(f, "random", random.scheduleSeed(), 100).encode()).isEqualTo(text); // one encoding
        }
    }

    @Test
    void decode_longRunsAndLargeValues_roundTrip() {
        int[] d = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 31, 32, 1023, 1024, 70000, 5, 5, 5};
        ReplayToken t = new ReplayToken("v", "p", "dfs", -3, 50, d);
        assertThat(ReplayToken.decode(t.encode()).decisions()).isEqualTo(d);
        assertThat(t.encode()).contains(":0BC1");
    }

    @Test
    void replay_tokenOfAnotherModelVersion_isRefusedWithOneLine() {
        ReplayToken t = new ReplayToken("test-0", "inc2", "dfs", 0, 100, new int[]{0, 0, 1, 1});
        assertThatThrownBy(() -> Replay.run(ExhaustiveStrategyTest.increments(2), t))
                .isInstanceOf(ReplayToken.Invalid.class)
                .hasMessage("replay token was made by model version test-0, this is test-1");
    }

    @Test
    void replay_tokenOfAnotherProgram_isRefused() {
        ReplayToken t = new ReplayToken("test-1", "inc3", "dfs", 0, 100, new int[]{0, 0, 1, 1});
        assertThatThrownBy(() -> Replay.run(ExhaustiveStrategyTest.increments(2), t))
                .isInstanceOf(ReplayToken.Invalid.class).hasMessage("replay token is for inc3, not inc2");
    }

    @Test
    void replay_tokenThatDoesNotFit_isRefused() {
        ReplayToken t = new ReplayToken("test-1", "inc2", "dfs", 0, 100, new int[]{0, 0, 1, 1, 1});
        assertThatThrownBy(() -> Replay.run(ExhaustiveStrategyTest.increments(2), t))
                .isInstanceOf(ReplayToken.Invalid.class).hasMessageContaining("does not fit");
    }

    @Test
    void decode_corruptedToken_isRefused() {
        String good = new ReplayToken("v", "p", "dfs", 0, 9, new int[]{1, 2}).encode();
        String bad = good.replace(":12:", ":13:");
        assertThatThrownBy(() -> ReplayToken.decode(bad)).isInstanceOf(ReplayToken.Invalid.class)
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> ReplayToken.decode("hello")).isInstanceOf(ReplayToken.Invalid.class)
                .hasMessageContaining("not a replay token");
    }

    /** A body with valid check digits, so that only the size bound can refuse it. */
    static String signed(String body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return body + ":" + String.format("%06x", crc.getValue() & 0xffffff);
    }

    @Test
    void decode_hugeRepeatCount_isRefusedBeforeDecoding() {
        for (String d : new String[]{"0ZZZZZZ", "0ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "0BCDEF1ZZZZ2ZZZZ"}) {
            String t = signed("FPS1:m1:03/jobs=1/baseline-6.18:dfs:1:2000:" + d);
            assertThatThrownBy(() -> ReplayToken.decode(t)).isInstanceOf(ReplayToken.Invalid.class)
                    .hasMessageContaining("more than " + ReplayToken.MAX_DECISIONS + " decisions");
        }
        // just under the bound still decodes
        int[] many = new int[ReplayToken.MAX_DECISIONS];
        assertThat(ReplayToken.decode(new ReplayToken("v", "p", "dfs", 0, 9, many).encode()).decisions()).hasSize(many.length);
    }

    @Test
    void decode_nonPositiveStepBound_isRefused() {
        assertThatThrownBy(() -> ReplayToken.decode(signed("FPS1:v:p:dfs:0:0:12"))).isInstanceOf(ReplayToken.Invalid.class)
                .hasMessageContaining("step bound 0");
    }
}
