package dev.instacrud.generator.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An enum of the model whose constants the spec spells its own way: {@code set-null} is {@link OnDelete#SET_NULL},
 * {@code invite-only} is {@link Registration#INVITE_ONLY}, {@code ORG_ADMIN} is {@link WriteRole#ORG_ADMIN}. The
 * spec language table offers these spellings as a key's allowed values, and the model builder turns them back into
 * constants here, so a value is spelt in exactly one place.
 */
public interface SpecName {

    /** How the spec writes this constant. */
    String specName();

    /** The constant among {@code constants} that the spec spells {@code specName}, if any. */
    static <E extends SpecName> Optional<E> find(E[] constants, String specName) {
        // a loop, not a stream: the checker asks this for every field several times
        for (E c : constants) {
            if (c.specName().equals(specName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The spellings of {@code constants}, in their order. */
    static List<String> all(SpecName[] constants) {
        return Arrays.stream(constants).map(SpecName::specName).toList();
    }
}
