"""Quotes are checked word for word against the article: letter case, punctuation and spacing count.

The overlay tests/fixtures/misquotes holds one quote per slip (a capital, a lower-case name, a comma, a
punctuation mark, a double space, a missing space, a letter), each cited to the paragraph it misquotes,
and one quote typed with straight marks, which the check forgives on purpose. An editor must meet every
misquote at its own `text:` line, from the check command and from the build, and nothing is built.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, BuildResult, check_data, fixture_project

QUOTES = FIXTURES / "misquotes" / "data" / "quotes.yml"
FORGIVEN = ("gamma-ceasefire-not-peace", "bc-last-chance", "straight-marks-forgiven")


def text_locations() -> dict[str, str]:
    """Quote id → `data/quotes.yml:line:column` of its text's value, read from the overlay file."""
    found, current = {}, None
    for number, line in enumerate(QUOTES.read_text(encoding="utf-8").split("\n"), start=1):
        if m := re.match(r"- id: (\S+)", line):
            current = m.group(1)
        elif m := re.match(r"(\s+text: )", line):
            found[current] = f"data/quotes.yml:{number}:{len(m.group(1)) + 1}"
    return found


MISQUOTES = [q for q in text_locations() if q not in FORGIVEN]


@pytest.fixture(scope="module")
def reported(tmp_path_factory) -> tuple[str, BuildResult]:
    """What the check command and the build print for the project with the misquotes."""
    project = fixture_project(tmp_path_factory.mktemp("misquotes"), "misquotes")
    checked = check_data(project.root)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    return checked.stdout + checked.stderr, project.build()


def test_the_overlay_has_a_misquote_for_each_kind_of_slip():
    assert set(MISQUOTES) == {"capital-letter-changed", "lower-case-name", "comma-dropped", "full-stop-for-exclamation",
                              "double-space", "space-dropped", "letter-changed"}


@pytest.mark.parametrize("quote_id", MISQUOTES)
def test_the_check_command_reports_the_misquote_at_its_text(reported, quote_id):
    output, _ = reported
    where = text_locations()[quote_id]
    lines = [line for line in output.splitlines() if f"quote '{quote_id}'" in line]
    assert len(lines) == 1, output
    assert where in lines[0] and "test-article#p2" in lines[0] and "word for word" in lines[0], lines[0]


@pytest.mark.parametrize("quote_id", MISQUOTES)
def test_the_build_stops_on_the_misquote_and_publishes_nothing(reported, quote_id):
    _, built = reported
    assert built.returncode != 0
    assert "Traceback" not in built.output
    where = text_locations()[quote_id]
    assert any(where in line and f"quote '{quote_id}'" in line for line in built.output.splitlines()), built.output
    assert not (built.site / "quotes" / "index.html").exists(), "a half-built site"


def test_straight_marks_and_exact_quotes_are_not_reported(reported):
    output, built = reported
    for quote_id in FORGIVEN:
        assert f"'{quote_id}'" not in output + built.output
        assert text_locations()[quote_id] not in output + built.output
