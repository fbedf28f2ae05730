"""Writes the CSV-reading benchmark file: ROWS x COLUMNS numeric values, 6 significant digits, header row.

Deterministic (numpy seed 42). Columns cycle through scales 1e-3 .. 1e3 so that the file holds
plain decimals, small and large magnitudes and some exponent notation, as real feature files do.
Usage: python3 csv_read_generate.py OUTPUT.csv [ROWS] [COLUMNS]
"""
import sys

import numpy as np


def main() -> None:
    output = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 500_000
    columns = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    rng = np.random.default_rng(42)
    scales = 10.0 ** (np.arange(columns) % 7 - 3)
    header = ",".join(f"x{j}" for j in range(columns))
    with open(output, "w", encoding="utf-8", newline="\n") as file:
        file.write(header + "\n")
        block = 50_000
        for start in range(0, rows, block):
            count = min(block, rows - start)
            values = rng.standard_normal((count, columns)) * scales
            np.savetxt(file, values, fmt="%.6g", delimiter=",")


if __name__ == "__main__":
    main()
