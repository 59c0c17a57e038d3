/**
 * The InstaCRUD runtime: everything a generated service runs on, and every security mechanism it has, in the packages
 * below. This package holds only {@link dev.instacrud.runtime.GeneratedCodeApi}, the mark on each runtime type that
 * generated code compiles against.
 *
 * <p>Never: hold runtime logic, or import any package below it.
 */
package dev.instacrud.runtime;
