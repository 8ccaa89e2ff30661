#!/usr/bin/env bash
# The production install: only runtime dependencies (npm ci --omit=dev) and the compiled API
# (npm run build:api first). Migrate, seed, start with plain node, answer /readyz and a real route.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
# stop the server and wait until it has flushed and exited before removing its data directory
# (removing it while PGlite still writes its WAL failed the cleanup, and with it the stage)
cleanup() {
  if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cp -r "$root/package.json" "$root/package-lock.json" "$root/dist-api" "$work/"
cd "$work"
npm ci --omit=dev --no-audit --no-fund --loglevel=error
for dev_only in @tarojs/taro react tsx typescript; do
  if [ -e "node_modules/$dev_only" ]; then echo "dev-only package $dev_only installed by --omit=dev" >&2; exit 1; fi
done
echo "runtime install: $(ls node_modules | wc -l) top-level packages, $(du -sh node_modules | cut -f1)"
export NODE_ENV=production DATA_DIR="$work/data" PORT="${OMIT_DEV_PORT:-3290}" HOST=127.0.0.1
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
export JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" ID_HASH_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export PHONE_KEYS="k1:$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
node dist-api/migrate.js
node dist-api/seed-demo.js
node dist-api/main.js > "$work/api.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/readyz"; echo
test "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/childcare/programmes")" = 200
echo "started from the --omit=dev install with node dist-api/main.js: ok"
