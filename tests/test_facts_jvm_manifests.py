"""Java manifests: Maven pom.xml (dependencies, plugins, annotation processors, ${property} versions) and
Gradle version catalogs, whole texts and hunks alone."""

from __future__ import annotations

import pytest

from tests.facts_support import fact, facts_of

POM = """<project>
  <properties>
    <protobufVersion>3.25.2</protobufVersion>
    <truth.version>1.4.0</truth.version>
  </properties>
  <dependencies>
    <!-- <dependency><groupId>old</groupId><artifactId>gone</artifactId><version>1</version></dependency> -->
    <dependency>
      <groupId>com.google.protobuf</groupId>
      <artifactId>protobuf-java</artifactId>
      <version>${protobufVersion}</version>
    </dependency>
    <dependency>
      <groupId>com.example</groupId>
      <artifactId>sibling</artifactId>
      <version>${project.version}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <configuration>
          <annotationProcessorPaths>
            <path>
              <groupId>com.google.errorprone</groupId>
              <artifactId>error_prone_core</artifactId>
              <version>2.24.1</version>
            </path>
          </annotationProcessorPaths>
        </configuration>
        <version>3.12.1</version>
      </plugin>
    </plugins>
  </build>
</project>
"""


@pytest.mark.parametrize("read", [True, False])
def test_pom_dependencies_plugins_processors_and_property_versions(read):
    after = (POM.replace("3.25.2", "3.25.3").replace("2.24.1", "2.25.0").replace("3.12.1", "3.13.0")
             .replace("<truth.version>1.4.0", "<truth.version>1.4.1"))
    found = facts_of({"proto/pom.xml": (POM, after)}, read=read)
    expected = [
        fact("dependency_changed", "proto/pom.xml", symbol="com.google.protobuf:protobuf-java", before="3.25.2",
             after="3.25.3"),
        # an annotation processor and a plugin serve the build only: users of the artifact never install them
        fact("dependency_changed", "proto/pom.xml", symbol="com.google.errorprone:error_prone_core", before="2.24.1",
             after="2.25.0", text="development"),
        fact("dependency_changed", "proto/pom.xml", symbol="maven-compiler-plugin", before="3.12.1", after="3.13.0",
             text="development"),
        fact("dependency_changed", "proto/pom.xml", symbol="truth.version", before="1.4.0", after="1.4.1"),
    ]
    if read:
        assert found == expected
    else:  # the hunks show the processor block whole and the properties; the other blocks are out of view
        assert found == [expected[1], fact("dependency_changed", "proto/pom.xml", symbol="protobufVersion",
                                           before="3.25.2", after="3.25.3"), expected[3]]


def test_gradle_version_catalog_libraries_and_plugins_not_config_keys():
    before = ('[versions]\ntruth = "1.4.0"\n\n[libraries]\ntruth = { module = "com.google.truth:truth", '
              'version.ref = "truth" }\nguava = "com.google.guava:guava:32.0.0-jre"\n\n[plugins]\n'
              'spotless = { id = "com.diffplug.spotless", version = "6.0.0" }\n')
    after = before.replace('"1.4.0"', '"1.4.1"').replace("32.0.0", "33.0.0").replace("6.0.0", "6.1.0")
    assert facts_of({"gradle/libs.versions.toml": (before, after)}) == [
        fact("dependency_changed", "gradle/libs.versions.toml", symbol="com.google.truth:truth", before="1.4.0",
             after="1.4.1"),
        fact("dependency_changed", "gradle/libs.versions.toml", symbol="com.google.guava:guava",
             before="32.0.0-jre", after="33.0.0-jre"),
        fact("dependency_changed", "gradle/libs.versions.toml", symbol="com.diffplug.spotless", before="6.0.0",
             after="6.1.0"),
    ]
