"""Held-out predictions of a real classifier on breast_cancer, for the `kiln evaluate` quick start.

Run from the repository root with Debian's python3-sklearn (scikit-learn 1.2.1):
    /usr/bin/python3 examples/evaluate/make_predictions.py

Writes examples/evaluate/predictions.csv (columns: diagnosis, prediction, proba_benign, proba_malignant) and
tests/reference/evaluate_example.json, scikit-learn's metric values for that file, which the CLI tests compare
`kiln evaluate --json` against. Probabilities are written with 6 decimals, and the metrics are computed from the
values as written (read back from the CSV), so the file and the reference agree exactly.
"""
import json
import pathlib

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics as m
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

root = pathlib.Path(__file__).resolve().parents[2]
data = pd.read_csv(root / "tests" / "data" / "breast_cancer.csv")
features = data.drop(columns=["target"])
target = data["target"]
train_x, test_x, train_y, test_y = train_test_split(features, target, test_size=0.3, stratify=target, random_state=7)

# A deliberately small model (C=0.01) so the example shows some errors rather than a perfect score.
model = make_pipeline(StandardScaler(), LogisticRegression(C=0.01, max_iter=1000)).fit(train_x, train_y)
classes = list(model.classes_)  # ['benign', 'malignant']: sorted, as Kiln orders classes
probabilities = model.predict_proba(test_x)
frame = pd.DataFrame({"diagnosis": test_y.to_numpy(), "prediction": model.predict(test_x)})
for index, name in enumerate(classes):
    frame[f"proba_{name}"] = np.round(probabilities[:, index], 6)
output = root / "examples" / "evaluate" / "predictions.csv"
frame.to_csv(output, index=False, float_format="%.6f", lineterminator="\n")

# Metrics of the file as written: positive class 'malignant' (the second class, Kiln's default).
written = pd.read_csv(output)
y_true, y_pred = written["diagnosis"].to_numpy(), written["prediction"].to_numpy()
proba = written[[f"proba_{name}" for name in classes]].to_numpy()
positive = "malignant"
score = written[f"proba_{positive}"].to_numpy()
is_positive = (y_true == positive).astype(int)
results = {
    "accuracy": m.accuracy_score(y_true, y_pred),
    "balanced_accuracy": m.balanced_accuracy_score(y_true, y_pred),
}
for name, metric in (("precision", m.precision_score), ("recall", m.recall_score), ("f1", m.f1_score)):
    results[f"{name}_binary"] = metric(y_true, y_pred, pos_label=positive, zero_division=0)
    for average in ("macro", "micro", "weighted"):
        results[f"{name}_{average}"] = metric(y_true, y_pred, average=average, zero_division=0)
results["roc_auc"] = m.roc_auc_score(is_positive, score)
results["average_precision"] = m.average_precision_score(is_positive, score)
results["log_loss"] = m.log_loss(y_true, proba, labels=classes)
results["brier_score"] = m.brier_score_loss(is_positive, score)
results["matthews_corrcoef"] = m.matthews_corrcoef(y_true, y_pred)
results["cohen_kappa"] = m.cohen_kappa_score(y_true, y_pred)
results = {key: float(value) for key, value in results.items()}
results["confusion_matrix"] = m.confusion_matrix(y_true, y_pred, labels=classes).tolist()

reference = {
    "description": "scikit-learn's metrics of examples/evaluate/predictions.csv (made by examples/evaluate/make_predictions.py)",
    "sklearn_version": sklearn.__version__,
    "file": "examples/evaluate/predictions.csv",
    "target": "diagnosis",
    "positive_label": positive,
    "labels": classes,
    "rows": int(len(written)),
    "results": results,
}
(root / "tests" / "reference" / "evaluate_example.json").write_text(json.dumps(reference, indent=1) + "\n")
print(json.dumps(results, indent=1))
