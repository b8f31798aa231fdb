#!/usr/bin/env bash
# Runs every performance benchmark on loopback and prints one table (docs/performance.md explains each figure).
#   eng/bench.sh          full sizes: cycles of 10 to 10,000 tasks (about 15 minutes, most of it the 10,000-task cycles);
#                         per-task reads against list-then-get on a virtual clock (seconds)
#   eng/bench.sh --tiny   small sizes, to keep the benchmarks working (CI runs it once); exits non-zero if any part breaks
# A missed target is reported in the table ("MISSED"), not as a failure: it is a figure to look into, not a broken run.
set -euo pipefail
cd "$(dirname "$0")/.."

tiny=false
case "${1:-}" in
  "") ;;
  --tiny) tiny=true ;;
  *) echo "usage: eng/bench.sh [--tiny]" >&2; exit 2 ;;
esac

command -v dotnet >/dev/null || { echo "bench: dotnet is not on PATH" >&2; exit 1; }
command -v node >/dev/null || { echo "bench: node is not on PATH (dynalite runs on Node.js)" >&2; exit 1; }
[ -f test/node/node_modules/.package-lock.json ] || (cd test/node && npm ci --no-audit --no-fund >/dev/null)

out=artifacts/bench
results=$out/results.tsv
mkdir -p "$out"
rm -f "$results"
started=$SECONDS
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

echo "bench: building the driver and publishing bootstrap (Native AOT and self-contained JIT)" >&2
dotnet build bench/NeptuneNotifier.Benchmarks -c Release -nologo -v quiet >"$out/build.log" 2>&1 \
  || { cat "$out/build.log" >&2; echo "bench: the benchmark driver does not build" >&2; exit 1; }
linker=()
if ! command -v clang >/dev/null && command -v clang-14 >/dev/null; then linker=(-p:CppCompilerAndLinker=clang-14); fi
for flavour in aot jit; do
  aot=false; [ "$flavour" = aot ] && aot=true
  dotnet publish src/NeptuneNotifier.Function/NeptuneNotifier.Function.csproj -c Release -r linux-x64 --self-contained \
    -o "$out/$flavour" --artifacts-path "$out/$flavour-build" -p:PublishAot=$aot "${linker[@]}" -nologo -v quiet >"$out/publish-$flavour.log" 2>&1 \
    || { cat "$out/publish-$flavour.log" >&2; echo "bench: publishing the $flavour bootstrap failed" >&2; exit 1; }
done
echo "bench: built in $((SECONDS - started)) s" >&2

driver=(dotnet bench/NeptuneNotifier.Benchmarks/bin/Release/net10.0/NeptuneNotifier.Benchmarks.dll)
if $tiny; then
  cycle=(--sizes 10,100,200 --timeout-minutes 3)
  bootstrap=(--runs 3 --memory-tasks 100 --timeout-minutes 3)
  builder=(--tiny --timeout-minutes 3)
  strategies=(--sizes 100,1000 --graphs 1,10 --timeout-minutes 3)
else
  cycle=(--sizes 10,100,1000,10000 --timeout-minutes 40)
  bootstrap=(--runs 9 --memory-tasks 1000 --timeout-minutes 15)
  builder=(--timeout-minutes 15)
  strategies=(--sizes 100,1000,10000 --graphs 1,10,100 --past-exports 50 --latency-ms 50 --timeout-minutes 10)
fi

failed=()
run() {
  local name=$1; shift
  echo "bench: $name" >&2
  if ! "${driver[@]}" "$name" --out "$results" "$@" >"$out/$name.log" 2>&1; then
    tail -n 30 "$out/$name.log" >&2
    failed+=("$name")
  fi
}
run cycle --latency-ms 50 --rps 50 --concurrency 8 --burst 5 "${cycle[@]}"
run bootstrap --aot "$out/aot/bootstrap" --jit "$out/jit/bootstrap" --cold-tasks 10 "${bootstrap[@]}"
run builder "${builder[@]}"
run strategies "${strategies[@]}"

echo
echo "NeptuneNotifier benchmarks ($($tiny && echo tiny || echo full)) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), in $((SECONDS - started)) s"
# Wall-clock figures depend on what else the machine runs: the load average says how busy it was.
echo "load average at start: $load_at_start; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -f "$results" ]; then
  awk -F'\t' '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } rows = NR; if (NF > cols) cols = NF }
    END {
      for (r = 1; r <= rows; r++) {
        line = ""
        for (i = 1; i <= cols; i++) line = line sprintf("%-" width[i] "s", cell[r, i]) (i < cols ? " | " : "")
        print line
        if (r == 1) { sep = ""; for (i = 1; i <= cols; i++) { s = sprintf("%" width[i] "s", ""); gsub(/ /, "-", s); sep = sep s (i < cols ? "-|-" : "") } print sep }
      }
    }' "$results"
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: FAILED: ${failed[*]} (logs in $out/)" >&2
  exit 1
fi
