"""Configuration and schema facts: keys added, removed and values changed by dotted path (YAML with several
documents, a Kubernetes CRD's default, Helm values, JSON, TOML)."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

CRD_BEFORE = '''apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: graphs.example.com
spec:
  group: example.com
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          properties:
            spec:
              properties:
                replicas:
                  type: integer
                  default: 1
                enableGpuDiscovery:
                  type: boolean
                  default: false
'''

CRD_AFTER = CRD_BEFORE.replace("default: 1", "default: 2").replace(
    "                  default: false\n",
    "                  default: true\n                  description: deprecated\n"
    "                queue:\n                  type: string\n")


def test_crd_defaults_and_fields_are_named_by_schema_field():
    path = "deploy/crds/graphs.yaml"
    prefix = "spec.versions[v1].schema.openAPIV3Schema.properties.spec.properties."
    assert facts_of({path: (CRD_BEFORE, CRD_AFTER)}) == [
        fact("config_value_changed", path, symbol=prefix + "replicas.default", before="1", after="2",
             text="default of spec.replicas"),
        fact("config_value_changed", path, symbol=prefix + "enableGpuDiscovery.default", before="false",
             after="true", text="default of spec.enableGpuDiscovery"),
        fact("config_key_added", path, symbol=prefix + "enableGpuDiscovery.description", after="deprecated",
             text="description of spec.enableGpuDiscovery"),
        fact("config_key_added", path, symbol=prefix + "queue", after='{"type":"string"}',
             text="field spec.queue added"),
    ]


def test_helm_values_change():
    before = "replicaCount: 1\nimage:\n  repository: nginx\n  tag: \"1.25\"\nservice:\n  port: 80\n"
    after = "replicaCount: 3\nimage:\n  repository: nginx\n  tag: \"1.27\"\nresources:\n  limits:\n    cpu: 500m\n"
    assert facts_of({"charts/web/values.yaml": (before, after)}) == [
        fact("config_value_changed", "charts/web/values.yaml", symbol="replicaCount", before="1", after="3"),
        fact("config_value_changed", "charts/web/values.yaml", symbol="image.tag", before="1.25", after="1.27"),
        fact("config_key_added", "charts/web/values.yaml", symbol="resources", after='{"limits":{"cpu":"500m"}}'),
        fact("config_key_removed", "charts/web/values.yaml", symbol="service", before='{"port":80}'),
    ]


def test_multi_document_yaml_names_each_kubernetes_object():
    before = ("kind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n"
              "      containers:\n        - name: app\n          image: app:1\n---\n"
              "kind: Service\nmetadata:\n  name: web\nspec:\n  ports: [80]\n")
    after = before.replace("replicas: 1", "replicas: 2").replace("image: app:1", "image: app:2")
    path = "k8s/web.yaml"
    assert facts_of({path: (before, after)}) == [
        fact("config_value_changed", path, symbol="Deployment/web:spec.replicas", before="1", after="2"),
        fact("config_value_changed", path, symbol="Deployment/web:spec.template.spec.containers[app].image",
             before="app:1", after="app:2"),
    ]


def test_json_and_toml_keys_with_quoted_parts_and_manifest_dependencies_left_to_dependencies():
    json_before = '{"compilerOptions": {"strict": false, "paths": {"@/*": ["src/*"]}}}\n'
    json_after = '{"compilerOptions": {"strict": true, "paths": {"@/*": ["lib/*"]}}}\n'
    toml_before = '[tool.ruff]\nline-length = 100\n\n[project]\nname = "x"\ndependencies = ["requests>=2"]\n'
    toml_after = '[tool.ruff]\nline-length = 120\n\n[project]\nname = "x"\ndependencies = ["requests>=3"]\n'
    assert facts_of({"tsconfig.json": (json_before, json_after), "pyproject.toml": (toml_before, toml_after)}) == [
        fact("config_value_changed", "tsconfig.json", symbol="compilerOptions.strict", before="false", after="true",
             text="tooling"),
        fact("config_value_changed", "tsconfig.json", symbol='compilerOptions.paths["@/*"]', before='["src/*"]',
             after='["lib/*"]', text="tooling"),
        fact("config_value_changed", "pyproject.toml", symbol="tool.ruff.line-length", before="100", after="120",
             text="tooling"),
        fact("dependency_changed", "pyproject.toml", symbol="requests", before=">=2", after=">=3"),
    ]


def test_helm_templates_that_are_not_yaml_say_nothing():
    before = "replicas: {{ .Values.replicaCount }}\n"
    after = "replicas: {{ .Values.replicas | default 1 }}\n"
    assert facts_of({"charts/web/templates/deploy.yaml": (before, after)}) == []


def test_without_file_texts_yaml_and_toml_keys_come_from_the_hunks_when_their_path_is_shown():
    yaml_before = "image:\n  repository: nginx\n  tag: \"1.25\"\n  pullPolicy: IfNotPresent\nreplicaCount: 1\n"
    yaml_after = "image:\n  repository: nginx\n  tag: \"1.27\"\n  pullPolicy: IfNotPresent\nreplicaCount: 1\nnew: x\n"
    toml_before = "[tool.ruff]\nline-length = 100\ntarget = \"py311\"\n"
    toml_after = "[tool.ruff]\nline-length = 120\ntarget = \"py311\"\n"
    assert facts_of({"values.yaml": (yaml_before, yaml_after), "ruff.toml": (toml_before, toml_after)},
                    read=False) == [
        fact("config_value_changed", "values.yaml", symbol="image.tag", before="1.25", after="1.27"),
        fact("config_key_added", "values.yaml", symbol="new", after="x"),
        fact("config_value_changed", "ruff.toml", symbol="tool.ruff.line-length", before="100", after="120",
             text="tooling"),
    ]


def test_without_file_texts_a_key_whose_parents_the_hunk_does_not_show_says_nothing():
    before = "a:\n  b:\n" + "".join(f"    k{i}: {i}\n" for i in range(12)) + "    deep: 1\n"
    after = before.replace("deep: 1", "deep: 2")
    assert facts_of({"conf.yaml": (before, after)}, read=False) == []


def test_lists_of_mappings_that_grow_are_keyed_by_a_field_that_names_each_item():
    before = "tests:\n  - it: sets replicas\n    set: {replicas: 2}\n"
    after = ("tests:\n  - it: sets replicas\n    set: {replicas: 3}\n"
             "  - it: sets the strategy\n    set: {strategy: Recreate}\n")
    assert facts_of({"charts/app/tests/deploy_test.yaml": (before, after)}) == [
        fact("config_value_changed", "charts/app/tests/deploy_test.yaml", symbol="tests[sets replicas].set.replicas",
             before="2", after="3"),
        fact("config_key_added", "charts/app/tests/deploy_test.yaml", symbol="tests[sets the strategy]",
             after='{"it":"sets the strategy","set":{"strategy":"Recreate"}}'),
    ]
