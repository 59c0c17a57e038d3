package dev.instacrud.generator.check;

import dev.instacrud.generator.model.FieldType;
import dev.instacrud.generator.model.Position;
import dev.instacrud.generator.spec.YamlNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deleting a shared (org-scoped) document must not depend on other members' private (user-scoped) documents,
 * or its answer tells the caller what those documents point at (issue 10, item 4). So a ref from a
 * user-scoped entity to an org-scoped one cannot {@code restrict} (the default): the 409 would say that some
 * member's private document points at the shared one. It may {@code cascade}, unless the cascade can reach a
 * {@code restrict}: the documents it deletes are other members' private ones, and anything restricting their
 * deletion would answer for them.
 */
final class PrivateRefRule implements Rule {

    /** A ref field of an entity, with what the checker needs of it. */
    private record Ref(SpecTree.FieldNode field, String source, String target, String onDelete, Position at) {}

    @Override
    public String id() {
        return "private-ref";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        List<Ref> refs = refs(tree);
        for (Ref ref : refs) {
            if (!userScoped(tree, ref.source()) || userScoped(tree, ref.target())) {
                continue;
            }
            if (ref.onDelete().equals("restrict")) {
                report.at(
                        ref.at(),
                        "ref '" + name(ref) + "' from user-scoped '" + ref.source() + "' to org-scoped '"
                                + ref.target() + "' cannot restrict deletes" + (explicit(ref) ? "" : " (the default)")
                                + ": whether a '" + ref.target() + "' can be deleted would tell members that another"
                                + " member's private '" + ref.source() + "' points at it; use onDelete: set-null (an"
                                + " optional ref) or cascade");
            } else if (ref.onDelete().equals("cascade")) {
                restrictReached(refs, ref.source())
                        .ifPresent(restrict -> report.at(
                                ref.at(),
                                "onDelete: cascade on '" + name(ref) + "' reaches other members' private '"
                                        + ref.source() + "' documents, and '" + name(restrict)
                                        + "' restricts deleting those: whether a '" + ref.target()
                                        + "' can be deleted would tell members that one points at it; make '"
                                        + name(restrict) + "' set-null or cascade, or this ref set-null"));
            }
        }
    }

    // A restricting ref into an entity whose documents a delete cascading from `start` would remove.
    private static Optional<Ref> restrictReached(List<Ref> refs, String start) {
        Set<String> doomed = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>(List.of(start));
        while (!work.isEmpty()) {
            String entity = work.poll();
            if (!doomed.add(entity)) {
                continue;
            }
            for (Ref in : refs) {
                if (!in.target().equals(entity)) {
                    continue;
                }
                if (in.onDelete().equals("restrict")) {
                    return Optional.of(in);
                }
                if (in.onDelete().equals("cascade")) {
                    work.add(in.source());
                }
            }
        }
        return Optional.empty();
    }

    // Top-level refs and lists of refs to entities of the spec; other rules report the rest.
    private static List<Ref> refs(SpecTree tree) {
        List<Ref> out = new ArrayList<>();
        for (SpecTree.FieldNode f : tree.fields()) {
            if (f.nested() || f.valueType().filter(t -> t == FieldType.REF).isEmpty()) {
                continue;
            }
            Optional<String> target = f.map()
                    .flatMap(m -> m.text("to"))
                    .filter(to -> tree.entity(to).isPresent());
            if (target.isEmpty()) {
                continue;
            }
            Optional<YamlNode> onDelete = f.map().flatMap(m -> m.get("onDelete"));
            out.add(new Ref(
                    f,
                    f.entity().name(),
                    target.get(),
                    f.map().flatMap(m -> m.text("onDelete")).orElse("restrict"),
                    onDelete.map(YamlNode::position).orElse(f.position())));
        }
        return out;
    }

    private static boolean userScoped(SpecTree tree, String entity) {
        return tree.entity(entity)
                .flatMap(SpecTree.EntityNode::map)
                .flatMap(m -> m.text("scope"))
                .filter("user"::equals)
                .isPresent();
    }

    private static boolean explicit(Ref ref) {
        return ref.field().map().flatMap(m -> m.get("onDelete")).isPresent();
    }

    private static String name(Ref ref) {
        return ref.source() + "." + ref.field().qualifiedName();
    }
}
