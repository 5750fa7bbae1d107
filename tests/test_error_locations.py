"""The README's error messages that tests/test_errors*.py do not locate (yet), each at its file:line:col.

An editor's mistake is only useful if the message says where it is. test_errors.py holds one overlay per
mistake; the messages below had none, so a message that lost its line number went unnoticed (a missing seed
file and a malformed id are located there now, so they are not repeated here). Each is made
here by one edit of the minimal project, several mistakes per project (they are reported together), and
asserted through the check command and the build: the place (found by searching the edited file, not
hard-coded) and the README's wording.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import EditableProject, check_data, fixture_project


@dataclass(frozen=True)
class Mistake:
    file: str
    old: str
    new: str
    at: str
    """Text on the line the message must name (its first occurrence in the file); the column is where it starts."""
    says: str
    """The README's wording for the message."""


RECORDS = [
    Mistake("data/actors.yml", 'summary: "A fictional state across the river from Alphia."', 'summary: ""',
            '""', "'summary' is empty"),
    Mistake("data/events.yml", "    - test-article#p3\n\n- id: border", "    - test-article-p3\n\n- id: border",
            "test-article-p3", "a citation is a source id and a paragraph"),
    Mistake("data/events.yml", 'date: "2014-03"', 'date: "2014-13"', '"2014-13"', "has no month 13"),
    Mistake("data/quotes.yml", '  attribution: "The Betania Council"\n',
            '  attribution: "The Betania Council"\n  date: "2014-04"\n', '"2014-04"', "a date needs 'precision'"),
]


def location(project: EditableProject, mistake: Mistake) -> str:
    lines = (project.root / mistake.file).read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if mistake.at in line)
    return f"{mistake.file}:{number}:{lines[number - 1].index(mistake.at) + 1}"


def broken(folder, mistakes: list[Mistake]) -> tuple[EditableProject, str, str]:
    project = fixture_project(folder)
    for mistake in mistakes:
        project.edit(mistake.file, mistake.old, mistake.new)
    checked = check_data(project.root)
    assert checked.returncode == 1
    built = project.build()
    assert built.returncode != 0
    assert not (built.site / "index.html").exists(), "a half-built site"
    return project, checked.stdout + checked.stderr, built.output


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    return broken(tmp_path_factory.mktemp("record-mistakes"), RECORDS)


@pytest.fixture(scope="module")
def seed_not_utf8(tmp_path_factory):
    project = fixture_project(tmp_path_factory.mktemp("seed-not-utf8"))
    seed = project.root / "seeds" / "test-article.txt"
    seed.write_bytes(seed.read_bytes().replace("Détente".encode(), b"D\xe9tente", 1))
    checked = check_data(project.root)
    built = project.build()
    assert checked.returncode == 1 and built.returncode != 0
    return project, checked.stdout + checked.stderr, built.output


def assert_located(output: str, where: str, says: str) -> None:
    assert "Traceback" not in output, output
    lines = [line.strip() for line in output.splitlines() if line.strip().startswith(f"{where}: ")]
    assert any(says in line for line in lines), f"{says!r} not reported at {where}:\n{output}"


@pytest.mark.parametrize("mistake", RECORDS, ids=[m.says for m in RECORDS])
@pytest.mark.parametrize("run", ["check", "build"])
def test_a_record_mistake_is_reported_at_its_place(records, mistake, run):
    project, checked, built = records
    assert_located(checked if run == "check" else built, location(project, mistake), mistake.says)


@pytest.mark.parametrize("run", ["check", "build"])
def test_a_seed_that_is_not_utf8_is_reported_at_the_source_record(seed_not_utf8, run):
    project, checked, built = seed_not_utf8
    file_line = Mistake("data/sources.yml", "", "", "seeds/test-article.txt", "is not UTF-8 text")
    assert_located(checked if run == "check" else built, location(project, file_line), file_line.says)
