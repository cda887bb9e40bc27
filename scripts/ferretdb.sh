#!/usr/bin/env bash
# FerretDB (a MongoDB wire-protocol server) on SQLite, for the MongoDB read-store tests.
#
#   scripts/ferretdb.sh build          builds it once into the cache folder; prints the binary's path
#   scripts/ferretdb.sh start DIR      starts it on a free loopback port with its data in DIR,
#                                      waits until it answers, prints "MONGO_URL=... PID=..."
#
# The cache folder is ${HELPDESK_CACHE:-$HOME/.cache/helpdesk}: the Go toolchain's module and build
# caches and the binary live there, so CI and developers build it once. Exits 3 when Go is missing.
set -euo pipefail

VERSION=v1.24.2
CACHE="${HELPDESK_CACHE:-$HOME/.cache/helpdesk}"
BIN="$CACHE/bin/ferretdb-$VERSION"

build() {
  if [ -x "$BIN" ]; then echo "$BIN"; return; fi
  command -v go >/dev/null 2>&1 || { echo "ferretdb: Go is not installed" >&2; exit 3; }
  export GOPATH="$CACHE/go" GOCACHE="$CACHE/go/cache" GOMODCACHE="$CACHE/go/mod" GOFLAGS=-modcacherw GOTOOLCHAIN=local
  local dir src
  dir=$(cd /tmp && go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || { echo "ferretdb: module download failed" >&2; exit 1; }
  # The module ships without the generated build/version/version.txt that its main package
  # requires (its own build tooling writes it), so build from a copy that has it.
  src="$CACHE/ferretdb-src-$VERSION"
  rm -rf "$src"
  cp -r "$dir" "$src"
  chmod -R u+w "$src"
  echo "$VERSION" >"$src/build/version/version.txt"
  mkdir -p "$CACHE/bin"
  (cd "$src" && go build -buildvcs=false -trimpath -o "$BIN.tmp" ./cmd/ferretdb)
  mv "$BIN.tmp" "$BIN"
  rm -rf "$src"
  echo "$BIN"
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  local dir="$1" bin port pid
  bin=$(build)
  mkdir -p "$dir/data" "$dir/state"
  port=$(free_port)
  # Telemetry off, no debug/metrics HTTP listener; logs go to DIR/ferretdb.log.
  "$bin" --handler=sqlite --sqlite-url="file:$dir/data/" --state-dir="$dir/state" \
    --listen-addr="127.0.0.1:$port" --debug-addr=- --telemetry=disable --log-level=ERROR \
    >"$dir/ferretdb.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/ferretdb.log" >&2; echo "ferretdb: exited at start" >&2; exit 1; fi
    if node -e 'const s=require("net").connect(+process.argv[1],"127.0.0.1",()=>process.exit(0));s.on("error",()=>process.exit(1))' "$port"; then
      echo "MONGO_URL=mongodb://127.0.0.1:$port/ PID=$pid"
      return
    fi
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  echo "ferretdb: did not listen within 30 s" >&2
  exit 1
}

case "${1:-}" in
  build) build ;;
  start) start "${2:?usage: ferretdb.sh start DIR}" ;;
  *) echo "usage: $0 build | start DIR" >&2; exit 2 ;;
esac
