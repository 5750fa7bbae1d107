"""What a reader meets on the pages (issue #10, items 4–8): quotes with a hierarchy, a home page built from
the data, the article's vantage point and what is only background, human wording, no loose ends.

Every expectation is derived from `data/`, so the tests hold for any valid data.
"""

from __future__ import annotations

import re

import pytest

from conftest import fixture_project, under_heading

SAME_MARK = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def visible_text(element) -> str:
    """The text a reader sees: without scripts, styles, and elements hidden from everyone."""
    for hidden in element.select("script, style, [hidden]"):
        hidden.extract()
    return element.get_text(" ")


def norm(text: str) -> str:
    return " ".join(text.translate(SAME_MARK).split())


def pages(site) -> list[str]:
    """Every page's URL path, from the files of the built site."""
    found = []
    for file in site.html_files():
        relative = file.relative_to(site.root).as_posix()
        if relative.endswith("index.html") and not relative.startswith("data/"):
            found.append(relative.removesuffix("index.html"))
    return found


def actors(data) -> dict[str, dict]:
    return {a["id"]: a for a in data["actors"]}


def vantage_phrase(site, data) -> str:
    """The article's vantage point as the home page words it ("early 2015"): the same words must date
    everything else. It names the year of the source's `written` date."""
    lede = norm(site.content("").select_one(".nkx-lede").get_text())
    found = re.search(r"written in (.+?):", lede)
    assert found, lede
    assert str(data["sources"][0]["written"]["date"])[:4] in found.group(1)
    return found.group(1)


# -- 4. quotes with a hierarchy --------------------------------------------------------------------------


def test_direct_quotes_are_set_apart_and_key_ones_are_pull_quotes(site, data):
    content = site.content("quotes/")
    for quote in data["quotes"]:
        shown = content.find(id=quote["id"])
        if quote["kind"] == "direct":
            assert shown.name == "figure", quote["id"]
            assert ("nkx-pull" in shown["class"]) == bool(quote.get("key")), quote["id"]
            words = norm(shown.blockquote.get_text())
            assert words == norm(f"“{quote['text']}”"), quote["id"]
        else:
            assert shown.find("blockquote") is None and shown.find_parent("figure") is None, quote["id"]


def test_reported_statements_say_so_in_words_and_carry_no_quote_marks(site, data):
    content = site.content("quotes/")
    for quote in data["quotes"]:
        if quote["kind"] != "reported":
            continue
        shown = content.find(id=quote["id"])
        text = shown.select_one(".nkx-reported-text").get_text()
        assert not text.lstrip("…").startswith(("“", '"')) and not text.endswith(("”", '"')), quote["id"]
        assert "Reported" in shown.get_text(), quote["id"]


def test_phrases_and_sayings_form_a_separate_lighter_list(site, data):
    content = site.content("quotes/")
    light = [q for q in data["quotes"] if q["kind"] in ("phrase", "saying")]
    if not light:
        pytest.skip("no phrases or sayings in the data")
    heading = next(h for h in content.find_all("h2") if h.get_text().startswith("Phrases and sayings"))
    items = [li for part in under_heading(heading) for li in part.select("li[id]")]
    assert {li["id"] for li in items} == {q["id"] for q in light}
    assert not any(li.find("figure") or li.find("blockquote") for li in items)


def test_the_quotes_page_leads_with_the_strongest_direct_quotes(site, data):
    key_direct = [q for q in data["quotes"] if q["kind"] == "direct" and q.get("key")]
    if not key_direct:
        pytest.skip("no key direct quotes in the data")
    shown = [e["id"] for e in site.content("quotes/").select("[id].nkx-quote, li[id]")]
    first = shown[: len(key_direct)]
    assert set(first) == {q["id"] for q in key_direct}
    lengths = [len(next(q for q in key_direct if q["id"] == i)["text"].split()) for i in first]
    assert lengths == sorted(lengths, reverse=True), "the fullest statements first"


