#!/usr/bin/env python3
"""mlbench peer: scikit-learn logistic regression (lbfgs, L2, C=1) on mlbench's split.

Speaks the external protocol (harness/runtimes/EXTERNAL.md). Unavailable, with the install
command, when scikit-learn is absent.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlbench_peer as peer  # noqa: E402

mods = peer.import_or_reexec(["numpy", "scipy.sparse", "sklearn"])
request = peer.read_request()
if mods is None:
    peer.unavailable()
    sys.exit(0)
import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import sklearn  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

tool = {"name": "scikit-learn", "version": sklearn.__version__, "model": "LogisticRegression(lbfgs, C=1)"}
peer.answer_probe_or_wrong_model(request, tool, "logreg")
data = request["data"]
x_train, y_train = peer.load_slice(np, sp, data, "train")
x_test, _ = peer.load_slice(np, sp, data, "test")
hyper = request.get("hyper", {})
model = LogisticRegression(C=float(hyper.get("C", 1.0)), solver="lbfgs", max_iter=int(hyper.get("maxIter", 200)), random_state=request.get("seed", 42))
t0 = time.perf_counter()
model.fit(x_train, y_train)
seconds = time.perf_counter() - t0
model.predict_proba(x_test)[:, 1].astype("<f4").tofile(request["output"]["predictions"])
peer.reply({"status": "ok", "trainSeconds": seconds, "epochs": int(model.n_iter_[0]), "version": sklearn.__version__, "threads": 1, "tool": tool, "peakRssBytes": peer.peak_rss_bytes()})
