"""The built site as a reader meets it: every record has its place, linked to the others and to the article."""

from __future__ import annotations

import copy
import re

import pytest

from conftest import ROOT, date_label, run_build, the_sources, under_heading

SAME_MARK = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def heading_text(h) -> str:
    """A heading's text without its permalink sign."""
    return h.get_text(strip=True).removesuffix("¶")


def hrefs(element) -> set[str]:
    return {a["href"] for a in element.select("a[href]")}


def section(content, heading: str):
    """The elements under the h2 whose text starts with `heading`, up to the next h2."""
    h2 = next((h for h in content.find_all("h2") if heading_text(h).startswith(heading)), None)
    assert h2 is not None, f"no section {heading!r}"
    return under_heading(h2)


def links_in(parts) -> set[str]:
    return {a["href"] for p in parts for a in p.select("a[href]")} | {p["href"] for p in parts if p.name == "a"}


def paragraphs_led_to(parts) -> set[tuple[str, int | str]]:
    """The (source, paragraph) pairs that links lead to: one each for `¶3`, three for the range `¶3–5`,
    (source, "all") for `throughout the article`."""
    found: set[tuple[str, int | str]] = set()
    for a in [a for p in parts for a in p.select('a[href*="sources/"]')]:
        match = re.search(r"sources/([^/]+)/(?:#p(\d+))?$", a["href"])
        if not match:
            continue
        source, first = match.group(1), match.group(2)
        if first is None:
            found.add((source, "all"))
            continue
        last = re.search(r"¶\d+–(\d+)", a.get_text())
        found.update((source, n) for n in range(int(first), int(last.group(1) if last else first) + 1))
    return found


