#!/usr/bin/env python3
"""mlbench peer: scikit-learn MLPClassifier (one hidden layer of 64 relu units, adam), the native
counterpart of mlbench's tfjs MLP, on the same encoding as sklearn_logreg.py (OneHotEncoder with
handle_unknown='ignore' for calendar fields and categorical columns, StandardScaler for the
measures). scikit-learn's defaults otherwise (batch 200, learning rate 0.001, L2 1e-4), for
the workload's epochs: one partial_fit per epoch (the same updates as fit), so it reports the
test AUC after each epoch (history) with the training time, evaluation excluded.
"""
# mlbench-requires: numpy scipy sklearn
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlbench_peer as peer  # noqa: E402

request = peer.read_request()
np, sklearn = peer.import_or_unavailable(["numpy", "sklearn"])
import time  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402

tool = {"name": "scikit-learn", "version": sklearn.__version__, "model": "MLPClassifier(64 relu, adam)"}
peer.answer_probe_or_wrong_model(request, tool, "mlp")
data = request["data"]
hyper = request.get("hyper", {})
x_train, y_train = peer.load_columns(np, data, "train")
x_test, y_test = peer.load_columns(np, data, "test")
scaled, onehot, dropped = peer.linear_layout(data)
t0 = time.perf_counter()
encoder = ColumnTransformer([("scale", StandardScaler(), scaled), ("onehot", OneHotEncoder(handle_unknown="ignore"), onehot)])
z_train = encoder.fit_transform(x_train).tocsr()
z_test = encoder.transform(x_test).tocsr()
encode_seconds = time.perf_counter() - t0
epochs = int(hyper.get("maxEpochs", 3))
model = MLPClassifier(hidden_layer_sizes=(64,), activation="relu", solver="adam", random_state=int(request.get("seed", 42)))
clock = peer.Clock()
history = []
for epoch in range(1, epochs + 1):
    clock.start()
    model.partial_fit(z_train, y_train, classes=[0, 1])
    seconds = clock.stop()
    history.append({"epoch": epoch, "metric": peer.auc(np, model.predict_proba(z_test)[:, 1], y_test), "trainSeconds": seconds})
model.predict_proba(z_test)[:, 1].astype("<f4").tofile(request["output"]["predictions"])
encoding = {"by": "scikit-learn ColumnTransformer, fitted on the training slice", "standardised": peer.names(data, scaled),
            "oneHot": peer.names(data, onehot), "oneHotNote": "OneHotEncoder(handle_unknown='ignore')", "dropped": peer.names(data, dropped),
            "width": int(z_train.shape[1]), "encodeSeconds": encode_seconds}
peer.reply({"status": "ok", "trainSeconds": clock.seconds, "epochs": epochs, "history": history, "version": sklearn.__version__, "threads": 1,
            "tool": tool, "encoding": encoding, "peakRssBytes": peer.peak_rss_bytes()})
