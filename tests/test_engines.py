"""The site beyond MkDocs 1.x: exported without hooks, and built by ProperDocs, it is the same site.

"The same site" is checked file by file against the MkDocs build of the same
session (whatever the pipeline generates today): every file byte-identical,
save for differences with a known, named cause (bench/sitediff.py). Each test
allows only the causes its engine explains:
- the export built by plain MkDocs, then indexed for search as its pagefind.yml says:
  none;
- ProperDocs with our hooks: the generator tag names ProperDocs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, ROOT, fixture_project, run_build

sys.path.insert(0, str(ROOT / "bench"))
import sitediff  # noqa: E402

EXPORT = ROOT / "hooks" / "export_site.py"
PROPERDOCS_ENV = ROOT / ".tools" / "properdocs"
PROPERDOCS_PIN = next(line.split("==")[1].strip() for line in (ROOT / "requirements-properdocs.txt").read_text().splitlines()
                      if line.startswith("properdocs=="))
BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
             "SOURCE_DATE_EPOCH": "1700000000"}
"""As conftest's run_build: the same build date, so the sitemaps match too."""


def export(out: Path, project: Path = PROJECT, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(EXPORT), str(out), "--project", str(project), *options],
                          capture_output=True, text=True, env=BUILD_ENV, timeout=300)


def assert_same_site(a: Path, b: Path, allowed: set[str]) -> list[sitediff.Difference]:
    differences = sitediff.compare(a, b)
    assert not sitediff.not_allowed(differences, allowed), sitediff.report(differences, a, b)
    return differences


# -- the export ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, project_root) -> Path:
    out = tmp_path_factory.mktemp("export") / "plain"
    done = export(out, project_root)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_the_export_is_a_plain_project_without_hooks(exported):
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:" not in config and "explainer_hook" not in config
    assert not (exported / "hooks").exists() and not (exported / "data").exists()
    assert "site_url: !ENV" in config, "the published address must still come from SITE_URL"
    # The open data and the generated pages are files now.
    assert (exported / "docs" / "data" / "data.json").is_file()
    assert (exported / "docs" / "glossary.md").is_file()
    # The search index is built after the site: its settings come along for that step.
    assert "python -m pagefind_bin" in (exported / "pagefind.yml").read_text(encoding="utf-8")


def test_the_export_builds_with_plain_mkdocs_into_the_same_site(exported, built, tmp_path):
    plain = run_build(exported, tmp_path / "site")
    assert plain.returncode == 0, plain.output
    # Without hooks, the search index is a step of its own, with the settings the export carries (pagefind.yml).
    indexed = subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(plain.site)], cwd=exported,
                             capture_output=True, text=True, timeout=300)
    assert indexed.returncode == 0, indexed.stdout + indexed.stderr
    assert_same_site(built.site, plain.site, set())


def test_the_export_for_zensical_leaves_out_only_our_copies_of_materials_templates(exported, tmp_path):
    out = tmp_path / "for-zensical"
    done = export(out, PROJECT, "--for", "zensical")
    assert done.returncode == 0, done.stdout + done.stderr
    theirs = {p.relative_to(exported / "overrides").as_posix() for p in (exported / "overrides").rglob("*.html")
              if "Copied from Material" in p.read_text(encoding="utf-8")}
    kept = {p.relative_to(out / "overrides").as_posix() for p in (out / "overrides").rglob("*.html")}
    everything = {p.relative_to(exported / "overrides").as_posix() for p in (exported / "overrides").rglob("*.html")}
    assert kept == everything - theirs and "main.html" in kept
    # Pages, open data and settings are the same export.
    for path in ("mkdocs.yml", "docs/index.md", "docs/data/data.json"):
        assert (out / path).read_bytes() == (exported / path).read_bytes(), path


def test_the_export_stops_on_bad_data_and_writes_nothing(tmp_path):
    project = fixture_project(tmp_path, "unknown-actor")
    out = tmp_path / "plain"
    done = export(out, project.root)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "data/events.yml:24:7: " in output and "unknown actor 'minister-gama'" in output
    assert "Nothing was exported" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_the_export_never_replaces_a_folder_it_did_not_write(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    done = export(out, fixture_project(tmp_path).root)
    assert done.returncode == 1
    assert "not an earlier export" in done.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"


# -- ProperDocs ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def properdocs() -> Path:
    """ProperDocs, pinned, in .tools/properdocs (tests/install_properdocs.sh; a no-op when it is up to date)."""
    done = subprocess.run(["bash", str(ROOT / "tests" / "install_properdocs.sh")], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return PROPERDOCS_ENV / "bin" / "properdocs"


def properdocs_build(properdocs: Path, project: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(properdocs), "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env=BUILD_ENV, cwd=project, timeout=300)


def test_properdocs_lives_apart_from_mkdocs(properdocs):
    probe = subprocess.run([str(properdocs.parent / "python"), "-c",
                            "import importlib.util, properdocs; print(importlib.util.find_spec('mkdocs') is None, properdocs.__version__)"],
                           capture_output=True, text=True, timeout=60)
    assert probe.stdout.split() == ["True", PROPERDOCS_PIN], probe.stdout + probe.stderr


def test_properdocs_builds_the_site_with_our_hooks_into_the_same_site(properdocs, built, tmp_path):
    done = properdocs_build(properdocs, PROJECT, tmp_path / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    assert_same_site(built.site, tmp_path / "site", {"generator"})
    # The build really ran on ProperDocs, and the tag names it plainly.
    assert f'<meta name="generator" content="ProperDocs {PROPERDOCS_PIN}, ' in (tmp_path / "site" / "index.html").read_text()


def test_properdocs_stops_on_bad_data_with_the_editors_message(properdocs, tmp_path):
    project = fixture_project(tmp_path, "unknown-actor", "misquote")
    done = properdocs_build(properdocs, project.root, project.site)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "2 problems found; nothing was built" in output
    assert "data/events.yml:24:7: " in output and "data/quotes.yml:5:9: " in output
    assert "Traceback" not in output
    assert not (project.site / "index.html").exists()
