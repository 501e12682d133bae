#!/usr/bin/env python3
"""mlbench peer: scikit-learn logistic regression (lbfgs, L2, C=1) on mlbench's split, encoded as a
scikit-learn user does: OneHotEncoder(handle_unknown='ignore') for the calendar fields and the
categorical columns, StandardScaler for the measures, the split's period left out.

Speaks the external protocol (harness/runtimes/EXTERNAL.md). lbfgs reports no per-iteration
quality, so this peer has no time to target. Unavailable, naming the interpreter and what it
lacks, when scikit-learn is absent.
"""
# mlbench-requires: numpy scipy sklearn
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlbench_peer as peer  # noqa: E402

request = peer.read_request()
np, sklearn = peer.import_or_unavailable(["numpy", "sklearn"])
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

tool = {"name": "scikit-learn", "version": sklearn.__version__, "model": "LogisticRegression(lbfgs, C=1)"}
peer.answer_probe_or_wrong_model(request, tool, "logreg")
data = request["data"]
hyper = request.get("hyper", {})
x_train, y_train = peer.load_columns(np, data, "train")
x_test, _ = peer.load_columns(np, data, "test")
scaled, onehot, dropped = peer.linear_layout(data)
t0 = time.perf_counter()
encoder = ColumnTransformer([("scale", StandardScaler(), scaled), ("onehot", OneHotEncoder(handle_unknown="ignore"), onehot)])
z_train = encoder.fit_transform(x_train)
z_test = encoder.transform(x_test)
encode_seconds = time.perf_counter() - t0
model = LogisticRegression(C=float(hyper.get("C", 1.0)), solver="lbfgs", max_iter=int(hyper.get("maxIter", 1000)), random_state=request.get("seed", 42))
t0 = time.perf_counter()
model.fit(z_train, y_train)
seconds = time.perf_counter() - t0
model.predict_proba(z_test)[:, 1].astype("<f4").tofile(request["output"]["predictions"])
encoding = {"by": "scikit-learn ColumnTransformer, fitted on the training slice", "standardised": peer.names(data, scaled),
            "oneHot": peer.names(data, onehot), "oneHotNote": "OneHotEncoder(handle_unknown='ignore')", "dropped": peer.names(data, dropped),
            "width": int(z_train.shape[1]), "encodeSeconds": encode_seconds}
peer.reply({"status": "ok", "trainSeconds": seconds, "epochs": int(model.n_iter_[0]), "version": sklearn.__version__, "threads": 1,
            "tool": tool, "encoding": encoding, "peakRssBytes": peer.peak_rss_bytes()})
