"""Aliases the sources bear out (`hooks/nkexplainer/aliases.py`): an alias no source writes stops the check
command and the build at its `file:line:col`, unless it is marked `from_article: false`, which the pages then show.

Each case copies one overlay from `tests/fixtures/aliases/<case>/` over the small valid project in
`tests/fixtures/minimal/` (whose article writes "BC" but never "Council of Betania").
"""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, Site, check_data, fixture_project

OVERLAYS = FIXTURES / "aliases"


def _project(tmp_path, overlay: str):
    project = fixture_project(tmp_path)
    shutil.copytree(OVERLAYS / overlay, project.root, dirs_exist_ok=True)
    return project


def _problems(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if re.match(r"^  data/[^\s:]+:\d+:\d+: ", line)]


BROKEN = [
    pytest.param("not-in-source", "data/actors.yml:37:7",
                 ("actor 'betania-council': alias 'Council of Betania' does not occur in the text of source "
                  "'test-article' (seeds/test-article.txt)", "copy the spelling exactly from the text",
                  "add `from_article: false`"), id="not-in-source"),
    pytest.param("marked-but-written", "data/actors.yml:36:13",
                 ("actor 'betania-council': alias 'BC' is marked `from_article: false`, but test-article#p1 writes it",
                  "remove `from_article: false`"), id="marked-but-written"),
]


@pytest.mark.parametrize(("overlay", "where", "says"), BROKEN)
def test_the_check_command_names_the_alias_and_its_place(tmp_path, overlay, where, says):
    result = check_data(_project(tmp_path, overlay).root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    problems = _problems(output)
    assert len(problems) == 1, output
    assert problems[0].startswith(f"{where}: "), problems
    for wording in says:
        assert wording in problems[0]


@pytest.mark.parametrize(("overlay", "where", "says"), BROKEN)
def test_the_build_stops_at_the_alias_and_writes_no_site(tmp_path, overlay, where, says):
    result = _project(tmp_path, overlay).build()
    assert result.returncode != 0, result.output
    assert "nothing was built" in result.output
    problems = _problems(result.output)
    assert len(problems) == 1, result.output
    assert problems[0].startswith(f"{where}: ") and all(w in problems[0] for w in says), problems
    assert not (result.site / "index.html").exists()


def test_a_lower_case_alias_counts_at_the_start_of_a_sentence(tmp_path):
    # The seed's p3 starts "Since then the détente…"; "since then" is only written capitalised.
    project = fixture_project(tmp_path)
    project.edit("data/glossary.yml", "- id: detente\n", "- id: detente\n  aliases:\n    - since then\n")
    result = check_data(project.root)
    assert result.returncode == 0, result.stderr


def test_an_alias_inside_a_longer_word_does_not_count(tmp_path):
    project = fixture_project(tmp_path)
    project.edit("data/actors.yml", "    - BC\n", "    - BC\n    - Betan\n")  # only ever inside "Betania"
    result = check_data(project.root)
    assert result.returncode == 1
    assert "alias 'Betan' does not occur" in result.stderr


def test_a_marked_alias_builds_and_every_page_that_lists_it_says_it_is_not_from_the_article(tmp_path):
    project = _project(tmp_path, "marked-not-in-source")
    checked = check_data(project.root)
    assert checked.returncode == 0, checked.stderr
    built = project.build()
    assert built.returncode == 0, built.output
    site = Site(built.site)
    for page in ("actors/betania-council/", "actors/"):
        marked = [em for em in site.content(page).select("em.nkx-not-in-source")]
        assert [em.get_text() for em in marked] == ["(not in the article)"], page
        assert marked[0].previous_sibling.strip().endswith("Council of Betania"), page
        assert "BC (not in the article)" not in site.content(page).get_text()


def test_every_alias_in_the_real_data_is_written_by_a_source_or_marked(data, project_root):
    """An invariant of whatever data/ holds, checked without the hooks: the build's rule, restated."""
    texts = []
    for source in data["sources"]:
        lines = [line for line in (project_root / source["file"]).read_text(encoding="utf-8").split("\n") if line.strip()]
        texts.extend(lines)
    for record in data["actors"] + data["glossary"]:
        for alias in record.get("aliases", []):
            name = alias if isinstance(alias, str) else alias["name"]
            marked = isinstance(alias, dict) and alias.get("from_article") is False
            spellings = {name, name[:1].upper() + name[1:]}
            written = any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text) for s in spellings for text in texts)
            assert written != marked, (record["id"], name, "written" if written else "not written")
