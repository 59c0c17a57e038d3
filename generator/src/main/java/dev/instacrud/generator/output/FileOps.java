package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
            // One write call for the whole content (Files.write goes 8 kB at a time).
            try (FileChannel channel =
                    FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            // A hard link is made only where nothing is, not even a dangling link, atomically; a rename would
            // replace what is there, so it needs a look first (which throws twice on a missing path).
            try {
                Files.createLink(to, from);
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (IOException | UnsupportedOperationException e) {
                renameWhereNothingIs(from, to); // a folder, or a file system without hard links
                return;
            }
            try {
                Files.delete(from);
            } catch (IOException e) {
                try {
                    Files.delete(to);
                } catch (IOException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        }

        private void renameWhereNothingIs(Path from, Path to) throws IOException {
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
