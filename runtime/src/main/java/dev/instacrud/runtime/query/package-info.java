/**
 * Client query input made safe before it reaches MongoDB: {@link FilterGuard} (an allowlist of operators, with
 * bounds), {@link SortSpec}, {@link ObjectIds} and the {@link FieldKind} of each declared field.
 *
 * <p>Must never: pass on an operator or a field it has not checked, or turn bad input into a 500.
 *
 * <p>May use: {@code error}, {@code mapping} (the dates the store can hold).
 */
package dev.instacrud.runtime.query;
