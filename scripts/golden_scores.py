"""Golden record of offline scores: every criterion result of every ticket, through the public
CLI, so that a change meant to be a speed-up only can be shown to change no result.

For each input set (the evaluation set, the bundled samples, each file of the real exports
that ingests), a fresh temporary database: `tqrs ingest`, then for each bundled rubric
`tqrs evaluate --offline --rubric R` and `tqrs report --format json`. Kept per ticket: its
number, score, verdict and status; per criterion: method, status, option, points, evidence,
reasoning, coaching and error.

    PYTHONPATH=. python scripts/golden_scores.py record /tmp/golden.json
    PYTHONPATH=. python scripts/golden_scores.py check /tmp/golden.json   # exit 1 on any change

Keep the record outside the repository (it holds text of the real exports)."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUBRICS = ("incident_logging", "incident_handling", "incident_quality")
TICKET_KEYS = ("number", "status", "score", "max", "verdict", "auto_fail", "error")
CRITERION_KEYS = (
    "id", "method", "status", "option", "points", "deduction", "applicable", "auto_fail",
    "evidence", "reasoning", "coaching", "error",
)  # fmt: skip


def input_sets() -> dict[str, list[Path]]:
    samples = ROOT / "data" / "samples"
    sets = {
        "eval_set": [ROOT / "tests" / "eval_set" / "tickets.json"],
        "samples/incidents.json": [samples / "incidents.json"],
        "samples/incidents.csv": [samples / "incidents.csv"],
        "samples/pdf": sorted((samples / "pdf").glob("*.pdf")),
    }
    real = Path(os.environ.get("TQRS_REAL_DIR", ROOT.parent / "shared" / "real"))
    for path in sorted(real.glob("*")) if real.is_dir() else []:
        if path.suffix.lower() in (".json", ".csv", ".xml", ".xlsx", ".pdf"):
            sets[f"real/{path.name}"] = [path]
    return sets


def tqrs(db: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tqrs", *argv, "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def score_set(files: list[Path]) -> dict | str:
    """rubric -> the tickets' results; or why the set did not ingest."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "golden.duckdb"
        done = tqrs(db, "ingest", *map(str, files), "--name", "golden")
        if done.returncode != 0:
            return f"ingest failed: {done.stderr.strip()}"
        out = {}
        for rubric in RUBRICS:
            done = tqrs(db, "evaluate", "golden", "--offline", "--rubric", rubric)
            if done.returncode != 0:
                raise SystemExit(f"evaluate {rubric} failed: {done.stderr}")
            report = Path(tmp) / f"{rubric}.json"
            done = tqrs(db, "report", "golden", "--format", "json", "--out", str(report))
            if done.returncode != 0:
                raise SystemExit(f"report {rubric} failed: {done.stderr}")
            data = json.loads(report.read_text())
            assert data["run"]["rubric"] == rubric, data["run"]
            out[rubric] = [
                {
                    **{k: t[k] for k in TICKET_KEYS},
                    "criteria": [{k: c[k] for k in CRITERION_KEYS} for c in t["criteria"]],
                }
                for t in data["tickets"]
            ]
        return out


def record() -> dict:
    result = {}
    for name, files in input_sets().items():
        result[name] = score_set(files)
        got = result[name]
        told = got if isinstance(got, str) else {r: len(t) for r, t in got.items()}
        print(f"{name}: {told}", file=sys.stderr)
    return result


def diff(old: dict, new: dict) -> list[str]:
    """The differences, one line each (empty: identical)."""
    out = []
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name), new.get(name)
        if isinstance(a, str) or isinstance(b, str) or a is None or b is None:
            if a != b:
                out.append(f"{name}: {a!r:.80} -> {b!r:.80}")
            continue
        for rubric in RUBRICS:
            ta, tb = a.get(rubric, []), b.get(rubric, [])
            if len(ta) != len(tb):
                out.append(f"{name} {rubric}: {len(ta)} tickets -> {len(tb)}")
            for x, y in zip(ta, tb, strict=False):
                if x == y:
                    continue
                where = f"{name} {rubric} {x['number']}"
                for k in TICKET_KEYS:
                    if x[k] != y[k]:
                        out.append(f"{where}: {k} {x[k]!r} -> {y[k]!r}")
                for ca, cb in zip(x["criteria"], y["criteria"], strict=False):
                    for k in CRITERION_KEYS:
                        if ca[k] != cb[k]:
                            out.append(f"{where} {ca['id']}: {k} {ca[k]!r:.100} -> {cb[k]!r:.100}")
    return out


def counts(data: dict) -> tuple[int, int]:
    """(ticket results, criterion results) in a record."""
    tickets = [t for s in data.values() if isinstance(s, dict) for r in s.values() for t in r]
    return len(tickets), sum(len(t["criteria"]) for t in tickets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("record", "check"))
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    new = record()
    if args.mode == "record":
        args.path.write_text(json.dumps(new, indent=1))
        n_tickets, n_criteria = counts(new)
        print(f"recorded {n_tickets:,} ticket results, {n_criteria:,} criterion results")
        return 0
    old = json.loads(args.path.read_text())
    lines = diff(old, new)
    print("\n".join(lines[:200]))
    n_tickets, n_criteria = counts(old)
    print(
        f"compared {n_tickets:,} ticket results and {n_criteria:,} criterion results: "
        f"{len(lines)} difference(s)"
    )
    return 1 if lines else 0


if __name__ == "__main__":
    raise SystemExit(main())
