"""The site as a plain MkDocs project: every page as the hooks hand it to MkDocs, with no `hooks:`.

`collect` runs MkDocs's own build up to the Markdown of each page (config,
files, navigation, `page_markdown`), with the project's hooks as they are: the
pipeline is not copied, it runs. `write` puts the result in a folder that any
MkDocs-compatible engine (MkDocs, ProperDocs, Zensical) builds as it is:

- `docs/`: hand-written pages with their shortcodes expanded and mentions linked,
  the generated pages (Who's who, Timeline, record pages, the annotated article),
  each with the front matter its build gives it (title, description, JSON-LD),
  the open data (`docs/data/`) and every other file of `docs/` (CSS, images);
- the theme overrides (`theme.custom_dir`), copied; for Zensical (`engine="zensical"`)
  without the partials that are copies of Material's own (they carry "Copied from
  Material"): Zensical ports those partials its own way, and Material's copies break
  its header search box and its phone menu;
- `mkdocs.yml`: the project's own, without `hooks:` and `watch:`, with the
  navigation the hooks filled in written out; `!ENV` settings are kept as tags,
  and Material's theme asks Zensical for its classic look (`variant: classic`);
- `pagefind.yml` (not for Zensical, which has a search of its own): the search index's
  settings; `python -m pagefind_bin` inside the export, after the build, indexes `site/`
  as the project's hook does.

Nothing is written unless the whole project was read without a problem.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs import utils
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Link, Section, get_navigation
from mkdocs.structure.pages import Page

from . import search

HEADER = "# Exported by hooks/export_site.py: the explainer's pages as plain Markdown, built without hooks.\n"
"""First line of an exported mkdocs.yml; an existing folder is replaced only if its mkdocs.yml starts with it."""


@dataclass
class Export:
    """What the hooks hand MkDocs, engine-neutral: pages, other files, navigation and settings."""

    config: dict[str, Any]
    """The project's mkdocs.yml as written (tags such as `!ENV` kept), without hooks."""
    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative path → the page's final Markdown, front matter included."""
    files: dict[str, bytes | Path] = field(default_factory=dict)
    """Docs-relative path → generated content, or the file on disk to copy."""
    nav: list[Any] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)
    custom_dir: Path | None = None


def collect(project: Path) -> Export:
    """Run the project's build up to each page's Markdown, as `mkdocs build` does; raise Abort on any warning."""
    project = project.resolve()
    config_file = project / "mkdocs.yml"
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = load_config(config_file=str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            export = _collect(config, project)
        finally:
            config.plugins.on_shutdown()
        if config.strict and (counts := counter.get_counts()):
            raise Abort("Aborted with " + ", ".join(f"{n} {level.lower()}s" for level, n in counts) + "; nothing was exported")
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    return export


def _collect(config, project: Path) -> Export:
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)

    export = Export(config=_raw_config(project / "mkdocs.yml"))
    # Written out before any page is read: a page's title stays implicit (front matter, first heading) where it was.
    export.nav = _nav_yaml(nav.items)
    docs_dir = Path(config.docs_dir).resolve()
    for file in files:
        if file.inclusion.is_excluded():
            continue
        if file.is_documentation_page():
            export.pages[file.src_uri] = _final_markdown(file, config, files)
        elif file.generated_by is not None:
            export.files[file.src_uri] = file.content_bytes
        elif file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(docs_dir):
            export.files[file.src_uri] = Path(file.abs_src_path)
        # Anything else comes from the theme, which the exported project names too.
    listed = _nav_paths(export.nav)
    export.not_in_nav = sorted(p for p in export.pages if p not in listed)
    custom = config.theme.custom_dir
    export.custom_dir = Path(custom).resolve() if custom else None
    return export


def _final_markdown(file: File, config, files) -> str:
    """A page's Markdown after every `page_markdown` handler, with the front matter its build ends up with."""
    page = file.page or Page(None, file, config)
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    if not page.meta:
        return markdown
    front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False, width=float("inf"))
    return f"---\n{front}---\n{markdown}"


