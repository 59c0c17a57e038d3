package dev.instacrud.generator.model;

/**
 * A top-level ref field seen from the entity it points at.
 *
 * @param from  the entity holding the ref
 * @param field the ref (or list of refs) field
 */
public record RefModel(EntityModel from, FieldModel field) {}
