package dev.instacrud.generator.writer.project;

import dev.instacrud.generator.model.EmailVerification;
import dev.instacrud.generator.model.EntityModel;
import dev.instacrud.generator.model.Names;
import dev.instacrud.generator.model.OAuthProvider;
import dev.instacrud.generator.model.Registration;
import dev.instacrud.generator.model.Scope;
import dev.instacrud.generator.model.ServiceModel;
import dev.instacrud.generator.model.Tenancy;
import dev.instacrud.generator.output.GeneratedFile;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes the files of a project made by {@code instacrud new}, from the FreeMarker templates in {@code
 * templates/new/}: its pom (which runs the Maven plugin, so the sources are regenerated on every build),
 * README (how to run it, its configuration, curl examples of every endpoint) and .gitignore, plus a copy
 * of the spec. All are the user's: created once, never overwritten.
 */
public final class ProjectWriter {
    /** Where the spec goes in the project: the Maven plugin reads it from there. */
    public static final String SPEC_PATH = "src/main/instacrud/instacrud.yaml";

    private static final Configuration FREEMARKER = configuration();

    /**
     * What the templates read: one typed object, a missing value being an error, not an empty string.
     *
     * @param entities in creation order: each after the entities its required refs point at
     */
    public record ProjectData(
            String serviceName,
            String description,
            String descriptionXml,
            String groupId,
            String javaPackage,
            String applicationClass,
            String endpointsClass,
            String sourcePath,
            String instacrudVersion,
            boolean inviteOnly,
            boolean turnstile,
            boolean verifyEmail,
            List<String> oauth,
            boolean orgDb,
            boolean adminUi,
            List<EntityExample> entities) {}

    /**
     * One entity's curl examples.
     *
     * @param search a word to search for with {@code q} when the entity has searchable fields, else empty
     * @param toEdit the required fields whose example value could not be derived ({@code CHANGE-ME}), with why
     */
    public record EntityExample(
            String name,
            String path,
            String idVariable,
            boolean userScoped,
            String body,
            String search,
            List<String> toEdit) {}

    private ProjectWriter() {}

    /**
     * The project's own files (the generated sources come from the Maven plugin at build time).
     *
     * @param specText         the spec, copied into the project as it was written
     * @param generatorVersion the version of the Maven plugin the pom runs
     */
    public static List<GeneratedFile> write(ServiceModel service, String specText, String generatorVersion) {
        ProjectData data = data(service, generatorVersion);
        return List.of(
                GeneratedFile.userOwned("pom.xml", render("new/pom.xml.ftl", data)),
                GeneratedFile.userOwned("README.md", render("new/README.md.ftl", data)),
                GeneratedFile.userOwned(".gitignore", render("new/gitignore.ftl", data)),
                GeneratedFile.userOwned(SPEC_PATH, specText));
    }

    static ProjectData data(ServiceModel service, String generatorVersion) {
        String description = service.description().orElse("A secure CRUD service over MongoDB.");
        String pkg = service.javaPackage();
        String groupId = pkg.contains(".") ? pkg.substring(0, pkg.lastIndexOf('.')) : pkg;
        List<EntityExample> examples = Examples.creationOrder(service).stream()
                .map(ProjectWriter::example)
                .toList();
        return new ProjectData(
                service.name(),
                description,
                xml(description),
                groupId,
                pkg,
                service.applicationClass(),
                Names.endpointsClass(service.name()),
                "src/main/java/" + pkg.replace('.', '/') + "/",
                generatorVersion,
                service.auth().registration() == Registration.INVITE_ONLY,
                service.auth().turnstile(),
                service.auth().emailVerification() == EmailVerification.REQUIRED,
                service.auth().oauth().stream().map(OAuthProvider::specName).toList(),
                service.tenancy() == Tenancy.ORG_DB,
                service.adminUi(),
                examples);
    }

    private static EntityExample example(EntityModel entity) {
        var body = Examples.body(entity);
        String search = entity.fields().stream()
                .filter(f -> f.searchable() && body.path(f.name()).isTextual())
                .map(f -> body.get(f.name()).textValue())
                .filter(text -> text.codePointCount(0, text.length()) >= 2 && text.matches("[A-Za-z0-9 ._-]+"))
                .map(text -> text.substring(0, Math.min(4, text.length())).trim())
                .findFirst()
                .orElse("");
        return new EntityExample(
                entity.name(),
                entity.path(),
                Examples.idVariable(entity.name()),
                entity.scope() == Scope.USER,
                body.toString(),
                search,
                Examples.toEdit(entity));
    }

    private static String render(String template, ProjectData data) {
        try {
            Template t = FREEMARKER.getTemplate(template);
            StringWriter out = new StringWriter();
            t.process(data, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("template " + template + " is missing from the generator jar", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + template + " failed: " + e.getMessage(), e);
        }
    }

    private static Configuration configuration() {
        Configuration config = new Configuration(Configuration.VERSION_2_3_34);
        config.setClassForTemplateLoading(ProjectWriter.class, "/dev/instacrud/generator/templates");
        config.setDefaultEncoding("UTF-8");
        config.setInterpolationSyntax(Configuration.SQUARE_BRACKET_INTERPOLATION_SYNTAX);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setFallbackOnNullLoopVariable(false);
        config.setLocale(Locale.ROOT);
        return config;
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
