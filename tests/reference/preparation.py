#!/usr/bin/python3
"""Reference values for Kiln's preparation (SimpleImputer, StandardScaler, OneHotEncoder, ColumnPreparer, PipelineModel).

Computed with scikit-learn's own transformers. Run from the repository root with Debian's Python (python3-sklearn):
    /usr/bin/python3 tests/reference/preparation.py
It reads tests/data/penguins.csv and tests/reference/folds/penguins.csv (the folds of shared/datasets/reference/cv_results.json)
and writes tests/reference/preparation.json. Every model is fitted on the rows of folds 1-4 ("train") and applied to the
rows of fold 0 ("test"). Floats are written with repr(), which round-trips doubles exactly; NaN is written as null.

Feature typing follows cv_results.json: a column is categorical when pandas reads it as dtype object, else numeric.
Kiln names a one-hot column '<column>=<category>' and a date part '<column>.<part>'; the script builds those names from the
fitted categories, so the C# tests compare columns by name.
"""
import json
import math
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MISSING_CATEGORY = "__missing__"


def number(value):
    value = float(value)
    return None if math.isnan(value) else value


def matrix(values):
    """Row-major list of rows; NaN as null."""
    return [[number(v) for v in row] for row in np.asarray(values, dtype=float)]


def load_penguins():
    data = pd.read_csv(os.path.join(ROOT, "tests", "data", "penguins.csv"))
    folds = pd.read_csv(os.path.join(ROOT, "tests", "reference", "folds", "penguins.csv"))
    assert list(folds["row"]) == list(range(len(data)))
    train = np.flatnonzero(folds["fold"].to_numpy() != 0)
    test = np.flatnonzero(folds["fold"].to_numpy() == 0)
    return data, train, test


def kinds(features):
    numeric = [c for c in features.columns if features[c].dtype != object]
    categorical = [c for c in features.columns if features[c].dtype == object]
    return numeric, categorical


def column_transformer(numeric, categorical, numeric_strategy, scale, categorical_strategy):
    numeric_steps = [("impute", SimpleImputer(strategy=numeric_strategy))]
    if scale:
        numeric_steps.append(("scale", StandardScaler()))
    categorical_imputer = (SimpleImputer(strategy="constant", fill_value=MISSING_CATEGORY)
                           if categorical_strategy == "constant" else SimpleImputer(strategy=categorical_strategy))
    return ColumnTransformer([
        ("numeric", Pipeline(numeric_steps), numeric),
        ("categorical", Pipeline([("impute", categorical_imputer),
                                  ("encode", OneHotEncoder(handle_unknown="ignore", sparse_output=False))]), categorical),
    ])


def output_names(transformer, numeric, categorical):
    encoder = transformer.named_transformers_["categorical"].named_steps["encode"]
    names = list(numeric)
    for column, categories in zip(categorical, encoder.categories_):
        names.extend(f"{column}={category}" for category in categories)
    return names


def column_preparer_cases(data, train, test):
    features = data.drop(columns=["species"])
    numeric, categorical = kinds(features)
    cases = []
    settings = [
        # The "scaled" and "tree" preprocessing of cv_results.json, then the other choices Kiln offers.
        ("median", True, "most_frequent"),
        ("median", False, "most_frequent"),
        ("mean", True, "constant"),
        ("most_frequent", True, "most_frequent"),
        ("constant", False, "constant"),
    ]
    for numeric_strategy, scale, categorical_strategy in settings:
        transformer = column_transformer(numeric, categorical, numeric_strategy, scale, categorical_strategy)
        transformer.fit(features.iloc[train])
        numeric_pipeline = transformer.named_transformers_["numeric"]
        categorical_pipeline = transformer.named_transformers_["categorical"]
        case = {
            "numeric_imputation": numeric_strategy,
            "scaling": "standard" if scale else "none",
            "categorical_imputation": categorical_strategy,
            "names": output_names(transformer, numeric, categorical),
            "numeric_fill": [number(v) for v in numeric_pipeline.named_steps["impute"].statistics_],
            "categorical_fill": [str(v) for v in categorical_pipeline.named_steps["impute"].statistics_],
            "categories": [[str(c) for c in categories] for categories in categorical_pipeline.named_steps["encode"].categories_],
            "train": matrix(transformer.transform(features.iloc[train])),
            "test": matrix(transformer.transform(features.iloc[test])),
        }
        if scale:
            scaler = numeric_pipeline.named_steps["scale"]
            case["scaler_mean"] = [number(v) for v in scaler.mean_]
            case["scaler_scale"] = [number(v) for v in scaler.scale_]
        cases.append(case)
    return {"numeric": numeric, "categorical": categorical, "cases": cases}


