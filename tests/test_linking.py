"""Mentions, shortcodes, tooltips and backlinks, on pages built the way editors build them."""

from __future__ import annotations

import re

import pytest

from conftest import Site, cited_name, copy_project, hrefs_under, under_heading

LINK_RULES_PAGE = """\
---
title: Linking rules
---
# Linking rules

## Longest match

South Korea and North Korea are neighbours. Kim Jong-il was Kim Jong-un's predecessor.

## Possessives and compounds

North Korea’s leader spoke. China-North Korea relations and the U.S.-China relationship.

## Whole words

Japanese tourists, Chinaware and Russiaville are not actors.

## Not here

Some `China` in code and a [Russia link](https://example.org/) written by hand.

```text
Japan in a fenced block
```

!!! note "Japan in a callout title"

    Japan in a callout body is linked.

## First mention

Russia first, Russia second.

## First mention again

Russia once more. Kim met Xi. Chinese analysts debate; Chinese officials comment.

## Glossary

A détente would ease the stalemate. Détente is rare.

## Shortcodes

See [[actor:china]], [[actor:china|Beijing's government]], [[event:jang-song-thaek-executed]],
[[term:detente]] and [[cite:evolving-relations#p3]].

[[quote:cha-explains-mutual-hostages]]
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory, project_root) -> Site:
    """The matching rules, each in its own section: built with one link per section, so a section's
    links show what that section's text matches (how often names link is tested on its own below)."""
    project = copy_project(tmp_path_factory.mktemp("linking"), project_root)
    project.edit("mkdocs.yml", "link_mentions: first-on-page", "link_mentions: first-in-section")
    project.add_page("linking-rules.md", LINK_RULES_PAGE)
    result = project.build()
    assert result.returncode == 0, result.output
    return Site(result.site)


def section_links(site: Site, heading_id: str) -> list[tuple[str, str]]:
    """(link text, href) of every link in one section of the rules page."""
    content = site.content("linking-rules/")
    return [(a.get_text(), a["href"]) for part in under_heading(content.find(id=heading_id)) for a in part.select("a[href]")]


def test_longest_name_wins(rules):
    links = section_links(rules, "longest-match")
    assert ("South Korea", "../actors/south-korea/") in links
    assert ("North Korea", "../actors/north-korea/") in links
    assert ("Kim Jong-il", "../actors/kim-jong-il/") in links
    assert ("Kim Jong-un", "../actors/kim-jong-un/") in links
    assert not any(text in ("Korea", "Kim") for text, _ in links)


def test_possessives_and_hyphenated_compounds(rules):
    links = section_links(rules, "possessives-and-compounds")
    assert links[0] == ("North Korea", "../actors/north-korea/")
    assert ("China", "../actors/china/") in links
    assert ("U.S.", "../actors/united-states/") in links
    text = rules.content("linking-rules/").find(id="possessives-and-compounds").find_next_sibling("p")
    assert "North Korea’s leader" in text.get_text()


def test_whole_words_only(rules):
    assert section_links(rules, "whole-words") == []


def test_never_in_code_existing_links_or_callout_titles(rules):
    content = rules.content("linking-rules/")
    links = section_links(rules, "not-here")
    assert ("Russia link", "https://example.org/") in links
    assert ("Japan", "../actors/japan/") in links, "the callout body is linked"
    assert len([l for l in links if l[0] == "Japan"]) == 1
    title = content.select_one(".admonition-title")
    assert title.get_text() == "Japan in a callout title" and not title.select("a")
    for code in content.select("code, pre"):
        assert not code.select("a"), code


def test_first_mention_per_section(rules):
    assert [t for t, _ in section_links(rules, "first-mention")] == ["Russia"]
    again = section_links(rules, "first-mention-again")
    assert ("Russia", "../actors/russia/") in again


