"""Reading, not decoding: every built page as a reader meets it.

A name is linked once per page, citations are one small marker of ranges, navigation blocks
(backlinks, per-paragraph lists) are grouped, folded and left out of search, and the article reads
as an article until the reader asks for its annotations. Invariants of whatever `data/` holds; the
small pages these tests write exercise the rules on their own.
"""

from __future__ import annotations

import html
import json
import re
from posixpath import join, normpath
from urllib.parse import urldefrag

import pytest

import searchindex
from conftest import Site, cited_name, copy_project

PARAGRAPH_LINK = re.compile(r"¶\s*\d")
SEPARATOR = re.compile(r"^[\s,;·–—-]*$")
RAW_SYNTAX = ("](", "{:", "{ .", "[[")
"""Markdown link syntax, attribute lists and shortcodes: never visible on a page."""


def page_url(site: Site, file) -> str:
    """The URL path of a built file: `actors/china/index.html` → `actors/china/`."""
    relative = str(file.relative_to(site.root))
    return relative.removesuffix("index.html")


def target(here: str, href: str) -> str | None:
    """Where a relative link on the page at `here` leads, as a site path with its anchor: `actors/china/`."""
    if re.match(r"^[a-z]+:|^/", href) or href.startswith("#"):
        return None
    path, anchor = urldefrag(href)
    resolved = normpath(join(here or ".", path)) + "/"
    resolved = "" if resolved == "./" else resolved
    return resolved + (f"#{anchor}" if anchor else "")


def records(data) -> dict[str, str]:
    """Site path of every actor page and glossary entry → what it is (the names and terms a page may link)."""
    found = {f"actors/{a['id']}/": f"actor {a['id']}" for a in data["actors"]}
    found.update({f"glossary/#{t['id']}": f"term {t['id']}" for t in data["glossary"]})
    return found


def running_text(content):
    """The page's own text blocks: its content without navigation blocks, graphics, headings or callout titles."""
    content = content.__copy__()
    for block in content.select(".nkx-nav, figure, svg, h1, h2, h3, h4, h5, h6, .admonition-title, summary"):
        block.decompose()
    return content


def content_pages(site: Site):
    for file in site.html_files():
        html_page = site.page(str(file.relative_to(site.root)))
        content = html_page.select_one("article.md-content__inner")
        if content is not None:
            yield page_url(site, file), html_page, content


# --- Every page -----------------------------------------------------------------------------------

def test_no_page_shows_markdown_attribute_lists_or_shortcodes(site):
    for file in site.html_files():
        html_page = site.page(str(file.relative_to(site.root)))
        body = html_page.body.__copy__()
        for hidden in body.select("script, style, code, pre, template"):
            hidden.decompose()
        text = body.get_text(" ")
        for syntax in RAW_SYNTAX:
            assert syntax not in text, f"{file.relative_to(site.root)} shows {syntax!r}: …{text[max(0, text.find(syntax) - 60):text.find(syntax) + 40]}…"


def test_in_running_text_a_name_or_term_is_linked_once_per_page_and_never_to_the_page_itself(site, data):
    linkable = records(data)
    checked = 0
    for here, _, content in content_pages(site):
        seen: dict[str, int] = {}
        for a in running_text(content).select("a[href]"):
            where = target(here, a["href"])
            if where in linkable:
                seen[where] = seen.get(where, 0) + 1
                assert urldefrag(where)[0] != here or "#" in where, f"{here} links to itself"
        twice = {linkable[w]: n for w, n in seen.items() if n > 1}
        assert not twice, f"{here or 'home'}: linked more than once in running text: {twice}"
        checked += sum(seen.values())
    assert checked > len(linkable), "the check sees the site's mention links"


def test_a_glossary_entry_never_links_its_own_term(site, data):
    content = site.content("glossary/")
    for term in data["glossary"]:
        heading = content.find(id=term["id"])
        for sibling in heading.find_next_siblings():
            if sibling.name == "h2":
                break
            assert not sibling.select(f'a[href="#{term["id"]}"], a[href="./#{term["id"]}"]'), term["id"]


def paragraph_link_runs(block) -> int:
    """The longest run of ¶ links in a block, with nothing but separators between them."""
    longest = run = 0
    for node in block.descendants:
        if getattr(node, "name", None) == "a" and node.get("href"):
            run = run + 1 if PARAGRAPH_LINK.search(node.get_text()) else 0
        elif node.name is None and node.parent.name != "a" and not SEPARATOR.match(str(node)):
            run = 0
        longest = max(longest, run)
    return longest


def test_every_link_element_has_an_address_or_is_a_named_place(site):
    """An `<a>` with neither `href` nor `id` reads to crawlers (and Lighthouse's SEO audit) as a broken link;
    the article's waiting mentions carry ids, unique on their page."""
    waiting = 0
    for file in site.html_files():
        page = site.page(str(file.relative_to(site.root)))
        ids = [tag["id"] for tag in page.select("[id]")]
        assert len(ids) == len(set(ids)), (file.name, "duplicate ids")
        for a in page.select("a:not([href])"):
            assert a.get("id") or a.get("name") or a.get("role"), (str(file.relative_to(site.root)), str(a)[:120])
            waiting += a.has_attr("data-href")
    assert waiting, "the article's mentions past the first wait as <a data-href> (otherwise this test checks nothing)"


