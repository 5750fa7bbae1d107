"""Mentions under the editors' control (`hooks/nkexplainer/mentions.py`): an alias limited to some sources,
and one mention marked as meaning nothing or another record, checked at build time.

The project is the small fixture one plus `tests/fixtures/mentions/`: a second text, "Notes From the Betania
River", where "BC" is a road marker (the alias BC is limited to the test article), "the Betania river" is a
river (marked `means: nothing`) and "the Alphia Line" is the ceasefire line (marked `means: term:ceasefire`).
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, Site, check_data, fixture_project

MENTIONS = FIXTURES / "mentions"


def _project(tmp_path):
    project = fixture_project(tmp_path)
    shutil.copytree(MENTIONS, project.root, dirs_exist_ok=True)
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    project = _project(tmp_path_factory.mktemp("mentions"))
    checked = check_data(project.root)
    assert checked.returncode == 0, checked.stderr
    built = project.build()
    assert built.returncode == 0, built.output
    return Site(built.site)


def _target(mention) -> str:
    """Where a marked mention leads: a link (`href`), or, past its first mention, a link the annotations switch makes."""
    return mention.get("href") or mention["data-href"]


def _links(paragraph) -> dict[str, str]:
    """The linked words of a paragraph and where each leads."""
    return {a.get_text(): _target(a) for a in paragraph.select("a.nkx-mention")}


def test_an_alias_limited_to_one_source_is_not_linked_in_another(site):
    river = site.content("sources/river-notes/").find(id="p1")
    assert "BC" in river.get_text() and "BC" not in _links(river)
    article = site.content("sources/test-article/").find(id="p1")
    assert _links(article).get("BC") == "../../actors/betania-council/"


def test_a_mention_marked_nothing_is_not_linked_and_the_others_still_are(site):
    river = site.content("sources/river-notes/").find(id="p1")
    linked = [a for a in river.select("a.nkx-mention") if a.get_text() == "Betania"]
    assert len(linked) == 1  # "Betania itself", not "the Betania river"
    assert "Betania itself" in linked[0].parent.get_text()
    assert linked[0].previous_sibling.endswith("markers. ")


def test_a_mention_marked_as_another_record_links_there(site):
    river = site.content("sources/river-notes/").find(id="p2")
    alphias = [(a.get_text(), _target(a)) for a in river.select("a.nkx-mention") if a.get_text() == "Alphia"]
    assert alphias == [("Alphia", "../../glossary/#ceasefire"), ("Alphia", "../../actors/alphia/")]


def test_backlinks_follow_the_exceptions(site):
    council = site.content("actors/betania-council/")
    cited = {a["href"] for a in council.select("a[href*='sources/river-notes/']")}
    assert not cited  # the road marker "BC" is not the Council
    betania = {a["href"] for a in site.content("actors/betania/").select("a[href*='sources/river-notes/']")}
    assert "../../sources/river-notes/#p1" in betania  # through "Betania itself"


# -- mistakes, each at its file:line:col -----------------------------------------------------------

MISTAKES = [
    pytest.param("data/sources.yml", 'words: "the Betania river"', 'words: "the Betania River"',
                 r"data/sources\.yml:\d+:14", "source 'river-notes': mentions[0]: the words 'the Betania River' are not in "
                 "river-notes#p1; the closest passage reads", id="words-not-in-paragraph"),
    pytest.param("data/sources.yml", 'words: "the Betania river"', 'words: "north for a week"',
                 r"data/sources\.yml:\d+:14", "hold no name the site links, so this exception matches nothing",
                 id="matches-nothing"),
    pytest.param("data/sources.yml", "    - paragraph: p1\n", "    - paragraph: p7\n",
                 r"data/sources\.yml:\d+:18", "the text has 2 paragraphs, not 7", id="no-such-paragraph"),
    pytest.param("data/sources.yml", "means: term:ceasefire", "means: term:ceasfire",
                 r"data/sources\.yml:\d+:14", "unknown term 'ceasfire' — did you mean 'term:ceasefire'?", id="unknown-record"),
    pytest.param("data/sources.yml", 'words: "the Alphia Line"', 'words: "Alphia"',
                 r"data/sources\.yml:\d+:14", "the words 'Alphia' occur more than once in river-notes#p2", id="ambiguous-words"),
    pytest.param("data/actors.yml", "sources: [test-article]", "sources: [test-artcle]",
                 r"data/actors\.yml:\d+:17", "alias 'BC' is limited to unknown source 'test-artcle' — did you mean 'test-article'?",
                 id="limited-to-unknown-source"),
    pytest.param("data/actors.yml", "      sources: [test-article]\n",
                 "      sources: [test-article]\n    - name: Minister\n      sources: [river-notes]\n",
                 r"data/actors\.yml:\d+:13", "alias 'Minister' does not occur in the text of source 'river-notes'",
                 id="limited-to-a-source-without-it"),
    pytest.param("data/actors.yml", "(¶1)", "(p1)",
                 r"data/actors\.yml:\d+:13", "the note writes 'p1' — write ¶1 and name the source", id="note-writes-p1"),
    pytest.param("data/actors.yml", "In “Alphia and Betania’s Uneasy Détente” (¶1)", "In ¶1",
                 r"data/actors\.yml:\d+:13", "the note cites ¶1 without naming its source", id="note-without-source"),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "says"), MISTAKES)
def test_a_mistake_in_limits_or_exceptions_stops_check_and_build_at_its_place(tmp_path, file, old, new, where, says):
    project = _project(tmp_path)
    project.edit(file, old, new)
    checked = check_data(project.root)
    built = project.build()
    for output, code in ((checked.stdout + checked.stderr, checked.returncode), (built.output, built.returncode)):
        assert code != 0, output
        assert "Traceback" not in output
        problems = [line.strip() for line in output.splitlines() if re.match(r"^  data/\S+:\d+:\d+: ", line)]
        assert len(problems) == 1, output
        assert re.match(where + ": ", problems[0]), problems
        assert says in problems[0], problems
    assert not (built.site / "index.html").exists()
