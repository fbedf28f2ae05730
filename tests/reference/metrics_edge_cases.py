"""Edge-case metric vectors computed with scikit-learn, in the format of metrics_cases.json.

Run with Debian's python3-sklearn (scikit-learn 1.2.1):
    /usr/bin/python3 tests/reference/metrics_edge_cases.py > tests/reference/metrics_edge_cases.json

Conventions are those of metrics_cases.json, plus: Kiln's classes are an explicit list, so the probability metrics
of multiclass cases pass labels=<the class list> (log_loss, roc_auc_score), and per-class scores and the confusion
matrix cover every listed class (labels=<the class list>). Averages (macro/weighted, balanced accuracy, kappa) use
scikit-learn's default labels=None, the labels present in y_true or y_pred. A metric that raises, or returns NaN,
is recorded as {"error": message}.
"""
import json
import math
import warnings

import numpy as np
import sklearn
from sklearn import metrics as m
from sklearn.preprocessing import label_binarize

warnings.simplefilter("ignore")


def guarded(function):
    try:
        value = function()
    except Exception as error:  # scikit-learn refuses the input
        return {"error": str(error)}
    if isinstance(value, np.ndarray):
        return value.tolist()
    value = float(value)
    if math.isnan(value):
        return {"error": "scikit-learn returns NaN"}
    return value


def binary_case(name, description, y_true, y_pred, y_score, pos_label=1, sample_weight=None):
    labels = [0, 1]
    t, p, s = np.array(y_true), np.array(y_pred), np.array(y_score, dtype=float)
    w = None if sample_weight is None else np.array(sample_weight, dtype=float)
    results = {
        "accuracy": guarded(lambda: m.accuracy_score(t, p, sample_weight=w)),
        "balanced_accuracy": guarded(lambda: m.balanced_accuracy_score(t, p, sample_weight=w)),
    }
    for metric_name, metric in (("precision", m.precision_score), ("recall", m.recall_score), ("f1", m.f1_score)):
        results[f"{metric_name}_binary"] = guarded(lambda: metric(t, p, pos_label=pos_label, sample_weight=w, zero_division=0))
        for average in ("macro", "micro", "weighted"):
            results[f"{metric_name}_{average}"] = guarded(lambda: metric(t, p, average=average, sample_weight=w, zero_division=0))
    positive = (t == pos_label).astype(int)
    results["roc_auc"] = guarded(lambda: m.roc_auc_score(positive, s, sample_weight=w))
    results["average_precision"] = guarded(lambda: m.average_precision_score(positive, s, sample_weight=w))
    results["log_loss"] = guarded(lambda: m.log_loss(positive, np.column_stack([1 - s, s]), sample_weight=w, labels=[0, 1]))
    results["brier_score"] = guarded(lambda: m.brier_score_loss(positive, s, sample_weight=w, pos_label=1))
    results["matthews_corrcoef"] = guarded(lambda: m.matthews_corrcoef(t, p, sample_weight=w))
    results["cohen_kappa"] = guarded(lambda: m.cohen_kappa_score(t, p, sample_weight=w))
    results["confusion_matrix"] = guarded(lambda: m.confusion_matrix(t, p, labels=labels, sample_weight=w))
    return {
        "name": name, "task": "binary", "description": description,
        "inputs": {"y_true": y_true, "y_pred": y_pred, "y_score": y_score, "sample_weight": sample_weight,
                   "pos_label": pos_label, "labels": labels},
        "results": results,
    }


