package fputsim.cli;

import fputsim.model.scenario.Scenario;
import fputsim.model.scenario.Scenarios;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The values shell completion offers for options (picocli's completionCandidates). */
final class Candidates {
    private Candidates() {
    }

    /** Scenario names and numbers. */
    static final class Scenarios implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> out = new ArrayList<>();
            for (Scenario s : fputsim.model.scenario.Scenarios.all()) {
                out.add(s.number());
            }
            out.addAll(fputsim.model.scenario.Scenarios.names());
            return out.iterator();
        }
    }

    /** Registered variant names. */
    static final class Variants implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return fputsim.model.variant.Variants.names().iterator();
        }
    }

    static final class Strategies implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return fputsim.explore.strategy.Strategies.NAMES.iterator();
        }
    }

    static final class Engines implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("io_uring", "psync", "libaio").iterator();
        }
    }

    static final class Details implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("summary", "steps", "full").iterator();
        }
    }

    static final class ListTopics implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ListCommand.TOPICS.iterator();
        }
    }
}
