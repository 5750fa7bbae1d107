"""Editors' mistakes, as editors meet them: every kind of broken data stops both the check command
(`python hooks/check_data.py`) and `mkdocs build`, with a `file:line:col: what — fix` line and no traceback.

The project under test is the small valid one in `tests/fixtures/minimal/`; each case copies one overlay
folder from `tests/fixtures/broken/<case>/` over it: the file(s) that differ, with exactly one thing broken.
Each case runs through the check command's code in this process (fast); a few also through a real build.
Every class of mistake is also built for real, together, in `tests/fixtures/broken-many/` (independent
mistakes, all reported in one run) and `broken-unreadable/` (files that cannot be read at all):
see `test_errors_in_one_run.py`.
"""

from __future__ import annotations

import io
import os
import json
import re
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, check_data, fixture_project
from nkexplainer import cli
from nkexplainer.schema import exported

MINIMAL = FIXTURES / "minimal"
BROKEN = FIXTURES / "broken"


@dataclass(frozen=True)
class Case:
    overlay: str
    """The folder under tests/fixtures/broken/."""
    where: str
    """Exactly where the problem is reported: `data/events.yml:20:4` (line and column in the overlay's file),
    or just the file for problems about the whole file."""
    says: tuple[str, ...]
    """Wording the message must contain."""
    problems: int = 1
    """How many problems the one mistake may produce."""
    build: bool = False
    """Also built for real: a representative of each way the build meets a problem."""


def case(overlay: str, where: str, *says: str, problems: int = 1, bug: str | None = None, build: bool = False):
    """`build=True`: also built for real (a representative of each way the build reports a problem)."""
    marks = [pytest.mark.xfail(strict=True, reason=f"hook bug: {bug}")] if bug else []
    return pytest.param(Case(overlay, where, says, problems, build), id=overlay, marks=marks)


