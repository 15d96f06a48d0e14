#!/usr/bin/env bash
# Browser tests of the web UI: builds the UI (scripts/build-web) and the
# ocrmend binary that embeds it, installs playwright-core from the lockfile,
# and runs the tests with node's test runner in Debian's Chromium.
# Environment: CHROMIUM (default /usr/bin/chromium), CARGO_TARGET_DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

"$root/scripts/build-web"
(cd "$root" && scripts/cargo-retry build -p ocrmend-cli)
target_dir=${CARGO_TARGET_DIR:-target}
[[ "$target_dir" = /* ]] || target_dir="$root/$target_dir"
export OCRMEND_BIN="$target_dir/debug/ocrmend"

chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
    echo "run.sh: $chromium not found; install Debian's chromium (apt-get install chromium)" >&2
    exit 1
fi

cd "$here"
# playwright-core has no install step that downloads browsers; the variable
# makes sure nothing tries.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
mkdir -p artifacts
node --test --test-concurrency=1 ui.test.mjs
