"""A message paragraph whose last line ends with ':' before a quoted block keeps that line: the sentence is whole."""

from analysis.analyzers.heuristic.message import message_points

BODY = """`tool --shell` concatenates bindings.nu and completion.nu, both
of which defined `__defaults`, causing the resulting autoload file
to fail parsing:

  Error: parser::duplicate_command_def

    x Duplicate command definition within a block.

Rename the completion.nu copy to `__defaults_completion`.
"""


def test_the_line_introducing_a_quoted_block_stays_in_the_sentence():
    [point] = message_points(BODY)
    assert point.endswith("causing the resulting autoload file to fail parsing")


def test_a_label_whose_references_were_left_out_is_still_dropped():
    body = "Make the parser stricter about duplicate definitions.\nRefs:\nhttps://example.org/issue/1\n"
    assert message_points(body) == ["Make the parser stricter about duplicate definitions."]
