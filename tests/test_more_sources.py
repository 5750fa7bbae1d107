"""A second source needs no code: a seed file, a source record and records citing it."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, Site, copy_project, hrefs_under

SECOND = FIXTURES / "second-source"


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("two-sources"))
    shutil.copytree(SECOND / "seeds", project.root / "seeds", dirs_exist_ok=True)
    for addition in (SECOND / "append").glob("*.yml"):
        target = project.root / "data" / addition.name
        target.write_text(target.read_text(encoding="utf-8") + addition.read_text(encoding="utf-8"), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.output
    return Site(result.site)


def test_each_source_has_its_page_with_numbered_paragraphs(two_sources):
    note = two_sources.content("sources/test-note/")
    assert note.h1.get_text().startswith("A Test Note on Beijing and Pyongyang")
    assert [p["id"] for p in note.select(".nkx-para")] == ["p1", "p2", "p3"]
    assert two_sources.content("sources/evolving-relations/").find(id="p10") is not None


def test_the_navigation_lists_every_source(two_sources):
    nav = two_sources.page("sources/").select_one("nav.md-nav--primary")
    links = {a.get_text(strip=True): a["href"] for a in nav.select("a")}
    assert links.get("North Korea’s Evolving Relations With China") == "evolving-relations/"
    assert links.get("A Test Note on Beijing and Pyongyang") == "test-note/"


def test_citations_name_their_source(two_sources):
    event = two_sources.content("timeline/test-note-steady-course/")
    labels = {a.get_text() for a in event.select('a[href*="sources/test-note/#p2"]')}
    assert "Test note ¶2" in labels
    china = two_sources.content("actors/china/")
    assert any(a.get_text().startswith("North Korea’s Evolving Relations With China ¶") for a in china.select("a"))


def test_the_timeline_merges_both_sources_in_order(two_sources):
    timeline = two_sources.content("timeline/")
    hrefs = [a["href"] for a in timeline.select("li > a, li a") if a["href"].endswith("/") and "sources" not in a["href"]]
    assert hrefs.index("test-note-steady-course/") > hrefs.index("jang-song-thaek-executed/")
    assert timeline.find(id="2016") is not None


def test_backlinks_reach_across_sources(two_sources):
    xi = two_sources.content("actors/xi-jinping/")
    listed = hrefs_under(xi.find(id="in-the-article"))
    assert "../../sources/test-note/#p1" in listed
    assert "../../sources/evolving-relations/#p3" in listed
    term = two_sources.content("glossary/").find(id="detente").find_all_next("a", href=True)
    assert any(a["href"] == "../sources/test-note/#p3" for a in term)


def test_quotes_from_the_second_source_are_checked_and_marked(two_sources):
    quotes = two_sources.content("quotes/")
    callout = quotes.find(id="test-note-steady-course")
    assert "steady course" in callout.get_text()
    assert "../sources/test-note/#p2" in {a["href"] for a in callout.select("a")}
    note = two_sources.content("sources/test-note/")
    assert note.select_one("#p2 .nkx-quoted").get_text() == "steady course"


def test_a_misquote_in_the_second_source_is_caught(project):
    shutil.copytree(SECOND / "seeds", project.root / "seeds", dirs_exist_ok=True)
    for addition in (SECOND / "append").glob("*.yml"):
        text = addition.read_text(encoding="utf-8").replace('text: "steady course"', 'text: "steady path"')
        target = project.root / "data" / addition.name
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
    result = project.build()
    assert result.returncode != 0
    assert "quote 'test-note-steady-course': the text is not word for word in test-note#p2" in result.output
