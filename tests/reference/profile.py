#!/usr/bin/python3
"""Reference values for Kiln's TableProfile (src/Kiln.Core/Profiling), computed with pandas, numpy, scipy and scikit-learn.

Run from the repository root with Debian's Python (python3-pandas, python3-scipy, python3-sklearn):
    /usr/bin/python3 tests/reference/profile.py
It reads tests/data/{penguins,diabetes,iris,Glass,PimaIndiansDiabetes2}.csv and writes tests/reference/profile.json.
Floats are written with repr(), which round-trips doubles exactly.

What each entry means (the C# tests read these names):
- describe: pandas' Series.describe(percentiles=[.05, .25, .5, .75, .95]) of each numeric column.
- histogram: numpy.histogram(values, bins=k), where k is the profile's documented rule: numpy's 'auto' bin count
  (len(numpy.histogram_bin_edges(values, 'auto')) - 1) clamped to [10, 50], then at most the number of distinct values.
- reference_bins: numpy.histogram(values, bins=unique(numpy.quantile(values, [0, 0.1, ..., 1]))).
- value_counts: Series.value_counts() of each string column, ordered by count descending, then name.
- corr: DataFrame.corr(numeric_only=True) (Pearson, pairwise-complete rows).
- duplicates: DataFrame.duplicated().sum().
- classes: the target's class counts, labels ordered as Kiln's ClassLabels (numerically when every label is a number).
- associations, per feature, over rows where feature and target are present:
  classification: numeric feature -> correlation ratio eta (from group means); string feature -> Cramer's V
  (scipy.stats.contingency.association, method='cramer'); regression: numeric feature -> Pearson r; string feature -> eta.
- single_feature_score, over rows with a target: a numeric feature's finite rows are fitted with scikit-learn's
  DecisionTreeClassifier / DecisionTreeRegressor(max_leaf_nodes=20, min_samples_leaf=5) and scored in sample (accuracy, or
  R^2 as 1 - SSE/SST), rows with a missing feature forming one more group predicted by its majority class / mean; a string
  feature maps each category (missing as one more category) to its majority class / mean, categories with fewer than
  5 rows pooled into one group.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.stats.contingency import association
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PERCENTILES = [0.05, 0.25, 0.5, 0.75, 0.95]
MIN_BINS, MAX_BINS, REFERENCE_BINS = 10, 50, 10
MAX_LEAVES, MIN_LEAF_ROWS = 20, 5

CASES = [
    ("penguins.csv", "species", "classification"),
    ("penguins.csv", "body_mass_g", "regression"),
    ("diabetes.csv", "target", "regression"),
    ("iris.csv", "target", "classification"),
    ("Glass.csv", "Type", "classification"),
    ("PimaIndiansDiabetes2.csv", "diabetes", "classification"),
]


def label_text(value):
    """The label Kiln's ClassLabels uses: the invariant text of the value (a whole float prints without '.0')."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def class_order(labels):
    try:
        return sorted(labels, key=float)
    except ValueError:
        return sorted(labels)


def histogram_bins(values):
    auto = len(np.histogram_bin_edges(values, "auto")) - 1
    return max(1, min(min(max(auto, MIN_BINS), MAX_BINS), len(np.unique(values))))


def numeric_entry(series):
    values = series.dropna().to_numpy(dtype=float)
    described = series.describe(percentiles=PERCENTILES)
    entry = {
        "describe": {
            "count": int(described["count"]),
            "mean": float(described["mean"]),
            "std": float(described["std"]),
            "min": float(described["min"]),
            "5%": float(described["5%"]),
            "25%": float(described["25%"]),
            "50%": float(described["50%"]),
            "75%": float(described["75%"]),
            "95%": float(described["95%"]),
            "max": float(described["max"]),
        },
        "zeros": int((values == 0).sum()),
    }
    bins = histogram_bins(values)
    counts, edges = np.histogram(values, bins=bins)
    entry["histogram"] = {"bins": bins, "auto_bins": len(np.histogram_bin_edges(values, "auto")) - 1,
                          "edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}
    quantile_edges = np.unique(np.quantile(values, [k / REFERENCE_BINS for k in range(REFERENCE_BINS + 1)]))
    counts, edges = np.histogram(values, bins=quantile_edges)
    entry["reference_bins"] = {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]}
    return entry


def string_entry(series):
    counts = series.value_counts()
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {"value_counts": [[name, int(count)] for name, count in ordered]}