def test_no_run_of_more_than_three_paragraph_links(site):
    seen = 0
    for here, _, content in content_pages(site):
        for block in content.select("p, li, dd, td, th, summary, figcaption"):
            run = paragraph_link_runs(block)
            seen = max(seen, run)
            assert run <= 3, f"{here or 'home'}: {run} ¶ links in a row in {block.get_text(' ', strip=True)[:120]!r}"
    assert seen >= 1, "the check sees citation links"


def test_the_run_check_sees_a_run():
    from bs4 import BeautifulSoup

    block = BeautifulSoup('<p>Text <a href="#p1">¶1</a>, <a href="#p2">¶2</a> <a href="#p3">¶3</a>, '
                          '<a href="#p4">¶4</a> and more</p>', "html.parser").p
    assert paragraph_link_runs(block) == 4


# --- Citation markers and link restraint, on a page written for them -------------------------------

RESTRAINT_PAGE = """\
---
title: Restraint
---
# Restraint

Kim met Xi. Russia first, then Russia again, and the glossary's détente and détente.

## A later section

Russia once more, and [[actor:china]] linked by hand after China was named above? No: China here first.
Then [[actor:japan]] by hand, and [[actor:japan|Tokyo's government]] by hand again.

## Citations

One statement, one marker [[cite:evolving-relations#p3]] [[cite:evolving-relations#p4]] [[cite:evolving-relations#p5]].

Scattered [[cite:evolving-relations#p1]], [[cite:evolving-relations#p3]] [[cite:evolving-relations#p5]] [[cite:evolving-relations#p7]] [[cite:evolving-relations#p9]].

All of it [[cite:evolving-relations#p1]] [[cite:evolving-relations#p2]] [[cite:evolving-relations#p3]] [[cite:evolving-relations#p4]] [[cite:evolving-relations#p5]] [[cite:evolving-relations#p6]] [[cite:evolving-relations#p7]] [[cite:evolving-relations#p8]] [[cite:evolving-relations#p9]] [[cite:evolving-relations#p10]].

A labelled one: [[cite:evolving-relations#p2|the second paragraph]].
"""


@pytest.fixture(scope="module")
def restraint(tmp_path_factory, project_root) -> Site:
    project = copy_project(tmp_path_factory.mktemp("restraint"), project_root)
    project.add_page("restraint.md", RESTRAINT_PAGE)
    result = project.build()
    assert result.returncode == 0, result.output
    return Site(result.site)


def _links(site: Site, prefix: str) -> list[str]:
    return [a.get_text() for a in site.content("restraint/").select(f'a[href^="{prefix}"]')]


def test_by_default_a_name_is_linked_once_per_page_at_its_first_mention(restraint):
    assert _links(restraint, "../actors/russia/") == ["Russia"], "once on the page, not once per section"
    assert _links(restraint, "../glossary/#detente") == ["détente"]
    first = restraint.content("restraint/").find("p")
    assert [a.get_text() for a in first.select("a")][:2] == ["Kim", "Xi"]


def test_a_name_the_page_links_by_hand_is_linked_there_once(restraint):
    assert _links(restraint, "../actors/china/") == ["China"]
    china = restraint.content("restraint/").select_one('a[href="../actors/china/"]')
    assert "by hand" in china.parent.get_text()
    assert _links(restraint, "../actors/japan/") == ["Japan"], "the second hand-made link reads as plain text"
    assert "Tokyo's government by hand again" in restraint.content("restraint/").get_text()


def _marker(site: Site, opening: str):
    paragraph = next(p for p in site.content("restraint/").find(id="citations").find_all_next("p")
                     if p.get_text().startswith(opening))
    return paragraph


def test_side_by_side_cites_make_one_marker_of_ranges(restraint, data):
    """With several sources each range names its source by its `short` name ("Evolving Relations ¶3–5")."""
    marker = _marker(restraint, "One statement").select("sup.nkx-cite")
    assert len(marker) == 1
    name = cited_name(data, "evolving-relations")
    assert [(a.get_text(), a["href"]) for a in marker[0].select("a")] == [(f"{name}¶3–5", "../sources/evolving-relations/#p3")]


def test_a_marker_holds_at_most_three_links(restraint, data):
    links = _marker(restraint, "Scattered").select("sup.nkx-cite a")
    name = cited_name(data, "evolving-relations")
    assert [a.get_text() for a in links] == [f"{name}¶1", "¶3", "+3 more"], "a source is named once in a marker"
    assert links[2]["href"].endswith("#p5")


def test_every_paragraph_of_a_source_reads_throughout_the_article(restraint, data):
    """"throughout the article" with one source; "throughout Evolving Relations" (its `short`) with several."""
    links = _marker(restraint, "All of it").select("sup.nkx-cite a")
    name = cited_name(data, "evolving-relations").strip() or "the article"
    assert [(a.get_text(), a["href"]) for a in links] == [(f"throughout {name}", "../sources/evolving-relations/")]


