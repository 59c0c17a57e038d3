package dev.instacrud.generator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void defaultPathIsTheKebabCasePlural() {
        assertEquals("wards", Names.defaultPath("Ward"));
        assertEquals("task-notes", Names.defaultPath("TaskNote"));
        assertEquals("companies", Names.defaultPath("Company"));
        assertEquals("boxes", Names.defaultPath("Box"));
        assertEquals("addresses", Names.defaultPath("Address"));
        assertEquals("days", Names.defaultPath("Day"));
        assertEquals("branches", Names.defaultPath("Branch"));
    }

    @Test
    void collectionAndConstantNames() {
        assertEquals("task_notes", Names.collection("task-notes"));
        assertEquals("IN_PROGRESS", Names.constant("in-progress"));
        assertEquals("IN_PROGRESS", Names.constant("inProgress"));
        assertEquals("DONE", Names.constant("done"));
    }
}
