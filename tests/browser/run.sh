#!/usr/bin/env bash
# Headless-browser test of `ofsearch serve`: builds the release binary, indexes a
# copy of corpus/ in a temporary directory, serves it on a free loopback port and
# drives Debian's chromium through chromedriver (tests/browser/check.py):
# search "chronic neglect", see the focused-visit letter with the phrase marked,
# click the year facet 2020, see the hit remain and the filter active, and save a
# screenshot to target/browser/search.png.
#
# Needs chromium, chromedriver and python3 (apt-get install -y chromium
# chromium-driver); without one of them it says "skipped", names what is
# missing and the package to install, and exits 0. Also checks the results and
# document pages fit a 420 px wide window (screenshot target/browser/search-420.png).
#
# Environment: OFSEARCH_BIN=path  use this binary instead of building one;
#              CHROMIUM=path, CHROMEDRIVER=path  browser and driver to use.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
chromedriver=${CHROMEDRIVER:-$(command -v chromedriver || true)}
# Each missing piece is named with the Debian package that provides it.
missing=()
[[ -x "$chromium" ]] || missing+=("chromium (package chromium)")
[[ -x "$chromedriver" ]] || missing+=("chromedriver (package chromium-driver)")
command -v python3 >/dev/null || missing+=("python3 (package python3)")
if (( ${#missing[@]} )); then
    packages=$(printf '%s\n' "${missing[@]}" | sed 's/.*(package \(.*\))/\1/' | tr '\n' ' ')
    echo "browser test skipped: missing $(IFS=,; echo "${missing[*]}" | sed 's/,/, /g'); install with: apt-get install -y ${packages% }"
    exit 0
fi

bin=${OFSEARCH_BIN:-}
if [[ -z "$bin" ]]; then
    echo "building the release binary..."
    cargo build --release --locked --quiet
    bin="${CARGO_TARGET_DIR:-$root/target}/release/ofsearch"
fi
[[ -x "$bin" ]] || { echo "FAILED: no ofsearch binary at $bin" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

cp -r corpus "$work/corpus"
"$bin" --index "$work/index" index --corpus "$work/corpus" --quiet

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/"
"$bin" --index "$work/index" serve --addr 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server_pid=$!

python3 - "$url" "$server_pid" <<'EOF' || { echo "FAILED: the server did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
import os, sys, time, urllib.request
url, pid = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 30
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(1)
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
echo "serving $url"

mkdir -p "$root/target/browser"
if python3 tests/browser/check.py --url "$url" --chromium "$chromium" \
    --chromedriver "$chromedriver" --screenshot "$root/target/browser/search.png"; then
    echo "browser test passed"
else
    echo "browser test FAILED (server log below)" >&2
    cat "$work/serve.log" >&2
    exit 1
fi
