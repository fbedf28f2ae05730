"""Writes the batch prediction benchmark's data: a training file and a file to score, both CSV.

Usage: generate.py TRAIN_CSV SCORE_CSV SCORE_ROWS
Rows have 8 numeric columns (about 2 % missing), 2 categorical columns (5 and 20 levels) and, in the training file only,
a binary label that depends on them. Python's random with seed 7, so the files are the same on every run.
"""
import math
import random
import sys

train_path, score_path, score_rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(7)
levels_a = [f"a{i}" for i in range(5)]
levels_b = [f"b{i:02d}" for i in range(20)]
header = [f"x{i}" for i in range(1, 9)] + ["cat_a", "cat_b"]


def row():
    numbers = [rng.gauss(0, 1) for _ in range(8)]
    a, b = rng.randrange(5), rng.randrange(20)
    score = numbers[0] - 0.5 * numbers[1] + 0.8 * numbers[2] * numbers[3] + 0.3 * a - 0.05 * b + rng.gauss(0, 0.5)
    cells = ["" if rng.random() < 0.02 else f"{value:.5g}" for value in numbers]
    return cells + [levels_a[a], levels_b[b]], 1 if score > 0.3 else 0


with open(train_path, "w") as train:
    train.write(",".join(header + ["label"]) + "\n")
    for _ in range(20_000):
        cells, label = row()
        train.write(",".join(cells + [str(label)]) + "\n")
with open(score_path, "w") as score:
    score.write(",".join(header) + "\n")
    for _ in range(score_rows):
        cells, _ = row()
        score.write(",".join(cells) + "\n")
