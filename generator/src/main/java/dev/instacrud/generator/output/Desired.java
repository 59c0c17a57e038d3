package dev.instacrud.generator.output;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The desired files keyed by path, refusing sets that could not all exist on disk together. */
final class Desired {

    private Desired() {}

    static SortedMap<String, GeneratedFile> byPath(List<GeneratedFile> files) {
        TreeMap<String, GeneratedFile> byPath = new TreeMap<>();
        for (GeneratedFile file : files) {
            if (byPath.put(file.relativePath(), file) != null) {
                throw new IllegalArgumentException("two generated files share the path " + file.relativePath());
            }
        }
        for (String path : byPath.keySet()) {
            // In sorted order a file's descendants would follow it directly: 'a' then 'a/b'.
            String next = byPath.higherKey(path + "/");
            if (next != null && next.startsWith(path + "/")) {
                throw new IllegalArgumentException("the generated file " + path + " is also a folder of " + next);
            }
        }
        return byPath;
    }
}
