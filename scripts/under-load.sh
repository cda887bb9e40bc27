#!/usr/bin/env bash
# Runs the whole `npm test` RUNS times in a row (default 3) while a CPU burner keeps every core
# busy, as on a loaded CI runner or a laptop doing an `npm install`. Stops at the first red run.
#   scripts/under-load.sh            # 3 runs, one burner per core
#   RUNS=1 BURNERS=4 scripts/under-load.sh
set -u
cd "$(dirname "$0")/.."
mkdir -p test/artifacts
RUNS=${RUNS:-3}
BURNERS=${BURNERS:-$(nproc)}
pids=()
stop_burners() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
}
trap stop_burners EXIT INT TERM
for _ in $(seq "$BURNERS"); do
  node -e 'for (;;) {}' &
  pids+=("$!")
done
echo "under-load: $BURNERS CPU burners (pids ${pids[*]}) on $(nproc) cores; $RUNS runs of npm test"
for run in $(seq "$RUNS"); do
  started=$(date +%s)
  npm test > "test/artifacts/under-load-run-$run.log" 2>&1
  status=$?
  summary=$(grep -E '^(Tests|Test Suites):' "test/artifacts/under-load-run-$run.log" | tr '\n' ' ')
  echo "under-load: run $run/$RUNS exit $status in $(( $(date +%s) - started )) s: $summary"
  if [ "$status" -ne 0 ]; then
    echo "under-load: run $run failed; its log is test/artifacts/under-load-run-$run.log"
    exit "$status"
  fi
done
echo "under-load: $RUNS runs in a row passed under load"
