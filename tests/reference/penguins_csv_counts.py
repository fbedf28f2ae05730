"""Independent reference for CsvTableReadTests.Read_Penguins_*: row count, missing cells per column and
distinct values, computed with Python's csv module (no pandas), with Kiln's default missing tokens.

Run from the repository root: python3 tests/reference/penguins_csv_counts.py
Output (Python 3.11.7, checked in as constants in the test):
rows 344
species missing=0 distinct=3
island missing=0 distinct=3
bill_length_mm missing=2 distinct=164 sum=15021.300000000007
bill_depth_mm missing=2 distinct=80 sum=5865.700000000003
flipper_length_mm missing=2 distinct=55 sum=68713.0
body_mass_g missing=2 distinct=94 sum=1437000.0
sex missing=11 distinct=2
year missing=0 distinct=3 sum=690762.0
"""
import csv

MISSING = {"", "NA", "NaN", "null", "?"}


def main() -> None:
    with open("tests/data/penguins.csv", newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    header, data = rows[0], rows[1:]
    print("rows", len(data))
    for index, name in enumerate(header):
        values = [row[index] for row in data]
        present = [value for value in values if value not in MISSING]
        line = f"{name} missing={len(values) - len(present)} distinct={len(set(present))}"
        try:
            total = 0.0
            for value in present:
                total += float(value)
            line += f" sum={total!r}"
        except ValueError:
            pass
        print(line)


if __name__ == "__main__":
    main()