def run_check(project: Path) -> tuple[int, str]:
    """The check command (`hooks/check_data.py PROJECT`), run in this process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main([str(project)])
    return code, out.getvalue() + err.getvalue()


# Line and column numbers are those of the overlay files (`grep -n` them to check).
CASES = [
    # The file cannot be read as a list of records.
    case("yaml-syntax", "data/events.yml:20:4",
         "YAML syntax:", "expected <block end>", "in: 'date: \"2015-02-12\"'", "check indentation", build=True),
    case("yaml-unclosed-bracket", "data/events.yml:24:10", "YAML syntax:", "expected ',' or ']'"),
    case("not-utf8", "data/actors.yml:37:56", "byte 0xe9 is not UTF-8 — save the file as UTF-8", build=True),
    case("empty-file", "data/glossary.yml", "the file is empty — it must hold a list of records"),
    case("not-a-list", "data/glossary.yml:4:1", "the file must be a list of term records, each starting with '- id:'"),
    # A record does not fit the schema.
    case("wrong-type", "data/actors.yml:35:12", "actor 'betania-council': 'aliases' must be a list, not the text 'BC'"),
    case("missing-field", "data/events.yml:18:3", "event 'gamma-visits-betania': missing field 'summary' — add it (What happened"),
    # The typo also leaves the required 'actors' missing: reported once, as the typo.
    case("unknown-field", "data/events.yml:23:3",
         "event 'gamma-visits-betania': unknown field 'actros' — did you mean 'actors'?"),
    case("enum-typo", "data/actors.yml:15:9",
         "actor 'betania': 'kind' is 'stat', which is not one of state, person, organisation, media, group",
         "did you mean 'state'?"),
    # Ids, names and references.
    case("duplicate-id", "data/actors.yml:32:7",
         "actor id 'betania' is already used at data/actors.yml:13 — give this actor another id"),
    case("alias-claimed-twice", "data/actors.yml:38:7",
         "'BC' is claimed by actor 'betania-council' and by actor 'betania' (data/actors.yml:17)",
         "a name or alias may mean one record only"),
    case("unknown-actor", "data/events.yml:24:7",
         "event 'gamma-visits-betania': unknown actor 'minister-gama' — did you mean 'minister-gamma'?"),
    case("unknown-speaker", "data/quotes.yml:24:12",
         "quote 'bc-last-chance': unknown actor 'betania-counsel' — did you mean 'betania-council'?"),
    # A different word is a different record: no "did you mean" for it.
    case("unknown-event", "data/quotes.yml:13:10",
         "quote 'gamma-ceasefire-not-peace': unknown event 'ceasefire-signed' — add an event with this id first, "
         "or fix the id"),
    case("unknown-source", "data/glossary.yml:16:7",
         "term 'detente': unknown source 'test-artcle' — did you mean 'test-article'?"),
    # A relation's `since` names an event that cannot start it.
    case("since-expected-event", "data/actors.yml:45:14",
         "actor 'betania-council': relation 'is hosted by' betania: `since` names 'border-treaty-expected', an event "
         "the article only expects — a relation can only begin or end with an event that happened", build=True),
    case("until-before-since", "data/actors.yml:46:14",
         "actor 'betania-council': relation 'is hosted by' betania: `until` 'ceasefire-agreed' (March 2014) comes before "
         "`since` 'gamma-visits-betania' (February 12, 2015) — swap them"),
    case("paragraph-out-of-range", "data/events.yml:28:7",
         "'test-article#p9' cites paragraph 9, but source 'test-article' has 3 paragraphs — cite p1 to p3"),
    # Dates.
    case("impossible-date", "data/events.yml:20:9", "date '2013-02-30' does not exist — that month has 28 days"),
    case("too-precise-date", "data/events.yml:6:9",
         "event 'ceasefire-agreed': date '2014-03-05' does not match precision 'month'", "write '2014-03' for a month"),
    # The text of the seed.
    # The passage suggested is what `text` should hold: without the article's own quotation marks.
    case("misquote", "data/quotes.yml:5:9",
         "quote 'gamma-ceasefire-not-peace': the text is not word for word in test-article#p2",
         "the closest passage in test-article#p2 reads 'A ceasefire is not a peace, and Alphia will not wait forever.' "
         "— copy the words exactly", build=True),
    case("title-mismatch", "data/sources.yml:6:10",
         "'title' differs from line 1 of seeds/test-article.txt, which reads 'Alphia and Betania’s Uneasy Détente'"),
    case("source-outside-seeds", "data/sources.yml:5:9", "file '../outside.txt' is outside seeds/ — put the text in seeds/",
         build=True),
    case("source-absolute-path", "data/sources.yml:5:9", "file '/tmp/test-article.txt' is outside seeds/"),
    case("short-missing", "data/sources.yml:5:7", "source 'test-article': missing field 'short' — with 2 sources every "
         "citation names its source: add a name of a few words, e.g. short: \"Alphia and Betania’s\"", build=True),
    # Hand-written pages.
    case("unknown-shortcode", "docs/index.md:5:19",
         "[[actor:betania-counsil]]: unknown actor 'betania-counsil' — did you mean 'betania-council'?", build=True),
    # Once hook bugs, kept so they stay fixed.
    case("unknown-shortcode-after-front-matter", "docs/about.md:6:56", "no paragraph 'test-article#p7'", build=True),
    case("comments-only-file", "data/glossary.yml", "the file is empty"),
    case("month-zero", "data/events.yml:20:9", "date '2015-00-12' has no month 0"),
    case("day-zero", "data/events.yml:20:9", "date '2015-02-00' does not exist"),
    case("unknown-yaml-tag", "data/events.yml:19:10", "'!shout'"),
]

PROBLEM_COUNT = re.compile(r"(\d+) problems? found")


def problem_lines(output: str) -> list[str]:
    """The report's problem lines, `data/events.yml:20:4: …`, from check or build output."""
    return [line.strip() for line in output.splitlines()
            if re.match(r"^  (data|docs)/[^\s:]+(:\d+:\d+)?: ", line)]


