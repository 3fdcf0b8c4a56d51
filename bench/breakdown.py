#!/usr/bin/env python3
"""Where a workflow's time goes, from its event history: the median of each step over many runs.

    bench/breakdown.py ADDRESS QUERY [LIMIT]
    bench/breakdown.py 127.0.0.1:7233 'WorkflowId STARTS_WITH "demo/bench-" AND ExecutionStatus="Completed"' 50

Reads the histories with the project's Temporal CLI (SETTLE_TEMPORAL_CLI or .tools/venv/bin/temporal)
and prints, per step between two consecutive events (e.g. "ActivityTaskScheduled -> ActivityTaskStarted"
is the wait for a worker), the median and p90 in milliseconds, in history order.
"""
import json
import os
import statistics
import subprocess
import sys
from datetime import datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.environ.get("SETTLE_TEMPORAL_CLI", os.path.join(ROOT, ".tools/venv/bin/temporal"))


def temporal(address, *args):
    out = subprocess.run([CLI, *args, "--address", address, "-o", "json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def when(event):
    return datetime.fromisoformat(event["eventTime"].replace("Z", "+00:00"))


def short(event_type):
    return "".join(p.capitalize() for p in event_type.removeprefix("EVENT_TYPE_").split("_"))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    address, query = sys.argv[1], sys.argv[2]
    limit = sys.argv[3] if len(sys.argv) > 3 else "50"
    runs = temporal(address, "workflow", "list", "--query", query, "--limit", limit)
    steps, totals = {}, []
    for run in runs:
        events = temporal(address, "workflow", "show", "-w", run["execution"]["workflowId"])["events"]
        for before, after in zip(events, events[1:]):
            key = short(before["eventType"]) + " -> " + short(after["eventType"])
            order, values = steps.setdefault(key, (len(steps), []))
            values.append((when(after) - when(before)).total_seconds() * 1000)
        totals.append((when(events[-1]) - when(events[0])).total_seconds() * 1000)
    print(f"{len(runs)} workflows; first to last event: median {statistics.median(totals):.1f} ms")
    print(f"{'step':<72} {'n':>4} {'median ms':>10} {'p90 ms':>8}")
    for key, (_, values) in sorted(steps.items(), key=lambda kv: kv[1][0]):
        values.sort()
        p90 = values[min(len(values) - 1, int(len(values) * 0.9))]
        print(f"{key:<72} {len(values):>4} {statistics.median(values):>10.1f} {p90:>8.1f}")


if __name__ == "__main__":
    main()
