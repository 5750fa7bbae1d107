"""Whatever editors type into the YAML renders as the same visible text: no markup, no script, no template."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import Site, copy_project

PAYLOAD = ('<script>alert("s")</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) '
           '{{ config.site_name }} [[actor:china]] *stars* `ticks` {: #injected } &amp;')
"""HTML, a script, a javascript: link, Jinja, a shortcode, Markdown emphasis and code, an attribute list, an entity."""

TITLE = '[click](javascript:alert(3)) {{ config.site_name }} [[actor:china]] *stars* `ticks` {: #injected } &amp;'
"""What a title may hold: everything but angle brackets."""

NAME = "Japan & Co &lt;/title&gt;&lt;script&gt;alert(4)&lt;/script&gt; *x*"
"""Names may not hold < or > (the schema says so), but entities and Markdown must still stay text."""


@pytest.fixture(scope="module")
def injected(tmp_path_factory, project_root) -> Site:
    project = copy_project(tmp_path_factory.mktemp("untrusted"), project_root)
    edits = {
        "data/actors.yml": {"summary": 2, "role": 2},
        "data/events.yml": {"summary": 2},
        "data/quotes.yml": {"context": 2, "attribution": 2},
        "data/glossary.yml": {"definition": 3, "explanation": 2},
    }
    for relative, fields in edits.items():
        path = project.root / relative
        text = path.read_text(encoding="utf-8")
        for field, count in fields.items():
            text = re.sub(rf'^(  {field}: )"', lambda m: m.group(1) + '"' + PAYLOAD.replace('"', '\\"') + " ",
                          text, count=count, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")
    text = (project.root / "data/events.yml").read_text(encoding="utf-8")
    text = re.sub(r'^(  title: )"', lambda m: m.group(1) + '"' + TITLE.replace('"', '\\"') + " ", text, count=2, flags=re.MULTILINE)
    (project.root / "data/events.yml").write_text(text, encoding="utf-8")
    # A name shows in headings, navigation, page titles, link labels and the linker's pattern.
    project.edit("data/actors.yml", "  name: Japan\n", f'  name: "{NAME}"\n')
    result = project.build()
    assert result.returncode == 0, result.output
    site = Site(result.site)
    site.payloads = yaml.safe_load((project.root / "data" / "actors.yml").read_text(encoding="utf-8"))
    return site


def test_injected_text_never_becomes_markup_anywhere(injected):
    for file in injected.html_files():
        html = injected.page(str(file.relative_to(injected.root)))
        for script in html.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # data stays inside its JSON strings, so it parses whole
            else:
                assert "alert" not in script.get_text(), file
        assert not html.select("[onerror]"), file
        assert not html.select('a[href^="javascript:"]'), file
        assert not html.select("#injected"), file
        assert not [em for em in html.find_all("em") if em.get_text() == "x"], file
        assert "My Docs" not in html.get_text() and "China and North Korea, explained China" not in html.get_text()


def test_injected_text_shows_as_the_same_visible_text(injected):
    china = next(actor for actor in injected.payloads if actor["id"] == "china")
    assert china["summary"].startswith(PAYLOAD)
    shown = " ".join(injected.content("actors/china/").get_text().split())
    assert " ".join(china["summary"].split()) in shown, "the summary reads as typed: tags, Jinja, shortcodes, entity"
    assert shown.count("&amp;") >= 1, "the typed entity is shown as typed, not decoded to '&'"
    japan = injected.page("actors/japan/")
    assert japan.select_one("article h1").get_text().removesuffix("¶") == NAME
    assert japan.title.get_text().startswith("Japan & Co "), "the theme decodes entities once, inside <title> only"
    assert japan.select_one("nav.md-nav--primary .md-nav__link--active").get_text(strip=True) == NAME


def test_injected_text_in_tooltips_and_callouts_stays_text(injected):
    article = injected.content("sources/evolving-relations/")
    titles = [a["title"] for a in article.select("a[title]") if "alert" in a["title"]]
    # A glossary tooltip names its term first ("bilateral summit: …"); a quote mark's says "Quote: …".
    assert titles and [t for t in titles if not re.sub(r"^(Quote|[^:<]+): ", "", t).startswith(PAYLOAD)] == []
    callouts = injected.content("quotes/").select(".nkx-quote")
    assert any(PAYLOAD in c.get_text() for c in callouts)


def test_angle_brackets_in_a_name_are_a_clean_error(project):
    project.edit("data/actors.yml", "  name: Japan\n", '  name: "Japan <b>"\n')
    result = project.build()
    assert result.returncode != 0
    assert re.search(r"data/actors\.yml:\d+:9: actor 'japan': 'name' is 'Japan <b>' — names and titles are plain text", result.output)
    assert "Traceback" not in result.output
