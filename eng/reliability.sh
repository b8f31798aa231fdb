#!/usr/bin/env bash
# Runs the fault-injection suite (test/NeptuneNotifier.IntegrationTests/Reliability) with a chosen seed, number of
# cycles and number of concurrent tasks, and writes the figures of each run (FIFO topic, standard topic, and GRAPH_IDS
# discovery on a standard topic, and POLL_STRATEGY=list with misleading listings) as JSON.
#
#   eng/reliability.sh --seed 7 --cycles 500 [--tasks 24] [--figures artifacts/reliability]
#
# Without options it repeats the short runs of the normal test run (seed 20261129, 120 cycles, 12 tasks; discovery:
# 80 cycles, 6 graphs; list-then-get: 12 tasks over 3 graphs). --seed, --cycles and --tasks apply to all four runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seed=""
cycles=""
tasks=""
figures="$root/artifacts/reliability"

usage() {
  sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

number() {
  [[ "$2" =~ ^[0-9]+$ ]] || { echo "reliability.sh: $1 needs a whole number, got '$2'" >&2; exit 2; }
  printf '%s' "$2"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) [[ $# -ge 2 ]] || usage; seed="$(number --seed "$2")"; shift 2 ;;
    --cycles) [[ $# -ge 2 ]] || usage; cycles="$(number --cycles "$2")"; shift 2 ;;
    --tasks) [[ $# -ge 2 ]] || usage; tasks="$(number --tasks "$2")"; shift 2 ;;
    --figures) [[ $# -ge 2 ]] || usage; figures="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "reliability.sh: unknown option '$1'" >&2; usage ;;
  esac
done

mkdir -p "$figures"
figures="$(cd "$figures" && pwd)"
rm -f "$figures/fifo.json" "$figures/standard.json" "$figures/discovery.json" "$figures/listthenget.json"

[[ -n "$seed" ]] && export NEPTUNE_NOTIFIER_RELIABILITY_SEED="$seed"
[[ -n "$cycles" ]] && export NEPTUNE_NOTIFIER_RELIABILITY_CYCLES="$cycles"
[[ -n "$tasks" ]] && export NEPTUNE_NOTIFIER_RELIABILITY_TASKS="$tasks"
export NEPTUNE_NOTIFIER_RELIABILITY_FIGURES="$figures/{label}.json"

status=0
dotnet test "$root/test/NeptuneNotifier.IntegrationTests" \
  --filter "FullyQualifiedName~Reliability.FaultInjectionTests" \
  --logger "console;verbosity=normal" || status=$?

for label in fifo standard discovery listthenget; do
  if [[ -f "$figures/$label.json" ]]; then
    echo "== $label run: $figures/$label.json"
    cat "$figures/$label.json"
  else
    echo "== $label run: no figures written (the run did not finish)" >&2
    status=1
  fi
done

exit "$status"
