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