def multiclass_case(name, description, y_true, y_pred, y_proba, labels, sample_weight=None):
    t, p, proba = np.array(y_true), np.array(y_pred), np.array(y_proba, dtype=float)
    w = None if sample_weight is None else np.array(sample_weight, dtype=float)
    results = {
        "accuracy": guarded(lambda: m.accuracy_score(t, p, sample_weight=w)),
        "balanced_accuracy": guarded(lambda: m.balanced_accuracy_score(t, p, sample_weight=w)),
    }
    for metric_name, metric in (("precision", m.precision_score), ("recall", m.recall_score), ("f1", m.f1_score)):
        for average in ("macro", "micro", "weighted"):
            results[f"{metric_name}_{average}"] = guarded(lambda: metric(t, p, average=average, sample_weight=w, zero_division=0))
    for metric_name, metric in (("precision", m.precision_score), ("recall", m.recall_score), ("f1", m.f1_score)):
        results[f"{metric_name}_per_class"] = guarded(lambda: metric(t, p, average=None, labels=labels, sample_weight=w, zero_division=0))
    for average in ("macro", "weighted"):
        results[f"roc_auc_ovr_{average}"] = guarded(lambda: m.roc_auc_score(t, proba, multi_class="ovr", average=average, labels=labels, sample_weight=w))
    for average in ("macro", "weighted"):
        results[f"roc_auc_ovo_{average}"] = guarded(lambda: m.roc_auc_score(t, proba, multi_class="ovo", average=average, labels=labels, sample_weight=w))
    onehot = label_binarize(t, classes=labels)
    for average in ("macro", "micro"):
        results[f"average_precision_ovr_{average}"] = guarded(lambda: m.average_precision_score(onehot, proba, average=average, sample_weight=w))
    results["log_loss"] = guarded(lambda: m.log_loss(t, proba, labels=labels, sample_weight=w))
    results["matthews_corrcoef"] = guarded(lambda: m.matthews_corrcoef(t, p, sample_weight=w))
    results["cohen_kappa"] = guarded(lambda: m.cohen_kappa_score(t, p, sample_weight=w))
    results["cohen_kappa_linear"] = guarded(lambda: m.cohen_kappa_score(t, p, weights="linear", sample_weight=w))
    results["cohen_kappa_quadratic"] = guarded(lambda: m.cohen_kappa_score(t, p, weights="quadratic", sample_weight=w))
    results["confusion_matrix"] = guarded(lambda: m.confusion_matrix(t, p, labels=labels, sample_weight=w))
    results["brier_multiclass_numpy"] = float(np.average(((proba - onehot) ** 2).sum(axis=1), weights=w))
    return {
        "name": name, "task": "multiclass", "description": description,
        "inputs": {"y_true": y_true, "y_pred": y_pred, "y_proba": y_proba, "sample_weight": sample_weight, "labels": labels},
        "results": results,
    }


def regression_case(name, description, y_true, y_pred, sample_weight=None):
    t, p = np.array(y_true, dtype=float), np.array(y_pred, dtype=float)
    w = None if sample_weight is None else np.array(sample_weight, dtype=float)
    results = {
        "mse": guarded(lambda: m.mean_squared_error(t, p, sample_weight=w)),
        "rmse": guarded(lambda: m.mean_squared_error(t, p, sample_weight=w, squared=False)),
        "mae": guarded(lambda: m.mean_absolute_error(t, p, sample_weight=w)),
        "r2": guarded(lambda: m.r2_score(t, p, sample_weight=w)),
        "explained_variance": guarded(lambda: m.explained_variance_score(t, p, sample_weight=w)),
        "mape": guarded(lambda: m.mean_absolute_percentage_error(t, p, sample_weight=w)),
        "median_absolute_error": guarded(lambda: m.median_absolute_error(t, p, sample_weight=w)),
        # max_error has no sample_weight argument: scikit-learn refuses weights.
        "max_error": guarded(lambda: m.max_error(t, p)) if w is None else None,
    }
    return {
        "name": name, "task": "regression", "description": description,
        "inputs": {"y_true": y_true, "y_pred": y_pred, "sample_weight": sample_weight},
        "results": results,
    }


