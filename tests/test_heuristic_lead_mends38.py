"""Lead mends of the thirty-eighth stop: a public Rust enum that loses a variant breaks the code naming it, as a
removed public symbol does (image's deprecated ``ImageFormat::Pcx`` removed read medium, with nothing said of who
breaks)."""

from __future__ import annotations

from tests.facts_support import analysed

_BEFORE = ("pub enum ImageFormat {\n    Png,\n    Jpeg,\n    Pcx,\n}\n\n"
           "impl ImageFormat {\n    pub fn extension(&self) -> &str {\n        match self {\n"
           "            ImageFormat::Png => \"png\",\n            ImageFormat::Jpeg => \"jpg\",\n"
           "            ImageFormat::Pcx => \"pcx\",\n        }\n    }\n}\n")
_AFTER = _BEFORE.replace("    Pcx,\n", "").replace("            ImageFormat::Pcx => \"pcx\",\n", "")
_FILES = {"src/format.rs": (_BEFORE, _AFTER)}


def test_a_public_enum_that_loses_a_variant_is_high_and_says_who_breaks():
    analysis = analysed(_FILES, "Remove the `Pcx` format")
    assert analysis.importance == "high"
    assert analysis.insights.compatibility == ("Public enum variant `ImageFormat::Pcx` removed: code that constructs "
                                               "or matches it no longer compiles.")
    assert [r.risk for r in analysis.risks][0] == "Public enum variant `ImageFormat::Pcx` removed"


def test_a_private_enum_that_loses_a_variant_stays_internal():
    files = {"src/format.rs": (_BEFORE.replace("pub enum", "enum"), _AFTER.replace("pub enum", "enum"))}
    analysis = analysed(files, "Remove the Pcx format")
    assert analysis.importance != "high"
    assert "variant" not in analysis.insights.compatibility


def test_the_compatibility_line_in_chinese():
    analysis = analysed(_FILES, "Remove the `Pcx` format", lang="zh")
    assert analysis.insights.compatibility == "删除了公开枚举变体 `ImageFormat::Pcx`：构造或匹配它的代码将无法编译。"


# --- a public Java parameter that loses its nullable annotation (micrometer's gauge state objects) ------------------
_REGISTRY = ("package io.acme;\n\nimport org.jspecify.annotations.Nullable;\n\npublic class Registry {\n\n"
             "    public <T> Gauge gauge(String name, @Nullable T obj, ToDoubleFunction<T> f) {\n"
             "        return register(name, obj, f);\n    }\n\n"
             "    private <T> Gauge register(String name, @Nullable T obj, ToDoubleFunction<T> f) {\n"
             "        return new Gauge(name, obj, f);\n    }\n}\n")


def _dropped(text: str, names=("gauge", "register")) -> str:
    for name in names:
        text = text.replace(f"{name}(String name, @Nullable T obj", f"{name}(String name, T obj")
    return text


def test_a_public_parameter_that_loses_nullable_is_high_and_named():
    analysis = analysed({"src/main/java/io/acme/Registry.java": (_REGISTRY, _dropped(_REGISTRY))},
                        "Make state objects non-nullable")
    assert analysis.importance == "high"
    assert "`@Nullable` dropped from `obj` of `Registry.gauge`" in analysis.summary
    assert analysis.insights.compatibility == ("Callers that pass null to `Registry.gauge` break their contract now: "
                                               "those parameters no longer accept it.")


def test_a_private_methods_parameter_that_loses_nullable_is_not_public_api():
    analysis = analysed({"src/main/java/io/acme/Registry.java": (_REGISTRY, _dropped(_REGISTRY, ("register",)))},
                        "Make state objects non-nullable")
    assert analysis.importance == "low"
    assert analysis.summary[0] == "Changes `Registry.register` in `src/main/java/io/acme/Registry.java` (+1/−1)"
    assert not any(line.startswith("`@Nullable` dropped") for line in analysis.summary)


def test_a_nullable_annotation_replaced_by_another_is_no_drop():
    renamed = _REGISTRY.replace("@Nullable T obj", "@NullableDecl T obj")
    analysis = analysed({"src/main/java/io/acme/Registry.java": (_REGISTRY, renamed)}, "Migrate off jsr305")
    assert analysis.importance != "high"
    assert analysis.insights.compatibility == ""


def test_the_nullable_line_in_chinese():
    analysis = analysed({"src/main/java/io/acme/Registry.java": (_REGISTRY, _dropped(_REGISTRY))},
                        "Make state objects non-nullable", lang="zh")
    assert "参数不再标注 `@Nullable`：`Registry.gauge` 的 `obj`" in analysis.summary
