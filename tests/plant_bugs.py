"""Is the suite strong enough? Plant known bugs one at a time in a scratch copy and see a test fail.

    .venv/bin/python tests/plant_bugs.py              every bug below
    .venv/bin/python tests/plant_bugs.py NAME ...     only these
    .venv/bin/python tests/plant_bugs.py --list       the bugs, the tests meant to catch them, and any gone stale

Each bug is a small edit a developer could slip in (the first seven are the ones issue #15 found the suite
let through). For each, the project is copied to a temporary folder, the edit made there (never in the
working tree), and the tests meant to catch it are run with `-x`. A bug no test catches is "SURVIVED";
an edit whose text is no longer in the code is "STALE" (update it here). Exit status 1 if any bug
survived or went stale. Slow (a build or two per bug): run it after changing tests, not in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Bug:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]
    """The test files meant to catch it."""
    more: tuple[tuple[str, str], ...] = ()
    """Further (old, new) edits in the same file, for a bug that takes more than one."""

    @property
    def edits(self) -> tuple[tuple[str, str], ...]:
        return ((self.old, self.new), *self.more)


ORDER = ("test_timeline_order.py",)
QUOTES = ("test_verbatim.py",)
CITES = ("test_citation_bounds.py",)
EXPECTED = ("test_expected_status.py",)
JSON_LD = ("test_open_data.py",)
RELATIONS = ("test_relations.py",)
SELF = ("test_self_links.py",)
READING_BROWSER = ("test_reading_browser.py",)
PAGES_BROWSER = ("test_browser_pages.py",)
GRAPHICS_BROWSER = ("test_browser_graphics.py",)
GRAPHICS = ("test_graphics.py", "test_ties.py")
BROWSER = ("test_browser.py",)

BUGS = (
    # The seven of issue #15.
    Bug("timeline ignores date precision", "hooks/nkexplainer/dates.py",
        "return (self.year, self.month or 6.5, self.day or 15.5, rank)", "return (self.year, self.month, self.day, rank)", ORDER),
    Bug("verbatim check ignores letter case", "hooks/nkexplainer/quoting.py",
        "    return text.translate(_SAME_MARK)\n", "    return text.translate(_SAME_MARK).lower()\n", QUOTES),
    Bug("an error message loses its line number", "hooks/nkexplainer/validate.py",
        """report.add(document.path, document.at((*pointer, "date")), f"{who}a date needs""",
        """report.add(document.path, None, f"{who}a date needs""", ("test_error_locations.py",)),
    Bug("a citation one past the last paragraph is accepted", "hooks/nkexplainer/check.py",
        "elif source and citation.number > len(source.paragraphs):",
        "elif source and citation.number > len(source.paragraphs) + 1:", CITES),
    Bug("no Expected badge or callout on an expected event's own page", "hooks/nkexplainer/templates/event.md.j2",
        "{% if event.expected %} · **Expected**{ .nkx-badge .nkx-expected }{% endif %}", "", EXPECTED,
        more=(('{% if event.expected %}\n!!! info "Expected', '{% if false %}\n!!! info "Expected'),)),
    Bug("JSON-LD loses an event's description", "hooks/nkexplainer/opendata.py", '"description": event.summary, ', "", JSON_LD),
    Bug("the object's page shows the subject's label", "hooks/nkexplainer/model.py",
        "found[relation.object].append((relation.inverse, relation))",
        "found[relation.object].append((relation.label, relation))", RELATIONS),
    # Similar bugs in the same places.
    Bug("'since' sorts before its date", "hooks/nkexplainer/dates.py", '"after": 1, "since": 1', '"after": 1, "since": -1', ORDER),
    Bug("expected events first in their year", "hooks/nkexplainer/model.py",
        "return (self.date.year, self.expected, self.date.sort_key)",
        "return (self.date.year, not self.expected, self.date.sort_key)", ORDER),
    Bug("verbatim check squeezes spaces", "hooks/nkexplainer/quoting.py", "    return text.translate(_SAME_MARK)\n",
        "    return ' '.join(text.translate(_SAME_MARK).split())\n", QUOTES),
    Bug("verbatim check ignores punctuation", "hooks/nkexplainer/quoting.py", "    return text.translate(_SAME_MARK)\n",
        "    return text.translate(_SAME_MARK).replace(',', '').replace('!', '.')\n", QUOTES),
    Bug("a cite shortcode one past the last paragraph is accepted", "hooks/nkexplainer/shortcodes.py",
        'int(match.group("number")) > len(source.paragraphs)', 'int(match.group("number")) > len(source.paragraphs) + 1', CITES),
    Bug("the last paragraph cannot be cited", "hooks/nkexplainer/check.py",
        "elif source and citation.number > len(source.paragraphs):",
        "elif source and citation.number >= len(source.paragraphs):", CITES),
    Bug("no Expected badge in event listings", "hooks/nkexplainer/templates/_macros.md.j2",
        "{% if event.expected %}{% set as_of", "{% if false %}{% set as_of", EXPECTED),
    Bug("JSON-LD loses alternate names", "hooks/nkexplainer/opendata.py",
        '"alternateName": [a.name for a in actor.aliases], ', "", JSON_LD),
    Bug("JSON-LD loses the expected status", "hooks/nkexplainer/opendata.py",
        'ld["eventStatus"] = "https://schema.org/EventScheduled"', "pass", JSON_LD),
    Bug("JSON-LD describes an actor by its role", "hooks/nkexplainer/opendata.py",
        '"description": actor.summary', '"description": actor.role', JSON_LD),
    Bug("JSON-LD loses a quote's speaker", "hooks/nkexplainer/opendata.py",
        'ld["creator"] = {"@type": _ACTOR_TYPES[speaker.kind], "@id": here.to(speaker.path), "name": speaker.name}',
        "pass", JSON_LD),
    Bug("JSON-LD loses the publisher", "hooks/nkexplainer/opendata.py",
        'article["publisher"] = source.publisher', "pass", JSON_LD),
    Bug("the subject's page shows the object's label", "hooks/nkexplainer/model.py",
        "found[relation.subject].append((relation.label, relation))",
        "found[relation.subject].append((relation.inverse, relation))", RELATIONS),
    Bug("a page links mentions of its own subject", "hooks/nkexplainer/link.py",
        "target.key in (self.page_subject, self.section_subject)", "target.key in (self.section_subject,)", SELF),
    Bug("a glossary entry links its own term", "hooks/nkexplainer/link.py",
        "target.key in (self.page_subject, self.section_subject)", "target.key in (self.page_subject,)", SELF),
    Bug("a record link on its own page", "hooks/nkexplainer/urls.py", "if path == self.here and not anchor:", "if False:", SELF),
    # Code removed from under the browser and graphics tests named for it: each of them must notice.
    Bug("the article's switch changes nothing", "docs/javascripts/annotations.js",
        'article.classList.toggle("nkx-annotated", on);', "", READING_BROWSER),
    Bug("the article's switch is not remembered", "docs/javascripts/annotations.js",
        'window.localStorage.setItem(KEY, on ? "on" : "off");', "", READING_BROWSER),
    Bug("arriving at a paragraph marks nothing", "docs/stylesheets/reading.css",
        ".md-typeset .nkx-para:target {", ".md-typeset .nkx-para.nkx-never {", READING_BROWSER),
    Bug("pull-quotes at body size", "docs/stylesheets/explainer.css",
        "  font-size: 1.4em;\n  line-height: 1.4;", "  line-height: 1.4;", PAGES_BROWSER),
    Bug("tooltips in Material's small type", "docs/stylesheets/explainer.css",
        "  font-size: 0.75rem;\n  font-weight: 400;", "  font-weight: 400;", PAGES_BROWSER),
    Bug("the site title cut short on a phone", "docs/stylesheets/explainer.css",
        ".md-header__topic:first-child .md-ellipsis {\n    white-space: normal;",
        ".md-header__topic:first-child .md-ellipsis {\n    white-space: nowrap;", PAGES_BROWSER),
    Bug("a phone gets the wide drawing", "docs/stylesheets/graphics.css",
        "@container (max-width: 679.9px) {", "@container (max-width: 1px) {", GRAPHICS_BROWSER),
    Bug("printing keeps the navigation", "docs/stylesheets/explainer.css", "@media print {", "@media speech {",
        GRAPHICS_BROWSER),
    Bug("relation phrases on an actor's map lead nowhere", "hooks/nkexplainer/graphics/relmap.py",
        """parts.append(f'<a class="nkx-relation" href="{svgtext.attr(target)}"><title>""",
        """parts.append(f'<a class="nkx-relation"><title>""", GRAPHICS_BROWSER + GRAPHICS),
    Bug("the band forgets events before its span", "hooks/nkexplainer/graphics/ties.py",
        "        if place.end <= first:\n            value += step", "        if place.end <= first:\n            pass",
        GRAPHICS),
    Bug("the band jumps at a span's end instead of rising across it", "hooks/nkexplainer/graphics/ties.py",
        "at.setdefault(place.start, [0.0, 0.0])[0] += step / length", "pass", GRAPHICS,
        more=(("at.setdefault(place.end, [0.0, 0.0])[0] -= step / length", "at.setdefault(place.end, [0.0, 0.0])[1] += step"),)),
    Bug("pages load Google Fonts", "mkdocs.yml", "  font: false ", "  font:\n    text: Roboto ",
        BROWSER),
    Bug("glossary terms lose their tooltips", "mkdocs.yml", "    - content.tooltips\n", "",
        ("test_browser.py::test_term_tooltips_appear_on_hover_and_the_term_links_to_the_glossary",)),
    Bug("the colour choice is not offered", "mkdocs.yml", "      toggle:\n        icon: material/brightness-7",
        "      x_toggle:\n        icon: material/brightness-7", BROWSER),
)


