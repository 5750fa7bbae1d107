#!/usr/bin/env bash
# The test command: installs what the tests need, then runs all of them (browser tests included).
#   bash tests/run.sh            all tests
#   bash tests/run.sh -k glossary   extra arguments go to pytest
# Needs only Python 3.11 on a Debian machine; installs Debian's chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium >/dev/null
fi

export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest tests "$@"
