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

    @Test
    void theArticleFollowsTheSound() {
        assertEquals("an Issue", Names.withArticle("Issue"));
        assertEquals("an Order", Names.withArticle("Order"));
        assertEquals("an Appointment", Names.withArticle("Appointment"));
        assertEquals("an Entry", Names.withArticle("Entry"));
        assertEquals("a Task", Names.withArticle("Task"));
        assertEquals("a User", Names.withArticle("User"));
        assertEquals("a Unit", Names.withArticle("Unit"));
        assertEquals("an Update", Names.withArticle("Update"));
        assertEquals("an Hour", Names.withArticle("Hour"));
        assertEquals("a Euro", Names.withArticle("Euro"));
        assertEquals("a OneOff", Names.withArticle("OneOff"));
    }

    @Test
    void theServicesClassNames() {
        assertEquals("TimeOffApplication", Names.applicationClass("time-off"));
        assertEquals("TimeOffEndpoints", Names.endpointsClass("time-off"));
    }
}
