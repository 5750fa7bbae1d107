"""Search that scales: Pagefind's chunked index of the built site, behind Material's own search box.

Material's search plugin writes one index of the whole site, which every page downloads (12 MB at
×100 of the bench). Pagefind (PyPI `pagefind-bin`: the wheel carries its binary, it runs offline)
indexes the built HTML into chunks, and a query fetches only the chunks of its words and a fragment
per result shown. The theme keeps Material's box, which talks to its worker in Material's four
messages; our worker (theme/assets/javascripts/pagefind-search.js) answers them from Pagefind.

What is indexed: each page's article (`article.md-content__inner`), without what Material's index
left out too: navigation blocks and graphics (`data-search-exclude`), the ¶ of headings; and the
citations (¶5, "throughout the article"), which would only clutter the excerpts. Not the 404 page. An actor's aliases are in its page's own text ("also called …"), so they are found as they
were. The same settings go into an export's `pagefind.yml` (`pagefind_yml`), so a plain build of
the export, indexed from inside it, is the same site.

Pagefind's output is byte-stable: the same pages give the same files (tests/test_search.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import yaml

OUTPUT = "pagefind"
"""Where the index goes in the site; the worker loads `pagefind/pagefind.js` from the site's root."""

SETTINGS_FILE = "search/search_index.json"
"""What Material's search box fetches on every page: its settings (language, word separator), no documents."""

ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = ("[data-search-exclude]", ".headerlink", ".nkx-cite")
GLOB = "{*/**/*.html,index.html}"
"""Every page but the 404 page (the only other HTML file at the root)."""

TIMEOUT = 600
"""Seconds: Pagefind indexes the ×100 bench site (3,107 pages) in about ten."""


class SearchIndexError(Exception):
    """Pagefind could not run or failed: the message says why and what to do."""


def settings_json(language: str) -> str:
    """Material's search settings (its `search_index.json` without documents): the box reads the
    language and the word separator, and highlights the words of a result on the page it opens."""
    return json.dumps({"config": {"lang": [language], "separator": r"[\s\-]+", "pipeline": []}, "docs": []},
                      separators=(",", ":")) + "\n"


def settings(site: str | Path, language: str) -> dict:
    """Pagefind's settings, as its `pagefind.yml` names them."""
    return {"site": str(site), "output_subdir": OUTPUT, "root_selector": ROOT_SELECTOR,
            "exclude_selectors": list(EXCLUDE_SELECTORS), "glob": GLOB, "force_language": language}


def pagefind_yml(language: str) -> str:
    """The settings for an exported project: `python -m pagefind_bin` inside it indexes its `site/`."""
    return ("# Search index settings (Pagefind): after `mkdocs build`, run `python -m pagefind_bin` here.\n"
            + yaml.safe_dump(settings("site", language), sort_keys=False, allow_unicode=True))


def executable() -> Path:
    try:
        import pagefind_bin
        return pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError):
        raise SearchIndexError("Pagefind is not installed, so the search index cannot be built — install the "
                               "site's requirements: pip install -r requirements.txt") from None


def command(site_dir: Path, language: str, output: Path | None = None) -> list[str]:
    args = [str(executable()), "--site", str(site_dir), "--root-selector", ROOT_SELECTOR, "--glob", GLOB,
            "--force-language", language, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    args += ["--output-path", str(output)] if output is not None else ["--output-subdir", OUTPUT]
    return args


def _environment() -> dict[str, str]:
    """Pagefind reads PAGEFIND_* variables as settings: none from outside, the same index everywhere."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}


def _start(site_dir: Path, language: str, output: Path | None = None) -> subprocess.Popen:
    # Run from an empty folder: Pagefind also reads a pagefind.yml/.toml/.json in its working folder.
    return subprocess.Popen(command(site_dir, language, output), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=_environment(), cwd=tempfile.gettempdir())


def _failure(process: subprocess.Popen, output: str) -> SearchIndexError:
    last = "; ".join(line.strip() for line in output.strip().splitlines()[-3:]) or f"exit status {process.returncode}"
    return SearchIndexError(f"Pagefind could not build the search index: {last}")


def build_index(site_dir: Path, language: str) -> None:
    """Index the built site into `site_dir/pagefind/`, replacing an earlier index."""
    site_dir = Path(site_dir)
    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
    try:
        process = _start(site_dir, language)
        output, _ = process.communicate(timeout=TIMEOUT)
    except OSError as error:
        raise SearchIndexError(f"Pagefind could not be started ({error}) — reinstall it: "
                               "pip install -r requirements.txt") from None
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise SearchIndexError(f"Pagefind did not finish indexing the site within {TIMEOUT} s") from None
    if process.returncode != 0:
        raise _failure(process, output)


class Background:
    """Under `mkdocs serve`: the index is rebuilt after each build without holding the page's reload.

    Pagefind writes into a folder of its own, moved into the site when complete: a search meanwhile
    answers from the previous index (or, after a clean rebuild, finds none for a few seconds at ×100).
    A new build stops an indexing still running for the last one.
    """

    def __init__(self, warn) -> None:
        self._warn = warn
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def stop(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
            self._process = None

    def start(self, site_dir: Path, language: str) -> None:
        self.stop()
        site_dir = Path(site_dir)
        staging = Path(tempfile.mkdtemp(prefix="nkx-pagefind-"))
        try:
            process = _start(site_dir, language, staging / OUTPUT)
        except (OSError, SearchIndexError) as error:
            shutil.rmtree(staging, ignore_errors=True)
            self._warn(f"search index not rebuilt: {error}")
            return
        with self._lock:
            self._process = process
        threading.Thread(target=self._finish, args=(process, site_dir, staging), daemon=True).start()

    def _finish(self, process: subprocess.Popen, site_dir: Path, staging: Path) -> None:
        try:
            output, _ = process.communicate()
            with self._lock:
                if process is not self._process:
                    return  # stopped: a newer build indexes its own pages
                if process.returncode != 0:
                    self._warn(f"search index not rebuilt: {_failure(process, output)}")
                    return
                if site_dir.is_dir():
                    shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
                    shutil.move(str(staging / OUTPUT), str(site_dir / OUTPUT))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
