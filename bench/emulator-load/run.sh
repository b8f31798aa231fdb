#!/usr/bin/env bash
# Throughput of GetExportTask against the standalone emulator on loopback, measured with wrk.
# Bounded: one emulator process (stopped on exit), DURATION seconds, CONNECTIONS connections, THREADS wrk threads.
# Usage: bench/emulator-load/run.sh [DURATION=10] [CONNECTIONS=32] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/../.."

duration=${1:-10}
connections=${2:-32}
threads=${3:-2}
command -v wrk >/dev/null || { echo "emulator-load: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

dotnet build src/NeptuneNotifier.Emulator -c Release -v quiet -nologo >/dev/null
log=$(mktemp)
dotnet src/NeptuneNotifier.Emulator/bin/Release/net10.0/NeptuneNotifier.Emulator.dll --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log"' EXIT

endpoint=""
for _ in $(seq 1 100); do
  endpoint=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 || true)
  [ -n "$endpoint" ] && break
  sleep 0.1
done
[ -n "$endpoint" ] || { echo "emulator-load: the emulator did not print its endpoint:" >&2; cat "$log" >&2; exit 1; }

task=$(curl -sf -X POST "$endpoint/exporttasks" -H 'content-type: application/json' -d '{
  "graphIdentifier": "g-orders0001",
  "roleArn": "arn:aws:iam::123456789012:role/NeptuneExport",
  "format": "PARQUET",
  "destination": "s3://exports-bucket/orders/",
  "kmsKeyIdentifier": "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}' | grep -o '"taskId":"t-[a-z0-9]*"' | cut -d'"' -f4)

echo "emulator-load: GetExportTask $endpoint/exporttasks/$task for ${duration}s, $connections connections, $threads threads"
curl -sf -o /dev/null "$endpoint/exporttasks/$task"
wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$endpoint/exporttasks/$task"
