"""A second source needs no code: a seed file, a source record and records citing it; and the site then speaks of
its sources in the plural.

These tests build the real project plus tests/fixtures/second-source (conftest.add_second_source) themselves, in
the first pass. The second pass of tests/run.sh (EXPLAINER_TEST_PROJECT=two-sources) runs every other real-project
test on that same extended copy.
"""

from __future__ import annotations

import html
import re

import pytest

from conftest import ROOT, Site, add_second_source, check_data, copy_project, hrefs_under, read_data

THE_ARTICLE = re.compile(r"\b[Tt]he article\b|\b[Tt]he article’s\b|\bArticle’s\b")
"""How generated text speaks of the one article; with several sources it must not."""

DATA_WORDS = re.compile(r"\b([Tt])he article\b")


@pytest.fixture(scope="module")
def two_sources(tmp_path_factory) -> Site:
    """The real project with the second source. The editors' own sentences in data/ that say "the article" (an
    attribution "as reported by the article", a relation's note) are theirs to keep; they become "that text" here,
    so that any "the article" left on a page is one the code wrote."""
    project = copy_project(tmp_path_factory.mktemp("two-sources"), ROOT)
    add_second_source(project.root)
    for file in (project.root / "data").glob("*.yml"):
        file.write_text(DATA_WORDS.sub(r"\1hat text", file.read_text(encoding="utf-8")), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.output
    return Site(result.site, read_data(project.root), project.root)


def test_each_source_has_its_page_with_numbered_paragraphs(two_sources):
    note = two_sources.content("sources/test-note/")
    assert note.h1.get_text().startswith("A Test Note on Beijing and Pyongyang")
    assert [p["id"] for p in note.select(".nkx-para")] == ["p1", "p2", "p3", "p4"]
    assert two_sources.content("sources/evolving-relations/").find(id="p10") is not None


def test_the_navigation_says_sources_and_lists_every_source(two_sources):
    nav = two_sources.page("sources/").select_one("nav.md-nav--primary")
    tabs = [item.get_text(" ", strip=True)
            for item in nav.select(":scope > ul > li > a, :scope > ul > li > label, :scope > ul > li > div > a")]
    assert "Sources" in tabs and "The article" not in tabs, tabs
    links = {a.get_text(strip=True): a["href"] for a in nav.select("a")}
    assert links.get("North Korea’s Evolving Relations With China") == "evolving-relations/"
    assert links.get("A Test Note on Beijing and Pyongyang") == "test-note/"


def test_every_citation_names_its_source_by_its_short_name(two_sources):
    """On every page a citation names the source it leads to by its `short` name, never its full title; in a
    list of several links, once, before its first paragraph ("Evolving Relations ¶1, ¶6–7")."""
    shorts = {s["id"]: s["short"] for s in two_sources.data["sources"]}
    seen = set()
    for file in two_sources.html_files():
        named_before: dict[object, set[str]] = {}
        for a in two_sources.page(str(file.relative_to(two_sources.root))).select("a[href*='sources/']"):
            match = re.search(r"sources/([a-z0-9-]+)/#p\d+$", a["href"])
            label = a.get_text(" ", strip=True)
            if not (match and re.fullmatch(r".*¶\d+(–\d+)?", label)):
                continue
            source, marker = match.group(1), a.find_parent("sup", class_="nkx-cite") or a.parent
            if label.startswith("¶"):
                assert source in named_before.get(id(marker), set()), (file, label)
            else:
                assert label.startswith(shorts[source] + " ¶"), (file, label)
                named_before.setdefault(id(marker), set()).add(source)
            seen.add(source)
    assert seen == set(shorts)
    event = two_sources.content("timeline/test-note-steady-course/")
    assert "Test note ¶2" in {a.get_text() for a in event.select('a[href*="sources/test-note/#p2"]')}


def test_no_generated_page_says_the_article_when_there_are_several(two_sources):
    """Headings, intros, captions, legends, tooltips, alias notes, descriptions and the hand-written pages' blocks:
    with two sources none of them says "the article" (the data's own sentences aside, see the fixture)."""
    said = []
    for file in two_sources.html_files():
        text = html.unescape(file.read_text(encoding="utf-8"))
        said += [f"{file.relative_to(two_sources.root)}: …{text[max(m.start() - 60, 0):m.end() + 30]}…"
                 for m in THE_ARTICLE.finditer(text)]
    assert said == []


def test_sections_name_the_sources_or_the_one_source_they_cite(two_sources):
    xi = two_sources.content("actors/xi-jinping/")
    assert xi.find(id="in-the-article").get_text(strip=True).removesuffix("¶") == "In the sources"
    lin = two_sources.content("timeline/test-note-promise-of-quiet/")
    assert lin.find(id="in-the-article").get_text(strip=True).removesuffix("¶") == "In Test note"
    glossary = two_sources.content("glossary/")
    assert "In the sources" in glossary.get_text()
    timeline = " ".join(two_sources.content("timeline/").get_text().split())
    assert "Every development the sources date" in timeline


def test_hand_written_pages_speak_of_the_sources_through_the_data(two_sources):
    home = two_sources.content("")
    start = {a.get_text(strip=True): a["href"] for a in home.select("nav.nkx-start a")}
    assert start.get("Sources") == "sources/"
    lede = " ".join(home.select_one(".nkx-lede").get_text().split())
    assert lede.endswith("and 1 other source"), lede
    about = " ".join(two_sources.content("about/").get_text().split())
    assert "through 2 texts, “North Korea’s Evolving Relations With China” and “A Test Note on Beijing and Pyongyang”" in about


def test_the_timeline_merges_both_sources_in_order(two_sources):
    timeline = two_sources.content("timeline/")
    hrefs = [a["href"] for a in timeline.select("li a") if a["href"].endswith("/") and "sources" not in a["href"]]
    order = [hrefs.index(f"{e}/") for e in ("jang-song-thaek-executed", "test-note-promise-of-quiet", "kim-new-years-speech",
                                             "test-note-steady-course")]
    assert order == sorted(order), "March 2014 between December 2013 and January 2015; June 2016 last"
    assert timeline.find(id="2016") is not None


def test_backlinks_reach_across_sources(two_sources):
    xi = two_sources.content("actors/xi-jinping/")
    listed = hrefs_under(xi.find(id="in-the-article"))
    assert "../../sources/test-note/#p1" in listed
    assert "../../sources/evolving-relations/#p3" in listed
    term = two_sources.content("glossary/").find(id="detente").find_all_next("a", href=True)
    assert any(a["href"] == "../sources/test-note/#p3" for a in term)
    lin = two_sources.content("actors/lin-wei/")
    assert "../../sources/test-note/#p4" in hrefs_under(lin.find(id="in-the-article"))


def test_quotes_from_the_second_source_are_checked_and_marked(two_sources):
    quotes = two_sources.content("quotes/")
    callout = quotes.find(id="test-note-steady-course")
    assert "steady course" in callout.get_text()
    assert "../sources/test-note/#p2" in {a["href"] for a in callout.select("a")}
    note = two_sources.content("sources/test-note/")
    assert note.select_one("#p2 .nkx-quoted").get_text() == "steady course"


def _second_source(tmp_path, change=lambda text: text):
    project = copy_project(tmp_path, ROOT)
    add_second_source(project.root)
    for name in ("quotes", "sources"):
        path = project.root / "data" / f"{name}.yml"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return project


def test_a_misquote_in_the_second_source_is_caught(tmp_path):
    project = _second_source(tmp_path, lambda text: text.replace('text: "steady course"', 'text: "steady path"'))
    result = project.build()
    assert result.returncode != 0
    assert "quote 'test-note-steady-course': the text is not word for word in test-note#p2" in result.output


def test_with_two_sources_every_source_without_a_short_name_is_reported_at_its_place(tmp_path):
    project = _second_source(tmp_path, lambda text: re.sub(r"\n  short: .*", "", text))
    lines = (project.root / "data" / "sources.yml").read_text(encoding="utf-8").split("\n")
    at = {source: next(n for n, line in enumerate(lines, 1) if line == f"- id: {source}")
          for source in ("evolving-relations", "test-note")}
    checked = check_data(project.root)
    for output in (checked.stdout + checked.stderr, project.build().output):
        assert "Traceback" not in output
        for source, line in at.items():
            assert (f"data/sources.yml:{line}:7: source '{source}': missing field 'short' — with 2 sources every citation "
                    "names its source: add a name of a few words, e.g. short: ") in output, output
    assert not (project.site / "index.html").exists()


def test_with_one_source_the_site_speaks_of_the_article(rich_site):
    """The same words in the singular: a fixture project of one source, as the real site is today."""
    nav = rich_site.page("").select_one("nav.md-nav--primary")
    assert "The article" in [a.get_text(strip=True) for a in nav.select(":scope > ul > li > a")]
    timeline = " ".join(rich_site.content("timeline/").get_text().split())
    assert "Every development the article dates" in timeline
    actors = " ".join(rich_site.content("actors/").get_text().split())
    assert "Everyone who acts in the article" in actors and "the sources" not in actors
