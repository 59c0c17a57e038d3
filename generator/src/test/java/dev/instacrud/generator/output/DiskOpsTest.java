package dev.instacrud.generator.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writing path sees of the disk ({@link DiskView}) and does to it ({@link FileOps#NIO}). */
class DiskOpsTest {

    @TempDir
    Path tmp;

    @Test
    void theViewTellsWhatIsAtEachPathWithoutFollowingLinks() throws IOException {
        Path root = tmp.resolve("out");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/file"), "x");
        Files.createSymbolicLink(root.resolve("a/link"), tmp);
        Files.createSymbolicLink(root.resolve("a/dangling"), tmp.resolve("nowhere"));
        DiskView disk = new DiskView(root);

        assertEquals(DiskView.Kind.DIRECTORY, disk.kind(root));
        assertEquals(DiskView.Kind.DIRECTORY, disk.kind(root.resolve("a/b")));
        assertEquals(DiskView.Kind.FILE, disk.kind(root.resolve("a/file")));
        assertEquals(DiskView.Kind.LINK, disk.kind(root.resolve("a/link")));
        assertEquals(DiskView.Kind.LINK, disk.kind(root.resolve("a/dangling")));
        assertEquals(DiskView.Kind.MISSING, disk.kind(root.resolve("a/none")));
        assertEquals(DiskView.Kind.MISSING, disk.kind(root.resolve("a/none/deeper/still")));
        assertEquals(DiskView.Kind.MISSING, disk.kind(root.resolve("a/file/under-a-file")));
        assertEquals(DiskView.Kind.MISSING, disk.kind(root.resolve("a/link/not-followed")));
        assertEquals(DiskView.Kind.DIRECTORY, disk.kind(tmp), "outside the root: looked up directly");
    }

    @Test
    void aMissingRootHasNothingBelowIt() throws IOException {
        DiskView disk = new DiskView(tmp.resolve("fresh"));
        assertEquals(DiskView.Kind.MISSING, disk.kind(tmp.resolve("fresh")));
        assertEquals(DiskView.Kind.MISSING, disk.kind(tmp.resolve("fresh/src/A.java")));
    }

    @Test
    void writeCreatesOnlyNewFilesWithTheExactBytes() throws IOException {
        Path file = tmp.resolve("f");
        byte[] bytes = "é\n".repeat(20_000).getBytes(StandardCharsets.UTF_8);
        FileOps.NIO.write(file, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(file));
        assertThrows(FileAlreadyExistsException.class, () -> FileOps.NIO.write(file, new byte[] {1}));
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void moveNeverReplacesWhatIsThereNotEvenADanglingLink() throws IOException {
        Path from = tmp.resolve("from");
        Files.writeString(from, "new");
        Path existing = tmp.resolve("existing");
        Files.writeString(existing, "mine");
        Path dangling = tmp.resolve("dangling");
        Files.createSymbolicLink(dangling, tmp.resolve("nowhere"));

        assertThrows(FileAlreadyExistsException.class, () -> FileOps.NIO.move(from, existing));
        assertThrows(FileAlreadyExistsException.class, () -> FileOps.NIO.move(from, dangling));
        assertEquals("mine", Files.readString(existing));
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("new", Files.readString(from), "the source stays where it was");

        Path to = tmp.resolve("to");
        FileOps.NIO.move(from, to);
        assertEquals("new", Files.readString(to));
        assertFalse(Files.exists(from, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void moveTakesAnEmptyFolderToo() throws IOException {
        Path from = Files.createDirectory(tmp.resolve("dir"));
        Path to = tmp.resolve("moved");
        FileOps.NIO.move(from, to);
        assertTrue(Files.isDirectory(to));
        assertFalse(Files.exists(from));
        Files.createDirectory(from);
        assertThrows(FileAlreadyExistsException.class, () -> FileOps.NIO.move(from, to));
    }
}
