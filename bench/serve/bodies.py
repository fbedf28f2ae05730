"""Helpers of bench/serve.sh.

bodies.py write DATA.csv TARGET OUT_DIR: writes OUT_DIR/rows.jsonl (one single-row dataframe_split body per data row, the
  feature columns in file order, the target left out) and OUT_DIR/all.json (every row in one dataframe_split body).
bodies.py compare KILN.json PEER.json: prints how many of the answers' predictions agree; exits 1 below 95 %.
"""
import csv
import json
import sys


def write(data_path, target, out_dir):
    with open(data_path, newline="") as file:
        reader = csv.reader(file)
        header = next(reader)
        keep = [index for index, name in enumerate(header) if name != target]
        columns = [header[index] for index in keep]
        rows = [[float(row[index]) for index in keep] for row in reader]
    with open(f"{out_dir}/rows.jsonl", "w") as file:
        for row in rows:
            file.write(json.dumps({"dataframe_split": {"columns": columns, "data": [row]}}, separators=(",", ":")) + "\n")
    with open(f"{out_dir}/all.json", "w") as file:
        json.dump({"dataframe_split": {"columns": columns, "data": rows}}, file, separators=(",", ":"))


def compare(kiln_path, peer_path):
    with open(kiln_path) as file:
        kiln = json.load(file)["predictions"]
    with open(peer_path) as file:
        peer = json.load(file)["predictions"]
    if len(kiln) != len(peer):
        print(f"Kiln answered {len(kiln)} predictions and the peer {len(peer)}")
        sys.exit(1)
    same = sum(1 for left, right in zip(kiln, peer) if left == right)
    print(f"predictions: Kiln and the peer agree on {same} of {len(kiln)} rows ({100.0 * same / len(kiln):.1f} %)")
    if same < 0.95 * len(kiln):
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