def assert_reported(output: str, expected: Case) -> None:
    assert "Traceback" not in output, output
    found = [line for line in problem_lines(output) if line.startswith(f"{expected.where}: ")]
    assert found, f"no problem reported at {expected.where}:\n{output}"
    for wording in expected.says:
        assert any(wording in line for line in found), f"{wording!r} not in {found}"


def problem_count(output: str) -> int:
    match = PROBLEM_COUNT.search(output)
    assert match, output
    return int(match.group(1))


# -- the valid project ------------------------------------------------------------------------


def test_the_minimal_project_checks_and_builds(tmp_path):
    project = fixture_project(tmp_path)
    checked = check_data(project.root)
    assert checked.returncode == 0, checked.stderr
    assert "data/ is fine: 1 sources, 4 actors, 3 events, 2 quotes, 2 terms" in checked.stdout
    built = project.build()
    assert built.returncode == 0, built.output
    for page in ("index.html", "about/index.html", "actors/betania-council/index.html",
                 "timeline/gamma-visits-betania/index.html", "quotes/index.html", "glossary/index.html",
                 "sources/test-article/index.html"):
        assert (built.site / page).is_file(), page


def test_the_seed_is_title_dek_and_three_paragraphs_without_a_final_newline():
    raw = (MINIMAL / "seeds" / "test-article.txt").read_bytes()
    assert not raw.endswith(b"\n")
    lines = raw.decode("utf-8").split("\n")
    assert len(lines) == 5
    assert lines[0] == "Alphia and Betania’s Uneasy Détente"
    assert "“" in raw.decode("utf-8") and "’" in raw.decode("utf-8")


# -- one mistake per case -----------------------------------------------------------------------


@pytest.mark.parametrize("expected", CASES)
def test_the_check_command_reports_the_mistake(tmp_path, expected):
    code, output = run_check(fixture_project(tmp_path, expected.overlay).root)
    assert code == 1, output
    assert "fix them before building" in output
    assert_reported(output, expected)


@pytest.mark.parametrize("expected", [c for c in CASES if c.values[0].build])
def test_the_build_stops_on_the_mistake_and_writes_no_site(tmp_path, expected):
    result = fixture_project(tmp_path, expected.overlay).build()
    assert result.returncode != 0, result.output
    assert "nothing was built" in result.output
    assert_reported(result.output, expected)
    assert not (result.site / "index.html").exists()


@pytest.mark.parametrize("expected", CASES)
def test_one_mistake_is_reported_once(tmp_path, expected):
    _, output = run_check(fixture_project(tmp_path, expected.overlay).root)
    assert "Traceback" not in output, output
    assert problem_count(output) == expected.problems, output
    assert len(problem_lines(output)) == expected.problems, output


def test_two_broken_files_are_reported_together(tmp_path):
    code, output = run_check(fixture_project(tmp_path, "unknown-actor", "misquote").root)
    assert code != 0
    assert "2 problems found" in output
    lines = problem_lines(output)
    assert any(line.startswith("data/events.yml:24:7: ") and "unknown actor 'minister-gama'" in line for line in lines)
    assert any(line.startswith("data/quotes.yml:5:9: ") and "not word for word" in line for line in lines)
    assert "Traceback" not in output


# -- seeds stay under seeds/ --------------------------------------------------------------------


def _seed_copy_outside(tmp_path: Path) -> Path:
    """A byte-identical copy of the seed outside the project, so only where it lies can be wrong."""
    outside = tmp_path / "outside.txt"
    shutil.copy2(MINIMAL / "seeds" / "test-article.txt", outside)
    return outside