def test_ambiguous_aliases_follow_the_data(rules):
    links = dict(section_links(rules, "first-mention-again"))
    assert links.get("Kim") == "../actors/kim-jong-un/", "the data says Kim means Kim Jong-un in this source"
    assert links.get("Xi") == "../actors/xi-jinping/"
    assert "Chinese" not in links, "'Chinese' is marked autolink: false"
    assert links.get("Chinese analysts") == "../actors/chinese-analysts/"


def test_terms_link_to_the_glossary_with_a_tooltip(rules, data):
    definitions = {t["id"]: f'{t["term"]}: ' + " ".join(t["definition"].split()) for t in data["glossary"]}  # named, then defined
    links = rules.content("linking-rules/").find(id="glossary").find_next_sibling("p").select("a")
    assert [a.get_text() for a in links] == ["détente", "stalemate"]
    for a in links:
        term = a["href"].split("#")[1]
        assert a["href"] == f"../glossary/#{term}"
        assert a["title"] == definitions[term]


def test_shortcodes_link_and_embed_records(rules, data):
    links = section_links(rules, "shortcodes")
    assert ("China", "../actors/china/") in links
    assert ("Beijing's government", "../actors/china/") in links
    assert ("Kim Jong-un executes Jang Song-thaek", "../timeline/jang-song-thaek-executed/") in links
    assert ("détente", "../glossary/#detente") in links
    assert (cited_name(data, "evolving-relations") + "¶3", "../sources/evolving-relations/#p3") in links
    callout = rules.content("linking-rules/").select_one("figure.nkx-quote.nkx-pull")
    assert "Pyongyang needs Beijing to survive" in callout.get_text()
    assert "../actors/victor-cha/" in {a["href"] for a in callout.select("a")}


@pytest.mark.parametrize("shortcode, message", [
    ("[[actor:chna]]", "unknown actor 'chna' — did you mean 'china'?"),
    ("[[event:no-such-event]]", "unknown event 'no-such-event'"),
    ("[[cite:evolving-relations#p99]]", "no paragraph 'evolving-relations#p99'"),
    ("[[person:china]]", "unknown kind 'person'"),
    ("[[quote:nope]]", "unknown quote 'nope'"),
])
def test_an_unknown_shortcode_fails_the_build_naming_file_and_line(project, shortcode, message):
    project.add_page("broken.md", f"# Broken\n\nFine text.\n\nHere: {shortcode}\n")
    result = project.build()
    assert result.returncode != 0
    assert f"docs/broken.md:5:7: {shortcode}: {message}" in result.output
    assert "Traceback" not in result.output


def test_no_link_inside_headings_or_code_anywhere(site):
    for file in site.html_files():
        html = site.page(str(file.relative_to(site.root)))
        for heading in html.select("article h1, article h2, article h3, article h4"):
            assert [a for a in heading.select("a") if "headerlink" not in a.get("class", [])] == [], (file, heading)
        for code in html.select("article code, article pre"):
            assert not code.select("a"), file


def test_tooltips_on_terms_everywhere_including_the_article(site, data):
    terms = {t["id"] for t in data["glossary"]}
    article = site.content("sources/evolving-relations/")
    # In the article's clean view a term's first mention carries its definition, its address waiting for "Show annotations".
    linked = {a["data-href"].split("#")[1] for a in article.select('a.nkx-term[data-href^="../../glossary/#"]') if a.get("title")}
    mentioned = {t["id"] for t in data["glossary"] if any(c.startswith("evolving-relations") for c in t["cites"])}
    assert linked == mentioned & terms


def mentions_in(paragraph: str, names: dict[str, str]) -> set[str]:
    """Which records a paragraph names, longest match first, read independently of the hooks."""
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    return {names[m.group()] for m in pattern.finditer(paragraph)}


