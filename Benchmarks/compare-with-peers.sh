#!/usr/bin/env bash
# Runs Lettershop and the engines of a .docx mail-merge benchmark harness (a C lower bound with
# libzip, a C lower bound with a hand-written zip writer, docx-mailmerge2, docxtpl) on the same
# template and data in one run, and prints Lettershop's rate divided by each engine's.
#
# usage: Benchmarks/compare-with-peers.sh HARNESS_DIR [N ...]        (default N: 1000 10000 100000)
#   env: REPEAT=5   runs per engine, interleaved (medians are compared)
#        LEVEL=6    deflate level for every engine that takes one
#        PEERS=all  also run the Python engines at N > 1000 (slow: minutes per 1,000 documents)
# HARNESS_DIR holds run_bench.sh (it writes to $OUT, default /tmp/mmbench).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
harness=${1:?usage: $0 HARNESS_DIR [N ...]}
shift
sizes=${*:-1000 10000 100000}
export REPEAT=${REPEAT:-5} LEVEL=${LEVEL:-6} OUT=${OUT:-/tmp/mmbench}

(cd "$here" && swift build -c release --product lettershop >/dev/null)
bin="$here/.build/release/lettershop"
export ENGINE_lettershop1="\"$bin\" merge \"\$TEMPLATE\" --data \"\$CSV\" --out \"\$OUTDIR\" --name 'letter_{#}' --force --jobs 1 --compression-level $LEVEL"
export ENGINE_lettershop="\"$bin\" merge \"\$TEMPLATE\" --data \"\$CSV\" --out \"\$OUTDIR\" --name 'letter_{#}' --force --compression-level $LEVEL"

for n in $sizes; do
    engines="limit limit-raw lettershop1 lettershop"
    if [ "$n" -le 1000 ] || [ "${PEERS:-}" = all ]; then engines="$engines mailmerge docxtpl"; fi
    (cd "$harness" && ENGINES="$engines" ./run_bench.sh "$n" >/dev/null 2>&1)
    python3 - "$OUT/results_$n.md" "$n" <<'PY'
import re, sys
rows = {}
for line in open(sys.argv[1], encoding="utf-8"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) < 6 or not re.match(r"^\d+", cells[3]):
        continue
    rate = int(re.match(r"(\d+)", cells[3]).group(1))
    label = cells[0]
    key = ("lettershop --jobs 1" if label.startswith("lettershop1") else
           "lettershop (all cores)" if label.startswith("lettershop") else label)
    rows[key] = (rate, cells[3], cells[5])
print(f"\nN = {sys.argv[2]}")
print(f"{'engine':45} {'docs/s (min-max)':>22} {'peak RSS MB':>12}")
for key, (rate, shown, rss) in rows.items():
    print(f"{key:45} {shown:>22} {rss:>12}")
one = rows.get("lettershop --jobs 1", (0,))[0]
every = rows.get("lettershop (all cores)", (0,))[0]
for key, (rate, _, _) in rows.items():
    if key.startswith("lettershop") or not rate:
        continue
    print(f"  lettershop --jobs 1 / {key}: {one / rate:.2f}x;  all cores / {key}: {every / rate:.2f}x")
if one:
    print(f"  all cores / --jobs 1: {every / one:.2f}x")
PY
done