@pytest.mark.parametrize("how", ["dot-dot", "absolute", "symlink"])
def test_a_seed_outside_seeds_is_refused_even_as_a_perfect_copy(tmp_path, how):
    outside = _seed_copy_outside(tmp_path)
    project = fixture_project(tmp_path)
    if how == "dot-dot":
        file = "../outside.txt"
    elif how == "absolute":
        file = str(outside)
    else:
        file = "seeds/linked.txt"
        (project.root / file).symlink_to(outside)
    project.edit("data/sources.yml", "file: seeds/test-article.txt", f"file: {file}")
    expected = Case(how, "data/sources.yml:5:9", (f"source 'test-article': file '{file}' is outside seeds/",))
    code, output = run_check(project.root)
    assert code != 0
    assert_reported(output, expected)


def test_a_symlink_within_seeds_is_fine(tmp_path):
    project = fixture_project(tmp_path)
    (project.root / "seeds" / "linked.txt").symlink_to("test-article.txt")
    project.edit("data/sources.yml", "file: seeds/test-article.txt", "file: seeds/linked.txt")
    code, output = run_check(project.root)
    assert code == 0, output


# -- straight quote marks match typographic ones -------------------------------------------------


def test_straight_quote_marks_build_and_show_the_articles_characters(tmp_path):
    typed = (BROKEN / "straight-quotes" / "data" / "quotes.yml").read_text(encoding="utf-8")
    assert "'Alphia''s \"last chance\" to settle" in typed  # the overlay really types straight marks
    project = fixture_project(tmp_path, "straight-quotes")
    code, output = run_check(project.root)
    assert code == 0, output
    built = project.build()
    assert built.returncode == 0, built.output
    page = BeautifulSoup((built.site / "quotes" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = page.select_one("article").get_text()
    assert "Alphia’s “last chance” to settle the border by talks" in text
    assert "Alphia's \"last chance\"" not in text


# -- the fixtures themselves --------------------------------------------------------------------


def test_every_overlay_is_used_and_only_replaces_files_of_the_minimal_project():
    used = {p.values[0].overlay for p in CASES} | {"straight-quotes"}
    assert {d.name for d in BROKEN.iterdir() if d.is_dir()} == used
    for overlay in used:
        files = [p for p in (BROKEN / overlay).rglob("*") if p.is_file()]
        assert files, overlay
        for file in files:
            original = MINIMAL / file.relative_to(BROKEN / overlay)
            assert original.is_file(), f"{file} replaces nothing in minimal/"
            assert file.read_bytes() != original.read_bytes(), f"{file} is identical to minimal/"


# -- the exported JSON Schemas and the editors' modelines ----------------------------------------

SCHEMA_DIR = ROOT / "data" / "schema"


def test_the_exported_schema_files_are_exactly_the_schema_modules():
    on_disk = {p.name for p in SCHEMA_DIR.glob("*.schema.json")}
    assert on_disk == set(exported()), "run: python -m nkexplainer.schema --write (from hooks/)"


@pytest.mark.parametrize("name", sorted(exported()))
def test_each_exported_schema_is_identical_to_what_schema_py_produces(name):
    assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == exported()[name], (
        f"data/schema/{name} is stale: run `python -m nkexplainer.schema --write` from hooks/")


MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")


@pytest.mark.parametrize("data_file", [
    *sorted((ROOT / "data").glob("*.yml")),
    *sorted((MINIMAL / "data").glob("*.yml")),
], ids=lambda p: str(p.relative_to(ROOT)))
def test_each_data_file_starts_with_a_modeline_to_its_schema(data_file):
    first = data_file.read_text(encoding="utf-8").split("\n", 1)[0]
    match = MODELINE.match(first)
    assert match, f"{data_file.name} line 1 is {first!r}"
    target = (data_file.parent / match.group("path")).resolve()
    assert target.is_file(), target
    assert target.name == f"{data_file.stem}.schema.json"
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == f"data/{data_file.name}"


def test_the_real_data_files_are_all_covered_by_a_schema():
    assert {p.stem for p in (ROOT / "data").glob("*.yml")} == {n.removesuffix(".schema.json") for n in exported()}


# -- known weakness of YAML messages -----------------------------------------------------------


def test_an_unclosed_bracket_names_the_line_that_opened_it(tmp_path):
    _, output = run_check(fixture_project(tmp_path, "yaml-unclosed-bracket").root)
    assert "actors: [minister-gamma, betania" in output


def test_a_yaml_alias_inside_itself_is_a_clean_error(tmp_path):
    project = fixture_project(tmp_path)
    text = (project.root / "data" / "actors.yml").read_text(encoding="utf-8")
    project.write("data/actors.yml", text.replace("  aliases:", "  loop: &loop [*loop]\n  aliases:", 1))
    code, output = run_check(project.root)
    assert code == 1
    assert "  data/actors.yml:7:16: the YAML alias *loop refers to the list or record it is in — write the values out" \
        in output.splitlines()


# -- bounded reading: what a hostile or odd file costs (bench/limits.py measures time and memory) ----------


def _only_problem(project) -> str:
    code, output = run_check(project.root)
    assert code == 1, output
    lines = problem_lines(output)
    assert len(lines) == 1, output
    return lines[0]


def test_an_oversized_data_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr("nkexplainer.load.MAX_BYTES", 10_000)
    project = fixture_project(tmp_path)
    project.write("data/glossary.yml", (MINIMAL / "data" / "glossary.yml").read_text(encoding="utf-8") + "#" * 10_000)
    size = (project.root / "data" / "glossary.yml").stat().st_size
    assert _only_problem(project) == (f"data/glossary.yml: the file is {size:,} bytes, more than the 10,000 a file may "
                                      "have here — check that it is the right file")


def test_too_many_values_and_an_alias_bomb_are_refused_where_the_limit_is_crossed(tmp_path, monkeypatch):
    monkeypatch.setattr("nkexplainer.load.MAX_VALUES", 200)
    project = fixture_project(tmp_path)
    text = (MINIMAL / "data" / "actors.yml").read_text(encoding="utf-8")
    project.write("data/actors.yml", text.replace("  aliases: []", "  aliases: [" + "a, " * 200 + "a]"))
    assert _only_problem(project).startswith("data/actors.yml:7:583: the file holds more than 200 values")
    project.write("data/actors.yml", text.replace("  aliases: []", "  aliases: &a [x, x, x, x, x, x, x, x]\n"
                                                  "  lol1: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                                                  "  lol2: &c [*b, *b, *b, *b, *b, *b, *b, *b]"))
    assert _only_problem(project) == ("data/actors.yml:9:17: the YAML aliases (*name) in this file expand to more than "
                                      "200 values (here, at *b) — write the values out instead of nesting aliases")


def test_nesting_deeper_than_the_limit_is_refused(tmp_path):
    project = fixture_project(tmp_path)
    text = (MINIMAL / "data" / "actors.yml").read_text(encoding="utf-8")
    project.write("data/actors.yml", text.replace("  aliases: []", "  aliases: " + "[" * 40 + "]" * 40))
    assert _only_problem(project) == ("data/actors.yml:7:42: lists and records are nested more than 32 levels deep "
                                      "here — check the brackets and the indentation")


def test_anchors_aliases_and_merge_keys_within_the_limits_are_fine(tmp_path):
    project = fixture_project(tmp_path)
    project.edit("data/events.yml", "  cites:\n    - test-article#p3\n", "  cites: &p3\n    - test-article#p3\n")
    project.edit("data/events.yml", "  cites:\n    - test-article#p3\n", "  cites: *p3\n")
    code, output = run_check(project.root)
    assert code == 0, output


def test_a_nul_byte_in_a_data_file_is_located(tmp_path):
    project = fixture_project(tmp_path)
    project.edit("data/glossary.yml", "An agreement to stop", "An agreement\x00 to stop")
    assert _only_problem(project) == ("data/glossary.yml:7:28: the file contains U+0000 (null byte), which YAML does "
                                      "not allow — remove it (most editors do not show it)")


def test_a_data_file_that_is_a_folder_is_named_as_one(tmp_path):
    project = fixture_project(tmp_path)
    (project.root / "data" / "glossary.yml").unlink()
    (project.root / "data" / "glossary.yml").mkdir()
    assert _only_problem(project) == "data/glossary.yml: the file is a folder, not a file — name a file"


@pytest.mark.parametrize("file, says", [
    ("seeds/\x1b[31mred.txt", "file 'seeds/\\x1b[31mred.txt' contains U+001B (escape) — retype the name"),
    ("seeds/" + "a" * 300 + ".txt", "is too long — a name may have at most 255 bytes, a path 1024"),
    ("seeds/" + "a/" * 600 + "a.txt", "is too long — a name may have at most 255 bytes, a path 1024"),
    ("seeds/loop.txt", "file 'seeds/loop.txt' cannot be followed (a link that points to itself?)"),
    ("seeds/missing.txt", "file 'seeds/missing.txt' does not exist — check the name"),
])
def test_a_seed_file_name_never_reaches_the_file_system_unchecked(tmp_path, file, says):
    project = fixture_project(tmp_path)
    (project.root / "seeds" / "loop.txt").symlink_to("loop.txt")
    project.edit("data/sources.yml", "file: seeds/test-article.txt", f"file: {json.dumps(file)}")
    line = _only_problem(project)
    assert line.startswith("data/sources.yml:5:9: source 'test-article': "), line
    assert says in line


def test_a_byte_order_mark_at_the_start_of_a_seed_is_named(tmp_path):
    project = fixture_project(tmp_path)
    seed = project.root / "seeds" / "test-article.txt"
    seed.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes())
    assert _only_problem(project) == ("data/sources.yml:5:9: source 'test-article': 'seeds/test-article.txt' starts "
                                      "with an invisible byte order mark (U+FEFF) — save it as UTF-8 without BOM "
                                      "(\"UTF-8\", not \"UTF-8 with BOM\")")


def test_typed_values_that_mean_what_they_say_are_taken_as_text(tmp_path):
    """A year, a number or an (even impossible) date where text is wanted is the text typed; `yes` is true."""
    project = fixture_project(tmp_path)
    project.edit("data/glossary.yml", 'definition: "An agreement to stop fighting."', "definition: 0000-01-16")
    project.edit("data/glossary.yml", 'explanation: "The article calls', 'explanation: "The article calls')
    project.edit("data/events.yml", 'title: "A border treaty"', "title: 1989")
    project.edit("data/events.yml", 'date: "2016"', "date: 2016")
    project.edit("data/quotes.yml", "key: true", "key: yes")
    code, output = run_check(project.root)
    assert code == 0, output
    from nkexplainer.check import load_model

    model = load_model(project.root)
    assert model.terms["ceasefire"].definition == "0000-01-16"
    assert model.events["border-treaty-expected"].title == "1989"
    assert model.events["border-treaty-expected"].date.year == 2016
    assert model.quotes["gamma-ceasefire-not-peace"].key is True


def test_a_page_that_is_not_utf8_is_reported_by_the_check_command(tmp_path):
    project = fixture_project(tmp_path)
    project.write("docs/notes.md", "Caf\xe9".encode("latin-1"))
    assert _only_problem(project) == "docs/notes.md: byte 4 is not UTF-8 — save the page as UTF-8"


def test_a_seed_that_is_a_pipe_is_refused_without_waiting_for_it(tmp_path):
    project = fixture_project(tmp_path)
    os.mkfifo(project.root / "seeds" / "pipe.txt")
    project.edit("data/sources.yml", "file: seeds/test-article.txt", "file: seeds/pipe.txt")
    assert _only_problem(project) == ("data/sources.yml:5:9: source 'test-article': file 'seeds/pipe.txt' is not a "
                                      "regular file (a pipe or a device?) — name a text file")
