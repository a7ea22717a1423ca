"""Lead mends read on real days through the product (this stop): a dependency manifest's impact line does not
take a toolchain's or a dependency's moved numbers for the release the commit makes.

Each case is a synthetic commit (before/after texts, facts read from both sides), never one project's paths."""

from __future__ import annotations

from tests.facts_support import analysed

_GO_MOD = """module example.org/driver

go {go}

require example.org/curve {curve}
"""


def test_a_dependency_bump_that_raises_the_toolchain_is_not_said_as_a_release():
    change = {"go.mod": (_GO_MOD.format(go="1.22.0", curve="v1.1.1"), _GO_MOD.format(go="1.24.0", curve="v1.2.0"))}
    for lang in ("en", "zh"):
        analysis = analysed(change, "Bump example.org/curve from 1.1.1 to 1.2.0", lang)
        line = next(x for x in analysis.impact if "go.mod" in x)
        assert "`example.org/curve`" in line and "v1.2.0" in line, line
        # the toolchain's numbers are not the curve's, nor a release of the module
        assert "1.22.0" not in line and "1.24.0" not in line, line


def test_a_paragraph_of_thanks_is_not_the_summary():
    from analysis.analyzers.heuristic.message import message_points
    body = ("Thanks to ann@ in https://example.org/project/commit/77bee2d for adding these tests!\n\n"
            "PiperOrigin-RevId: 945803637")
    assert message_points(body) == []
    assert message_points("Thank you @ann for the report.\n\nThe loop now stops at EOF.") == [
        "The loop now stops at EOF."]
    # thanks that go on to say what changed are the author's words about the change
    explained = "Thanks to the new parser, the cache now keeps entries across reloads."
    assert message_points(explained) == [explained]


_DOCKERFILE = """FROM alpine:{alpine} as user
RUN adduser -D app

FROM golang:1.23-alpine{alpine} as builder
COPY . /src
RUN go build -o /app ./cmd

FROM scratch as final
COPY --from=user /etc/passwd /etc/passwd
COPY --from=builder /app /app
"""


def _images(alpine: str) -> str:
    return _DOCKERFILE.format(alpine=alpine)


def test_a_dockerfile_names_the_base_images_it_moves():
    from tests.facts_support import fact, facts_of
    found = [f for f in facts_of({"modules/api/Dockerfile": (_images("3.19"), _images("3.21"))})
             if f["kind"] == "dependency_changed"]
    # scratch and the stages built on (user, builder) are no images; the tag carries the alpine release
    assert found == [fact("dependency_changed", "modules/api/Dockerfile", symbol="alpine", before="3.19",
                          after="3.21"),
                     fact("dependency_changed", "modules/api/Dockerfile", symbol="golang", before="1.23-alpine3.19",
                          after="1.23-alpine3.21")], found


def test_a_dockerfile_in_an_api_folder_is_no_api_definition():
    change = {"modules/api/Dockerfile": (_images("3.19"), _images("3.21")),
              "modules/auth/Dockerfile": (_images("3.19"), _images("3.21"))}
    for lang in ("en", "zh"):
        analysis = analysed(change, "style: Various improvements to Dockerfiles", lang)
        text = "\n".join([*analysis.summary, analysis.insights.compatibility or ""])
        assert "`alpine`" in text and "`3.21`" in text, text
        assert not analysis.insights.compatibility, analysis.insights.compatibility  # clients build on no Dockerfile
        assert analysis.importance != "high", analysis.importance


def test_one_image_moved_in_several_dockerfiles_says_in_how_many():
    change = {f"modules/{m}/Dockerfile": (_images("3.19"), _images("3.21")) for m in ("api", "auth", "web")}
    for lang, many in (("en", "in 3 manifests"), ("zh", "3 个清单")):
        summary = "\n".join(analysed(change, "Update the base images", lang).summary)
        line = next(x for x in summary.splitlines() if "`alpine`" in x)
        assert many in line and "`modules/api/Dockerfile`" in line, line


_POM = """<project>
  <properties>
    <version.hamcrest>{hamcrest}</version.hamcrest>
  </properties>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>{jackson}</version>
    </dependency>
    <dependency>
      <groupId>org.hamcrest</groupId>
      <artifactId>hamcrest</artifactId>
      <version>${{version.hamcrest}}</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>{surefire}</version>
      </plugin>
    </plugins>
  </build>
</project>
"""


def _pom(hamcrest: str, jackson: str, surefire: str) -> str:
    return _POM.format(hamcrest=hamcrest, jackson=jackson, surefire=surefire)


def test_a_test_scoped_major_or_a_build_plugin_reaches_no_user_of_the_artifact():
    change = {"pom.xml": (_pom("2.2", "2.17.2", "2.22.2"), _pom("3.0", "2.17.2", "3.5.1"))}
    for lang in ("en", "zh"):
        analysis = analysed(change, "Upgrade many libraries", lang)
        assert "`3.0`" in "\n".join(analysis.summary), analysis.summary  # still said, as the build's
        assert not analysis.insights.compatibility and not analysis.risks, analysis
        assert analysis.importance == "low", analysis.importance


def test_a_runtime_major_of_a_pom_still_reaches_its_users():
    change = {"pom.xml": (_pom("2.2", "2.17.2", "2.22.2"), _pom("2.2", "3.0.0", "2.22.2"))}
    analysis = analysed(change, "Upgrade jackson", "en")
    assert "`com.fasterxml.jackson.core:jackson-databind`" in (analysis.insights.compatibility or ""), analysis


_NUMBER = '''def metric(value: float) -> str:
    exponent = 0
    while abs(value) >= 1000:
        value /= 1000
        exponent += 1{carry}
    return f"{{value:.3g}} {{'kMG'[exponent - 1] if exponent else ''}}"
'''
_CARRY = '''
    if round(value, 2) >= 1000:
        value /= 1000
        exponent += 1'''
_CASES = '''import pytest

from number import metric


@pytest.mark.parametrize("value, expected", [
    (1500, "1.5 k"),{rows}
])
def test_metric(value, expected):
    assert metric(value) == expected
'''
_ROWS = '''
    # rounding up to 1000 carries into the next prefix
    (999_999, "1 M"),
    (999.999, "1 k"),'''


def test_the_case_rows_a_change_adds_say_what_the_tests_now_expect():
    change = {"src/number.py": (_NUMBER.format(carry=""), _NUMBER.format(carry=_CARRY)),
              "tests/test_number.py": (_CASES.format(rows=""), _CASES.format(rows=_ROWS))}
    for lang, new in (("en", "new cases"), ("zh", "新增用例")):
        line = next(x for x in analysed(change, "Carry metric() to the next prefix", lang).impact if "tests" in x)
        assert new in line and '`(999_999, "1 M")`' in line and '`(999.999, "1 k")`' in line, line
        assert "rounding" not in line, line  # the comment over the rows is no row


_VALUES = """image:
  repository: example/app
  tag: {tag}
"""


def test_an_image_digest_is_said_short_like_a_commit_id():
    old, new = "10.4.0@sha256:" + "66f9dc5f690f" + "a" * 52, "10.4.1@sha256:" + "23967dd2d46c" + "b" * 52
    change = {"charts/app/values.yaml": (_VALUES.format(tag=old), _VALUES.format(tag=new))}
    for lang in ("en", "zh"):
        summary = "\n".join(analysed(change, "Bump app to 10.4.1", lang).summary)
        assert "`10.4.0@sha256:66f9dc5f690f`" in summary and "`10.4.1@sha256:23967dd2d46c`" in summary, summary
