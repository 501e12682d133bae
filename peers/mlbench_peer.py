"""Shared helpers of mlbench's Python peers: the external protocol (harness/runtimes/EXTERNAL.md).

A peer reads one JSON request from stdin and writes one JSON object as the last line of
stdout. Data arrive as the split's raw columns (format "columns-le"): one little-endian file per
column (numeric float64, categorical int32 ids into the column's vocabulary), labels uint8, and
each numeric column's role (measure, calendar, period). Each peer encodes them as its users do.
Predictions go back as float32 P(label = 1) per test row.

The interpreter is chosen by mlbench (setting peers.python, MLBENCH_PYTHON, else the first of
python3 and /usr/bin/python3 that has a peer's libraries); a peer run under one that lacks them
replies unavailable, naming the interpreter and what it lacked.
"""
import importlib
import json
import platform
import resource
import sys
import time

INSTALL = "apt-get install python3-sklearn python3-xgboost, or choose the interpreter with MLBENCH_PYTHON / --set peers.python=<path>"


def read_request():
    return json.loads(sys.stdin.read())


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def import_or_unavailable(modules):
    """Imports `modules` and returns them; when any is missing, replies unavailable (naming this
    interpreter and the missing modules) and exits."""
    found, missing = [], []
    for m in modules:
        try:
            found.append(importlib.import_module(m))
        except ImportError:
            missing.append(m)
    if missing:
        reply({"available": False, "status": "unavailable", "reason": "%s (Python %s) lacks %s: %s" % (
            sys.executable, platform.python_version(), ", ".join(missing), INSTALL)})
        sys.exit(0)
    return found


def answer_probe_or_wrong_model(request, tool, model):
    """Replies to a probe, or refuses a model this peer does not train, and exits; returns otherwise."""
    if request["type"] == "probe":
        reply({"available": True, "version": tool["version"], "tool": tool})
        sys.exit(0)
    if request.get("model") != model:
        reply({"status": "unavailable", "reason": "this peer trains model %s only, not %s" % (model, request.get("model"))})
        sys.exit(0)


def peak_rss_bytes():
    """The process's own peak RSS (getrusage ru_maxrss, KiB on Linux), as mlbench's tfjs jobs read theirs."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def load_columns(np, data, part):
    """The raw columns of `part` (train | test) as a float64 matrix rows x columns, in the order of
    data["columns"], and the labels."""
    s = data[part]
    cols = []
    for c in data["columns"]:
        dtype = "<f8" if c["kind"] == "numeric" else "<i4"
        cols.append(np.fromfile(s["columns"][c["name"]], dtype=dtype).astype(np.float64))
    x = np.column_stack(cols) if cols else np.zeros((s["rows"], 0))
    return x, np.fromfile(s["labels"], dtype=np.uint8)


def linear_layout(data):
    """Column indices a linear-model user standardises, one-hot encodes and leaves out: measures
    scaled; calendar fields and categorical columns one-hot; the split's period dropped."""
    scaled, onehot, dropped = [], [], []
    for i, c in enumerate(data["columns"]):
        role = c.get("role", "measure")
        if c["kind"] == "categorical" or role == "calendar":
            onehot.append(i)
        elif role == "period":
            dropped.append(i)
        else:
            scaled.append(i)
    return scaled, onehot, dropped


def names(data, idx):
    return [data["columns"][i]["name"] for i in idx]


def auc(np, scores, labels):
    """Exact ROC AUC with ties (average ranks), numpy only: the metric of the per-epoch history."""
    order = np.argsort(scores, kind="mergesort")
    s = scores[order]
    ranks = np.empty(len(s))
    _, first, counts = np.unique(s, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(avg, counts)
    pos = labels == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


class Clock:
    """Cumulative training seconds, with evaluation excluded: the history's time axis."""

    def __init__(self):
        self.seconds = 0.0
        self._t = None

    def start(self):
        self._t = time.perf_counter()

    def stop(self):
        self.seconds += time.perf_counter() - self._t
        return self.seconds
