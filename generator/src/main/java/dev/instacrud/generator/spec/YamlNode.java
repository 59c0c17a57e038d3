package dev.instacrud.generator.spec;

import dev.instacrud.generator.model.Position;

/** A node of the spec's YAML tree that remembers where it started in the file. */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** Where the node's value starts. */
    Position position();

    /** A short name of the node's kind for messages ("a map", "a list", "a string"...). */
    String describe();
}
