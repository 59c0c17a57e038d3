/**
 * The settings of a service, read once at start-up from the environment map it is given and checked ({@link
 * RuntimeConfig}), with the spec's floors applied ({@link SpecFloors}) and the one {@link Mode} every layer reads.
 *
 * <p>Must never: start half configured (a bad value is a {@link ConfigException} naming its variable), fall back
 * to an insecure default in prod, or look a name up in DNS.
 *
 * <p>May use: no other runtime package.
 */
package dev.instacrud.runtime.config;
