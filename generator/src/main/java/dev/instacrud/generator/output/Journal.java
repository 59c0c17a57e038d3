package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Performs file operations and remembers how to undo each, so a failed transaction restores the disk exactly. */
final class Journal {

    private interface Undo {
        void run() throws IOException;
    }

    private final FileOps ops;
    private final Deque<Undo> undos = new ArrayDeque<>();
    /** Folders this journal created or saw: every file of a folder asks for it, and a look-up of a missing one throws. */
    private final Set<Path> folders = new HashSet<>();

    Journal(FileOps ops) {
        this.ops = ops;
    }

    /** Creates {@code dir} and any missing parents, each undone by deleting it again. */
    void createDirectories(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir;
                p != null && !folders.contains(p) && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            ops.createDirectory(p);
            undos.push(() -> ops.delete(p));
        }
        for (Path p = dir; p != null && folders.add(p); p = p.getParent()) {
            // now known to exist, up to the first one already known
        }
    }

    void write(Path file, byte[] bytes) throws IOException {
        ops.write(file, bytes);
        undos.push(() -> ops.delete(file));
    }

    void move(Path from, Path to) throws IOException {
        ops.move(from, to);
        undos.push(() -> ops.move(to, from));
    }

    void copy(Path from, Path to) throws IOException {
        ops.copy(from, to);
        undos.push(() -> ops.delete(to));
    }

    void deleteEmptyDirectory(Path dir) throws IOException {
        ops.delete(dir);
        folders.remove(dir);
        undos.push(() -> ops.createDirectory(dir));
    }

    /** Undoes everything, newest first; returns the failures (empty when the disk is restored). */
    List<IOException> rollback() {
        List<IOException> failures = new ArrayList<>();
        while (!undos.isEmpty()) {
            try {
                undos.pop().run();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        return failures;
    }
}
