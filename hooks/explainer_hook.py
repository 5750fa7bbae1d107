"""MkDocs hooks for the explainer: each event hands over to the `nkexplainer` package.

State lives in one `_build` value, made fresh in `on_config` because
`mkdocs serve` keeps this module loaded across rebuilds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from nkexplainer import nav
from nkexplainer.check import load_model
from nkexplainer.crosslink import Site, cross_link
from nkexplainer.errors import DataError
from nkexplainer.link import MentionMode
from nkexplainer.model import Model

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_build: Model | None = None
"""The checked model of the current build."""
_site: Site | None = None
"""The current build's pages, cross-linked."""


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _build, _site
    _build = _site = None
    root = Path(config.config_file_path).parent
    try:
        _build = load_model(root)
    except DataError as error:
        raise PluginError(error.summary()) from None
    return config


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files | None:
    global _site
    assert _build is not None
    docs = {f.src_uri: f.content_string for f in files.documentation_pages()}
    _site = cross_link(_build, docs, _mention_mode(config))
    if _site.problems:
        raise PluginError(DataError(_site.problems).summary())
    for generated in _site.generated:
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
    assert _site is not None
    # Hand-written pages were expanded and linked with all the others in on_files.
    return _site.docs.get(page.file.src_uri, markdown)


def _mention_mode(config: MkDocsConfig) -> MentionMode:
    setting = config.extra.get("explainer", {}).get("link_mentions", MentionMode.FIRST_IN_SECTION.value)
    try:
        return MentionMode(setting)
    except ValueError:
        choices = ", ".join(m.value for m in MentionMode)
        raise PluginError(f"mkdocs.yml: extra.explainer.link_mentions is '{setting}' — use one of: {choices}") from None
