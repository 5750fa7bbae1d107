"""No page links to itself, and no entry on a shared page links to its own entry.

Page types: actor, event, the quotes page (an entry per quote), the glossary (an entry per term), source
pages, and every other page. A link back to the page it is on (no fragment) is a self-link wherever it
stands; on the glossary and quotes pages a link inside one entry to that same entry is one too. Permalinks
are not: a heading's `¶` and a paragraph number linking the block it sits in. Checked on the real build and
on the rich fixture, whose summaries, definitions and quotes name their own subject on purpose.
"""

from __future__ import annotations

import pytest

from conftest import link_target, page_path, under_heading


def permalink(a, fragment: str) -> bool:
    """A link to the block it sits in (a heading's ¶, a paragraph's number)."""
    return "headerlink" in a.get("class", []) or a.find_parent(id=fragment) is not None


def self_links(site, page: str) -> list[str]:
    content = site.content(page)
    if content is None:
        return []
    found = []
    for a in content.select("a[href]"):
        target = link_target(page, a["href"])
        if target is None or target[0] != page:
            continue
        fragment = target[1]
        if not fragment:
            found.append(f"{a['href']!r} ({a.get_text(strip=True)})")
        elif not permalink(a, fragment) and fragment in entry_ids(a):
            found.append(f"{a['href']!r} inside entry {fragment} ({a.get_text(strip=True)})")
    return found


def entry_ids(a) -> set[str]:
    """The ids of the entries `a` stands in: the glossary section (h2) it follows, the quote callout it is in."""
    ids = set()
    heading = a.find_previous("h2")
    if heading is not None and heading.get("id"):
        ids.add(heading["id"])
    callout = a.find_parent(class_="admonition")
    if callout is not None:
        ids |= {element["id"] for element in callout.select("[id]")}
    return ids


@pytest.mark.parametrize("which", ["rich", "real"])
def test_no_page_links_to_itself(which, rich_site, site):
    site_ = rich_site if which == "rich" else site
    offenders = {}
    for file in site_.html_files():
        page = page_path(site_.root, file)
        if found := self_links(site_, page):
            offenders[page] = found
    assert offenders == {}


@pytest.mark.parametrize("which", ["rich", "real"])
def test_every_page_type_was_looked_at(which, rich_site, site, data):
    """Guards the test above: each page type is there, and names its own subject in its text."""
    site_, records = (rich_site, rich_site.data) if which == "rich" else (site, data)
    pages = {page_path(site_.root, f) for f in site_.html_files()}
    assert {f"actors/{a['id']}/" for a in records["actors"]} <= pages
    assert {f"timeline/{e['id']}/" for e in records["events"]} <= pages
    assert {f"sources/{s['id']}/" for s in records["sources"]} <= pages
    assert {"quotes/", "glossary/", "actors/", "timeline/"} <= pages
    if which == "rich":
        gamma = rich_site.content("actors/minister-gamma/").get_text()
        assert gamma.count("Minister Gamma") >= 3, "the page names its subject in its summary and its quote"
        detente = under_heading(rich_site.content("glossary/").find(id="detente"))
        assert "détente" in " ".join(part.get_text() for part in detente), "the entry names its own term"
