"""Performance work read by its conventions: the idioms titles use, a speed-up the message measures, and the C/C++
edits that keep behaviour (arguments by reference, definitions moved into headers) or change what is stored."""

from __future__ import annotations

from analysis.analyzers.heuristic.code.perf import (
    by_reference_only,
    inlined_into_header,
    measured_sentence,
    members_retyped,
    moves_added,
    perf_titled,
)
from analysis.models import Fact, FileChange
from tests.test_heuristic_judge_rules import analyse, change


def _hunk(*lines: str) -> str:
    return "@@ -1,9 +1,9 @@ namespace app {\n" + "\n".join(lines) + "\n"


def _file(path: str, *lines: str) -> FileChange:
    added = sum(ln.startswith("+") for ln in lines)
    return FileChange(path=path, additions=added, deletions=sum(ln.startswith("-") for ln in lines),
                      patch=_hunk(*lines))


def test_titles_name_perf_work_by_its_idioms():
    for title in ("Avoid copying the request when passed as argument", "Avoid allocating the trimmed name",
                  "Directly construct empty string for invalid info", "Pass the config by const reference",
                  "Reserve capacity for the output buffer", "Emplace the handlers instead of pushing copies"):
        assert perf_titled(title), title
    for title in ("Avoid a crash on empty input", "Fix copy of the LICENSE file", "Add a copy button"):
        assert not perf_titled(title), title


def test_a_measured_speed_up_is_quoted_from_the_message():
    body = "Checking the line first is cheap.\n\nThis improves performance of lookups -> 10% in a macro benchmark."
    assert measured_sentence(body) == "This improves performance of lookups -> 10% in a macro benchmark."
    assert measured_sentence("Coverage went up by 10%. The code is simpler.") is None  # a number, but not speed


def test_a_speed_up_measured_in_the_message_is_a_medium_perf_change():
    src = _file("src/tracker.cpp", "-    return a == b;", "+    if (a.line != b.line) { return false; }",
                "+    return a == b;")
    facts = [Fact(kind="symbol_modified", path=src.path, symbol="app::Tracker::find", public=False, text="method")]
    body = "\n\nThe line differs for most children, so this is checked first: 12% faster in the section benchmark."
    analysis = analyse("Early check of the line in Tracker::find" + body, [src], facts)
    assert (analysis.change_type, analysis.importance) == ("perf", "medium")
    assert "12% faster" in analysis.insights.performance
    # the same diff without the measurement: a few lines of internal tuning
    assert analyse("Early check of the line in Tracker::find", [src], facts).importance == "low"


def test_arguments_taken_by_reference_only_are_a_low_perf_change():
    src = _file("src/tracker.hpp", "-    Tracker* find(NameRef name);", "+    Tracker* find(NameRef const& name);",
                "-    bool equal(Name lhs, NameRef rhs);", "+    bool equal(Name const& lhs, NameRef const& rhs);")
    assert by_reference_only([src])
    analysis = analyse("Avoid copying NameRef when passed as argument", [src])
    assert (analysis.change_type, analysis.importance) == ("perf", "low")
    assert "by reference" in analysis.insights.performance
    assert not by_reference_only([_file("src/tracker.hpp", "-    f(a);", "+    f(b);")])


def _inlining() -> list[FileChange]:
    source = _file("src/tracker.cpp", "-    bool Tracker::isOpen() const {", "-        return m_state != Closed;", "-    }")
    header = _file("src/tracker.hpp", "-        bool isOpen() const;", "+        bool isOpen() const {",
                   "+            return m_state != Closed;", "+        }")
    return [source, header]


def test_definitions_moved_into_their_header_are_low_whatever_their_size():
    files = _inlining()
    assert inlined_into_header(files)
    facts = [Fact(kind="symbol_removed", path="src/tracker.cpp", symbol="app::Tracker::isOpen", public=True,
                  text="method")]
    analysis = analyse("Inline some non-virtual functions of Tracker", files, facts)
    assert (analysis.change_type, analysis.importance) == ("perf", "low")
    # a header that gains logic the source did not lose is not a move
    source, header = _inlining()
    rewritten = _file("src/tracker.hpp", "-        bool isOpen() const;", "+        bool isOpen() const {",
                      "+            return m_state != Closed && m_started;", "+        }")
    assert not inlined_into_header([source, rewritten])


def test_values_moved_instead_of_copied_are_perf_and_a_retyped_member_is_medium():
    src = _file("src/run.cpp", "-    report(Stats(info, out, err));", "+    report(Stats(info, std::move(out), std::move(err)));")
    assert moves_added([src]) == ["src/run.cpp"]
    assert analyse("Move captured output into Stats", [src]).change_type == "perf"
    assert analyse("Move captured output into Stats", [_file("src/run.cpp", "-    a();", "+    b();")]).change_type \
        == "refactor"  # a move of code, not of values
    member = _file("src/section.hpp", "-        std::string m_trimmed_name;", "+        StringRef m_trimmed_name;")
    assert members_retyped([member]) == [("m_trimmed_name", "std::string", "StringRef")]
    analysis = analyse("Avoid allocating trimmed name for SectionTracker", [member])
    assert (analysis.change_type, analysis.importance) == ("perf", "medium")


def test_a_title_naming_a_bug_stays_a_fix():
    src = _file("src/run.cpp", "-    report(copy);", "+    report(std::move(copy));")
    assert analyse("Fix crash: avoid copying the moved-from buffer", [src]).change_type == "fix"


def test_a_perf_title_over_docs_only_is_not_perf():
    docs = change("docs/perf.md", ["old"], ["Avoid copying large values: pass them by const reference."])
    assert analyse("Avoid copying in the examples", [docs]).change_type == "docs"


def test_new_public_api_that_avoids_copies_is_a_feature():
    src = _file("src/stream.hpp", "+    Stream stream_without_copy(Buffer const& buffer);")
    facts = [Fact(kind="symbol_added", path=src.path, symbol="app::stream_without_copy", public=True, text="function")]
    assert analyse("Allow streaming responses without copying", [src], facts).change_type == "feature"
    assert analyse("Stream responses without copying", [src]).change_type == "perf"
