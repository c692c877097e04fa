#!/usr/bin/env python3
"""validation_format_check.py FILE...: checks readings in tests/validation/ against the format of
tests/validation/README.md: the header, every verdict key exactly once, values from each key's
vocabulary, an evidence cell on every line. Prints FILE:LINE: problem, one a line; exit 1 if any."""
import re
import sys

VOCAB = {
    "model_source": {"third-party", "self-trained", "both", "none"},
    "multiple_models": {"yes", "no"},
    "pipeline": {"none", "manual", "data-retrieval", "training-in-gui", "automated"},
    "model_docs": {"yes", "no"},
    "data_docs": {"yes", "no"},
    "big_data": {"yes", "no"},
    "cloud": {"yes", "no"},
    "software_tests": {"yes", "no"},
    "model_eval": {"yes", "no"},
    "data_validation": {"yes", "no"},
    "retraining": {"run-time", "scheduled", "none"},
    "telemetry": {"yes", "no"},
    "mlops": {"yes", "no"},
    "responsible_ai": {"yes", "no"},
    "trajectory": {"model-first", "product-first", "together"},
    "first_ml_date": None,
    "first_ui_date": None,
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check(path):
    problems = []
    seen = {}
    header = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#") or not line.strip():
                continue
            cells = line.split("\t")
            if not header:
                if cells != ["key", "value", "evidence", "note"]:
                    problems.append(f"{path}:{n}: the header must be key, value, evidence, note")
                header = True
                continue
            if len(cells) != 4:
                problems.append(f"{path}:{n}: {len(cells)} cells, want 4 (tab-separated)")
                continue
            key, value, evidence, _ = cells
            if key not in VOCAB:
                problems.append(f"{path}:{n}: unknown key '{key}'")
                continue
            if key in seen:
                problems.append(f"{path}:{n}: key '{key}' again (first on line {seen[key]})")
            seen[key] = n
            vocab = VOCAB[key]
            if vocab is None and not DATE.match(value):
                problems.append(f"{path}:{n}: {key} '{value}' is not YYYY-MM-DD")
            elif vocab is not None and value not in vocab:
                problems.append(f"{path}:{n}: {key} '{value}' is not one of {sorted(vocab)}")
            if not evidence.strip():
                problems.append(f"{path}:{n}: empty evidence (write - for an absence)")
    if not header:
        problems.append(f"{path}:1: no header line")
    for key in VOCAB:
        if key not in seen:
            problems.append(f"{path}: key '{key}' missing")
    return problems


def main():
    problems = [p for path in sys.argv[1:] for p in check(path)]
    for p in problems:
        print(p)
    print(f"{len(sys.argv) - 1} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