def _bylines(site, data):
    """Every quote's byline on every page that shows quotes, with the quote it belongs to."""
    texts = {norm(q["text"]): q for q in data["quotes"]}
    for path in ["quotes/", *(f"actors/{a}/" for a in actors(data)), *(f"timeline/{e['id']}/" for e in data["events"])]:
        for block in site.content(path).select(".nkx-quote"):
            words = block.select_one("blockquote, .nkx-reported-text")
            if words is None:
                continue
            quote = texts.get(norm(words.get_text()).strip('"').lstrip("…"))
            assert quote is not None, (path, words.get_text())
            yield path, quote, block.select_one(".nkx-quote-by")


def test_every_byline_names_speaker_date_and_paragraph_once(site, data):
    names = {a["id"]: [a["name"], *(x if isinstance(x, str) else x["name"] for x in a.get("aliases", []))]
             for a in data["actors"]}
    seen = 0
    for path, quote, byline in _bylines(site, data):
        seen += 1
        text = norm(byline.get_text())
        if quote.get("speaker"):
            any_name = "|".join(re.escape(norm(n)) for n in sorted(names[quote["speaker"]], key=len, reverse=True))
            said = re.findall(r"(?<!\w)(?:" + any_name + r")(?!\w)", text, re.IGNORECASE)
            assert len(said) == 1, (path, quote["id"], text)
        assert len([a for a in byline.select("a") if re.search(r"¶\d", a.get_text())]) == 1, (path, quote["id"])
        if quote.get("date"):
            year = str(quote["date"])[:4]
            assert text.count(year) == 1, (path, quote["id"], text)
    assert seen >= sum(1 for q in data["quotes"] if q["kind"] in ("direct", "reported"))


def test_quote_marks_are_never_doubled(site):
    """The article's own quotation marks are the only ones: no added glyph beside them (annotations shown or not)."""
    for path in pages(site):
        text = site.content(path).get_text() if site.content(path) else ""
        assert not re.search(r"[”❞]\s*[”❞]|[“]\s*“", text), path
        assert "❞" not in text, path


# -- 5. the home page ------------------------------------------------------------------------------------


def test_the_home_page_states_the_argument_and_when_it_was_written(site, data):
    content = site.content("")
    source = data["sources"][0]
    assert norm(content.h1.get_text()).removesuffix("¶").strip() == norm(source["dek"])
    lede = norm(content.select_one(".nkx-lede").get_text())
    if source.get("written"):
        assert re.search(r"written in \S.*\d{4}", lede), lede
    assert norm(source["title"]) in lede


def test_the_home_page_has_cited_key_fact_cards_from_the_events(site, data):
    cards = site.content("").select(".nkx-facts > ul > li")
    assert 3 <= len(cards) <= 4
    events = {e["id"]: e for e in data["events"]}
    for card in cards:
        event_id = next(a["href"] for a in card.select("a") if a["href"].startswith("timeline/")).split("/")[1]
        event = events[event_id]
        assert norm(event["title"]) in norm(card.get_text())
        cited = {a["href"] for a in card.select("a") if "#p" in a["href"]}
        assert cited and cited <= {f"sources/{c.split('#')[0]}/#{c.split('#')[1]}" for c in event["cites"]}


def test_the_home_page_shows_one_pull_quote_and_the_ties_over_time(site, data):
    content = site.content("")
    assert len(content.select("figure.nkx-pull")) == 1
    strip = content.select_one("figure.nkx-ties-graphic")
    assert "timeline/" in {a["href"] for a in strip.select("a[href]")}, "the strip leads to the timeline"
    words = norm(content.select_one(".nkx-ties-words").get_text())
    moved = [e for e in data["events"] if e.get("effect") in ("cooling", "warming")]
    assert sum(int(n) for n in re.findall(r"\((\d+) events?\)", words)) == len(moved)
    for effect in {e["effect"] for e in moved}:
        assert effect in words


def test_the_home_page_says_where_to_start(site, data):
    """Who's who, the timeline, and the text itself: the one source's page, or the Sources page once there are several."""
    start = site.content("").select_one("nav.nkx-start")
    text = f"sources/{data['sources'][0]['id']}/" if len(data["sources"]) == 1 else "sources/"
    assert {a["href"] for a in start.select("a")} >= {"actors/", "timeline/", text}


