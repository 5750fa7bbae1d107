"""A citation may name any paragraph from the first to the last, and no other.

On the minimal project (an article of three paragraphs), every list of citations (actors, their
relations, events, quotes, glossary terms) and the `[[cite:…]]` shortcode is made to cite the first
and the last paragraph: the check passes, the site builds, and the pages link both paragraphs.
Then every list cites one past the last: the check command and the build each report every one of them
at its own line and column, cleanly (no traceback), and publish nothing.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import EditableProject, Site, check_data, fixture_project, link_target, read_data

SOURCE = "test-article"
KINDS = ("actors", "events", "quotes", "glossary")


def paragraph_count(project: EditableProject) -> int:
    """How many paragraphs the seed has: its lines after the title and the dek."""
    lines = [line for line in (project.root / "seeds" / f"{SOURCE}.txt").read_text(encoding="utf-8").split("\n") if line.strip()]
    return len(lines) - 2


def cite_everywhere(project: EditableProject, numbers: list[int]) -> None:
    """Add a citation of each paragraph in `numbers` to every list of citations in the data."""
    data = read_data(project.root)
    for kind in KINDS:
        for record in data[kind]:
            lists = [record["cites"]] + [relation["cites"] for relation in record.get("relations", [])]
            for cites in lists:
                cites.extend(f"{SOURCE}#p{n}" for n in numbers if f"{SOURCE}#p{n}" not in cites)
        text = yaml.safe_dump(data[kind], allow_unicode=True, sort_keys=False, width=1000)
        project.write(f"data/{kind}.yml", text)


def cite_in_docs(project: EditableProject, numbers: list[int]) -> None:
    project.write("docs/cited.md", "# Cited\n\n" + "".join(f"Paragraph {n}: [[cite:{SOURCE}#p{n}]].\n\n" for n in numbers))
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config + "\nnot_in_nav: |\n  /cited.md\n")


def places_citing(project: EditableProject, citation: str) -> list[str]:
    """`file:line:col` of every place the project's data and docs write `citation`."""
    found = []
    for folder in ("data", "docs"):
        for file in sorted((project.root / folder).rglob("*.*")):
            if file.suffix not in (".yml", ".md"):
                continue
            for number, line in enumerate(file.read_text(encoding="utf-8").split("\n"), start=1):
                for match in re.finditer(re.escape(citation) + r"(?!\d)", line):
                    start = match.start()
                    if folder == "docs":
                        start = line.rindex("[[", 0, start)
                    found.append(f"{folder}/{file.relative_to(project.root / folder).as_posix()}:{number}:{start + 1}")
    return found


@pytest.fixture(scope="module")
def first_and_last(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("first-and-last"))
    last = paragraph_count(project)
    cite_everywhere(project, [1, last])
    cite_in_docs(project, [1, last])
    return project, last, check_data(project.root), project.build()


@pytest.fixture(scope="module")
def one_past(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("one-past"))
    past = paragraph_count(project) + 1
    cite_everywhere(project, [past])
    return project, past, check_data(project.root), project.build()


@pytest.fixture(scope="module")
def one_past_in_docs(tmp_path_factory):
    """Shortcodes are checked against valid data, so this project's data is left as it is."""
    project = fixture_project(tmp_path_factory.mktemp("one-past-in-docs"))
    past = paragraph_count(project) + 1
    cite_in_docs(project, [past])
    return project, past, check_data(project.root), project.build()


def test_the_first_and_the_last_paragraph_can_be_cited_everywhere(first_and_last):
    project, last, checked, built = first_and_last
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert built.returncode == 0, built.output
    assert places_citing(project, f"{SOURCE}#p1") and places_citing(project, f"{SOURCE}#p{last}")


def test_pages_link_the_first_and_the_last_paragraph(first_and_last):
    project, last, _, built = first_and_last
    site = Site(built.site)
    article = site.content(f"sources/{SOURCE}/")
    assert article.find(id="p1") is not None and article.find(id=f"p{last}") is not None
    data = read_data(project.root)
    pages = [f"actors/{a['id']}/" for a in data["actors"]] + [f"timeline/{e['id']}/" for e in data["events"]] + ["cited/"]
    for page in pages:
        cited = {link_target(page, a["href"]) for a in site.content(page).select("a[href]")}
        for number in (1, last):
            assert (f"sources/{SOURCE}/", f"p{number}") in cited, (page, number)


@pytest.mark.parametrize("where", ["data", "docs"])
def test_the_check_reports_every_citation_one_past_the_last_paragraph(where, one_past, one_past_in_docs):
    project, past, checked, _ = one_past if where == "data" else one_past_in_docs
    output = checked.stdout + checked.stderr
    assert checked.returncode == 1, output
    assert "Traceback" not in output
    places = places_citing(project, f"{SOURCE}#p{past}")
    assert len(places) >= (len(KINDS) + 1 if where == "data" else 1), places  # every kind and a relation
    for place in places:
        lines = [line for line in output.splitlines() if f"{place}:" in line]
        assert len(lines) == 1 and f"{SOURCE}#p{past}" in lines[0], (place, output)


@pytest.mark.parametrize("where", ["data", "docs"])
def test_the_build_stops_on_a_citation_one_past_the_last_paragraph(where, one_past, one_past_in_docs):
    project, past, _, built = one_past if where == "data" else one_past_in_docs
    assert built.returncode != 0
    assert "Traceback" not in built.output
    for place in places_citing(project, f"{SOURCE}#p{past}"):
        assert any(place in line and f"{SOURCE}#p{past}" in line for line in built.output.splitlines()), (place, built.output)
    assert not (built.site / "index.html").exists(), "a half-built site"