ENGINES = ("mkdocs", "zensical")
"""What an export can be made for: MkDocs and its forks (ProperDocs), or Zensical."""

MATERIAL_COPY = "Copied from Material"
"""The mark of a theme override that is a patched copy of one of Material's own templates."""


def write(export: Export, out: Path, engine: str = "mkdocs") -> list[str]:
    """Write `export` as a project in `out`, replacing a previous export there, never other files.

    Returns the theme overrides left out for `engine`.
    """
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise Abort(f"{out} is a file: choose a new or empty folder")
    if out.exists() and any(out.iterdir()):
        previous = out / "mkdocs.yml"
        if not (previous.is_file() and previous.read_text(encoding="utf-8").startswith(HEADER)):
            raise Abort(f"{out} is not empty and is not an earlier export: choose a new or empty folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        left_out = _write(export, staging, engine)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return left_out


def _write(export: Export, root: Path, engine: str) -> list[str]:
    docs = root / "docs"
    for path, content in export.files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_bytes(content)
    for path, markdown in export.pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    config = dict(export.config)
    for key in ("hooks", "watch", "site_dir"):
        config.pop(key, None)
    if "docs_dir" in config:
        config["docs_dir"] = "docs"
    config["nav"] = export.nav
    if export.not_in_nav:  # pages the hooks keep out of the navigation on purpose, and the project's own patterns
        own = [config["not_in_nav"]] if isinstance(config.get("not_in_nav"), str) else []
        config["not_in_nav"] = "\n".join(own + ["/" + p for p in export.not_in_nav])
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("name") == "material":
        # Zensical draws Material's look only when asked ('classic'; its default is 'modern'); MkDocs ignores the key.
        theme.setdefault("variant", "classic")
    left_out: list[str] = []
    if export.custom_dir is not None:
        name = config["theme"]["custom_dir"] = "overrides"
        shutil.copytree(export.custom_dir, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        if engine == "zensical":
            for template in sorted((root / name).rglob("*.html")):
                if MATERIAL_COPY in template.read_text(encoding="utf-8"):
                    left_out.append(template.relative_to(root / name).as_posix())
                    template.unlink()
                    if not any(template.parent.iterdir()):
                        template.parent.rmdir()
    text = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    (root / "mkdocs.yml").write_text(HEADER + text, encoding="utf-8")
    if engine == "mkdocs":
        # The search index is built after the site (by a hook in the project): here, a step of its own.
        language = str((theme.get("language") if isinstance(theme, dict) else None) or "en").split("-")[0].lower()
        (root / "pagefind.yml").write_text(search.pagefind_yml(language), encoding="utf-8")
    return left_out


def _nav_yaml(items: list) -> list:
    """The navigation as mkdocs.yml writes it; a page without a title of its own keeps none."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, Section):
            out.append({item.title: _nav_yaml(item.children)})
        elif isinstance(item, Page):
            explicit = item.__dict__.get("title")  # set by mkdocs.yml or the hooks, not read from the page
            out.append({explicit: item.file.src_uri} if explicit is not None else item.file.src_uri)
        elif isinstance(item, Link):
            out.append({item.title: item.url})
    return out


def _nav_paths(nav: list) -> set[str]:
    found: set[str] = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found |= _nav_paths(value) if isinstance(value, list) else {value}
    return found


# -- mkdocs.yml as written: custom tags (`!ENV SITE_URL`, `!relative`) survive the round trip ----------------


@dataclass(frozen=True)
class _Tagged:
    tag: str
    node: yaml.Node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: _Tagged(node.tag, node))
_Dumper.add_representer(_Tagged, lambda dumper, value: _retag(value))


def _retag(value: _Tagged) -> yaml.Node:
    node = value.node
    return type(node)(value.tag, node.value, style=getattr(node, "style", None))


def _raw_config(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader) or {}
