"""Request bodies of the end-to-end benchmark, written once from the same generated CSV rows for every system:
native (one object / an array of objects), MLflow /invocations (dataframe_split) and Open Inference V2 (one
[N, 1] tensor per column, the way the project's load tool writes them)."""
import csv
import json
from pathlib import Path

SIZES = {"single": 1, "batch100": 100, "batch1000": 1000}
LABEL = "target"


def read_rows(path):
    """Rows of the CSV without the label, integers as int and the rest as float (the CSV's own spelling)."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        columns = [c for c in reader.fieldnames if c != LABEL]
        rows = [{c: _number(r[c]) for c in columns} for r in reader]
    return columns, rows


def _number(text):
    return float(text) if any(ch in text for ch in ".eE") else int(text)


def native(rows, single):
    return rows[0] if single else rows


def mlflow(columns, rows):
    return {"dataframe_split": {"columns": columns, "data": [[r[c] for c in columns] for r in rows]}}


def v2(columns, rows):
    inputs = []
    for c in columns:
        is_float = any(isinstance(r[c], float) for r in rows)
        inputs.append({"name": c, "shape": [len(rows), 1], "datatype": "FP64" if is_float else "INT64",
                       "data": [float(r[c]) if is_float else r[c] for r in rows]})
    return {"inputs": inputs}


def write_all(csv_path, out_dir):
    """Writes <protocol>-<size>.json files; returns {(protocol, size): path}."""
    columns, rows = read_rows(csv_path)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for size, count in SIZES.items():
        chosen = rows[:count]
        bodies = {"native": native(chosen, count == 1), "mlflow": mlflow(columns, chosen), "v2": v2(columns, chosen)}
        for protocol, body in bodies.items():
            path = out / f"{protocol}-{size}.json"
            path.write_text(json.dumps(body, separators=(",", ":")))
            files[(protocol, size)] = path
    return files
