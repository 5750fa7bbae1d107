"""The editor's assistant for a new source (`python hooks/new_source.py seeds/<name>.txt`) and the coverage
report it shares with `python hooks/check_data.py --coverage`, run as editors run them.

The new text, `tests/fixtures/new-source/harbour-talks.txt`, was written for these tests: it names two
records of the small fixture project (Alphia, the BC), two names no record knows (Port Orlan, the Harbour
Commission), a speaker no record knows, and has two quotations in “ ”.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES, check_data, fixture_project

NEW_TEXT = FIXTURES / "new-source" / "harbour-talks.txt"


def new_source(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "hooks" / "new_source.py"), *args],
                          capture_output=True, text=True, cwd=project, timeout=120)


def coverage_of(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "hooks" / "check_data.py"), "--coverage", str(project)],
                          capture_output=True, text=True, timeout=120)


def section(report: str, heading: str) -> list[str]:
    """The indented lines under the report's heading that starts with `heading`."""
    lines = report.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    found = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        found.append(line.strip())
    return found


@pytest.fixture
def added(tmp_path):
    """The fixture project after an editor dropped the new text into seeds/ and ran the assistant on it."""
    project = fixture_project(tmp_path)
    (project.root / "seeds" / "harbour-talks.txt").write_bytes(NEW_TEXT.read_bytes())
    before = (project.root / "data" / "sources.yml").read_text(encoding="utf-8")
    result = new_source(project.root, "seeds/harbour-talks.txt")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return project, before, result.stdout


# -- the record -----------------------------------------------------------------------------------


def test_the_record_is_appended_with_title_and_standfirst_exact_and_the_file_kept(added):
    """The existing records keep their comments, order and formatting; the one source without `short` gets one
    under its id line (two sources need it), and the report says so."""
    project, before, report = added
    after = (project.root / "data" / "sources.yml").read_text(encoding="utf-8")
    added_short = [line for line in after.split("\n") if line.startswith('  short: "Alphia and Betania’s"')]
    assert len(added_short) == 1 and "- id: test-article\n" + added_short[0] + "\n" in after
    assert after.replace(added_short[0] + "\n", "", 1).startswith(before)
    assert "Added short: \"Alphia and Betania’s\" to source 'test-article'" in report
    records = yaml.safe_load(after)
    assert records[0]["short"] == "Alphia and Betania’s"
    record = records[-1]
    lines = NEW_TEXT.read_text(encoding="utf-8").split("\n")
    assert record["id"] == "harbour-talks"
    assert record["file"] == "seeds/harbour-talks.txt"
    assert record["title"] == lines[0] and record["dek"] == lines[1]
    assert record["short"]
    assert len(records) == 2


def test_after_the_assistant_the_project_checks_and_builds_strictly(added):
    project, _, _ = added
    checked = check_data(project.root)
    assert checked.returncode == 0, checked.stderr
    assert "2 sources" in checked.stdout
    built = project.build()
    assert built.returncode == 0, built.output
    assert (built.site / "sources" / "harbour-talks" / "index.html").is_file()


def test_running_it_again_writes_nothing_and_reports_again(added):
    project, _, first = added
    sources = project.root / "data" / "sources.yml"
    written = sources.read_bytes()
    again = new_source(project.root, "seeds/harbour-talks.txt")
    assert again.returncode == 0, again.stderr
    assert sources.read_bytes() == written
    assert "already has its record, 'harbour-talks'" in again.stdout
    assert section(again.stdout, "Capitalised names") == section(first, "Capitalised names")


# -- the report on a new text ---------------------------------------------------------------------


def test_it_proposes_the_new_texts_names_with_counts_and_paragraphs(added):
    _, _, report = added
    candidates = section(report, "Capitalised names and phrases no record matches")
    assert "Harbour Commission ×2: ¶1, ¶3" in candidates
    assert "Port Orlan ×2: ¶1, ¶3" in candidates
    assert "Admiral Epsilon ×1: ¶2" in candidates
    assert "Betanian Navy ×1: ¶2" in candidates
    proposed = {line.split(" ×")[0] for line in candidates}
    # Known names, sentence openers and month or day names are not proposed.
    assert not proposed & {"Alphia", "Betania", "BC", "Minister Gamma", "However", "Observers", "Negotiators",
                           "June", "Tuesday", "The Harbour Commission"}


def test_it_lists_the_records_the_new_text_names_and_where(added):
    _, _, report = added
    known = section(report, "Known names")
    assert "actor alphia (Alphia): ¶1 — as “Alphia” ×1" in known
    assert "actor betania-council (Betania Council): ¶1 — as “BC” ×1" in known
    assert any(line.startswith("actor minister-gamma (Minister Gamma): ¶2") for line in known)