def imputer_cases(data, train, test):
    features = data.drop(columns=["species"])
    numeric, categorical = kinds(features)
    cases = []
    for strategy, fill_value in [("mean", None), ("median", None), ("most_frequent", None), ("constant", -1.5)]:
        imputer = SimpleImputer(strategy=strategy, fill_value=fill_value).fit(features[numeric].iloc[train])
        cases.append({
            "columns": numeric,
            "strategy": strategy,
            "fill_value": fill_value,
            "statistics": [number(v) for v in imputer.statistics_],
            "test": matrix(imputer.transform(features[numeric].iloc[test])),
        })
    for strategy, fill_value in [("most_frequent", None), ("constant", MISSING_CATEGORY)]:
        imputer = SimpleImputer(strategy=strategy, fill_value=fill_value).fit(features[categorical].iloc[train])
        cases.append({
            "columns": categorical,
            "strategy": strategy,
            "fill_value": fill_value,
            "statistics": [str(v) for v in imputer.statistics_],
            "test": [[str(v) for v in row] for row in imputer.transform(features[categorical].iloc[test])],
        })
    return cases


def imputer_tie_cases():
    """most_frequent with tied counts: scikit-learn takes the smallest value (scipy's mode; min() for strings)."""
    numeric = pd.DataFrame({"x": [3.0, 1.0, 3.0, 1.0, 2.0, np.nan, -0.5, -0.5]})
    categorical = pd.DataFrame({"c": pd.Series(["b", "a", "b", "a", np.nan, "c", "B", "B"], dtype=object)})
    return [
        {"values": [number(v) for v in numeric["x"]],
         "statistic": number(SimpleImputer(strategy="most_frequent").fit(numeric).statistics_[0])},
        {"categories": [None if isinstance(v, float) else v for v in categorical["c"]],
         "statistic": str(SimpleImputer(strategy="most_frequent").fit(categorical).statistics_[0])},
    ]


def scaler_cases(data, train, test):
    features = data.drop(columns=["species"])
    numeric, _ = kinds(features)
    cases = []
    # The raw columns hold NaN: scikit-learn leaves them out of the statistics and keeps them in the output.
    for with_mean, with_std in [(True, True), (False, True), (True, False)]:
        scaler = StandardScaler(with_mean=with_mean, with_std=with_std).fit(features[numeric].iloc[train])
        cases.append({
            "name": "penguins",
            "with_mean": with_mean,
            "with_std": with_std,
            "columns": numeric,
            "mean": [number(v) for v in scaler.mean_] if scaler.mean_ is not None else None,
            "scale": [number(v) for v in scaler.scale_] if scaler.scale_ is not None else None,
            "test": matrix(scaler.transform(features[numeric].iloc[test])),
        })
    # Constant and nearly constant columns: a column whose variance is within rounding of zero gets scale 1, a truly
    # varying one keeps its tiny scale.
    synthetic = {
        "exactly_constant": [3.25] * 9,
        "rounding_constant": [0.1] * 9,
        "large_constant": [1e9 + 0.3] * 9,
        "tiny_spread": [1.0, 1.0 + 1e-10] * 4 + [1.0],
        "ordinary": [float(v) for v in range(9)],
    }
    frame = pd.DataFrame(synthetic)
    scaler = StandardScaler().fit(frame)
    cases.append({
        "name": "constant_columns",
        "with_mean": True,
        "with_std": True,
        "columns": list(synthetic),
        "values": matrix(frame.to_numpy()),
        "mean": [number(v) for v in scaler.mean_],
        "scale": [number(v) for v in scaler.scale_],
        "test": matrix(scaler.transform(frame)),
    })
    return cases


