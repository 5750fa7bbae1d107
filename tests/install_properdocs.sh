#!/usr/bin/env bash
# ProperDocs in an environment of its own, never mixed with MkDocs: .tools/properdocs.
# Installs requirements.txt without mkdocs (and its mkdocs-get-deps) plus requirements-properdocs.txt, pinned,
# with --no-deps, so the environment holds exactly those packages. Reinstalled only when the pins change.
# Run by tests/run.sh, and by tests/test_engines.py when the environment is missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=.tools/properdocs
pins=$( { grep -v -E '^(mkdocs|mkdocs-get-deps)==' requirements.txt; cat requirements-properdocs.txt; } \
        | sed -e 's/#.*//' -e 's/[[:space:]]*$//' | grep -v '^$' | sort )

mkdir -p .tools
exec 9>.tools/properdocs.lock
flock 9   # several test runs may start at once
if [ "$(cat "$venv/installed.txt" 2>/dev/null)" != "$pins" ] || [ ! -x "$venv/bin/properdocs" ]; then
  echo "Installing ProperDocs into $venv…"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  printf '%s\n' "$pins" > "$venv/requirements.txt"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$venv/requirements.txt"
  printf '%s\n' "$pins" > "$venv/installed.txt"
fi
