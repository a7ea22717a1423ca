"""Maintainer-review mends (defects27, a C++ task-graph library's day): a member declared ``private`` in its class and
defined out of it keeps its access, and one defined away from its class with a leading underscore is not public;
``void f(Node*);`` and ``void f(Node* n) {`` are one function; a parameter renamed is no C++ signature change; members
a class drops when it starts deriving from a base, and its destructor, are not removed API."""

from __future__ import annotations

from tests.facts_support import facts_of

GRAPH = '''#pragma once
namespace tf {
class Graph {
  public:
    Graph() = default;
    Graph(Graph&&);
    ~Graph();
    bool empty() const;
    size_t size() const;
  private:
    std::vector<Node*> _nodes;
    void _erase(Node*);
};

inline Graph::Graph(Graph&& other) : _nodes{std::move(other._nodes)} {}

inline Graph::~Graph() { _nodes.clear(); }

inline bool Graph::empty() const { return _nodes.empty(); }

inline size_t Graph::size() const { return _nodes.size(); }

inline void Graph::_erase(Node* node) {
  _nodes.erase(std::remove(_nodes.begin(), _nodes.end(), node), _nodes.end());
}
}
'''

DERIVED = '''#pragma once
namespace tf {
class Graph : public std::vector<std::unique_ptr<Node>> {
  public:
    Graph() = default;
    Graph(Graph&&) = default;
  private:
    void _erase(Node*);
};

inline void Graph::_erase(Node* node) {
  erase(std::remove_if(begin(), end(), [&](auto& p){ return p.get() == node; }), end());
}
}
'''


def _symbols(facts: list[dict]) -> list[tuple]:
    return [(f["kind"], f["symbol"], f.get("public")) for f in facts if f.get("symbol")]


def test_a_private_member_defined_out_of_its_class_stays_private():
    changed = GRAPH.replace("_nodes.erase(std::remove(", "_nodes.erase(std::remove_if(")
    found = _symbols(facts_of({"include/tf/graph.hpp": (GRAPH, changed)}))
    assert found == [("symbol_modified", "Graph::_erase", False)]


def test_members_a_class_drops_for_a_new_base_and_its_destructor_are_not_removed():
    found = _symbols(facts_of({"include/tf/graph.hpp": (GRAPH, DERIVED)}))
    assert ("symbol_modified", "Graph", True) in found
    assert ("symbol_modified", "Graph::_erase", False) in found
    assert not [f for f in found if f[0] in ("symbol_removed", "signature_changed")]


def test_members_dropped_with_no_new_base_are_still_removed():
    kept_base = GRAPH.replace("    bool empty() const;\n", "").replace(
        "inline bool Graph::empty() const { return _nodes.empty(); }\n", "")
    found = _symbols(facts_of({"include/tf/graph.hpp": (GRAPH, kept_base)}))
    assert found == [("symbol_removed", "Graph::empty", True)]


_FILL = "".join(f"inline int Executor::helper{i}(int x) {{\n  return x + {i};\n}}\n\n" for i in range(60))
_SCHEDULE = ("template <typename I>\nvoid Executor::_schedule(Worker& worker, I first, I last) {\n"
             "  size_t num_nodes = last - first;\n  for(size_t i=0; i<num_nodes; i++) {\n"
             "    _freelist.push(*(first + i));\n  }\n}\n\n}  // end of namespace tf\n")
_LOST = ("#pragma once\nnamespace tf {\n#ifdef TF_LEGACY\nclass Executor {\n#else\nclass Executor : public Base {\n"
         "#endif\n  public:\n    void run();\n};\n\n" + _FILL + _SCHEDULE)


def test_a_hunk_read_cpp_member_with_a_leading_underscore_is_not_public_and_a_renamed_parameter_no_signature_change():
    changed = _LOST.replace(
        "void Executor::_schedule(Worker& worker, I first, I last) {\n  size_t num_nodes = last - first;",
        "void Executor::_schedule(Worker& w, I first, I last) {\n  size_t num_nodes = std::distance(first, last);")
    renamed = changed.replace("inline int Executor::helper7(int x) {\n  return x + 7;",
                              "inline int Executor::helper7(int y) {\n  return y + 7;")
    found = _symbols(facts_of({"include/tf/executor.hpp": (_LOST, renamed)}, read=False))  # the hunks alone
    assert ("symbol_modified", "Executor::_schedule", False) in found
    assert ("symbol_modified", "Executor::helper7", True) in found
    assert not [f for f in found if f[0] == "signature_changed"]


def test_a_member_defined_away_from_its_class_is_public_unless_named_with_a_leading_underscore():
    before = ("#pragma once\nnamespace tf {\n\ninline void Executor::_tear_down(Worker& w, Node* n) {\n  _invoke(w, n);\n}\n\n"
              "inline void Executor::run_until(Node* n) {\n  _schedule(n);\n}\n}\n")
    after = before.replace("_tear_down(Worker& w, Node* n)", "_tear_down(Worker& w, Node* n, Node*& cache)").replace(
        "run_until(Node* n)", "run_until(Node* n, int limit)")
    found = {(kind, symbol, public) for kind, symbol, public in _symbols(facts_of({"include/tf/async.hpp": (before, after)}))}
    assert found == {("signature_changed", "Executor::_tear_down", False),
                     ("signature_changed", "Executor::run_until", True)}