def one_hot_cases(data, train, test):
    features = data.drop(columns=["species"])
    _, categorical = kinds(features)
    # Kiln's encoder does not make a category of missing values (scikit-learn 1.2 does): the categoricals are imputed
    # with most_frequent first, as in the ColumnPreparer.
    imputer = SimpleImputer(strategy="most_frequent").fit(features[categorical].iloc[train])
    train_values = pd.DataFrame(imputer.transform(features[categorical].iloc[train]), columns=categorical)
    test_values = pd.DataFrame(imputer.transform(features[categorical].iloc[test]), columns=categorical)
    unknown = pd.DataFrame([["Atlantis", "male"], ["Dream", "unknown"], ["Biscoe", "female"]], columns=categorical)
    cases = []
    for drop in [None, "first", "if_binary"]:
        encoder = OneHotEncoder(handle_unknown="ignore", drop=drop, sparse_output=False).fit(train_values)
        names = []
        for column, categories, dropped in zip(categorical, encoder.categories_, encoder.drop_idx_ if encoder.drop_idx_ is not None else [None] * len(categorical)):
            names.extend(f"{column}={category}" for i, category in enumerate(categories) if dropped is None or i != dropped)
        cases.append({
            "drop": "none" if drop is None else drop,
            "columns": categorical,
            "fill": [str(v) for v in imputer.statistics_],
            "categories": [[str(c) for c in categories] for categories in encoder.categories_],
            "names": names,
            "test": matrix(encoder.transform(test_values)),
            "unknown_rows": unknown.values.tolist(),
            "unknown": matrix(encoder.transform(unknown)),
        })
    return cases


def synthetic_mixed_case():
    """Boolean and date-time columns, which pandas' CSV typing never gives: Kiln turns a boolean into 0/1 and a date-time
    into its parts (year, month, day, day of week with Monday 0, hour when any training value has a time of day), then
    imputes and scales them as numbers; text is dropped. This computes the same with pandas and scikit-learn."""
    amount = [1.5, None, 3.0, 4.5, 10.0, None, 7.25, 2.0, 8.0, None, 1.0, 5.5]
    flag = [True, False, None, True, True, False, False, None, True, None, False, True]
    city = ["Oslo", "Lima", None, "Oslo", "Pune", "Lima", "Oslo", None, "Lima", "Quito", None, "Pune"]
    when = ["2021-03-04T05:06:07", None, "2020-12-31T23:00:00", "2022-02-28T00:00:00", "2021-07-14T12:30:00",
            "2019-01-01T00:00:00", None, "2023-06-05T18:45:00", "2024-02-29T01:00:00", None, "2020-01-05T00:00:00",
            "2021-11-11T11:11:11"]
    note = ["a", "b", None, "c", "d", "e", "f", "g", "h", "i", "j", "k"]
    train = list(range(8))
    test = list(range(8, 12))
    stamps = pd.to_datetime(pd.Series(when))
    numeric_frame = pd.DataFrame({
        "amount": [np.nan if v is None else v for v in amount],
        "flag": [np.nan if v is None else float(v) for v in flag],
        "when.year": stamps.dt.year.astype(float),
        "when.month": stamps.dt.month.astype(float),
        "when.day": stamps.dt.day.astype(float),
        "when.day_of_week": stamps.dt.dayofweek.astype(float),
        "when.hour": stamps.dt.hour.astype(float),
    })
    # SimpleImputer recognises NaN, not None, as missing in an object column.
    categorical_frame = pd.DataFrame({"city": pd.Series([np.nan if v is None else v for v in city], dtype=object)})
    numeric_pipeline = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]).fit(numeric_frame.iloc[train])
    categorical_pipeline = Pipeline([
        ("impute", SimpleImputer(strategy="most_frequent")),
        ("encode", OneHotEncoder(handle_unknown="ignore", sparse_output=False)),
    ]).fit(categorical_frame.iloc[train])
    categories = categorical_pipeline.named_steps["encode"].categories_[0]

    def transform(rows):
        return np.hstack([numeric_pipeline.transform(numeric_frame.iloc[rows]),
                          categorical_pipeline.transform(categorical_frame.iloc[rows])])

    return {
        "columns": {"amount": amount, "flag": flag, "city": city, "when": when, "note": note},
        "train_rows": train,
        "test_rows": test,
        "names": list(numeric_frame.columns) + [f"city={c}" for c in categories],
        "train": matrix(transform(train)),
        "test": matrix(transform(test)),
    }


