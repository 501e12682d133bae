#!/usr/bin/env python3
"""mlbench peer: xgboost gradient-boosted trees (tree_method=hist, 100 trees, depth 10, eta 0.1)
on mlbench's split, as benchm-ml ran it. Speaks the external protocol
(harness/runtimes/EXTERNAL.md); unavailable, with the install command, when xgboost is absent.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlbench_peer as peer  # noqa: E402

mods = peer.import_or_reexec(["numpy", "scipy.sparse", "xgboost"])
request = peer.read_request()
if mods is None:
    peer.unavailable()
    sys.exit(0)
import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import xgboost as xgb  # noqa: E402

threads = os.cpu_count() or 1
tool = {"name": "xgboost", "version": xgb.__version__, "model": "hist, 100 trees, depth 10, eta 0.1"}
peer.answer_probe_or_wrong_model(request, tool, "gbt")
data = request["data"]
hyper = request.get("hyper", {})
x_train, y_train = peer.load_slice(np, sp, data, "train")
x_test, _ = peer.load_slice(np, sp, data, "test")
params = {
    "objective": "binary:logistic", "tree_method": str(hyper.get("treeMethod", "hist")),
    "max_depth": int(hyper.get("maxDepth", 10)), "eta": float(hyper.get("eta", 0.1)),
    "nthread": threads, "seed": int(request.get("seed", 42)),
}
t0 = time.perf_counter()
dtrain = xgb.DMatrix(x_train, label=y_train)
booster = xgb.train(params, dtrain, num_boost_round=int(hyper.get("trees", 100)))
seconds = time.perf_counter() - t0
booster.predict(xgb.DMatrix(x_test)).astype("<f4").tofile(request["output"]["predictions"])
peer.reply({"status": "ok", "trainSeconds": seconds, "epochs": 1, "version": xgb.__version__, "threads": threads, "tool": tool, "peakRssBytes": peer.peak_rss_bytes()})