def test_the_home_pages_text_has_no_runs_of_paragraph_links(site):
    """"¶3 ¶4 ¶5" in running text is a database speaking: more than three in a row is a run."""
    for block in site.content("").select("p, li"):
        assert not re.search(r"(¶\d+[\s,–]*){4,}", norm(block.get_text())), block.get_text()[:120]


# -- 6. vantage point and background ---------------------------------------------------------------------


def test_expected_events_carry_the_articles_vantage_point(site, data):
    phrase = f"as of {vantage_phrase(site, data)}"
    for event in data["events"]:
        if event["status"] != "expected":
            continue
        page = norm(site.content(f"timeline/{event['id']}/").get_text())
        assert f"Expected {phrase}" in page, event["id"]
        item = next(li for li in site.content("timeline/").select("li") if f"{event['id']}/" in str(li))
        assert phrase in norm(item.get_text()), event["id"]


def test_present_tense_sections_are_dated_by_the_articles_vantage_point(site, data):
    """An actor's role is dated by the source it cites; one that cites only undated sources says so."""
    phrase = f"as of {vantage_phrase(site, data)}".lower()
    dated = {s["id"] for s in data["sources"] if s.get("written")}
    for actor in data["actors"]:
        content = site.content(f"actors/{actor['id']}/")
        role = next(h for h in content.find_all("h2") if h.get_text().startswith("Role in this story"))
        label = role.find_next_sibling()
        cited = {c.split("#")[0] for c in actor["cites"]}
        expected = phrase if cited & dated else "as of the time of writing"
        assert "nkx-as-of" in label.get("class", []) and norm(label.get_text()).lower() == expected, actor["id"]


def test_background_is_labelled_and_uncited(site, data):
    checks = [(f"actors/{a['id']}/", a["summary"]) for a in data["actors"]]
    glossary = site.content("glossary/")
    for actor_path, summary in checks:
        block = site.content(actor_path).select_one(".nkx-background")
        assert norm(summary) in norm(block.get_text())
        assert "Background" in block.get_text()
        assert not [a for a in block.select("a") if "#p" in a.get("href", "")], "background is uncited by design"
    for term in data["glossary"]:
        block = glossary.find(id=term["id"]).find_next_sibling(class_="nkx-background")
        assert norm(term["definition"]) in norm(block.get_text()) and "Background" in block.get_text()


# -- 7. human wording -----------------------------------------------------------------------------------


def _relation_items(site, actor_id):
    content = site.content(f"actors/{actor_id}/")
    heading = next((h for h in content.find_all("h2") if h.get_text().startswith("Relations")), None)
    return [li for part in under_heading(heading) for li in part.select("li")] if heading else []


def test_relations_read_as_active_sentences_from_either_side(site, data):
    names = {a["id"]: a["name"] for a in data["actors"]}
    for actor in data["actors"]:
        for relation in actor.get("relations", []):
            subject, other = actor["id"], relation["to"]
            told = norm(f"{names[subject]} {relation['label']} {names[other]}")
            theirs = norm(f"{names[other]} {relation['inverse']} {names[subject]}") if relation.get("inverse") else told
            mine = [norm(li.get_text()) for li in _relation_items(site, subject)]
            assert any(m.startswith(told) for m in mine), (subject, told)
            on_other = [norm(li.get_text()) for li in _relation_items(site, other)]
            assert any(m.startswith(theirs) for m in on_other), (other, theirs)


def test_an_inverse_is_optional_and_used_when_given(tmp_path):
    project = fixture_project(tmp_path)
    actors_yml = (project.root / "data" / "actors.yml").read_text(encoding="utf-8")
    relation = re.search(r"^      inverse: .*\n", actors_yml, re.MULTILINE)
    if relation is None:
        pytest.skip("the fixture declares no inverse")
    project.edit("data/actors.yml", relation.group(0), "")
    result = project.build()
    assert result.returncode == 0, result.output


