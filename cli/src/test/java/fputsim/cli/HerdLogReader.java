package fputsim.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of herdtools7's log readers (herd/herdtools7 at 5feffe4e8), to test that they parse
 * fputsim's herd7-style output:
 * <ul>
 * <li>{@link #read}: {@code tools/lexLog_tools.mll}, rules {@code main}, {@code pstate},
 * {@code plines}, {@code pline}, {@code pwitnesses}, {@code pcond}, {@code phash}: the reader of
 * mcompare7, msum7 and the other log tools; and {@code LogState.parse_kind} and
 * {@code tr_validate}. ocamllex takes the longest match, the first rule on a tie; the port
 * keeps that order. Where the original raises {@code LexMisc.Error} (the whole log is dropped:
 * {@code read_name} returns no test), the port throws {@link LexError}. Left out: fault
 * atoms in states, the {@code Histogram} form, {@code Topology} lines (skipped as any
 * {@code key ...} line is) and the states-count limit of 1024.</li>
 * <li>{@link #observedNames}: {@code internal/check_obs.ml}, which splits lines on single
 * spaces ({@code String.split_on_char ' '}) and collects {@code "Observation"::name::_}.</li>
 * <li>{@link #extractObs}: {@code internal/lib/testHerd.ml}'s {@code extract_obs} (single
 * spaces; {@code Observation _ _ 0 0} is "Empty").</li>
 * <li>{@link #logKinds}: {@code internal/lib/log.ml}'s {@code next_test}/{@code in_test} (splits
 * on runs of blanks, {@code LexSplit.words}); an Observation word other than Never, Sometimes
 * and Always is its {@code assert false}.</li>
 * </ul>
 */
final class HerdLogReader {
    /** The original's lexing error: the log is rejected. */
    static final class LexError extends RuntimeException {
        LexError(String rule, int line, String text) {
            super("Lex error in rule " + rule + " at line " + line + ": '" + text + "'");
        }
    }

    record State(long occurrences, Map<String, String> bindings) {
    }

    /** LogState.test, the fields the reader fills. */
    record Test(String name, String kind, List<State> states, String validation, boolean loop,
                long positive, long negative, String condition, String hash, Double time) {
    }

    private static final String BLANK = "[ \\t]";
    private static final String NUM = "[0-9]+";
    private static final String HEXANUM = "0x[0-9a-fA-F]+";
    private static final String NAME = "[a-zA-Z_.$][a-zA-Z0-9_.]*";
    private static final String TESTNAME = "[a-zA-Z0-9_/.\\-+\\[\\]:]+";
    private static final String LOC = "(?:" + NAME + "|\\$(?:[a-zA-Z]+|[0-9]+))";
    private static final String SET = "\\{(?: |,|-?(?:" + NUM + "|" + HEXANUM + "))*\\}";
    private static final String VALIDATION = "(?:Undef|Succeeded|Failed|Ok|No|\\?\\?)";

    private static final Pattern TEST = Pattern.compile("Test" + BLANK + "+(" + TESTNAME + ")(?:" + BLANK + "+(" + NAME + "))?");
    private static final Pattern STATES = Pattern.compile("States(?:" + BLANK + "+[0-9]+)?");
    private static final Pattern FATAL = Pattern.compile("Fatal[: ].*");
    private static final Pattern COUNT = Pattern.compile("(" + NUM + ")" + BLANK + "*(?::>|\\*>)");
    private static final Pattern BINDING = Pattern.compile(BLANK + "*(" + NUM + ":" + NAME + "|\\[?" + LOC + "\\]?|" + LOC + "\\[" + NUM + "\\])"
            + BLANK + "*=" + BLANK + "*(-?(?:" + NUM + "|" + HEXANUM + ")|" + NAME + "(?::" + NAME + ")?|" + NAME + "[-+](?:" + NUM + "|" + HEXANUM + ")|" + SET + ")"
            + BLANK + "*;");
    private static final Pattern LINE_END = Pattern.compile(BLANK + "*(?:#.*)?");
    private static final Pattern VALIDATION_LINE = Pattern.compile("(Loop" + BLANK + "+)?(" + VALIDATION + ").*");
    private static final Pattern WITNESSES = Pattern.compile("Witnesses" + BLANK + "*");
    private static final Pattern POSNEG = Pattern.compile("Positive:" + BLANK + "*(" + NUM + "),?" + BLANK + "*Negative:" + BLANK + "*(" + NUM + ")" + BLANK + "*");
    private static final Pattern CONDITION = Pattern.compile("Condition" + BLANK + "+(.+)");
    private static final Pattern HASH = Pattern.compile("[hH][aA][sS][hH]" + BLANK + "*=" + BLANK + "*([^ \\t\\n\\r]+)" + BLANK + "*");
    private static final Pattern TIME = Pattern.compile("Time" + BLANK + "+" + TESTNAME + BLANK + "+(" + NUM + "\\." + NUM + ")" + BLANK + "*");
    private static final Pattern KEY_EQ = Pattern.compile("[a-zA-Z]+" + BLANK + "*=.*");
    private static final Pattern KEY_TEST = Pattern.compile("[a-zA-Z]+" + BLANK + "+" + TESTNAME + BLANK + "+.*");

    private final String[] lines;
    private int i;

    private HerdLogReader(String log) {
        this.lines = log.replace("\r\n", "\n").split("\n", -1);
    }

    /** lexLog_tools {@code read_chan}: the tests of a log, in order. */
    static List<Test> read(String log) {
        HerdLogReader r = new HerdLogReader(log);
        List<Test> out = new ArrayList<>();
        // the last element is what follows the final newline: not a line (nl ends every rule)
        while (r.i < r.lines.length - 1) {
            Matcher m = TEST.matcher(r.lines[r.i]);
            r.i++;
            if (m.matches()) {
                String kind = parseKind(m.group(2) == null ? "" : m.group(2));
                if (kind == null) {
                    throw new IllegalStateException("Lexing kind: " + m.group(2)); // Warn.fatal
                }
                Test t = r.pstate(m.group(1), kind);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private boolean eof() {
        return i >= lines.length - 1;
    }

    private Test pstate(String name, String kind) {
        while (!eof()) {
            String l = lines[i++];
            if (STATES.matcher(l).matches()) {
                return plines(name, kind);
            }
            if (FATAL.matcher(l).matches()) {
                return null;
            }
        }
        return new Test(name, kind, List.of(), "Run", false, 0, 0, null, null, null);
    }

    private Test plines(String name, String kind) {
        List<State> states = new ArrayList<>();
        while (!eof()) {
            String l = lines[i];
            Matcher v = VALIDATION_LINE.matcher(l);
            Matcher c = COUNT.matcher(l);
            boolean counted = c.lookingAt();
            // longest match: rule 2 (blank* nl) and rule 3 (a validation line, to its end) beat
            // rule 1, whose own match is only the optional count prefix
            if (l.isBlank()) {
                i++;
                if (states.isEmpty()) {
                    states.add(new State(1, Map.of()));
                }
                continue;
            }
            if (v.matches()) {
                i++;
                String ok = switch (v.group(2)) {
                    case "Succeeded", "Ok" -> "Ok";
                    case "Failed", "No" -> "No";
                    case "Undefined" -> "Undef";
                    default -> "DontKnow";
                };
                long[] wits = pwitnesses();
                String cond = pcond();
                while (!eof() && lines[i].isBlank()) {
                    i++;
                }
                String[] hashTime = phash();
                return new Test(name, kind, states, ok, v.group(1) != null, wits[0], wits[1], cond, hashTime[0],
                        hashTime[1] == null ? null : Double.valueOf(hashTime[1]));
            }
            long n = counted ? Long.parseLong(c.group(1)) : 1;
            states.add(new State(n, pline(l.substring(counted ? c.end() : 0))));
            i++;
        }
        return new Test(name, kind, states, "Run", false, 0, 0, null, null, null);
    }

    private Map<String, String> pline(String rest) {
        Map<String, String> b = new LinkedHashMap<>();
        int at = 0;
        Matcher m = BINDING.matcher(rest);
        while (m.find(at) && m.start() == at) {
            b.put(m.group(1), m.group(2));
            at = m.end();
        }
        if (!LINE_END.matcher(rest.substring(at)).matches()) {
            throw new LexError("pline", i + 1, rest);
        }
        return b;
    }

    private long[] pwitnesses() {
        while (!eof() && lines[i].isBlank()) {
            i++;
        }
        if (!eof() && WITNESSES.matcher(lines[i]).matches() && i + 1 < lines.length - 1) {
            Matcher m = POSNEG.matcher(lines[i + 1]);
            if (m.matches()) {
                i += 2;
                return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
            }
        }
        // the "" rule: no witnesses; the blank lines the first rule ate stay eaten
        return new long[]{0, 0};
    }

    private String pcond() {
        while (!eof()) {
            String l = lines[i];
            if (l.isBlank() || l.startsWith("Bad executions") || l.startsWith("Flag ")) {
                i++;
                continue;
            }
            Matcher m = CONDITION.matcher(l);
            if (m.matches()) {
                i++;
                String c = m.group(1).replaceFirst(BLANK + "+is.*validated$", "");
                checkCondition(c);
                return c;
            }
            return null;
        }
        return null;
    }

    private String[] phash() {
        String hash = null;
        String time = null;
        while (!eof()) {
            String l = lines[i];
            Matcher h = HASH.matcher(l);
            Matcher t = TIME.matcher(l);
            if (h.matches()) {
                hash = h.group(1);
            } else if (t.matches()) {
                time = t.group(1);
            } else if (!KEY_EQ.matcher(l).matches() && !KEY_TEST.matcher(l).matches()) {
                break;
            }
            i++;
        }
        return new String[]{hash, time};
    }

    /** LogConstr.parse, for the forms fputsim writes: a quantifier and atoms {@code loc=value} joined by /\ or \/. */
    private static void checkCondition(String c) {
        Matcher m = Pattern.compile("(~exists|exists|forall)" + BLANK + "*\\((.*)\\)").matcher(c.strip());
        if (!m.matches()) {
            throw new IllegalStateException("condition does not parse: " + c);
        }
        for (String atom : m.group(2).split("/\\\\|\\\\/")) {
            if (!atom.strip().matches("\\(?" + LOC + "=-?(?:" + NUM + "|" + NAME + ")\\)?")) {
                throw new IllegalStateException("condition atom does not parse: " + atom);
            }
        }
    }

    /** LogState.parse_kind. */
    static String parseKind(String k) {
        return switch (k) {
            case "Allow", "Allowed" -> "Allow";
            case "Require", "Required" -> "Require";
            case "Forbid", "Forbidden" -> "Forbid";
            case "", "Unknown", "???", "---" -> "NoKind";
            case "Undefined" -> "Undefined";
            default -> null;
        };
    }

    /** LogState.tr_validate: what a test's validation says its kind is (mcompare's -kinds). */
    static String trValidate(String kref, String k, String v) {
        if (!kref.equals("Allow") && !kref.equals("Forbid")) {
            return null;
        }
        String kv = k + "," + v;
        return switch (kv) {
            case "Allow,Ok", "Forbid,No", "Require,No" -> "Allow";
            case "Allow,No", "Forbid,Ok", "Require,Ok" -> "Forbid";
            default -> null;
        };
    }

    /** check_obs.ml: the names of the Observation lines, split on single spaces. */
    static Set<String> observedNames(String out) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : out.split("\n", -1)) {
            String[] ws = line.split(" ", -1);
            if (ws.length >= 2 && ws[0].equals("Observation")) {
                names.add(ws[1]);
            }
        }
        return names;
    }

    /** testHerd.ml extract_obs: the key of the first Observation line, split on single spaces. */
    static String extractObs(List<String> lines) {
        for (String x : lines) {
            String[] ys = x.split(" ", -1);
            if (ys.length >= 5 && ys[0].equals("Observation") && ys[3].equals("0") && ys[4].equals("0")) {
                return "Empty";
            }
            if (ys.length >= 3 && ys[0].equals("Observation")) {
                return ys[2];
            }
        }
        return "NoObs";
    }

    /** log.ml next_test: each test's kind from its Observation line (words split on runs of blanks). */
    static Map<String, String> logKinds(String out) {
        Map<String, String> kinds = new LinkedHashMap<>();
        String name = null;
        boolean exists = false;
        for (String line : out.split("\n", -1)) {
            List<String> w = List.of(line.strip().isEmpty() ? new String[0] : line.strip().split("[ \\n\\r\\t]+"));
            if (!w.isEmpty() && w.get(0).equals("Test")) {
                name = w.size() != 3 ? null : switch (w.get(2)) {
                    case "Forbidden", "Forbid", "Allowed", "Required" -> w.get(1);
                    default -> null;
                };
                exists = w.size() == 3 && !w.get(2).equals("Required");
                continue;
            }
            if (name != null && w.size() >= 3 && w.get(0).equals("Observation")) {
                if (w.get(1).equals(name)) {
                    kinds.put(name, switch (w.get(2)) {
                        case "Always" -> exists ? "Allow" : "Require";
                        case "Sometimes" -> "Allow";
                        case "Never" -> "Forbid";
                        default -> throw new AssertionError("log.ml: assert false on Observation word " + w.get(2));
                    });
                }
                name = null;
            }
        }
        return kinds;
    }
}
