"""Shared helpers of mlbench's Python peers: the external protocol (harness/runtimes/EXTERNAL.md).

A peer reads one JSON request from stdin and writes one JSON object as the last line of
stdout. Data arrive as raw little-endian arrays: numeric float32 (rows x nNumeric, already
standardised with the training slice's statistics), categorical int32 ids (rows x nCat; 0 =
unseen in training), labels uint8. Predictions go back as float32 P(label = 1) per test row.
"""
import json
import os
import resource
import sys

INSTALL = "python3-sklearn not installed: apt-get install python3-sklearn python3-xgboost"


def import_or_reexec(modules):
    """Imports `modules`; when one is missing, retries once under the system python3 (where apt
    installs python3-sklearn) before the caller reports the peer unavailable."""
    try:
        return [__import__(m) for m in modules]
    except ImportError:
        system = "/usr/bin/python3"
        if os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system) and not os.environ.get("MLBENCH_PEER_REEXEC"):
            os.environ["MLBENCH_PEER_REEXEC"] = "1"
            os.execv(system, [system] + sys.argv)
        return None


def read_request():
    return json.loads(sys.stdin.read())


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def unavailable():
    reply({"available": False, "status": "unavailable", "reason": INSTALL})


def answer_probe_or_wrong_model(request, tool, model):
    """Replies to a probe, or refuses a model this peer does not train, and exits; returns otherwise."""
    if request["type"] == "probe":
        reply({"available": True, "version": tool["version"], "tool": tool})
        sys.exit(0)
    if request.get("model") != model:
        reply({"status": "unavailable", "reason": "this peer trains model %s only, not %s" % (model, request.get("model"))})
        sys.exit(0)


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def load_slice(np, sp, data, part):
    """Numeric block + one-hot categorical block as a sparse CSR matrix (the linear-model layout)."""
    s = data[part]
    rows = s["rows"]
    n_num = len(data["numericColumns"])
    cards = [c["cardinality"] for c in data["categoricalColumns"]]
    numeric = np.fromfile(s["numeric"], dtype="<f4").reshape(rows, n_num)
    cat = np.fromfile(s["categorical"], dtype="<i4").reshape(rows, len(cards))
    labels = np.fromfile(s["labels"], dtype=np.uint8)
    offsets = np.concatenate([[0], np.cumsum(cards)[:-1]]).astype(np.int64) + n_num
    cols = np.concatenate([np.tile(np.arange(n_num), (rows, 1)), cat + offsets], axis=1).ravel()
    vals = np.concatenate([numeric, np.ones((rows, len(cards)), dtype=np.float32)], axis=1).ravel()
    indptr = np.arange(0, rows * (n_num + len(cards)) + 1, n_num + len(cards))
    x = sp.csr_matrix((vals, cols, indptr), shape=(rows, n_num + int(sum(cards))))
    return x, labels
