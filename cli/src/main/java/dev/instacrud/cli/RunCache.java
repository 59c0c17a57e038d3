package dev.instacrud.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The compiled classes of {@code instacrud run}, kept in the data folder so that a restart with the same spec on the
 * same tool skips generation and compilation, most of a start. One file, {@code DATA_DIR/run-cache}: a header, the
 * key (the SHA-256 of the {@link ToolFingerprint}, the spec's name and its bytes), the classes and resources, then
 * the SHA-256 of all of it.
 *
 * <p>It holds code this user will run, so it fails closed: another key, a digest that does not match, a file that
 * does not parse, or a file or folder that another user owns or could write is a miss, never a partial use, and
 * the caller compiles again and replaces the file. The digest detects damage, not tampering (whoever can write the
 * file can rewrite the digest too): that is why a file or folder others can write is refused.
 */
final class RunCache {
    /** The file's name in the data folder. */
    static final String FILE = "run-cache";

    private static final byte[] HEADER = "instacrud run cache 1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST = 32;
    private static final Set<PosixFilePermission> OTHERS_WRITE =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final Path folder;
    private final Path file;
    private final byte[] key;

    /** The cache in {@code dataDir} for this {@link #key}. */
    RunCache(Path dataDir, byte[] key) {
        this.folder = dataDir.toAbsolutePath().normalize();
        this.file = folder.resolve(FILE);
        this.key = key.clone();
    }

    /** The key of a spec on a tool: any change of either gives another. */
    static byte[] key(byte[] toolFingerprint, String specName, byte[] spec) {
        MessageDigest sha = ToolFingerprint.sha256();
        sha.update(HEADER);
        sha.update(toolFingerprint);
        byte[] name = specName.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(name.length).array());
        sha.update(name);
        sha.update(spec);
        return sha.digest();
    }

    /** Where it lives. */
    Path file() {
        return file;
    }

    /**
     * The cached classes when the file is there, safe, intact and of this key; otherwise empty. {@code problem}
     * receives why a file that was there is not used (damaged or unsafe); a stale key is no problem, only a miss.
     */
    Optional<CompiledClasses> read(Problems problem) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            String unsafe = unsafe();
            if (unsafe != null) {
                problem.report(file + " is not used: " + unsafe);
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problem.report(file + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
        int body = bytes.length - DIGEST;
        if (body < HEADER.length + DIGEST
                || !Arrays.equals(bytes, 0, HEADER.length, HEADER, 0, HEADER.length)
                || !MessageDigest.isEqual(digest(bytes, body), Arrays.copyOfRange(bytes, body, bytes.length))) {
            problem.report(file + " is damaged");
            return Optional.empty();
        }
        if (!Arrays.equals(bytes, HEADER.length, HEADER.length + DIGEST, key, 0, DIGEST)) {
            return Optional.empty(); // another spec or another tool
        }
        try (DataInputStream in = new DataInputStream(
                new ByteArrayInputStream(bytes, HEADER.length + DIGEST, body - HEADER.length - DIGEST))) {
            Map<String, byte[]> classes = entries(in);
            Map<String, byte[]> resources = entries(in);
            if (in.available() != 0) {
                throw new IOException("trailing bytes");
            }
            return Optional.of(new CompiledClasses(classes, resources));
        } catch (IOException | RuntimeException e) {
            problem.report(file + " is damaged: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Replaces the file with {@code compiled}, atomically, readable and writable by this user only. */
    void write(CompiledClasses compiled) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(HEADER);
            out.write(key);
            write(out, compiled.classes());
            write(out, compiled.resources());
        }
        buffer.write(digest(buffer.toByteArray(), buffer.size()));
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
        Path partial = Files.createTempFile(folder, FILE, ".tmp", ownerOnly);
        try {
            Files.write(partial, buffer.toByteArray());
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Why the file may not be trusted, or null: another owner, or writable by others, it or its folder. */
    private String unsafe() throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return null; // no POSIX permissions to look at (Windows): the folder's ACL decides
        }
        UserPrincipal me = FileSystems.getDefault()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        for (Path path : new Path[] {file, folder}) {
            PosixFileAttributes attributes =
                    Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.owner().equals(me)) {
                return path + " belongs to " + attributes.owner().getName();
            }
            if (attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
                return "others can write " + path;
            }
        }
        return null;
    }

    private static void write(DataOutputStream out, Map<String, byte[]> entries) throws IOException {
        out.writeInt(entries.size());
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            out.write(entry.getValue());
        }
    }

    private static Map<String, byte[]> entries(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("bad entry count " + count);
        }
        Map<String, byte[]> entries = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("bad length " + length + " of " + name);
            }
            entries.put(name, in.readNBytes(length));
        }
        return entries;
    }

    private static byte[] digest(byte[] bytes, int length) {
        MessageDigest sha = ToolFingerprint.sha256();
        sha.update(bytes, 0, length);
        return sha.digest();
    }

    /** Where the reasons for not using a file go (a line on standard error). */
    interface Problems {
        void report(String problem);
    }
}
