"""Every independent mistake in one run: the check command and a real build of a project with many.

`tests/fixtures/broken-many/` breaks the minimal project in about twenty independent ways, one of each
class an editor meets (typed YAML values, impossible dates, look-alike characters, misquotes, self-relations,
duplicates, unsafe file names, malformed shortcodes below a quote callout...). `broken-unreadable/` makes
every data file but the sources unreadable in a different way (an alias bomb, a ` #` in a flow list, a tab,
a second document). Each project is checked once and built once; every message is asserted exactly, with
its file:line:col, and nothing else may be reported: follow-on errors are held back and counted.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, BuildResult, check_data, fixture_project
from test_errors import problem_count, problem_lines

# Line and column numbers are those of the overlay files (`grep -n` them to check).
MANY = [
    # A name repeated as an alias of the same record.
    "data/actors.yml:7:13: actor 'alphia': 'Alphia' is already the name of this actor (line 5) — remove this alias",
    "data/actors.yml:19:11: actor 'betania': a relation from an actor to itself — 'to' must name another actor",
    "data/actors.yml:30:10: actor 'minister-gamma': 'title': YAML read NO as false — put it in quotes: \"NO\"",
    # The root cause, with its follow-ons in data and pages counted instead of reported.
    "data/actors.yml:37:7: actor id 'Betania-Council' — ids are lowercase words joined by hyphens, e.g. "
    "'betania-council'; 4 references to 'betania-council' (data/events.yml:13, data/quotes.yml:24, docs/index.md:5 "
    "and 1 more) fail because of this",
    "data/events.yml:5:10: event 'ceasefire-agreed': 'title': YAML read 12:30 as the number 750 — put it in quotes: \"12:30\"",
    "data/events.yml:17:7: event 'ceasefire-agreed': 'test-article#p1' is cited twice — remove one",
    "data/events.yml:21:9: event 'gamma-visits-betania': date '2015-02-30' does not exist — that month has 28 days",
    # 'minister-delta' is not a slip for 'minister-gamma': no "did you mean". One missing record, reported once.
    "data/events.yml:25:7: event 'gamma-visits-betania': unknown actor 'minister-delta' — add an actor with this id "
    "first, or fix the id; 1 more reference to 'minister-delta' (docs/index.md:15) fails because of this",
    # A record with a bad field (status) still has its other problems (the date) reported.
    "data/events.yml:33:9: event 'border-treaty-expected': date '2016' does not match precision 'day' — it gives only "
    "the year: write the full date (YYYY-MM-DD) if the article gives it, or change precision to 'year'",
    "data/events.yml:36:11: event 'border-treaty-expected': 'status' is 'expectd', which is not one of happened, "
    "expected — did you mean 'expected'?",
    "data/glossary.yml:8:16: term 'ceasefire': 'explanation': YAML read yes as true — put it in quotes: \"yes\"",
    "data/glossary.yml:14:15: term 'detente': 'definition': YAML read ~ as empty (null) — put it in quotes: \"~\"",
    "data/quotes.yml:5:9: quote 'gamma-ceasefire-not-peace': the text cuts 'ceasefire' in half — quote whole words, "
    "e.g. 'ceasefire is not a peace'",
    "data/quotes.yml:9:9: quote 'gamma-ceasefire-not-peace': date '0000-03' has year 0, which no calendar has — "
    "check the year",
    "data/quotes.yml:22:9: quote 'bc-last-chance': the text is not in test-article#p3, but it is in test-article#p2 "
    "— cite test-article#p2",
    "data/quotes.yml:33:9: quote 'gamma-welcomed-the-deal': the text is not word for word in test-article#p2; the "
    "closest passage in test-article#p2 reads 'welcomed the deal'; character 13 is U+200B (zero-width space) where "
    "the text has U+0020 (space) — copy the words exactly from the article",
    "data/sources.yml:6:10: source 'test-article': 'title' differs from line 1 of seeds/test-article.txt, which reads "
    "'Alphia and Betania’s Uneasy Détente'; character 28 is U+00A0 (no-break space) where the text has U+0020 "
    "(space) — copy it exactly",
    "data/sources.yml:16:9: source 'second-article': file 'seeds/second\\x00article.txt' contains U+0000 (null byte) "
    "— retype the name",
    "data/sources.yml:23:9: source 'third-article': file 'seeds/' is a folder, not a file — name the text file, e.g. "
    "'seeds/<name>.txt'",
    "docs/index.md:11:17: [[actor: alphia]]: a shortcode has no spaces inside it — write [[actor:alphia]]",
    "docs/index.md:11:36: [[actor:Minister Gamma]]: 'Minister Gamma' is not an id (ids are lowercase words joined by "
    "hyphens) — write [[actor:minister-gamma]]",
    "docs/index.md:11:62: [[Actor:betania]]: kinds are written in lowercase, not 'Actor' — write [[actor:betania]]",
    "docs/index.md:11:84: [[actor:alphia: it is not closed with ']]' — write [[actor:alphia]]",
    # Below a [[quote:…]] callout: the line of the page as the editor sees it.
    "docs/index.md:15:24: [[term:detante]]: unknown term 'detante' — did you mean 'detente'?",
]

UNREADABLE = [
    "data/actors.yml:12:14: the YAML aliases (*name) in this file expand to more than 100,000 values (here, at *a4) "
    "— write the values out instead of nesting aliases",
    "data/events.yml:24:3: YAML syntax: while parsing a flow sequence expected ',' or ']', but got '<scalar>' in: "
    "'summary: \"Minister Gamma visits Betania for the first time.\"' (it started on line 23: 'actors: "
    "[minister-gamma, betania #the host]') — ' #' starts a comment in YAML, so the rest of line 23 after it was "
    "ignored, with the closing bracket — put text with ' #' in quotes",
    "data/glossary.yml:11:1: a second YAML document starts here ('---') — a data file is one list of records; "
    "remove the line",
    "data/quotes.yml:23:1: YAML syntax: while scanning for the next token found character '\\t' that cannot start "
    "any token in: 'kind: reported' — line 23 has a tab: indent with spaces, not tabs",
    # References to the records of unreadable files are held back; a shortcode's own mistake is not.
    "docs/index.md:11:20: [[actor:alphia|Alphia]: it ends with one ']', not two — write [[actor:alphia|Alphia]]",
]


@pytest.fixture(scope="module", params=[("broken-many", MANY), ("broken-unreadable", UNREADABLE)],
                ids=["broken-many", "broken-unreadable"])
def outcome(request, tmp_path_factory) -> tuple[list[str], str, BuildResult]:
    """The expected lines, the check command's output and the build's result, for one project."""
    overlay, expected = request.param
    project = fixture_project(tmp_path_factory.mktemp(overlay))
    shutil.copytree(FIXTURES / overlay, project.root, dirs_exist_ok=True)
    checked = check_data(project.root)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    return expected, checked.stdout + checked.stderr, project.build()


def test_the_check_command_reports_every_mistake_exactly_and_nothing_else(outcome):
    expected, output, _ = outcome
    assert "Traceback" not in output
    assert problem_lines(output) == expected, output
    assert problem_count(output) == len(expected)
    assert "fix them before building" in output


def test_the_build_reports_the_same_and_writes_no_site(outcome):
    expected, _, built = outcome
    assert built.returncode != 0, built.output
    assert "Traceback" not in built.output
    assert problem_lines(built.output) == expected, built.output
    assert "nothing was built" in built.output
    assert not (built.site / "index.html").exists()


README_PHRASES = [
    "YAML read NO as false — put it in quotes", "YAML read ~ as empty", "as the number 750",
    "expand to more than 100,000 values", "a second YAML document starts here ('---')", "indent with spaces, not tabs",
    "' #' starts a comment in YAML", "ids are lowercase words joined by hyphens", "fail because of this",
    "a relation from an actor to itself", "is cited twice", "does not match precision", "it gives only the year",
    "has year 0, which no calendar has", "is already the name of this actor", "in half — quote whole words",
    "but it is in", "U+200B (zero-width space) where the text has U+0020 (space)", "contains U+0000 (null byte)",
    "is a folder, not a file", "a shortcode has no spaces inside it", "kinds are written in lowercase, not 'Actor'",
    "is not an id", "it is not closed with ']]'", "it ends with one ']', not two", "does not exist",
    "not one of", "did you mean",
]


@pytest.mark.parametrize("phrase", README_PHRASES)
def test_the_readme_table_explains_every_message_of_the_fixtures(phrase):
    """Each phrase is in a message the fixtures produce, and in the README's table of messages."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| Message (abridged) | What to do |"):]
    table = table[: table.index("\n\n")]
    assert any(phrase in message for message in MANY + UNREADABLE), phrase
    assert phrase in table, phrase
