#!/usr/bin/env bash
# tools/screenshots.sh — photograph the rendered pages in headless Chromium, as a reader sees them.
#
#   tools/screenshots.sh [PAGES_DIR] [CHAPTER_PAGE] [OUT_DIR]
#
# PAGES_DIR    where ./jbang render wrote the pages (default: figures/pages)
# CHAPTER_PAGE the chapter page to shoot besides index.html (default: the first NN_*.html)
# OUT_DIR      where the PNGs go (default: PAGES_DIR/screenshots)
#
# Needs Debian's chromium (apt-get install -y chromium). Offline by construction: a fresh profile,
# no background networking, no component updates; the pages themselves load nothing remote.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
pages=$(cd "${1:-$root/figures/pages}" && pwd -P)
page=${2:-$(cd "$pages" && ls [0-9][0-9]_*.html 2>/dev/null | head -1)}
out=${3:-$pages/screenshots}
[ -f "$pages/index.html" ] || { echo "screenshots: no $pages/index.html — run ./jbang render first" >&2; exit 1; }
[ -n "$page" ] && [ -f "$pages/$page" ] || { echo "screenshots: no chapter page '$page' in $pages" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "screenshots: no chromium found (apt-get install -y chromium)" >&2; exit 1; }
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

shoot() { # shoot FILE.html OUT.png WIDTH HEIGHT
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --no-default-browser-check --hide-scrollbars \
    --user-data-dir="$profile" --window-size="$3,$4" --virtual-time-budget=5000 \
    --screenshot="$2" "file://$1" >/dev/null 2>&1 # the time budget lets KaTeX typeset first
  [ -s "$2" ] || { echo "screenshots: chromium wrote no $2" >&2; exit 1; }
  echo "screenshots: $2"
}
shoot "$pages/index.html" "$out/index.png" 1280 900
shoot "$pages/$page" "$out/${page%.html}_top.png" 1280 1600
shoot "$pages/$page" "$out/${page%.html}_full.png" 1280 6000