def test_every_quotation_gets_a_stub_that_pastes_into_quotes_yml_and_checks(added):
    project, _, report = added
    listed = section(report, "Quotations in “ ”")
    assert listed == ["¶2 “keep its ships in harbour while the talks go on” — NOT YET IN data/quotes.yml",
                      "¶2 “a first step, not a last one” — NOT YET IN data/quotes.yml"]
    stubs = report.split("Ready to paste into data/quotes.yml")[1].split("\nParagraphs no record cites")[0]
    stubs = stubs.split("\n", 2)[2]  # after the heading line and the blank line
    parsed = yaml.safe_load(stubs)
    assert [q["text"] for q in parsed] == ["keep its ships in harbour while the talks go on", "a first step, not a last one"]
    assert all(q["cites"] == ["harbour-talks#p2"] for q in parsed)
    assert "# speaker: minister-gamma" in stubs  # Gamma is named in the second quotation's sentence only
    quotes = project.root / "data" / "quotes.yml"
    quotes.write_text(quotes.read_text(encoding="utf-8") + "\n" + stubs, encoding="utf-8")
    checked = check_data(project.root)
    assert checked.returncode == 0, checked.stderr
    covered = coverage_of(project.root)
    assert "¶2 “a first step, not a last one” — quote 'a-first-step-not-a-last'" in covered.stdout


def test_it_lists_the_paragraphs_no_record_cites(added):
    _, _, report = added
    assert [line.split(":")[0] for line in section(report, "Paragraphs no record cites yet")] == ["¶1", "¶2", "¶3"]


# -- the text is checked before anything is written -----------------------------------------------


BAD_TEXTS = [
    pytest.param(b"Title\nStandfirst\nOne paragraph caf\xe9.", "seeds/bad.txt:3: byte 0xe9 is not UTF-8", id="not-utf8"),
    pytest.param("\ufeffTitle\nStandfirst\nA paragraph.".encode(), "seeds/bad.txt:1: the file starts with a byte-order mark",
                 id="bom"),
    pytest.param(b"Title\nStandfirst only", "seeds/bad.txt: found 2 non-empty line(s)", id="no-paragraph"),
    pytest.param(b"\nTitle\nStandfirst\nA paragraph.", "seeds/bad.txt:2: the title must be on line 1", id="blank-first-line"),
    pytest.param(b"Title\nStandfirst\nA paragraph wrapped by an editor\nat sixty columns, as e-mail does.",
                 "seeds/bad.txt:4: this line seems to continue line 3", id="wrapped-paragraph"),
]


@pytest.mark.parametrize(("content", "says"), BAD_TEXTS)
def test_a_bad_text_is_refused_with_its_line_and_nothing_is_written(tmp_path, content, says):
    project = fixture_project(tmp_path)
    (project.root / "seeds" / "bad.txt").write_bytes(content)
    sources = project.root / "data" / "sources.yml"
    before = sources.read_bytes()
    result = new_source(project.root, "seeds/bad.txt")
    assert result.returncode == 1
    assert says in result.stderr, result.stderr
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sources.read_bytes() == before


def test_a_text_outside_seeds_is_refused(tmp_path):
    project = fixture_project(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(NEW_TEXT.read_bytes())
    result = new_source(project.root, str(outside))
    assert result.returncode == 1
    assert "the text must be in" in result.stderr and "seeds" in result.stderr


# -- the check command: coverage on request, and a seed without a record --------------------------


def test_a_seed_file_without_a_record_is_reported_by_the_check_command(tmp_path):
    project = fixture_project(tmp_path)
    (project.root / "seeds" / "harbour-talks.txt").write_bytes(NEW_TEXT.read_bytes())
    result = check_data(project.root)
    assert result.returncode == 1
    assert ("seeds/harbour-talks.txt: no record in data/sources.yml uses this file — run "
            "`python hooks/new_source.py seeds/harbour-talks.txt`") in result.stderr


def test_coverage_on_the_fixture_article_proposes_nothing_the_data_covers(tmp_path):
    """The fixture article is fully covered: every name is a record or alias, every quotation a quote."""
    result = coverage_of(fixture_project(tmp_path).root)
    assert result.returncode == 0, result.stderr
    assert section(result.stdout, "Capitalised names") == ["none"]
    quotations = section(result.stdout, "Quotations in “ ”")
    assert quotations and all("— quote '" in line for line in quotations)
    assert "Ready to paste" not in result.stdout


def test_coverage_of_the_real_data_lists_no_name_or_quotation_the_data_covers(project_root, data):
    """An invariant of whatever data/ holds: nothing proposed is already a record, an alias or a quote."""
    result = coverage_of(project_root)
    assert result.returncode == 0, result.stderr
    names = set()
    for record in data["actors"] + data["glossary"]:
        names.add(record.get("name") or record.get("term"))
        names.update(a if isinstance(a, str) else a["name"] for a in record.get("aliases", []))
    quoted = [q["text"].replace("'", "’") for q in data["quotes"]]
    for report in result.stdout.split("Coverage of ")[1:]:
        for line in section(report, "Capitalised names"):
            if line != "none":
                proposed = line.split(" ×")[0]
                assert proposed not in names and proposed[:1].lower() + proposed[1:] not in names, line
        for line in section(report, "Quotations in “ ”"):
            words = re.match(r"¶\d+ “(.*)” — ", line).group(1).replace("'", "’")
            held = any(words in q or q in words for q in quoted)
            assert held == ("— quote '" in line), line
    assert len(result.stdout.split("Coverage of ")) - 1 == len(data["sources"])