def plant(bug: Bug) -> str:
    """Copy the project, make the edit in the copy, run the bug's tests there; the verdict and the first failure."""
    with tempfile.TemporaryDirectory(prefix="plant-bug-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", "__pycache__", ".tools", ".hypothesis", "test-artifacts"))
        target = copy / bug.file
        text = target.read_text(encoding="utf-8")
        for old, new in bug.edits:
            if old not in text:
                return "STALE (the code changed: update this bug's text)"
            text = text.replace(old, new, 1)
        target.write_text(text, encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        run = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *bug.tests],
                             cwd=copy / "tests", capture_output=True, text=True, env=env)
        failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", run.stdout, re.MULTILINE)
        return f"caught by {failed[0]}" if failed else "SURVIVED"


def main(argv: list[str]) -> int:
    if argv[:1] == ["--list"]:
        for bug in BUGS:
            code = (ROOT / bug.file).read_text(encoding="utf-8")
            stale = "" if all(old in code for old, _ in bug.edits) else "  STALE"
            print(f"{bug.name}: {bug.file} ({', '.join(bug.tests)}){stale}")
        return 0
    chosen = [b for b in BUGS if not argv or b.name in argv]
    bad = 0
    for bug in chosen:
        verdict = plant(bug)
        bad += not verdict.startswith("caught")
        print(f"{bug.name}: {verdict}", flush=True)
    print(f"{len(chosen) - bad} of {len(chosen)} planted bugs caught")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
