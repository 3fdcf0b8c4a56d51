#!/usr/bin/env bash
# The bench on both Temporal engines in one run: bench/run.sh with SETTLE_ENGINE=dev, then with
# SETTLE_ENGINE=cluster (each a fresh stack of its own), then one table of cluster/dev ratios per
# cell (workers, load, scenario). Reports: bench/target/bench-dev.md, bench-cluster.md, bench-engines.md.
#
#   bench/engines.sh                  floor, raw and gateway at concurrency 1 and 8, one worker, 15 s a cell
#   bench/engines.sh --concurrency 8 --duration 10s
#                                     other BenchMain options, passed to both runs (after the defaults)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
OUT="$ROOT/bench/target"
mkdir -p "$OUT"

defaults=(--scenarios "floor,raw,gateway" --concurrency "1,8" --workers 1 --duration 15s)
for engine in dev cluster; do
  echo "bench: SETTLE_ENGINE=$engine" >&2
  SETTLE_ENGINE=$engine bench/run.sh "${defaults[@]}" "$@" --out "$OUT/bench-$engine.md" >/dev/null
done

# The cells of both reports side by side: ops/s and latency percentiles, and cluster/dev for each.
python3 - "$OUT/bench-dev.md" "$OUT/bench-cluster.md" "$*" >"$OUT/bench-engines.md" <<'PY'
import sys

def cells(path):
    rows, table = {}, False
    for line in open(path, encoding="utf-8"):
        if line.startswith("### Throughput"):
            table = True
        elif line.startswith("###"):
            table = False
        elif table and line.startswith("| ") and not line.startswith("| workers"):
            c = [x.strip() for x in line.strip().strip("|").split("|")]
            rows[(c[0], c[1], c[2])] = {"ok": int(c[3]), "errors": int(c[4]), "ops": float(c[5]),
                                        "p50": float(c[6]), "p95": float(c[7]), "p99": float(c[8])}
    return rows

dev, cluster = cells(sys.argv[1]), cells(sys.argv[2])
print("## Settle bench, cluster (Temporal server 1.32.1, 8 shards, PostgreSQL) vs dev server (SQLite, 1 shard)\n")
print(f"- reports: bench/target/bench-dev.md, bench/target/bench-cluster.md; extra arguments: `{sys.argv[3]}`\n")
print("| workers | load | scenario | dev ops/s | cluster ops/s | cluster/dev ops/s | dev p50 / p95 ms "
      "| cluster p50 / p95 ms | cluster/dev p50 | errors dev / cluster |")
print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
for key in dev:
    if key not in cluster:
        continue
    d, c = dev[key], cluster[key]
    ratio_ops = c["ops"] / d["ops"] if d["ops"] else float("nan")
    ratio_p50 = c["p50"] / d["p50"] if d["p50"] else float("nan")
    print(f"| {key[0]} | {key[1]} | {key[2]} | {d['ops']:.1f} | {c['ops']:.1f} | {ratio_ops:.2f} "
          f"| {d['p50']:.1f} / {d['p95']:.1f} | {c['p50']:.1f} / {c['p95']:.1f} | {ratio_p50:.2f} "
          f"| {d['errors']} / {c['errors']} |")
PY
cat "$OUT/bench-engines.md"
