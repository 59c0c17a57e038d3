package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecLanguage.Entity;

/** Roles in an entity's {@code write} list: known, each once, at least one. */
final class UnknownRoleRule implements Rule {

    @Override
    public String id() {
        return "unknown-role";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        for (SpecTree.EntityNode entity : tree.entities()) {
            entity.map().flatMap(m -> m.list(Entity.WRITE)).ifPresent(list -> {
                if (list.items().isEmpty()) {
                    report.at(
                            list.position(),
                            "'write' of entity '" + entity.name()
                                    + "' names no role: nobody could create one (leave it out for the default [ORG_ADMIN, USER])");
                }
                UnknownValueRule.many(list, Entity.WRITE.choice().orElseThrow(), report);
            });
        }
    }
}