def eta(groups, values):
    """Correlation ratio of values grouped by groups: sqrt(sum n_g (mean_g - mean)^2 / sum (x - mean)^2)."""
    frame = pd.DataFrame({"g": groups, "x": values})
    mean = frame["x"].mean()
    total = ((frame["x"] - mean) ** 2).sum()
    stats = frame.groupby("g")["x"].agg(["count", "mean"])
    between = (stats["count"] * (stats["mean"] - mean) ** 2).sum()
    return float(np.sqrt(between / total))


def single_feature_score(feature, target, task):
    """See the module docstring; feature and target hold only the rows with a target."""
    y = target.to_numpy()
    if feature.dtype == object:
        groups = feature.fillna("\x00missing").to_numpy()
        frame = pd.DataFrame({"g": groups, "y": y})
        sizes = frame.groupby("g")["y"].transform("count")
        frame.loc[sizes < MIN_LEAF_ROWS, "g"] = "\x00pooled"
        if task == "classification":
            return float(frame.groupby("g")["y"].agg(lambda v: v.value_counts().max()).sum() / len(y))
        fitted = frame.groupby("g")["y"].transform("mean")
        return float(1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum())
    x = feature.to_numpy(dtype=float)
    finite = np.isfinite(x)
    if task == "classification":
        tree = DecisionTreeClassifier(max_leaf_nodes=MAX_LEAVES, min_samples_leaf=MIN_LEAF_ROWS, random_state=0)
        tree.fit(x[finite].reshape(-1, 1), y[finite])
        correct = int((tree.predict(x[finite].reshape(-1, 1)) == y[finite]).sum())
        if (~finite).any():
            correct += int(pd.Series(y[~finite]).value_counts().max())
        return correct / len(y)
    tree = DecisionTreeRegressor(max_leaf_nodes=MAX_LEAVES, min_samples_leaf=MIN_LEAF_ROWS, random_state=0)
    tree.fit(x[finite].reshape(-1, 1), y[finite])
    errors = ((y[finite] - tree.predict(x[finite].reshape(-1, 1))) ** 2).sum()
    if (~finite).any():
        errors += ((y[~finite] - y[~finite].mean()) ** 2).sum()
    return float(1 - errors / ((y - y.mean()) ** 2).sum())


def case(file_name, target, task):
    frame = pd.read_csv(os.path.join(ROOT, "tests", "data", file_name))
    columns = []
    for name in frame.columns:
        series = frame[name]
        entry = {"name": name, "missing": int(series.isna().sum()), "distinct": int(series.nunique())}
        entry.update(numeric_entry(series) if series.dtype != object else string_entry(series))
        columns.append(entry)
    corr = frame.corr(numeric_only=True)
    result = {
        "file": file_name,
        "target": target,
        "task": task,
        "rows": len(frame),
        "columns": columns,
        "corr": {"columns": list(corr.columns), "values": [[float(v) for v in row] for row in corr.to_numpy()]},
        "duplicates": int(frame.duplicated().sum()),
        "target_missing": int(frame[target].isna().sum()),
    }
    present = frame[frame[target].notna()]
    if task == "classification":
        labels = present[target].map(label_text)
        counts = labels.value_counts()
        result["classes"] = [[label, int(counts[label])] for label in class_order(list(counts.index))]
        y = labels
    else:
        y = present[target].astype(float)
    associations = []
    for name in frame.columns:
        if name == target:
            continue
        feature = present[name]
        both = feature.notna()
        if task == "classification":
            if feature.dtype == object:
                table = pd.crosstab(feature[both], y[both]).to_numpy()
                measure, value = "cramers_v", float(association(table, method="cramer"))
            else:
                measure, value = "correlation_ratio", eta(y[both].to_numpy(), feature[both].to_numpy(dtype=float))
        elif feature.dtype == object:
            measure, value = "correlation_ratio", eta(feature[both].to_numpy(), y[both].to_numpy())
        else:
            measure, value = "pearson", float(feature[both].astype(float).corr(y[both]))
        associations.append({
            "feature": name,
            "measure": measure,
            "value": value,
            "row_count": int(both.sum()),
            "single_feature_score": single_feature_score(feature, y, task),
        })
    result["associations"] = associations
    return result


def main():
    output = {
        "versions": {"python": sys.version.split()[0], "pandas": pd.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "cases": [case(*arguments) for arguments in CASES],
    }
    with open(os.path.join(ROOT, "tests", "reference", "profile.json"), "w") as handle:
        json.dump(output, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
