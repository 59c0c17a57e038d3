package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Every change {@link Transaction} makes to the disk goes through one of these five calls, so a test can make
 * the N-th one fail and watch the rollback. None replaces an existing file: a surprise on disk is an error,
 * never silently overwritten.
 */
interface FileOps {

    /** Creates one folder whose parent exists. */
    void createDirectory(Path dir) throws IOException;

    /** Writes a new file; fails if something is already there. */
    void write(Path file, byte[] bytes) throws IOException;

    /** Moves a file or an empty folder within one file system, atomically where the file system can. */
    void move(Path from, Path to) throws IOException;

    /** Copies a file with its attributes; fails if the target exists. */
    void copy(Path from, Path to) throws IOException;

    /** Deletes a file or an empty folder. */
    void delete(Path path) throws IOException;

    /** The real thing, on java.nio.file. */
    FileOps NIO = new FileOps() {
        @Override
        public void createDirectory(Path dir) throws IOException {
            Files.createDirectory(dir);
        }

        @Override
        public void write(Path file, byte[] bytes) throws IOException {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                // ATOMIC_MOVE may replace an existing target on some platforms; we never want that.
                throw new FileAlreadyExistsException(to.toString());
            }
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to);
            }
        }

        @Override
        public void copy(Path from, Path to) throws IOException {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public void delete(Path path) throws IOException {
            Files.delete(path);
        }
    };
}