def test_a_labelled_cite_stays_a_plain_link(restraint):
    link = _marker(restraint, "A labelled one").select_one("a")
    assert link.get_text() == "the second paragraph" and link.find_parent("sup") is None


# --- Backlinks --------------------------------------------------------------------------------------

def record_pages(data):
    yield from (f"actors/{a['id']}/" for a in data["actors"])
    yield from (f"timeline/{e['id']}/" for e in data["events"])


def test_backlinks_are_grouped_counted_folded_and_never_repeat_a_link(site, data):
    seen_groups = set()
    for path in record_pages(data):
        content = site.content(path)
        heading = content.find(id="elsewhere-on-this-site")
        if heading is None:
            continue
        block = heading.find_next_sibling(class_="nkx-nav")
        main = {target(path, a["href"]) for a in running_text(content).select("a[href]")}
        listed = []
        for group in block.select(".nkx-group"):
            title = group.select_one(".nkx-group-title").get_text(" ", strip=True)
            name, count = re.fullmatch(r"(.+) \((\d+)\)", title).groups()
            seen_groups.add(name)
            links = [target(path, a["href"]) for a in group.select("a[href]")]
            assert len(links) == int(count), (path, title)
            shown = [a for a in group.select("a[href]") if a.find_parent("details") is None]
            assert len(shown) <= 5, (path, title, "the first few, the rest folded")
            listed += links
        assert len(listed) == len(set(listed)), f"{path}: a page or quote listed twice"
        assert not (set(listed) & main), f"{path}: backlinks repeat links of the page itself: {set(listed) & main}"
    assert {"Events", "People and organisations"} <= seen_groups


def test_glossary_backlinks_list_each_page_once_and_fold(site):
    content = site.content("glossary/")
    for block in content.select(".nkx-term-uses"):
        listed = [a["href"] for a in block.select("details a[href]")]
        assert len(listed) == len(set(listed)), block.get_text(" ", strip=True)[:100]
        assert all(a.find_parent("details") for a in block.select('a[href]:not([href*="sources/"])'))


def test_actor_pages_show_the_first_paragraphs_and_fold_the_rest(site, data):
    for actor in data["actors"]:
        section = site.content(f"actors/{actor['id']}/").find(id="in-the-article").find_next_sibling(class_="nkx-nav")
        shown = [a for a in section.select('a[href*="sources/"]') if a.find_parent("details") is None]
        assert len(shown) <= 3, actor["id"]


# --- Search ---------------------------------------------------------------------------------------

def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()))


def _section_words(content, anchor: str | None) -> tuple[set[str], set[str]]:
    """The words of one search section of a page (from its heading to the next heading with an id):
    those of its own text, and those found only in its navigation blocks."""
    headings = content.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]")
    start = content.find(id=anchor) if anchor else (headings[0] if headings else None)
    own, nav = [], []
    for node in (start.next_elements if start is not None else content.descendants):
        if node is not start and node in headings:
            break
        if node.name is None and not any(p.name in ("script", "style") or "headerlink" in (p.get("class") or [])
                                         for p in node.parents if p.name):
            is_nav = any("nkx-nav" in (p.get("class") or []) for p in node.parents if p.name)
            (nav if is_nav else own).append(str(node))
    own_words = _words(" ".join(own))
    return own_words, _words(" ".join(nav)) - own_words


def _page_words(content) -> tuple[set[str], set[str]]:
    """The words of a page's own text, and those it has only in navigation blocks and graphics."""
    own, left_out = [], []
    for node in content.descendants:
        if node.name is None and not any(p.name in ("script", "style") or "headerlink" in (p.get("class") or [])
                                         for p in node.parents if p.name):
            skipped = any({"nkx-nav", "nkx-graphic"} & set(p.get("class") or []) for p in node.parents if p.name)
            (left_out if skipped else own).append(str(node))
    own_words = _words(" ".join(own))
    return own_words, _words(" ".join(left_out)) - own_words


def test_search_indexes_no_navigation_block(site):
    """No page's search entry holds a word that the page has only in a navigation block (backlinks, the
    article's per-paragraph lists) or in a graphic: a search finds a page where the page is about the words."""
    checked = navigation = 0
    for fragment in searchindex.fragments(site.root):
        path = fragment["url"].lstrip("/")
        _, nav_only = _page_words(site.content(path))
        leaked = nav_only & _words(fragment["content"])
        assert not leaked, f"{path}: indexed from a navigation block or graphic: {sorted(leaked)[:12]}"
        checked += 1
        navigation += bool(nav_only)
    assert checked >= len(site.html_files()) - 1 and navigation > 10, "the check sees pages with navigation blocks"


def test_navigation_blocks_exist_to_be_left_out(site, data):
    """The search check above means something: the pages do have navigation blocks, full of words."""
    china = site.content(f"actors/{data['actors'][0]['id']}/")
    assert len(" ".join(b.get_text(" ") for b in china.select(".nkx-nav")).split()) > 30