cases = [
    binary_case(
        "binary_pos_label_0", "the positive class is 0; y_score is the probability of class 0",
        [0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0],
        [0, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0],
        [0.9, 0.2, 0.6, 0.7, 0.4, 0.1, 0.8, 0.3, 0.3, 0.45, 0.2, 0.65],
        pos_label=0),
    binary_case(
        "binary_all_scores_tied", "every score is 0.5: ROC AUC 0.5, average precision = prevalence (no interpolation)",
        [0, 1, 1, 0, 1, 0, 0, 1, 1, 1],
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        [0.5] * 10),
    binary_case(
        "binary_ties_across_classes", "ties that mix positives and negatives at several thresholds",
        [1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1],
        [1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0],
        [0.8, 0.8, 0.8, 0.2, 0.4, 0.4, 0.2, 0.6, 0.6, 0.8, 0.6, 0.4, 0.2, 0.4]),
    binary_case(
        "binary_only_positives_in_y_true", "y_true has one class: ROC AUC is undefined",
        [1, 1, 1, 1, 1, 1],
        [1, 0, 1, 1, 0, 1],
        [0.9, 0.3, 0.8, 0.7, 0.2, 0.6]),
    binary_case(
        "binary_zero_weights", "some rows have weight 0, including one tied with a weighted row",
        [1, 0, 1, 0, 1, 0, 1, 0, 0, 1],
        [1, 0, 1, 1, 0, 0, 1, 1, 0, 1],
        [0.9, 0.1, 0.7, 0.7, 0.3, 0.2, 0.6, 0.8, 0.3, 0.5],
        sample_weight=[1.0, 2.0, 0.0, 1.5, 0.5, 0.0, 1.0, 0.0, 2.5, 1.0]),
    binary_case(
        "binary_nothing_predicted_positive", "no positive predictions: precision is 0 by zero_division=0",
        [0, 1, 0, 1, 0, 0, 1, 0],
        [0, 0, 0, 0, 0, 0, 0, 0],
        [0.1, 0.4, 0.2, 0.45, 0.3, 0.05, 0.35, 0.25]),
    multiclass_case(
        "multiclass_class_absent_everywhere", "classes 0..3 but class 1 occurs in neither y_true nor y_pred (only as a probability column): kappa distances skip it",
        [0, 2, 3, 0, 2, 3, 0, 3, 2, 0, 3, 3],
        [0, 3, 3, 0, 2, 2, 0, 3, 2, 2, 3, 0],
        [[0.6, 0.1, 0.2, 0.1], [0.2, 0.1, 0.3, 0.4], [0.1, 0.1, 0.1, 0.7], [0.5, 0.1, 0.2, 0.2], [0.1, 0.1, 0.6, 0.2], [0.2, 0.1, 0.4, 0.3], [0.7, 0.1, 0.1, 0.1], [0.1, 0.1, 0.2, 0.6], [0.2, 0.1, 0.5, 0.2], [0.3, 0.1, 0.4, 0.2], [0.1, 0.3, 0.1, 0.5], [0.4, 0.2, 0.1, 0.3]],
        [0, 1, 2, 3]),
    multiclass_case(
        "multiclass_class_only_predicted", "class 2 is predicted but never true: balanced accuracy drops it, macro precision keeps it",
        [0, 1, 0, 1, 0, 1, 1, 0, 3, 3, 3, 0],
        [0, 1, 2, 1, 0, 2, 1, 0, 3, 2, 3, 1],
        [[0.7, 0.1, 0.1, 0.1], [0.1, 0.7, 0.1, 0.1], [0.3, 0.1, 0.5, 0.1], [0.2, 0.6, 0.1, 0.1],
         [0.6, 0.2, 0.1, 0.1], [0.1, 0.3, 0.5, 0.1], [0.2, 0.5, 0.2, 0.1], [0.8, 0.1, 0.05, 0.05],
         [0.1, 0.1, 0.2, 0.6], [0.1, 0.1, 0.5, 0.3], [0.0, 0.1, 0.1, 0.8], [0.3, 0.4, 0.2, 0.1]],
        [0, 1, 2, 3]),
    multiclass_case(
        "multiclass_rows_not_summing_to_one", "one row of probabilities sums to 0.9: ROC AUC refuses it, log loss renormalizes",
        [0, 1, 2, 0, 1, 2, 0, 1, 2],
        [0, 1, 2, 0, 2, 2, 1, 1, 2],
        [[0.6, 0.2, 0.2], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7], [0.5, 0.3, 0.2], [0.2, 0.3, 0.4],
         [0.1, 0.1, 0.8], [0.3, 0.4, 0.3], [0.2, 0.6, 0.2], [0.3, 0.3, 0.4]],
        [0, 1, 2]),
    multiclass_case(
        "multiclass_all_one_class", "every true and predicted label is class 1: kappa is undefined (NaN in scikit-learn)",
        [1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1],
        [[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.0, 1.0, 0.0], [0.3, 0.4, 0.3], [0.1, 0.6, 0.3]],
        [0, 1, 2]),
    regression_case(
        "regression_weights_all_one", "weights of 1 on an even count: the weighted median takes no average, unlike np.median",
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1.5, 2.5, 2.0, 4.0, 7.0, 6.25],
        sample_weight=[1.0, 1.0, 1.0, 1.0, 1.0, 1.0]),
    regression_case(
        "regression_weighted_median_tie_on_half", "the cumulative weight reaches exactly half the total at one error",
        [0.0, 0.0, 0.0, 0.0], [1.0, 2.0, 3.0, 4.0],
        sample_weight=[1.0, 1.0, 1.0, 1.0]),
    regression_case(
        "regression_even_count_median", "unweighted even count: median is the mean of the two middle errors",
        [1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 5.0, 3.0]),
    regression_case(
        "regression_constant_truth_imperfect", "y_true constant and predictions wrong: r2 and explained variance are 0 (force_finite)",
        [3.0, 3.0, 3.0, 3.0], [2.0, 3.5, 3.0, 4.0]),
    regression_case(
        "regression_constant_truth_perfect", "y_true constant and predictions exact: r2 and explained variance are 1",
        [3.0, 3.0, 3.0], [3.0, 3.0, 3.0]),
    regression_case(
        "regression_single_row", "one row: r2 is not well defined (NaN in scikit-learn)",
        [2.0], [2.5]),
]

json.dump({
    "description": "Edge-case metric vectors with scikit-learn's exact values; see the docstring of metrics_edge_cases.py",
    "sklearn_version": sklearn.__version__,
    "numpy_version": np.__version__,
    "cases": cases,
}, __import__("sys").stdout, indent=1)
print()
