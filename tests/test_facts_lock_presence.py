"""A lock or checksum file alone never adds or drops a dependency: go.sum pruning, or a lock whose manifest in the
same commit still declares the package, is no 'Drops dependency'."""

from __future__ import annotations

from tests.facts_support import fact, facts_of

GO_MOD = ("module example.com/tool\n\ngo 1.23\n\nrequire (\n\tgithub.com/mattn/go-isatty {isatty}\n"
          "\tgolang.org/x/sys v0.30.0 // indirect\n)\n")
GO_SUM_BEFORE = ("github.com/mattn/go-isatty v0.0.20 h1:aaaa=\ngithub.com/mattn/go-isatty v0.0.20/go.mod h1:bbbb=\n"
                 "golang.org/x/sys v0.6.0/go.mod h1:cccc=\ngolang.org/x/sys v0.30.0 h1:dddd=\n")
GO_SUM_AFTER = ("github.com/mattn/go-isatty v0.0.22 h1:eeee=\ngithub.com/mattn/go-isatty v0.0.22/go.mod h1:ffff=\n"
                "golang.org/x/sys v0.30.0 h1:dddd=\n")


def test_go_sum_lines_removed_drop_no_dependency():
    facts = facts_of({"go.mod": (GO_MOD.format(isatty="v0.0.20"), GO_MOD.format(isatty="v0.0.22")),
                      "go.sum": (GO_SUM_BEFORE, GO_SUM_AFTER)})
    assert facts == [fact("dependency_changed", "go.mod", symbol="github.com/mattn/go-isatty",
                          before="v0.0.20", after="v0.0.22")]


def test_go_sum_alone_drops_nothing_either():
    assert facts_of({"go.sum": (GO_SUM_BEFORE, GO_SUM_BEFORE.replace("golang.org/x/sys v0.6.0/go.mod h1:cccc=\n", ""))}) == []


def test_a_lock_still_reports_a_version_move():
    before = "golang.org/x/sys v0.29.0 h1:aaaa=\n"
    after = "golang.org/x/sys v0.30.0 h1:bbbb=\n"
    assert facts_of({"go.sum": (before, after)}) == [
        fact("dependency_changed", "go.sum", symbol="golang.org/x/sys", before="v0.29.0", after="v0.30.0")]
