<#-- The pom of a project made by `instacrud new`. Data: ProjectData. Interpolation is [=...], so Maven's ${...} stays as written. -->
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>

  <groupId>[=groupId]</groupId>
  <artifactId>[=serviceName]</artifactId>
  <version>0.1.0-SNAPSHOT</version>
  <name>[=serviceName]</name>
  <description>[=descriptionXml]</description>

  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <instacrud.version>[=instacrudVersion]</instacrud.version>
  </properties>

  <dependencies>
    <!-- every security mechanism lives here: a security fix is a version bump, no regeneration -->
    <dependency>
      <groupId>dev.instacrud</groupId>
      <artifactId>instacrud-runtime</artifactId>
      <version>${instacrud.version}</version>
    </dependency>
    <!-- the embedded MongoDB of development: only in target/[=serviceName]-dev.jar, never in the production jar -->
    <dependency>
      <groupId>dev.instacrud</groupId>
      <artifactId>instacrud-embedded</artifactId>
      <version>${instacrud.version}</version>
      <scope>runtime</scope>
    </dependency>
  </dependencies>

  <build>
    <finalName>[=serviceName]</finalName>
    <plugins>
      <plugin>
        <!-- regenerates the sources from src/main/instacrud/instacrud.yaml on every build -->
        <groupId>dev.instacrud</groupId>
        <artifactId>instacrud-maven-plugin</artifactId>
        <version>${instacrud.version}</version>
        <executions>
          <execution>
            <goals>
              <goal>generate</goal>
            </goals>
          </execution>
        </executions>
      </plugin>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.1</version>
        <configuration>
          <release>17</release>
        </configuration>
      </plugin>
      <plugin>
        <!-- two runnable jars: target/[=serviceName]-dev.jar with the embedded MongoDB, for development, and
             target/[=serviceName].jar without it, for production (it needs MONGO_URL) -->
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-shade-plugin</artifactId>
        <version>3.6.0</version>
        <configuration>
          <createDependencyReducedPom>false</createDependencyReducedPom>
          <transformers>
            <transformer implementation="org.apache.maven.plugins.shade.resource.ManifestResourceTransformer">
              <mainClass>[=applicationClass]</mainClass>
            </transformer>
            <transformer implementation="org.apache.maven.plugins.shade.resource.ServicesResourceTransformer"/>
          </transformers>
          <filters>
            <filter>
              <artifact>*:*</artifact>
              <excludes>
                <exclude>META-INF/*.SF</exclude>
                <exclude>META-INF/*.DSA</exclude>
                <exclude>META-INF/*.RSA</exclude>
                <exclude>META-INF/MANIFEST.MF</exclude>
                <exclude>module-info.class</exclude>
                <exclude>META-INF/versions/*/module-info.class</exclude>
              </excludes>
            </filter>
          </filters>
        </configuration>
        <executions>
          <execution>
            <id>development-jar</id>
            <phase>package</phase>
            <goals>
              <goal>shade</goal>
            </goals>
            <configuration>
              <outputFile>${project.build.directory}/[=serviceName]-dev.jar</outputFile>
            </configuration>
          </execution>
          <execution>
            <id>production-jar</id>
            <phase>package</phase>
            <goals>
              <goal>shade</goal>
            </goals>
            <configuration>
              <artifactSet>
                <excludes>
                  <exclude>dev.instacrud:instacrud-embedded</exclude>
                  <exclude>de.bwaldvogel:*</exclude>
                  <exclude>com.h2database:*</exclude>
                  <exclude>io.netty:*</exclude>
                </excludes>
              </artifactSet>
            </configuration>
          </execution>
        </executions>
      </plugin>
    </plugins>
  </build>
</project>
