#!/usr/bin/env bash
# The test command: installs what the tests need, then runs all of them (browser tests included), and then
# the tests that read the real project a second time, on a copy of it with a second source.
#   bash tests/run.sh            all tests
#   bash tests/run.sh -k glossary   extra arguments go to pytest
# Needs only Python 3.11 on a Debian machine. Installs what is missing, and only that:
#   Debian's chromium (browser tests), a Java runtime and npm (the Nu Html Checker, from npm's vnu-jar),
#   the pinned Python packages (requirements-test.txt), the npm tools locked in tests/tools/
#   (into .tools/tests, not committed), and ProperDocs (requirements-properdocs.txt, into .tools/properdocs).
#   A second run finds them all and starts the tests at once.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

debian=()
command -v chromium >/dev/null 2>&1 || debian+=(chromium)
command -v java >/dev/null 2>&1 || debian+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || debian+=(npm)
if [ ${#debian[@]} -gt 0 ]; then
  echo "Installing Debian's ${debian[*]} for the tests…"
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${debian[@]}" >/dev/null
fi

# npm tools, exactly as locked; reinstalled only when the lock changes. No install scripts run
# (vnu-jar's would fetch a Java of its own; the machine's is used).
tools=.tools/tests
if ! cmp -s tests/tools/package-lock.json "$tools/installed.lock"; then
  echo "Installing the npm tools of tests/tools/ into $tools…"
  rm -rf "$tools"
  mkdir -p "$tools"
  cp tests/tools/package.json tests/tools/package-lock.json "$tools/"
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp tests/tools/package-lock.json "$tools/installed.lock"
fi

# ProperDocs, pinned, in an environment of its own (tests/test_engines.py builds the site with it).
bash tests/install_properdocs.sh

export NO_MKDOCS_2_WARNING=1
# First pass: every test, on the project as it is.
status=0
.venv/bin/python -m pytest tests "$@" || status=$?
# Second pass: the tests that read the real project (tests/conftest.py selects them) again, on a copy of it
# extended with a second source (tests/fixtures/second-source): proof that they hold for any valid data.
echo "Second pass: the project's tests on a copy with a second source (EXPLAINER_TEST_PROJECT=two-sources)…"
# Browser tests take minutes: of those, only the ones marked two_sources (navigation, phone width, the timeline
# as drawn, print) run again.
EXPLAINER_TEST_PROJECT=two-sources .venv/bin/python -m pytest tests -m "not browser or two_sources" "$@" || status=$?
exit $status
