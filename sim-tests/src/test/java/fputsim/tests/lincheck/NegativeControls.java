package fputsim.tests.lincheck;

/** Prints the head of Lincheck's report for a caught negative control, so the log shows what was caught. */
final class NegativeControls {

    private static final int LINES = 20;

    private NegativeControls() {
    }

    static void printHead(String what, Throwable caught) {
        String[] lines = String.valueOf(caught.getMessage()).split("\n");
        StringBuilder sb = new StringBuilder("negative control " + what + " caught by Lincheck:\n");
        for (int i = 0; i < Math.min(LINES, lines.length); i++) {
            sb.append("  ").append(lines[i]).append('\n');
        }
        System.out.print(sb);
    }
}
