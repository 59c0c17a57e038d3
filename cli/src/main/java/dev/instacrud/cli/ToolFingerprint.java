package dev.instacrud.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of the tool that generated and compiled a service: the JDK (its compiler wrote the classes) and every
 * entry of the class path they were compiled against and run with (the generator, the runtime, their libraries).
 * Any change to any of them gives another fingerprint, so classes it made are never run by another tool.
 *
 * <p>A jar counts by its size and central directory: the name, sizes and CRC-32 of every entry, 1.2 MB to hash for
 * the CLI's 44 jars instead of their 19 MB. A jar whose directory cannot be found that way (a ZIP64 file, a comment
 * in the way) counts by its whole content, and so does every file of a folder on the class path.
 */
final class ToolFingerprint {
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int END_OF_DIRECTORY_SIZE = 22;
    private static final int LONGEST_COMMENT = 0xffff;

    private ToolFingerprint() {}

    /** The SHA-256 of this JDK and of every entry of {@code classPath}, in order. */
    static byte[] of(List<Path> classPath) throws IOException {
        MessageDigest sha = sha256();
        text(
                sha,
                "java " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version") + " "
                        + System.getProperty("java.home"));
        for (Path entry : classPath) {
            text(sha, "entry " + entry);
            if (Files.isDirectory(entry)) {
                folder(sha, entry);
            } else if (Files.isRegularFile(entry)) {
                jar(sha, entry);
            } else {
                text(sha, "absent");
            }
        }
        return sha.digest();
    }

    private static void jar(MessageDigest sha, Path jar) throws IOException {
        try (FileChannel channel = FileChannel.open(jar)) {
            long size = channel.size();
            text(sha, "size " + size);
            ByteBuffer directory = centralDirectory(channel, size);
            if (directory != null) {
                sha.update(directory);
                return;
            }
        }
        sha.update(Files.readAllBytes(jar));
    }

    /** The central directory, or null when the end record does not lead to one plainly (then the whole file counts). */
    private static ByteBuffer centralDirectory(FileChannel channel, long size) throws IOException {
        int tailLength = (int) Math.min(size, END_OF_DIRECTORY_SIZE + LONGEST_COMMENT);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        for (int at = tailLength - END_OF_DIRECTORY_SIZE; at >= 0; at--) {
            if (tail.getInt(at) != END_OF_DIRECTORY) {
                continue;
            }
            int commentLength = Short.toUnsignedInt(tail.getShort(at + 20));
            if (at + END_OF_DIRECTORY_SIZE + commentLength != tailLength) {
                continue; // the signature's bytes inside a comment
            }
            long directorySize = Integer.toUnsignedLong(tail.getInt(at + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(at + 16));
            long end = size - tailLength + at;
            if (directorySize == 0xffffffffL
                    || directoryOffset == 0xffffffffL
                    || directoryOffset + directorySize != end) {
                return null; // ZIP64, or data before the archive
            }
            return read(channel, directoryOffset, (int) directorySize);
        }
        return null;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private static void folder(MessageDigest sha, Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                text(sha, "file " + folder.relativize(file));
                sha.update(Files.readAllBytes(file));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void text(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