def test_backlinks_list_every_paragraph_that_names_an_actor(site, data, seed_paragraphs):
    names = {}
    for actor in data["actors"]:
        names[actor["name"]] = actor["id"]
        for alias in actor.get("aliases", []):
            if isinstance(alias, str) or alias.get("autolink", True):
                names[alias if isinstance(alias, str) else alias["name"]] = actor["id"]
    for term in data["glossary"]:  # terms take their words out of play, as the linker does
        names[term["term"]] = "term:" + term["id"]
    for actor in data["actors"]:
        content = site.content(f"actors/{actor['id']}/")
        listed = hrefs_under(content.find(id="in-the-article"), 'a[href*="sources/"]')
        for source, paragraphs in seed_paragraphs.items():
            for number, text in enumerate(paragraphs, start=1):
                named = actor["id"] in mentions_in(text, names)
                assert (f"../../sources/{source}/#p{number}" in listed) == named, (actor["id"], number)


def test_backlinks_name_the_site_pages_and_sections(site):
    content = site.content("actors/victor-cha/")
    backlinks = hrefs_under(content.find(id="elsewhere-on-this-site"))
    assert "../../#why-neither-side-lets-go" in backlinks, "the home page's pull-quote is his"
    assert "../../timeline/cha-proposes-mutual-hostages/" in hrefs_under(content.find(id="events")), \
        "his event is listed once, in his Events, not again among the backlinks"
    assert "../../timeline/cha-proposes-mutual-hostages/" not in backlinks


def test_event_backlinks_name_the_pages_that_link_to_it(site):
    content = site.content("timeline/jang-song-thaek-executed/")
    backlinks = hrefs_under(content.find(id="elsewhere-on-this-site"))
    assert "../../#key-facts" in backlinks, "the home page links the execution (a key-fact card)"


def test_glossary_entries_list_where_terms_are_used(site):
    content = site.content("glossary/")
    hrefs = hrefs_under(content.find(id="detente"))
    assert "../sources/evolving-relations/#p2" in hrefs
    assert "../#go-further" in hrefs


def test_the_annotated_article_marks_quotes_and_lists_what_rests_on_each_paragraph(site, data):
    """Every quote is marked once, on the page of a source it cites; under each paragraph, the events and quotes
    that cite it."""
    marked: dict[str, list[str]] = {}
    for source in data["sources"]:
        article = site.content(f"sources/{source['id']}/")
        for mark in article.select("a.nkx-quote-mark"):
            marked.setdefault(mark["href"].split("#")[1], []).append(source["id"])
        for kind, records, href in (("event", data["events"], "../../timeline/{}/"), ("quote", data["quotes"], "../../quotes/#{}")):
            for record in records:
                for cite in record["cites"]:
                    cited, _, paragraph = cite.partition("#")
                    if cited == source["id"]:
                        rests = article.find(id=paragraph).find_next_sibling(class_="nkx-rests")
                        assert href.format(record["id"]) in {a["href"] for a in rests.select("a")}, (kind, record["id"], cite)
    assert set(marked) == {q["id"] for q in data["quotes"]}
    for quote in data["quotes"]:
        assert len(marked[quote["id"]]) == 1 and marked[quote["id"]][0] in {c.split("#")[0] for c in quote["cites"]}


def test_the_mention_setting_changes_how_often_names_link(project):
    project.edit("mkdocs.yml", "link_mentions: first-on-page", "link_mentions: every")
    project.add_page("twice.md", "# Twice\n\nRussia and Russia.\n")
    result = project.build()
    assert result.returncode == 0, result.output
    assert len(Site(result.site).content("twice/").select('a[href="../actors/russia/"]')) == 2


def test_a_wrong_mention_setting_is_a_clean_error(project):
    project.edit("mkdocs.yml", "link_mentions: first-on-page", "link_mentions: sometimes")
    result = project.build()
    assert result.returncode != 0
    assert "extra.explainer.link_mentions is 'sometimes' — use one of: first-in-section, first-on-page" in result.output
    assert "Traceback" not in result.output
