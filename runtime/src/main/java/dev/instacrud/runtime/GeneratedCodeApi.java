package dev.instacrud.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a runtime type that generated code compiles against: the generator names it (its {@code RuntimeTypes}), or
 * generated code calls it without naming it ({@code Route} from {@code routes.get(...)}). The public members of a
 * marked type, nested types included, are an API whose users are every service ever generated: renaming, moving or
 * changing one breaks them all, so such a change goes with a change of the generator and a note to regenerate.
 *
 * <p>Kept at run time so that a test can see it: the generator's {@code RuntimeTypesTest} fails when a type it names
 * is missing or unmarked, and when generated code imports a runtime type the generator does not list.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GeneratedCodeApi {}