def test_no_page_writes_paragraphs_as_p4(site):
    for path in pages(site):
        content = site.content(path)
        if content is not None:
            found = re.findall(r"(?<![\w#/])p\d+\b", visible_text(content))
            assert not found, (path, found)


def test_no_page_shows_raw_markdown_attribute_lists_or_shortcodes(site):
    raw = re.compile(r"\]\([^)\s]*\)|\{\s*[:.#][^}]*\}|\[\[[a-z]+:[^\]]*\]\]|(?<!\w)\*\*\w|\w\*\*(?!\w)")
    for path in pages(site):
        content = site.content(path)
        if content is not None:
            text = visible_text(content)
            assert not raw.search(text), (path, raw.search(text).group())


def test_paragraph_labels_are_plain_words(site):
    for path in pages(site):
        content = site.content(path)
        if content is not None:
            assert "resting on it" not in content.get_text(), path


# -- 8. navigation without loose ends ---------------------------------------------------------------------


def test_the_sources_page_lists_and_links_every_source_and_is_linked(site, data):
    content = site.content("sources/")
    links = {a["href"] for a in content.select("a[href]")}
    for source in data["sources"]:
        assert f"../{source['id']}/" in links or f"{source['id']}/" in links, source["id"]
        if source.get("written"):
            assert norm(source["written"]["basis"]).split(".")[0][:40] in norm(content.get_text()).replace("¶", "p")
    linked_from = [p for p in pages(site) if p != "sources/" and any(
        a["href"].rstrip("/").endswith("sources") for a in (site.content(p) or site.page(p)).select("a[href]"))]
    assert linked_from, "some page links to the Sources page"


def test_event_pages_offer_their_neighbours_once(site, data):
    """Only the footer leads to the neighbouring events: no "Earlier/Later" line, no navigation sidebar."""
    for event in data["events"]:
        page = site.page(f"timeline/{event['id']}/")
        text = site.content(f"timeline/{event['id']}/").get_text()
        assert "Earlier:" not in text and "Later:" not in text, event["id"]
        assert page.select_one(".md-sidebar--primary").has_attr("hidden"), event["id"]
        assert page.select(".md-footer__link"), event["id"]


def _active_tab(page) -> str:
    """The navigation tab a page belongs to, as the reader sees it highlighted."""
    tab = page.select_one(".md-tabs__item--active")
    return tab.get_text(" ", strip=True) if tab else ""


def test_previous_and_next_stay_within_their_section(site):
    """The footer's Previous/Next lead to a page of the same tab, never across into another section;
    every page that has a neighbour in its own section still offers it."""
    from conftest import link_target

    offered = 0
    for path in pages(site):
        page = site.page(path)
        for link in page.select("a.md-footer__link"):
            target, _ = link_target(path, link["href"])
            assert _active_tab(site.page(target)) == _active_tab(page), (path, link["href"])
            offered += 1
    # Sections with several pages (Who's who, the timeline) walk on through their pages.
    walked = [p for p in pages(site) if p.startswith(("actors/", "timeline/")) and site.page(p).select("a.md-footer__link")]
    assert offered and len(walked) >= 2


@pytest.mark.parametrize("block, message", [
    ("[[facts:no-such-event]]", "[[facts:no-such-event]]: unknown event 'no-such-event'"),
    ("[[lede:no-such-source]]", "[[lede:no-such-source]]: unknown source 'no-such-source'"),
    ("[[timeline:curve]]", "[[timeline:curve]]: write [[timeline:strip]]"),
    ("In a sentence [[facts:jang-song-thaek-executed]] too.", "stands alone on its line"),
])
def test_a_home_page_block_naming_nothing_stops_the_build_at_its_line(project, block, message):
    project.add_page("blocks.md", f"# Blocks\n\n{block}\n")
    result = project.build()
    assert result.returncode != 0
    assert re.search(r"docs/blocks\.md:3:\d+: .*" + re.escape(message), result.output), result.output
    assert "Traceback" not in result.output
