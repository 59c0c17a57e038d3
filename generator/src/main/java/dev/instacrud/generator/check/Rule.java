package dev.instacrud.generator.check;

/** One check of the spec, with a stable id that names it in diagnostics and docs. */
interface Rule {

    /** The stable id, kebab-case. */
    String id();

    /** Reports every problem this rule sees; must not throw on any tree. */
    void check(SpecTree tree, Reporter report);
}
