package dev.instacrud.generator.check;

import dev.instacrud.generator.spec.SpecLanguage.Service;
import dev.instacrud.generator.spec.SpecLanguage.Top;
import dev.instacrud.generator.spec.YamlScalar;
import javax.lang.model.SourceVersion;

/** The service name ({@code [a-z][a-z0-9-]*}) and a Java package the generated code can live in. */
final class ServiceRule implements Rule {

    @Override
    public String id() {
        return "service";
    }

    @Override
    public void check(SpecTree tree, Reporter report) {
        tree.section(Top.SERVICE).ifPresent(service -> {
            service.scalar(Service.NAME)
                    .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                    .filter(s -> !s.text().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"))
                    .ifPresent(
                            s -> report.at(
                                    s.position(),
                                    "service name '" + s.text()
                                            + "' must be lower-case letters and digits, words joined by '-' (like my-service)"));
            service.scalar(Service.PACKAGE)
                    .filter(s -> s.kind() == YamlScalar.Kind.STRING)
                    .ifPresent(s -> {
                        String p = s.text();
                        if (!SourceVersion.isName(p)) {
                            report.at(
                                    s.position(),
                                    "package '" + p + "' is not a valid Java package name (like org.example.clinic)");
                        } else if (p.equals("java") || p.startsWith("java.")) {
                            report.at(s.position(), "package '" + p + "' is reserved by the JDK");
                        }
                    });
        });
    }
}
