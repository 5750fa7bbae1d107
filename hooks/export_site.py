#!/usr/bin/env python3
"""Export the site as a plain MkDocs project without hooks: `python hooks/export_site.py OUT [--project DIR]`.

OUT gets docs/ (every page as our hooks hand it to MkDocs, the open data, the CSS),
the theme overrides and a mkdocs.yml with the navigation written out and no `hooks:`.
Any MkDocs-compatible engine builds it: `mkdocs build -f OUT/mkdocs.yml`,
`properdocs build -f OUT/mkdocs.yml` (then `python -m pagefind_bin` inside OUT builds the search
index into OUT/site, as the project's search hook does after its build), or `zensical build` inside OUT (made with
`--for zensical`, which leaves out our patched copies of Material's partials).
The data is checked exactly as in a build; on any problem nothing is written (exit 1).
OUT must be new, empty, or an earlier export (which is replaced).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

try:
    import mkdocs  # noqa: F401
except ImportError:  # ProperDocs's environment: it answers for `mkdocs.*`
    import properdocs.replacement  # noqa: F401

from mkdocs.exceptions import MkDocsException  # noqa: E402

from nkexplainer import export  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].split(": ")[0] + ".",
                                     epilog="\n".join(__doc__.split("\n\n")[1:]),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the folder to write the plain project to")
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1],
                        help="the project to export (default: this repository)")
    parser.add_argument("--for", dest="engine", choices=export.ENGINES, default="mkdocs",
                        help="the engine that will build it (default: mkdocs, also ProperDocs); for zensical, the theme "
                             "overrides that are copies of Material's own templates are left out")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        collected = export.collect(args.project)
        left_out = export.write(collected, args.out, args.engine)
    except MkDocsException as error:  # PluginError (data problems), ConfigurationError, Abort
        print(f"ERROR   -  {error}", file=sys.stderr)
        print(f"Nothing was exported to {args.out}.", file=sys.stderr)
        return 1
    print(f"Exported {len(collected.pages)} pages and {len(collected.files)} other files to {args.out}; "
          + (f"left out for Zensical: {', '.join(left_out)}; " if left_out else "")
          + ("build it with: zensical build (inside it)" if args.engine == "zensical"
             else f"build it with: mkdocs build -f {args.out / 'mkdocs.yml'}, then index it for search from inside it: "
                  "python -m pagefind_bin"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
