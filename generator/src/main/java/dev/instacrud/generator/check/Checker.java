package dev.instacrud.generator.check;

import dev.instacrud.generator.model.Position;
import dev.instacrud.generator.spec.Diagnostic;
import dev.instacrud.generator.spec.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs every rule over a spec's YAML tree and returns all problems, sorted by position. The rules are
 * registered in {@link #RULES}, one small class each with a stable id.
 */
public final class Checker {

    /** Rule id for an empty spec or a spec that is not a map. */
    public static final String SHAPE = "value-kind";

    private static final List<Rule> RULES = List.of(
            new ValueKindRule(),
            new UnknownKeyRule(),
            new MissingKeyRule(),
            new UnknownTypeRule(),
            new UnknownValueRule(),
            new UnknownRoleRule(),
            new UnknownRefRule(),
            new ConstraintTypeRule(),
            new ConstraintRangeRule(),
            new PatternRule(),
            new DefaultRule(),
            new NameRule(),
            new ServiceRule(),
            new PathRule(),
            new DuplicatePathRule(),
            new SetNullRequiredRule(),
            new DisplayRule(),
            new RequiredRefCycleRule(),
            new SecretRule(),
            new NestingRule(),
            new PrivateRefRule());

    private Checker() {}

    /** The ids of all rules, in registration order. */
    public static List<String> ruleIds() {
        return RULES.stream().map(Rule::id).toList();
    }

    /** Every problem of the tree (empty when the root is absent: an empty file is reported too). */
    public static List<Diagnostic> check(String file, Optional<YamlNode> root) {
        List<Diagnostic> out = new ArrayList<>();
        if (root.isEmpty()) {
            out.add(Diagnostic.at(file, Position.START, SHAPE, "the spec is empty: it needs 'service' and 'entities'"));
            return out;
        }
        ValueKindRule.checkRoot(root.get())
                .ifPresent(m -> out.add(Diagnostic.at(file, root.get().position(), SHAPE, m)));
        SpecTree tree = new SpecTree(root);
        // The rules only read the tree, so they run in parallel, each into a list of its own; the lists are joined
        // in registration order, which gives the same list as running them one by one (the sort is stable).
        RULES.parallelStream()
                .map(rule -> {
                    List<Diagnostic> found = new ArrayList<>();
                    rule.check(tree, new Reporter(file, rule.id(), found));
                    return found;
                })
                .forEachOrdered(out::addAll);
        out.sort(Diagnostic.ORDER);
        return out;
    }
}
