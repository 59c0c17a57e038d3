package dev.instacrud.cli;

import dev.instacrud.generator.Instacrud;
import picocli.CommandLine.IVersionProvider;

/** The generator's version, as the build wrote it. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"instacrud " + Instacrud.version(), "Java " + System.getProperty("java.version")};
    }
}
