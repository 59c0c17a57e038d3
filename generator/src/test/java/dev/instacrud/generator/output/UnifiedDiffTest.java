package dev.instacrud.generator.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void separateHunksKeepThreeLinesOfContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        String after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\nTWELVE\n";
        assertEquals("""
                --- a/f.txt
                +++ b/f.txt
                @@ -1,5 +1,5 @@
                 1
                -2
                +TWO
                 3
                 4
                 5
                @@ -9,4 +9,4 @@
                 9
                 10
                 11
                -12
                +TWELVE
                """, UnifiedDiff.of("f.txt", before, after));
    }

    @Test
    void aMissingFinalNewlineShowsAsGitShowsIt() {
        assertEquals("""
                --- a/f.txt
                +++ b/f.txt
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b
                """, UnifiedDiff.of("f.txt", "a\nb", "a\nb\n"));
    }

    @Test
    void anEmptyFileDiffsAgainstItsContent() {
        assertEquals("""
                --- a/f.txt
                +++ b/f.txt
                @@ -0,0 +1,1 @@
                +x
                """, UnifiedDiff.of("f.txt", "", "x\n"));
    }

    @Test
    void emptyingAFileCountsFromLineZero() {
        assertEquals("""
                --- a/f.txt
                +++ b/f.txt
                @@ -1,2 +0,0 @@
                -x
                -y
                """, UnifiedDiff.of("f.txt", "x\ny\n", ""));
    }
}