def pipeline_cases(data, train, test):
    features = data.drop(columns=["species"])
    numeric, categorical = kinds(features)
    classifier = Pipeline([
        ("prepare", column_transformer(numeric, categorical, "median", True, "most_frequent")),
        ("learn", DummyClassifier(strategy="prior")),
    ]).fit(features.iloc[train], data["species"].iloc[train])
    # Regression of body mass from the other columns; rows without a body mass are left out, as Kiln's workflow does.
    has_target = data["body_mass_g"].notna().to_numpy()
    regression_train = np.array([r for r in train if has_target[r]])
    regression_test = np.array([r for r in test if has_target[r]])
    regression_features = data.drop(columns=["body_mass_g"])
    regression_numeric, regression_categorical = kinds(regression_features)
    regressor = Pipeline([
        ("prepare", column_transformer(regression_numeric, regression_categorical, "median", True, "most_frequent")),
        ("learn", DummyRegressor(strategy="mean")),
    ]).fit(regression_features.iloc[regression_train], data["body_mass_g"].iloc[regression_train])
    return {
        "classification": {
            "target": "species",
            "classes": [str(c) for c in classifier.classes_],
            "test_probabilities": matrix(classifier.predict_proba(features.iloc[test])),
            "test_predictions": [str(c) for c in classifier.predict(features.iloc[test])],
        },
        "regression": {
            "target": "body_mass_g",
            "train_rows": regression_train.tolist(),
            "test_rows": regression_test.tolist(),
            "test_predictions": [number(v) for v in regressor.predict(regression_features.iloc[regression_test])],
        },
    }


def main():
    data, train, test = load_penguins()
    result = {
        "generated_by": "tests/reference/preparation.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__, "pandas": pd.__version__},
        "dataset": "penguins.csv",
        "folds": "reference/folds/penguins.csv",
        "train_rows": train.tolist(),
        "test_rows": test.tolist(),
        "column_preparer": column_preparer_cases(data, train, test),
        "imputer": imputer_cases(data, train, test),
        "imputer_ties": imputer_tie_cases(),
        "scaler": scaler_cases(data, train, test),
        "one_hot": one_hot_cases(data, train, test),
        "mixed_kinds": synthetic_mixed_case(),
        "pipeline": pipeline_cases(data, train, test),
    }
    with open(os.path.join(ROOT, "tests", "reference", "preparation.json"), "w") as handle:
        handle.write(dumps(result))
        handle.write("\n")


def dumps(value, indent=0):
    """JSON with every list of plain values (a matrix row, a list of names) on one line, to keep the file short and diffable."""
    pad = " " * indent
    if isinstance(value, dict):
        items = [f'{pad} {json.dumps(key)}: {dumps(item, indent + 1).lstrip()}' for key, item in value.items()]
        return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return pad + "[\n" + ",\n".join(dumps(item, indent + 1) for item in value) + "\n" + pad + "]"
    return pad + json.dumps(value, allow_nan=False)


if __name__ == "__main__":
    main()
