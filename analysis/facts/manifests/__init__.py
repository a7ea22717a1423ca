"""Dependency manifests and lock files: package, version before, version after (pyproject, requirements,
package.json, Cargo, go.mod, Maven/Gradle, Helm subcharts)."""
