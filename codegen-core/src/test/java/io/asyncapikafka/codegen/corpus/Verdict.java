package io.asyncapikafka.codegen.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the corpus's {@code verdicts.tsv}: the official parser's verdict (written by
 * {@code tools/corpus-judge/judge.mjs}) and what this project must do with the document.
 *
 * @param path the document, relative to the corpus folder
 * @param version its {@code asyncapi} field
 * @param official {@code valid} or {@code invalid}, as the official parser says
 * @param officialErrors the official parser's first errors
 * @param expected {@code ok}, {@code refused CODE[,CODE]} or {@code unsupported CODE[,CODE]}; a code may be
 *     {@value #PENDING} while this project has no check for the reason (then it is a known gap)
 * @param today empty, or {@code fails TOKEN[|TOKEN] (why)}: a known gap on this branch
 * @param note why, where the expectation needs a reason
 */
record Verdict(String path, String version, String official, String officialErrors, String expected, String today,
        String note) {

    /** An expected code not assigned yet: the check for the official parser's reason does not exist in this project. */
    static final String PENDING = "pending";

    private static final String CODE = "(AK[A-Z]\\d{3}|" + PENDING + ")";
    private static final Pattern EXPECTED = Pattern.compile("ok|(refused|unsupported) " + CODE + "(," + CODE + ")*");
    private static final String TOKEN = "(AK[A-Z]\\d{3}|javac|accepted)";
    private static final Pattern TODAY = Pattern.compile("fails (" + TOKEN + "(\\|" + TOKEN + ")*) \\(.+\\)");

    Verdict {
        if (!official.equals("valid") && !official.equals("invalid")) {
            throw new IllegalArgumentException(path + ": official verdict must be valid or invalid: " + official);
        }
        if (!EXPECTED.matcher(expected).matches()) {
            throw new IllegalArgumentException(path + ": expected must be 'ok', 'refused CODES' or 'unsupported CODES': "
                    + expected);
        }
        if (!today.isEmpty() && !TODAY.matcher(today).matches()) {
            throw new IllegalArgumentException(path + ": today must be empty or 'fails TOKEN (why)': " + today);
        }
        if (expected.contains(PENDING) && today.isEmpty()) {
            throw new IllegalArgumentException(path + ": an expected code 'pending' is a known gap: mark it in 'today'");
        }
        boolean valid = official.equals("valid");
        if (valid && expected.startsWith("refused")) {
            throw new IllegalArgumentException(path + ": the official parser calls it valid; refuse it only as "
                    + "'unsupported', with the reason in the note");
        }
        if (expected.startsWith("unsupported") && (!valid || note.isBlank())) {
            throw new IllegalArgumentException(path + ": 'unsupported' is for valid documents, with the reason");
        }
        if (!valid && expected.equals("ok") && !note.startsWith("deviation:")) {
            throw new IllegalArgumentException(path + ": accepting an officially invalid document needs a note "
                    + "'deviation: why'");
        }
    }

    static List<Verdict> load(Path file) throws IOException {
        List<Verdict> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("path\t")) {
                continue;
            }
            String[] c = Arrays.copyOf(line.split("\t", -1), 7);
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i] == null ? "" : c[i].strip();
            }
            rows.add(new Verdict(c[0], c[1], c[2], c[3], c[4], c[5], c[6]));
        }
        return rows;
    }

    boolean officiallyValid() {
        return official.equals("valid");
    }

    boolean expectsOk() {
        return expected.equals("ok");
    }

    List<String> expectedCodes() {
        return expectsOk() ? List.of() : List.of(expected.substring(expected.indexOf(' ') + 1).split(","));
    }

    /**
     * The tokens of the {@code today} mark ({@code fails A|B (why)}: either reason is today's), or null when the document
     * is no known gap.
     */
    List<String> knownGap() {
        Matcher m = TODAY.matcher(today);
        return m.matches() ? List.of(m.group(1).split("\\|")) : null;
    }
}
