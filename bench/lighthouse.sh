#!/usr/bin/env bash
# Lighthouse 12 on the built site, mobile and desktop.
#
# Builds the site from the frozen seed (testdata/seed, 41 entries), serves
# it on 127.0.0.1, runs a pinned Lighthouse from npm (installed in a temp
# folder) with Debian's chromium on the main page and on one entry's page,
# and prints the four category scores and the metrics of each run, and any
# audit that did not pass. Reports stay in $LH_OUT if set.
#
#   bench/lighthouse.sh                 # needs node/npm, python3, chromium
#   CHROME=/path/to/chrome bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."

LIGHTHOUSE=lighthouse@12.8.2
chrome=${CHROME:-}
if [ -z "$chrome" ]; then
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then chrome=$(command -v "$name"); break; fi
  done
fi
[ -n "$chrome" ] || { echo "no Chromium: set CHROME or apt-get install chromium" >&2; exit 2; }

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
out=${LH_OUT:-$work/reports}
mkdir -p "$out"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/"

echo "== build (seed entries, base URL $url)" >&2
go run ./cmd/errref -C testdata/seed build --only site --base-url "$url" -o "$work/dist" >&2
printf 'index.html: %s bytes, %s gzipped\n' "$(wc -c <"$work/dist/site/index.html")" "$(gzip -9c "$work/dist/site/index.html" | wc -c)"

echo "== npm install $LIGHTHOUSE" >&2
npm install --prefix "$work/lh" --no-audit --no-fund --loglevel=error "$LIGHTHOUSE" >&2

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/dist/site" >/dev/null 2>&1 &
server=$!
until python3 -c "import urllib.request; urllib.request.urlopen('$url')" 2>/dev/null; do
  kill -0 "$server" || { echo "the server did not start" >&2; exit 2; }
  sleep 0.1
done

for page in "" e/accounts-53-55.html; do
  for formfactor in mobile desktop; do
    preset=()
    [ "$formfactor" = desktop ] && preset=(--preset=desktop)
    name=$formfactor${page:+-entry}
    echo "== lighthouse $formfactor /$page" >&2
    CHROME_PATH="$chrome" "$work/lh/node_modules/.bin/lighthouse" "$url$page" "${preset[@]}" \
      --quiet --output=json --output-path="$out/$name.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
    # shellcheck disable=SC2016 # the ${…} are JavaScript's, not the shell's
    node -e '
      const r = require(process.argv[1]);
      const s = k => Math.round(r.categories[k].score * 100);
      const a = r.audits;
      console.log(`${process.argv[2]}: performance ${s("performance")}, accessibility ${s("accessibility")}, best practices ${s("best-practices")}, SEO ${s("seo")}; ` +
        `FCP ${a["first-contentful-paint"].displayValue}, LCP ${a["largest-contentful-paint"].displayValue}, TBT ${a["total-blocking-time"].displayValue}, CLS ${a["cumulative-layout-shift"].displayValue}`);
      for (const [id, c] of Object.entries(r.categories))
        for (const ref of c.auditRefs)
          if (ref.weight > 0 && a[ref.id].score !== null && a[ref.id].score < 1) console.log(`  ${id}: ${ref.id} ${a[ref.id].score} ${a[ref.id].displayValue || ""}`);
    ' "$out/$name.json" "/$page $formfactor"
  done
done
