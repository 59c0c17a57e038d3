/**
 * One conversion of each spec type to BSON ({@link BsonValues}) and to JSON ({@link JsonValues}), so every
 * generated mapping stores and shows a value the same way.
 *
 * <p>Must never: lose precision (decimals stay exact), read a request or a database, or depend on another runtime
 * package.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.mapping;
