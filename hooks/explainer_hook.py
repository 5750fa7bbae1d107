"""MkDocs hooks for the explainer: each event hands over to the `nkexplainer` package.

State lives in one `_build` value, made fresh in `on_config` because
`mkdocs serve` keeps this module loaded across rebuilds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from nkexplainer import nav, shortcodes
from nkexplainer.check import load_model
from nkexplainer.errors import DataError
from nkexplainer.model import Model
from nkexplainer.render import render_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_build: Model | None = None
"""The checked model of the current build."""


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _build
    _build = None
    root = Path(config.config_file_path).parent
    try:
        _build = load_model(root)
    except DataError as error:
        raise PluginError(error.summary()) from None
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    assert _build is not None
    for generated in render_pages(_build):
        inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, generated.path, content=generated.markdown, inclusion=inclusion)
        if generated.edit_source:
            # Relative to `edit_uri` (which points into docs/): the record's YAML file instead.
            file.edit_uri = f"../{generated.edit_source}"
        files.append(file)
    return files


def on_nav(nav_: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
    assert _build is not None
    return nav.fill(nav_, _build, files, config)


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    assert _build is not None
    expanded, problems = shortcodes.expand(markdown, _build, page.file.src_uri, f"docs/{page.file.src_uri}")
    if problems:
        raise PluginError(DataError(problems).summary())
    return expanded
