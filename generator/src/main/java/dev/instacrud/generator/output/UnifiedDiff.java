package dev.instacrud.generator.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Unified diffs in the shape {@code git diff} prints, on java-diff-utils' Myers diff. */
final class UnifiedDiff {

    static final int CONTEXT = 3;
    private static final Pattern EMPTY_RANGE = Pattern.compile("([-+])(\\d+),0 ");
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private UnifiedDiff() {}

    static String of(String path, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff("a/" + path, "b/" + path, a, patch, CONTEXT);
        StringBuilder text = new StringBuilder();
        for (String line : out) {
            text.append(line.startsWith("@@") ? emptyRangeFix(line) : line).append('\n');
        }
        return text.toString();
    }

    /**
     * java-diff-utils writes an empty range as {@code -1,0}; the unified format (GNU diff, git, patch) wants the
     * line before it, {@code -0,0} for an empty file.
     */
    static String emptyRangeFix(String header) {
        Matcher m = EMPTY_RANGE.matcher(header);
        StringBuilder fixed = new StringBuilder();
        while (m.find()) {
            int start = Integer.parseInt(m.group(2));
            m.appendReplacement(fixed, m.group(1) + Math.max(0, start - 1) + ",0 ");
        }
        m.appendTail(fixed);
        return fixed.toString();
    }

    /**
     * Splits on '\n'. A last line without a newline carries git's marker as a second line, so "x" and "x\n"
     * differ in the diff exactly as git shows them.
     */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String last = lines.remove(lines.size() - 1);
        if (!last.isEmpty()) {
            lines.add(last + "\n" + NO_NEWLINE);
        }
        return lines;
    }
}
