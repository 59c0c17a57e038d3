package dev.instacrud.generator.writer;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.instacrud.runtime.app.Hooks;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hooks contract docs/generated-code.md documents: a class of the user's implements the generated interface (only
 * the methods it needs, compiling cleanly with the generated code), is named in {@code META-INF/services},
 * and the runtime finds it; without one, the interface's no-op defaults run.
 */
class HooksTest {
    private static final String USER_HOOKS = """
      package org.example.clinic.custom;

      import org.example.clinic.PatientHooks;
      import org.example.clinic.PatientInput;

      /** Stores every name in capitals. */
      public final class CapitalNames implements PatientHooks {
          @Override
          public PatientInput beforeCreate(PatientInput input) {
              return new PatientInput(input.fullName().toUpperCase(java.util.Locale.ROOT), input.email(),
                      input.ward(), input.tags(), input.status(), input.birthDate(), input.ssn(),
                      input.address(), input.weightKg(), input.contacts(), input.scores(), input.allergies(),
                      input.portalUrl(), input.insuranceNumber());
          }
      }
      """;

    @Test
    void aUserClassNamedInMetaInfServicesIsFoundAndRuns() throws Exception {
        Generated clinic = Generated.sample("clinic");
        Compilation compilation = clinic.compileWith(
                List.of(JavaFileObjects.forSourceString("org.example.clinic.custom.CapitalNames", USER_HOOKS)));
        assertThat(compilation).succeededWithoutWarnings();
        ClassLoader loader = Generated.classLoader(
                compilation,
                Map.of(
                        "META-INF/services/org.example.clinic.PatientHooks",
                        "org.example.clinic.custom.CapitalNames\n"));
        Class<?> hooksType = Class.forName("org.example.clinic.PatientHooks", true, loader);
        Object hooks = load(hooksType, noOp(hooksType));
        assertEquals("org.example.clinic.custom.CapitalNames", hooks.getClass().getName());

        Class<?> mapping = Class.forName("org.example.clinic.PatientMapping", true, loader);
        Object input = GeneratedRecordsTest.call(
                mapping,
                "fromJson",
                GeneratedRecordsTest.JSON.readTree(
                        "{\"fullName\": \"Ada Lovelace\", \"ward\": \"65a1f0c2e4b0a1b2c3d4e5f6\"}"));
        // the generated interface binds the runtime's EntityHooks<Patient, PatientInput>, erased to Object here
        Method beforeCreate = hooksType.getMethod("beforeCreate", Object.class);
        Object stored = beforeCreate.invoke(hooks, input);
        assertEquals("ADA LOVELACE", fullName(stored));
        // the methods it leaves alone keep their defaults
        hooksType.getMethod("afterDelete", String.class).invoke(hooks, "65a1f0c2e4b0a1b2c3d4e5f6");
    }

    @Test
    void withoutAUserClassTheDefaultsRun() throws Exception {
        Class<?> hooksType = Generated.sample("clinic").load("PatientHooks");
        Object defaults = noOp(hooksType);
        assertSame(defaults, load(hooksType, defaults));
    }

    @SuppressWarnings("unchecked")
    private static Object load(Class<?> type, Object defaults) {
        return Hooks.load((Class<Object>) type, defaults);
    }

    /** Stands for the application's {@code new PatientHooks() {}}: only its identity matters here. */
    private static Object noOp(Class<?> hooksType) {
        return Proxy.newProxyInstance(hooksType.getClassLoader(), new Class<?>[] {hooksType}, (proxy, method, args) -> {
            throw new AssertionError("the defaults are not called here");
        });
    }

    private static Object fullName(Object input) throws Exception {
        for (RecordComponent c : input.getClass().getRecordComponents()) {
            if (c.getName().equals("fullName")) {
                return c.getAccessor().invoke(input);
            }
        }
        throw new AssertionError("no fullName");
    }
}
