#!/usr/bin/env python3
"""mlbench peer: xgboost gradient-boosted trees (tree_method=hist, 100 trees, depth 10, eta 0.1,
all cores) on mlbench's split, as benchm-ml ran it, encoded as tree users do: every numeric
column (calendar fields included) as its number, the categorical columns one-hot in a sparse
matrix (benchm-ml's xgboost input; hyper "categorical": "native" uses xgboost's own categorical
splits instead). Reports the test AUC after each boosting round (history), with the training
time, evaluation excluded. Speaks the external protocol (harness/runtimes/EXTERNAL.md).
"""
# mlbench-requires: numpy scipy xgboost
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlbench_peer as peer  # noqa: E402

request = peer.read_request()
np, sp, xgb = peer.import_or_unavailable(["numpy", "scipy.sparse", "xgboost"])
import time  # noqa: E402

threads = os.cpu_count() or 1
tool = {"name": "xgboost", "version": xgb.__version__, "model": "hist, 100 trees, depth 10, eta 0.1"}
peer.answer_probe_or_wrong_model(request, tool, "gbt")
data = request["data"]
hyper = request.get("hyper", {})
categorical_mode = str(hyper.get("categorical", "onehot"))
x_train, y_train = peer.load_columns(np, data, "train")
x_test, y_test = peer.load_columns(np, data, "test")
numeric = [i for i, c in enumerate(data["columns"]) if c["kind"] == "numeric"]
categorical = [i for i, c in enumerate(data["columns"]) if c["kind"] == "categorical"]


def matrix(x, label=None):
    if categorical_mode == "native":
        types = ["c" if c["kind"] == "categorical" else "q" for c in data["columns"]]
        return xgb.DMatrix(x, label=label, feature_types=types, enable_categorical=True, nthread=threads)
    # One-hot of the categorical ids (same ids in train and test: the table's vocabulary).
    blocks = [sp.csr_matrix(x[:, numeric])]
    for i in categorical:
        card = int(data["columns"][i]["cardinality"])
        ids = x[:, i].astype(np.int64)
        blocks.append(sp.csr_matrix((np.ones(len(ids)), (np.arange(len(ids)), ids)), shape=(len(ids), card)))
    return xgb.DMatrix(sp.hstack(blocks, format="csr"), label=label, nthread=threads)


params = {
    "objective": "binary:logistic", "tree_method": str(hyper.get("treeMethod", "hist")),
    "max_depth": int(hyper.get("maxDepth", 10)), "eta": float(hyper.get("eta", 0.1)),
    "nthread": threads, "seed": int(request.get("seed", 42)), "base_score": 0.5,
}
dtest = matrix(x_test)
margin = np.zeros(len(y_test))
history = []


class RoundClock(xgb.callback.TrainingCallback):
    """Times each boosting round and adds the new tree's test margin (base_score 0.5 = margin 0)
    outside the timed span, for the test AUC after each round."""

    def before_iteration(self, model, epoch, evals_log):
        clock.start()
        return False

    def after_iteration(self, model, epoch, evals_log):
        seconds = clock.stop()
        margin[:] += model.predict(dtest, output_margin=True, iteration_range=(epoch, epoch + 1))
        history.append({"epoch": epoch + 1, "metric": peer.auc(np, margin, y_test), "trainSeconds": seconds})
        return False


clock = peer.Clock()
clock.start()
dtrain = matrix(x_train, y_train)
clock.stop()
booster = xgb.train(params, dtrain, num_boost_round=int(hyper.get("trees", 100)), callbacks=[RoundClock()])
booster.predict(dtest).astype("<f4").tofile(request["output"]["predictions"])
encoding = {"by": "tree users' practice", "numbers": [data["columns"][i]["name"] for i in numeric],
            ("categoricalNative" if categorical_mode == "native" else "oneHot"): [data["columns"][i]["name"] for i in categorical]}
peer.reply({"status": "ok", "trainSeconds": clock.seconds, "epochs": len(history), "history": history, "version": xgb.__version__,
            "threads": threads, "tool": tool, "encoding": encoding, "peakRssBytes": peer.peak_rss_bytes()})