def test_navigation_shows_the_structure(site, data):
    """The sources' tab is "The article" while there is one, "Sources" once there are several."""
    nav = site.page("").select_one("nav.md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.select(":scope > ul > li > a, :scope > ul > li > label, :scope > ul > li > div > a")]
    text = " ".join(labels)
    for item in ("Who's who", "Timeline", "Key quotes", "Glossary", "The article" if len(data["sources"]) == 1 else "Sources"):
        assert item in text, f"{item!r} missing from the navigation: {labels}"


def test_every_actor_has_a_page_with_its_events_quotes_and_paragraphs(site, data):
    for actor in data["actors"]:
        content = site.content(f"actors/{actor['id']}/")
        assert content.h1.get_text(strip=True).startswith(actor["name"])
        for event in data["events"]:
            if actor["id"] in event["actors"]:
                assert f"../../timeline/{event['id']}/" in links_in(section(content, "Events")), (actor["id"], event["id"])
        for quote in data["quotes"]:
            if quote.get("speaker") == actor["id"]:
                callouts = section(content, "Quotes by")
                assert any(quote["text"].translate(SAME_MARK) in c.get_text().translate(SAME_MARK) for c in callouts), quote["id"]
        # A cited paragraph either names the actor or supports its role without naming it (Cha's formula
        # "still true", ¶2): either way the page leads to it.
        cited_from = paragraphs_led_to(section(content, f"In {the_sources(data)}") + section(content, "Role in this story"))
        for cite in actor["cites"]:
            source, anchor = cite.split("#")
            assert (source, int(anchor[1:])) in cited_from or (source, "all") in cited_from, (actor["id"], cite)


def test_relations_show_on_both_actors_pages(site, data):
    for actor in data["actors"]:
        for relation in actor.get("relations", []):
            mine = links_in(section(site.content(f"actors/{actor['id']}/"), "Relations"))
            theirs = links_in(section(site.content(f"actors/{relation['to']}/"), "Relations"))
            assert f"../{relation['to']}/" in mine
            assert f"../{actor['id']}/" in theirs


def test_whos_who_groups_every_actor_by_kind(site, data):
    content = site.content("actors/")
    headings = [heading_text(h) for h in content.find_all("h2")]
    kinds = {"state": "States", "person": "People", "organisation": "Organisations", "media": "Media", "group": "Groups"}
    for actor in data["actors"]:
        parts = section(content, kinds[actor["kind"]])
        assert f"{actor['id']}/" in links_in(parts), actor["id"]
    assert headings[0] == "States"


def test_timeline_lists_every_event_in_date_order_with_honest_dates(site, data):
    content = site.content("timeline/")
    items = content.select("li")
    shown = []
    for li in items:
        link = next((a for a in li.select("a") if a["href"].endswith("/") and "sources" not in a["href"]), None)
        if link:  # the title leads; the date (then † when inferred, effect, citations) follows on its own line
            date = li.select_one(".nkx-event-meta").get_text(strip=True).split("·")[0].replace("†", "").strip()
            shown.append((date, link["href"].rstrip("/"), li))
    by_id = {e["id"]: e for e in data["events"]}
    assert sorted(h for _, h, _ in shown) == sorted(by_id), "every event once"
    order = []
    for label, event_id, li in shown:
        event = by_id[event_id]
        assert label == date_label(event), (event_id, label)
        expected_badge = li.select_one(".nkx-expected") is not None
        assert expected_badge == (event["status"] == "expected"), event_id
        source, anchor = event["cites"][0].split("#")
        assert f"../sources/{source}/#{anchor}" in hrefs(li)
        order.append(event)
    # Years ascend; in a year, what happened comes before what was only expected;
    # events dated to a month keep month order among themselves.
    groups = [(int(str(e["date"])[:4]), e["status"] == "expected") for e in order]
    assert groups == sorted(groups), "by year, then happened before expected"
    for group in set(groups):
        months = [str(e["date"])[:7] for e, g in zip(order, groups) if g == group and e["precision"] != "year"]
        assert months == sorted(months), group
    years = [heading_text(h) for h in content.find_all("h2")]
    assert years == sorted(set(years)) and all(re.fullmatch(r"\d{4}", y) for y in years)


def test_each_event_page_links_its_actors_and_quotes_its_paragraph(site, data, seed_paragraphs):
    actor_names = {a["id"]: a["name"] for a in data["actors"]}
    for event in data["events"]:
        content = site.content(f"timeline/{event['id']}/")
        assert content.h1.get_text(strip=True).startswith(event["title"].split()[0])
        assert date_label(event) in content.select_one(".nkx-meta").get_text()
        for actor in event["actors"]:
            assert f"../../actors/{actor}/" in links_in(section(content, "Who takes part")), (event["id"], actor_names[actor])
        for cite in event["cites"]:
            source, anchor = cite.split("#")
            paragraph = seed_paragraphs[source][int(anchor[1:]) - 1]
            quoted = [bq.get_text().strip() for bq in content.select("blockquote")]
            assert " ".join(paragraph.split()) in [" ".join(q.split()) for q in quoted]


def test_every_quote_is_shown_with_speaker_and_paragraph_link(site, data):
    content = site.content("quotes/")
    for quote in data["quotes"]:
        anchor = content.find(id=quote["id"])
        assert anchor is not None, quote["id"]
        callout = anchor
        links = hrefs(callout)
        if quote.get("speaker"):  # named in every callout, linked once on the page (at the first)
            speaker = next(a for a in data["actors"] if a["id"] == quote["speaker"])
            names = [speaker["name"], *(a if isinstance(a, str) else a["name"] for a in speaker.get("aliases", []))]
            assert any(n.translate(SAME_MARK).lower() in callout.get_text().translate(SAME_MARK).lower() for n in names)  # by any name
            assert f"../actors/{quote['speaker']}/" in hrefs(content)
        if quote["kind"] != "phrase":  # the article's own phrases say so instead of naming its unnamed author
            assert quote["attribution"].translate(SAME_MARK)[:20] in callout.get_text().translate(SAME_MARK)
        assert any(f"../sources/{c.split('#')[0]}/#{c.split('#')[1]}" in links for c in quote["cites"])
        assert quote["text"].translate(SAME_MARK) in anchor.get_text().translate(SAME_MARK)


def test_key_direct_quotes_are_pull_quotes_styled_by_the_sites_css(site, data):
    pulls = {f["id"] for f in site.content("quotes/").select("figure.nkx-pull[id]")}
    assert pulls == {q["id"] for q in data["quotes"] if q.get("key") and q["kind"] == "direct"}
    css = (site.root / "stylesheets" / "explainer.css").read_text()
    assert ".nkx-pull blockquote" in css
    assert 'href="../stylesheets/explainer.css"' in str(site.page("quotes/"))


def test_glossary_has_every_term_alphabetically_with_an_anchor(site, data):
    content = site.content("glossary/")
    headings = content.find_all("h2")
    shown = [h["id"] for h in headings]
    terms = sorted(data["glossary"], key=lambda t: t["term"].casefold())
    assert shown == [t["id"] for t in terms]
    for heading, term in zip(headings, terms):
        assert heading_text(heading) == term["term"]
        assert term["definition"][:30] in heading.find_next_sibling("p").get_text()


def test_the_article_page_has_every_paragraph_with_its_id(site, data, seed_paragraphs):
    for source in data["sources"]:
        content = site.content(f"sources/{source['id']}/")
        assert content.h1.get_text(strip=True).startswith(source["title"])
        assert source["dek"] in content.get_text()
        for number, text in enumerate(seed_paragraphs[source["id"]], start=1):
            element = content.find(id=f"p{number}")
            assert element is not None, f"p{number}"
            element = copy.copy(element)  # the parsed page is shared by every test of the session: edit a copy
            for added in element.select(".nkx-pnum, .nkx-quote-mark"):
                added.decompose()
            assert element.get_text().strip() == text
        assert content.find(id=f"p{len(seed_paragraphs[source['id']]) + 1}") is None


def test_the_article_page_says_what_the_seed_does_not_give(site, data):
    for source in data["sources"]:
        about = site.content(f"sources/{source['id']}/").select_one(".admonition.info, details.info").get_text()
        for field in ("author", "publisher", "published"):
            if source.get(field) is None:
                assert re.search(rf"{field.capitalize()}: not given in the text", about), field


def test_home_page_explains_the_relationship_and_leads_everywhere(site):
    content = site.content("")
    text = content.get_text()
    assert "mutual hostages" in text
    assert content.select("figure.nkx-pull"), "a key quote on the home page"
    links = hrefs(content)
    for target in ("actors/", "timeline/", "quotes/", "glossary/", "sources/evolving-relations/"):
        assert target in links, target


@pytest.mark.parametrize("path", ["", "actors/", "actors/china/", "timeline/", "quotes/", "glossary/", "sources/evolving-relations/"])
def test_pages_make_no_third_party_requests(site, path):
    html = site.page(path)
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
        for element in html.find_all(tag):
            url = element.get(attribute, "")
            assert not re.match(r"^(https?:)?//", url), f"{path}: {tag} loads {url}"
    assert "fonts.googleapis" not in str(html)


def test_block_styles_land_on_blocks_not_on_the_last_link(site):
    """A `{: .class }` line meant for a paragraph must not be glued to the link ending it."""
    block_classes = ("nkx-meta", "nkx-rests", "nkx-para", "nkx-quote-by", "nkx-quote-text", "nkx-dek", "nkx-cite-label",
                     "nkx-lede")
    for file in site.html_files():
        html = site.page(str(file.relative_to(site.root)))
        for cls in block_classes:
            assert not html.select(f"a.{cls}, em.{cls}, strong.{cls}"), (file, cls)


def test_the_repository_as_published_builds_strictly_with_its_own_settings(tmp_path):
    """The other tests read a copy whose index pages are kept whole (conftest.keep_index_pages_whole), so that
    content tests hold whatever the data holds; this is the site as published, split wherever mkdocs.yml says:
    the strict gate (broken links, missing anchors, data errors) passes, and every index page is there."""
    result = run_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.output
    for index in ("actors", "timeline", "quotes", "glossary", "sources"):
        assert (result.site / index / "index.html").is_file(), index
