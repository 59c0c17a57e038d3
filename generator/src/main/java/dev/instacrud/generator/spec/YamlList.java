package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.Position;
import java.util.List;

/**
 * A YAML sequence.
 *
 * @param position where the sequence starts
 * @param items    the items in file order
 */
public record YamlList(Position position, List<YamlNode> items) implements YamlNode {

    /** Copies the items so the record stays immutable. */
    public YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
