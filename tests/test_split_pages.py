"""Big index pages split into parts (`extra.explainer.split_after`), with nothing lost and every link following.

The project with a second source, built twice: whole (the default threshold) and split (a threshold of 4
records, so the glossary, Who's who, the key quotes and the timeline all split, some letters and years into
numbered parts). The tests read the built HTML as a reader's browser would and hold for any valid data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nkexplainer.model import SPLIT_AFTER as MODEL_DEFAULT
from conftest import ROOT, Site, add_second_source, copy_project, link_target, page_path, read_data, squeeze

SPLIT_AFTER = 4
SPLIT_AFTER_DEFAULT = MODEL_DEFAULT


def _project(folder: Path, split_after: int | None):
    """The project with a second source; `split_after` None: the threshold as shipped (the default)."""
    project = copy_project(folder, ROOT, split_after=SPLIT_AFTER_DEFAULT if split_after is None else split_after)
    add_second_source(project.root)  # its records, and `short` for the first source: two sources need it
    return project


def _built(folder: Path, split_after: int | None) -> Site:
    project = _project(folder, split_after)
    result = project.build()
    assert result.returncode == 0, result.output
    return Site(result.site, read_data(project.root), project.root)


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> Site:
    return _built(tmp_path_factory.mktemp("whole"), None)


@pytest.fixture(scope="module")
def split(tmp_path_factory) -> Site:
    return _built(tmp_path_factory.mktemp("split"), SPLIT_AFTER)


def _glossary_parts(site: Site) -> list[str]:
    return sorted(page_path(site.root, f) for f in (site.root / "glossary").rglob("index.html") if f.parent != site.root / "glossary")


def _quote_parts(site: Site) -> list[str]:
    return sorted(page_path(site.root, f) for f in (site.root / "quotes").rglob("index.html") if f.parent != site.root / "quotes")


def _actor_parts(site: Site) -> list[str]:
    folder = site.root / "actors" / "list"
    return sorted(page_path(site.root, f) for f in folder.rglob("index.html")) if folder.is_dir() else []


def _year_parts(site: Site) -> list[str]:
    return sorted(page_path(site.root, f) for f in (site.root / "timeline").rglob("index.html")
                  if re.fullmatch(r"timeline/\d+/(\d+/)?", page_path(site.root, f)))


def _targets(site: Site, page: str) -> set[str]:
    """The pages the content of `page` links to."""
    found = set()
    for a in site.content(page).select("a[href]"):
        target = link_target(page, a["href"])
        if target:
            found.add(target[0])
    return found


def _ids(site: Site, page: str) -> set[str]:
    return {element["id"] for element in site.page(page).select("[id]")}


def test_every_index_splits_past_the_threshold_and_the_overview_links_every_part(split):
    data = split.data
    for overview, parts in (("glossary/", _glossary_parts(split)), ("quotes/", _quote_parts(split)),
                            ("actors/", _actor_parts(split)), ("timeline/", _year_parts(split))):
        assert len(parts) > 1, overview
        linked = _targets(split, overview)
        assert set(parts) <= linked, f"{overview} does not link {sorted(set(parts) - linked)}"
    # Each part holds at most the threshold of records.
    for part in _glossary_parts(split):
        assert 1 <= len(split.content(part).select("h2[id]")) <= SPLIT_AFTER, part
    for part in _quote_parts(split):
        held = [q["id"] for q in data["quotes"] if split.content(part).find(id=q["id"])]
        assert 1 <= len(held) <= SPLIT_AFTER, part
    assert len(data["glossary"]) > SPLIT_AFTER and len(data["actors"]) > SPLIT_AFTER


def test_the_default_threshold_keeps_pages_of_this_size_whole(whole):
    data = whole.data
    if max(len(data["glossary"]), len(data["actors"]), len(data["quotes"])) <= SPLIT_AFTER_DEFAULT:
        assert not _glossary_parts(whole) and not _quote_parts(whole) and not _actor_parts(whole)
        glossary = whole.content("glossary/")
        assert all(glossary.find(id=t["id"]) for t in data["glossary"])


def test_every_term_and_quote_is_on_exactly_one_part(split):
    for kind, parts in (("glossary", _glossary_parts(split)), ("quotes", _quote_parts(split))):
        for record in split.data[kind]:
            holding = [p for p in parts if split.content(p).find(id=record["id"])]
            assert len(holding) == 1, f"{kind} {record['id']} is on {holding}"
        overview = "glossary/" if kind == "glossary" else "quotes/"
        assert not any(split.content(overview).find(id=r["id"]) for r in split.data[kind])


def test_every_actor_is_listed_on_exactly_one_part_of_its_kind(split):
    parts = _actor_parts(split)
    for actor in split.data["actors"]:
        holding = [p for p in parts if f"actors/{actor['id']}/" in {link_target(p, a["href"])[0] for a in
                                                                    split.content(p).select("li > strong > a[href]")}]
        assert len(holding) == 1, f"actor {actor['id']} is listed on {holding}"


def _record_pages(site: Site) -> dict[tuple[str, str], set[str]]:
    """(glossary/ or quotes/, a term's or quote's id) → the pages under that folder that hold its anchor
    (a term and a quote may share an id)."""
    held: dict[tuple[str, str], set[str]] = {}
    for kind, folder in (("glossary", "glossary/"), ("quotes", "quotes/")):
        for record in site.data[kind]:
            held[(folder, record["id"])] = set()
    for file in site.html_files():
        page = page_path(site.root, file)
        folder = page.split("/", 1)[0] + "/"
        for element in site.page(page).select("[id]"):
            if (folder, element["id"]) in held:
                held[(folder, element["id"])].add(page)
    return held


def _holder(held: dict, path: str, fragment: str) -> set[str] | None:
    """The pages that hold the record a link to `path#fragment` means, or None for a link to no term or quote."""
    return held.get((path.split("/", 1)[0] + "/", fragment))


def test_every_link_on_the_site_reaches_its_anchor(split):
    """Every link of every page (text, tooltips, backlinks, citations, graphics' SVG links, the nav) reaches a
    page that exists and, when it names an anchor, a page that has it; links to a term or a quote reach the
    one part that holds it."""
    held = _record_pages(split)
    checked = 0
    for file in split.html_files():
        page = page_path(split.root, file)
        for a in split.page(page).select("a[href]"):
            target = link_target(page, a["href"])
            if target is None or target[0].startswith(("assets/", "data/", "search/")) or target[0].endswith((".xml", ".gz", ".json")):
                continue
            path, fragment = target
            assert (split.root / path / "index.html").exists() or (split.root / path).is_file(), f"{page}: {a['href']}"
            if fragment:
                assert fragment in _ids(split, path), f"{page}: {a['href']} has no #{fragment}"
                if (holder := _holder(held, path, fragment)) is not None:
                    assert {path} == holder, f"{page}: {a['href']} misses {holder}"
                checked += 1
    assert checked


def test_linked_data_and_glossary_tooltips_point_at_the_parts(split):
    held = _record_pages(split)
    seen = 0
    for file in split.html_files():
        page = page_path(split.root, file)
        for script in split.page(page).select('script[type="application/ld+json"]'):
            for url in re.findall(r'"(?:@id|url)":"([^"]+)"', script.string or ""):
                target = link_target(page, url)
                if target and (holder := _holder(held, *target)) is not None:
                    assert {target[0]} == holder, f"{page}: JSON-LD {url}"
                    seen += 1
    assert seen
    terms = {t["id"] for t in split.data["glossary"]}
    tooltips = 0
    for file in split.html_files():
        page = page_path(split.root, file)
        for a in split.page(page).select("a.nkx-term[title][href]"):
            path, fragment = link_target(page, a["href"])
            assert fragment in terms and {path} == _holder(held, path, fragment), f"{page}: {a['href']}"
            tooltips += 1
    assert tooltips


def _section(content, anchor: str) -> str:
    """The text of a glossary entry: its heading and what follows up to the next entry, without its backlinks
    (navigation, whose lists stop at the threshold: a record named on a thousand pages does not list them all)."""
    heading = content.find(id=anchor)
    text = [heading.get_text()]
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        if "nkx-nav" not in sibling.get("class", []):
            text.append(sibling.get_text())
    return squeeze(" ".join(text))


def test_nothing_is_lost_compared_with_the_whole_pages(whole, split):
    whole_glossary = whole.content("glossary/")
    parts = {t["id"]: p for p in _glossary_parts(split) for t in split.data["glossary"] if split.content(p).find(id=t["id"])}
    for term in whole.data["glossary"]:
        assert _section(split.content(parts[term["id"]]), term["id"]) == _section(whole_glossary, term["id"]), term["id"]
    whole_quotes = whole.content("quotes/")
    quote_parts = _quote_parts(split)
    for quote in whole.data["quotes"]:
        part = next(p for p in quote_parts if split.content(p).find(id=quote["id"]))
        assert squeeze(split.content(part).find(id=quote["id"]).get_text()) == squeeze(whole_quotes.find(id=quote["id"]).get_text())
    whole_actors = {link_target("actors/", a["href"])[0]: squeeze(a.find_parent("li").get_text())
                    for a in whole.content("actors/").select("li > strong > a[href]")}
    split_actors = {link_target(p, a["href"])[0]: squeeze(a.find_parent("li").get_text())
                    for p in _actor_parts(split) for a in split.content(p).select("li > strong > a[href]")}
    assert split_actors == whole_actors
    whole_events = [a["href"].rsplit("/", 2)[-2] for a in whole.content("timeline/").select("li > strong > a[href]")]
    split_events = [a["href"].rsplit("/", 2)[-2] for p in _year_parts(split) for a in split.content(p).select("li > strong > a[href]")]
    assert sorted(split_events) == sorted(whole_events) and len(split_events) == len(set(split_events))


def test_the_navigation_holds_the_parts(split):
    nav = {link_target(p, a["href"])[0] for p in ("glossary/", "quotes/") for a in split.page(p).select("nav.md-nav--primary a[href]")}
    assert set(_glossary_parts(split)) <= nav and set(_quote_parts(split)) <= nav
    part = _actor_parts(split)[0]
    nav = {link_target(part, a["href"])[0] for a in split.page(part).select("nav.md-nav--primary a[href]")}
    assert part in nav


def test_a_part_says_where_it_belongs_and_leads_to_its_neighbours(split):
    parts = _glossary_parts(split)
    middle = split.content(parts[1])
    intro = middle.select_one(".nkx-part-intro")
    targets = {link_target(parts[1], a["href"])[0] for a in intro.select("a[href]")}
    assert "glossary/" in targets and parts[0] in targets or parts[2] in targets
    assert split.page(parts[1]).title.get_text().startswith("Glossary: ")


def test_the_open_data_keeps_every_record(whole, split):
    for name in ("glossary", "quotes", "actors"):
        assert json.loads((split.root / "data" / f"{name}.json").read_text()) == json.loads((whole.root / "data" / f"{name}.json").read_text())


def test_a_threshold_that_is_not_a_whole_number_stops_the_build_with_a_clear_message(tmp_path):
    project = _project(tmp_path, "lots")
    result = project.build()
    assert result.returncode != 0
    assert "extra.explainer.split_after" in result.output and "Traceback" not in result.output


def _count(group) -> int:
    return int(re.search(r"\((\d+)\)", group.select_one(".nkx-group-title").get_text()).group(1))


def test_a_long_list_of_backlinks_stops_at_the_threshold_and_says_how_many_more(split, whole):
    capped = 0
    for actor in split.data["actors"]:
        page = f"actors/{actor['id']}/"
        heading = split.content(page).find(id="elsewhere-on-this-site")
        if heading is None:
            continue
        groups = heading.find_next_sibling("section").select(".nkx-group")
        for group in groups:
            count = _count(group)
            assert len(group.select("li")) == min(count, SPLIT_AFTER), page
            if count > SPLIT_AFTER:
                assert f"{count - SPLIT_AFTER} more" in group.get_text() and f"stops at {SPLIT_AFTER}" in group.get_text()
                capped += 1
        # The counts are those of the whole site.
        whole_groups = whole.content(page).find(id="elsewhere-on-this-site").find_next_sibling("section").select(".nkx-group")
        assert [_count(g) for g in whole_groups] == [_count(g) for g in groups]
    assert capped


def test_whos_who_lists_each_related_pair_as_an_item_of_its_own(split, whole):
    checked = 0
    for site in (whole, split):
        heading = site.content("actors/").find(id="who-relates-to-whom")
        if heading is None:
            continue
        checked += 1
        items = heading.find_next_sibling("ul").find_all("li", recursive=False)
        pairs = heading.find_next_sibling("ul").select("span[id^='rel-']")
        assert len(items) == len(pairs) > 1
        assert all(len(item.select("span[id^='rel-']")) == 1 for item in items)
    assert checked == 2


def test_a_split_timeline_whose_events_neither_warm_nor_cool_builds_without_a_flat_strip(tmp_path):
    """The split timeline's overview shows the strip of ties; with no effect on any event (the rich fixture)
    there is nothing to draw, and the build once stopped on a bug instead."""
    from conftest import fixture_project, set_split_after

    project = fixture_project(tmp_path, "rich")
    set_split_after(project.root, SPLIT_AFTER)
    result = project.build()
    assert result.returncode == 0, result.output
    site = Site(result.site)
    overview = site.content("timeline/")
    assert overview.select('a[href^="2015/"]'), "the overview leads to the year's parts"
    assert overview.select_one("figure.nkx-ties-graphic") is None
