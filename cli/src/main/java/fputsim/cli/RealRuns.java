package fputsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fputsim.kernel.ExitMode;
import fputsim.kernel.conform.ModelFor;
import fputsim.model.scenario.ScenarioConfig;
import fputsim.model.timed.Calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads kernel-validation results folders (docs/real-kernel.md: iterations.json, fio-args.txt,
 * ktap.txt) into {@link Calibration.Measured}: the fio configuration from the folder through
 * kernel-validation's {@link ModelFor#model} (the one mapping, which conformance calls too: fio's
 * last value wins, sqthread_poll implies registered files, --buffered=0 is O_DIRECT, --force_async=1
 * puts every request on io-wq; untraced, so DEFER_TASKRUN from fio 3.33's rule, set unless SQPOLL).
 * Only kill runs are calibrated (the timed model is scenario 03's): a no-kill folder is refused. The
 * harness delay from the
 * KTAP header, and per iteration the busy flag, the window and the kill-to-wait time. Iterations
 * that tested nothing (fio gone before the kill, a failed mount) are left out, as in the summary,
 * and so are iterations killed earlier than {@code minSleepMs}: fio's 12 jobs need 0.3-0.45 s
 * before their rings hold requests (docs/real-kernel.md), while the model starts with every
 * request in flight.
 */
final class RealRuns {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELAY = Pattern.compile("umount delay (\\d+) us");

    private RealRuns() {
    }

    /** Every results folder (a directory holding iterations.json) under {@code root}, sorted by path. */
    static List<Calibration.Measured> read(Path root, double minSleepMs) {
        if (!Files.isDirectory(root)) {
            throw new UsageError("no results folder at " + root);
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(root)) {
            dirs = s.filter(p -> p.getFileName().toString().equals("iterations.json")).map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UsageError("cannot read " + root + ": " + e.getMessage());
        }
        if (dirs.isEmpty()) {
            throw new UsageError("no iterations.json under " + root + " (make one with kernel run, see docs/timed.md)");
        }
        List<Calibration.Measured> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(one(d, root, minSleepMs));
        }
        return out;
    }

    static Calibration.Measured one(Path dir, Path root, double minSleepMs) {
        try {
            ExitMode.Kind exit = ModelFor.exitMode(dir);
            if (exit != ExitMode.Kind.KILL) {
                throw new UsageError("a " + exit.label + " run (no kill): calibration fits kill runs only (scenario 03)");
            }
            requireWholeNumbers(Files.readString(dir.resolve("fio-args.txt")));
            ScenarioConfig c = model(dir).config();
            double delayMs = 0;
            Path ktap = dir.resolve("ktap.txt");
            if (Files.exists(ktap)) {
                Matcher m = DELAY.matcher(Files.readString(ktap));
                if (m.find()) {
                    delayMs = Long.parseLong(m.group(1)) / 1000.0;
                }
            }
            JsonNode its = JSON.readTree(dir.resolve("iterations.json").toFile());
            List<Double> windows = new ArrayList<>();
            List<Double> k2w = new ArrayList<>();
            int tested = 0;
            for (JsonNode it : its) {
                String outcome = it.path("outcome").asText();
                if (!outcome.equals("UNMOUNTED") && !outcome.equals("BUSY_THEN_UNMOUNTED") && !outcome.equals("STUCK")) {
                    continue;
                }
                if (it.path("sleepUs").asLong() < minSleepMs * 1000) {
                    continue;
                }
                tested++;
                k2w.add((it.path("waitNs").asLong() - it.path("killNs").asLong()) / 1e6);
                if (it.path("ebusy").asInt() > 0) {
                    windows.add(it.path("windowNs").asLong() / 1e6);
                }
            }
            Path rel = root.relativize(dir);
            String label = rel.getNameCount() > 1 ? rel.getName(0).toString()
                    : root.toAbsolutePath().normalize().getFileName().toString();
            return new Calibration.Measured(label, c, delayMs, tested, windows.size(), sorted(windows), sorted(k2w));
        } catch (UsageError e) {
            throw new UsageError("results folder " + dir + ": " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageError("cannot read " + dir.resolve("iterations.json") + " as JSON: "
                    + Main.firstLine(e.getOriginalMessage(), "?")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException | RuntimeException e) {
            throw new UsageError("cannot read results folder " + dir + ": " + (e instanceof IOException io ? Outputs.reason(io) : Main.firstLine(String.valueOf(e.getMessage()), "?")));
        }
    }

    /** The model of a kill run's folder: ModelFor's one mapping, no ring flags (calibration folders are untraced). */
    static ModelFor.Model model(Path dir) {
        try {
            return ModelFor.model(dir, "", 0, 0);
        } catch (IllegalArgumentException e) {
            throw new UsageError("results describe a configuration the model does not cover: " + e.getMessage());
        }
    }

    /** fio's --numjobs and --iodepth must be whole numbers: the message names the file and the option. */
    static void requireWholeNumbers(String argv) {
        for (String a : argv.trim().split("\\s+")) {
            for (String key : new String[] {"--numjobs=", "--iodepth="}) {
                if (a.startsWith(key)) {
                    Numbers.parseInt(a.substring(key.length()), "fio-args.txt: " + key.substring(0, key.length() - 1));
                }
            }
        }
    }

    private static double[] sorted(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
