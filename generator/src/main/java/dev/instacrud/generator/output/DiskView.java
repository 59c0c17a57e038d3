package dev.instacrud.generator.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What lies at each path below one folder, without following links, read once: a path's folder is listed the first
 * time a path in it is asked about, and only paths the listing names are looked at. On Java 17 asking
 * {@code Files.exists} about a missing path throws two exceptions inside {@code java.nio.file}, stack traces
 * included; a fresh 100-entity generation asked about 10,000 missing paths that way.
 *
 * <p>A snapshot of the disk when each folder was first listed: whoever changes the disk afterwards looks again
 * through a new view.
 */
final class DiskView {

    /** What a path names. */
    enum Kind {
        MISSING,
        FILE,
        DIRECTORY,
        LINK,
        OTHER
    }

    /** A folder that could not be listed (no read permission): its paths are looked up one by one. */
    private static final Set<Path> UNLISTED = Set.of();

    private final Path root;
    private final Map<Path, Kind> kinds = new HashMap<>();
    /** Folder to the names in it; null when it is not a folder. */
    private final Map<Path, Set<Path>> listings = new HashMap<>();

    /** A view of {@code root} (absolute and normalised) and everything below it. */
    DiskView(Path root) {
        this.root = root;
    }

    /** What is at {@code path}; paths outside the root are looked up directly. */
    Kind kind(Path path) throws IOException {
        Kind known = kinds.get(path);
        if (known != null) {
            return known;
        }
        Kind kind;
        if (path.equals(root) || !path.startsWith(root)) {
            kind = lookUp(path);
        } else {
            Set<Path> names = names(path.getParent());
            if (names == null) {
                kind = Kind.MISSING; // its folder is missing, or is not a folder
            } else if (names == UNLISTED || names.contains(path.getFileName())) {
                kind = lookUp(path);
            } else {
                kind = Kind.MISSING;
            }
        }
        kinds.put(path, kind);
        return kind;
    }

    private Set<Path> names(Path dir) throws IOException {
        if (listings.containsKey(dir)) {
            return listings.get(dir);
        }
        Set<Path> names = null;
        if (kind(dir) == Kind.DIRECTORY) {
            names = new HashSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    names.add(entry.getFileName());
                }
            } catch (IOException e) {
                names = UNLISTED;
            }
        }
        listings.put(dir, names);
        return names;
    }

    private static Kind lookUp(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return Kind.MISSING; // as Files.exists: what cannot be looked at counts as absent
        }
        if (attributes.isSymbolicLink()) {
            return Kind.LINK;
        }
        if (attributes.isRegularFile()) {
            return Kind.FILE;
        }
        return attributes.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
    }
}
