"""How the LLM judge reads the criteria the rules leave open, against a real OpenAI-compatible
server, on the labelled evaluation set (not for CI: it needs a running server, and a small
local model takes minutes per ticket).

A rule that cannot tell from the text *defers* its criterion: online the LLM judge decides
it, without a key the offline heuristics do (`method: offline` in the JSON report). This
measures both readings on the same tickets, in temporary databases, through the public CLI
as scripts/eval_quality.py does (whose functions it reuses):

1. the chosen half of tickets.json is evaluated offline under the rubric; the incidents where
   a rule criterion was not decided by its rule (its `method` is not `rule`) are the
   candidates, and a fixed random sample of them is drawn (`--seed`; chosen before any
   outcome is read);
2. an export of just those tickets is ingested, evaluated offline and then through the LLM
   judge (`OPENAI_BASE_URL`, `OPENAI_MODEL`, `OPENAI_TIMEOUT`, one request at a time), and
   both runs are reported as JSON;
3. per deferred criterion (a rule criterion the sample's offline run did not decide by
   rule), the LLM's verdict and the offline one against the labels: TP/FP/FN/TN of
   "flagged" (costs points or auto-fails) against "labelled a defect" (N/A is no defect), as
   in eval_quality. A criterion the LLM left *evidence not found* or could not grade costs
   no points, so it counts as not flagged, and is also counted in its own column. Also
   checked: the criteria decided by rule are identical in both runs.

With `--numbers N ...` the sample is those incidents, in that order, instead of a draw (to
re-measure a sample of an earlier run: the rules leave other criteria open as they change, so
a seed alone draws a different sample); each must be labelled in the chosen half under the
rubric. Their open criteria are those of the code run now.

With `--minutes M` the LLM run is stopped (Ctrl-C, resumable) after M minutes and the
tickets it finished are compared, labelled partial; the others are counted as not reached.

    .venv/bin/python scripts/eval_hybrid.py --base-url http://127.0.0.1:8088/v1 \\
        --model qwen2.5-coder-1.5b-instruct-q4_k_m --sample 40 --seed 0 \\
        --rubric incident_logging --split report [--numbers INC... ...] [--minutes 60] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_quality import (  # noqa: E402
    EVAL_SET,
    ROOT,
    CliError,
    load_labels,
    run_tqrs,
    score_set,
    verdict,
)

NOT_GRADED = ("evidence_not_found", "unscored")


def deferred(report: dict, rubric: str, kinds: dict) -> dict[str, list[str]]:
    """number -> the rule criteria its rule left open (reported with a method other than
    `rule`), for the tickets of the report that have any."""
    out = {}
    for ticket in report["tickets"]:
        open_ = [
            c["id"]
            for c in ticket["criteria"]
            if kinds[(rubric, c["id"])]["method"] == "rule" and c.get("method") != "rule"
        ]
        if open_:
            out[ticket["number"]] = open_
    return out


def draw(candidates: list[str], n: int, seed: int) -> list[str]:
    """A fixed random sample of the candidates (sorted first, so the order they came in does
    not matter), in the drawn order: the export keeps it, so the tickets a stopped run
    finished are a random subsample too."""
    pool = sorted(candidates)
    return random.Random(seed).sample(pool, min(n, len(pool)))


def pinned(numbers: list[str], labelled: set[str], split: str, rubric: str) -> list[str]:
    """`--numbers` as the sample, in the order given, once each; refused when one is not
    labelled in the chosen half under the rubric."""
    unknown = [n for n in numbers if n not in labelled]
    if unknown:
        raise CliError(f"not labelled in the {split} half under {rubric}: {', '.join(unknown)}")
    return list(dict.fromkeys(numbers))


def _kind(truth: bool, flagged: bool) -> str:
    return ("tp" if truth else "fp") if flagged else ("fn" if truth else "tn")


def compare(
    labels: list[dict], offline: dict, llm: dict, rubric: str, kinds: dict
) -> dict[str, object]:
    """Per deferred criterion, the offline and the LLM verdicts against the labels, on the
    tickets both reports hold; and the rule-decided criteria that differ between the runs."""
    by_key = {(r["number"], r["rubric"], r["criterion_id"]): r for r in labels}
    llm_tickets = {t["number"]: t for t in llm["tickets"]}
    rows: dict[str, Counter] = defaultdict(Counter)
    rule_same = 0
    rule_changed = []
    not_reached = []
    for ticket in offline["tickets"]:
        number = ticket["number"]
        other = llm_tickets.get(number)
        if other is None:
            not_reached.append(number)
            continue
        criteria = {c["id"]: c for c in other["criteria"]}
        open_ = deferred({"tickets": [ticket]}, rubric, kinds).get(number, [])
        for crit in ticket["criteria"]:
            info = kinds[(rubric, crit["id"])]
            got = criteria.get(crit["id"])
            if info["method"] != "rule":
                continue
            if crit["id"] not in open_:  # decided by its rule: must not move
                same = got is not None and all(
                    got.get(f) == crit.get(f) for f in ("method", "status", "option", "points")
                )
                rule_same += same
                if not same:
                    rule_changed.append(f"{number} {crit['id']}")
                continue
            label = by_key.get((number, rubric, crit["id"]))
            row = rows[crit["id"]]
            row["deferred"] += 1
            if label is None:
                row["unlabelled"] += 1
                continue
            truth = label["defect"] is True
            row["support"] += truth
            row["offline_" + _kind(truth, verdict(crit, info["kinds"]) == "flagged")] += 1
            said = verdict(got, info["kinds"]) if got is not None else "missing"
            row["llm_" + _kind(truth, said == "flagged")] += 1
            if said in NOT_GRADED or said == "missing":
                row[said] += 1
            if got is not None and got.get("method") not in ("llm", "rule"):
                row["llm_other_method"] += 1
    return {
        "criteria": {k: dict(v) for k, v in sorted(rows.items())},
        "rule_same": rule_same,
        "rule_changed": rule_changed,
        "not_reached": not_reached,
    }


def _env(workdir: Path, llm: dict[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TQRS_AZURE_"))}
    env["TQRS_DB"] = str(workdir / "hybrid.duckdb")
    env["TQRS_REPORTS_DIR"] = str(workdir / "reports")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return {**env, **(llm or {})}


def _report(session: str, run: str, path: Path, env: dict[str, str]) -> dict:
    run_tqrs(["report", session, "--run", run, "--format", "json", "--out", str(path)], env)
    return json.loads(path.read_text(encoding="utf-8"))


def run_llm(session: str, rubric: str, env: dict, minutes: float | None) -> tuple[str, float]:
    """`tqrs evaluate` through the LLM judge, one request at a time, stopped with Ctrl-C
    after `minutes`; its output and wall time."""
    cmd = [sys.executable, "-m", "tqrs", "evaluate", session, "--rubric", rubric]
    started = time.monotonic()
    proc = subprocess.Popen(
        [*cmd, "--concurrency", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        out, _ = proc.communicate(timeout=minutes * 60 if minutes else None)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate()
    return out, time.monotonic() - started


def usage(db: Path, run: int) -> dict:
    """Requests, tokens and status of a run, from the database the CLI wrote."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        status, tin, tout = con.execute(
            "SELECT status, tokens_in, tokens_out FROM runs WHERE id = ?", [run]
        ).fetchone()
        requests, cut = con.execute(
            "SELECT count(*), count(*) FILTER (status = 'cut_off') FROM llm_exchanges "
            "WHERE run_id = ?",
            [run],
        ).fetchone()
    return {"status": status, "tokens_in": tin, "tokens_out": tout, "requests": requests,
            "cut_off": cut}  # fmt: skip


def measure(args, labels: list[dict], workdir: Path) -> dict:
    rubric = args.rubric
    numbers = {r["number"] for r in labels if r["rubric"] == rubric}
    reports, kinds = score_set([rubric], workdir / "select")
    candidates = {n: c for n, c in deferred(reports[rubric], rubric, kinds).items() if n in numbers}
    if args.numbers:
        sample = pinned(args.numbers, numbers, args.split, rubric)
    else:
        sample = draw(list(candidates), args.sample, args.seed)
    records = json.loads((EVAL_SET / "tickets.json").read_text(encoding="utf-8"))["records"]
    by_number = {t["number"]: t for t in records}
    export = workdir / "sample.json"
    export.write_text(json.dumps({"records": [by_number[n] for n in sample]}))
    env = _env(workdir, None)
    session = run_tqrs(["ingest", str(export), "--name", "hybrid sample"], env).split()[-1]
    out = run_tqrs(["evaluate", session, "--offline", "--rubric", rubric], env)
    offline_run = re.search(r"^run (\d+)\b", out, re.MULTILINE).group(1)
    offline = _report(session, offline_run, workdir / "offline.json", env)
    llm_env = _env(
        workdir,
        {"OPENAI_BASE_URL": args.base_url, "OPENAI_API_KEY": args.api_key,
         "OPENAI_MODEL": args.model, "OPENAI_TIMEOUT": str(args.timeout)},
    )  # fmt: skip
    out, wall = run_llm(session, rubric, llm_env, args.minutes)
    found = re.search(r"^run (\d+)\b", out, re.MULTILINE)
    llm_run = found.group(1) if found else str(int(offline_run) + 1)
    llm = _report(session, llm_run, workdir / "llm.json", env)
    result = compare(labels, offline, llm, rubric, kinds)
    in_sample = deferred(offline, rubric, kinds)  # the same reading on the sample alone?
    moved = sorted(n for n in sample if in_sample.get(n) != candidates.get(n))
    return {
        "rubric": rubric,
        "split": args.split,
        "candidates": len(candidates),
        "seed": None if args.numbers else args.seed,
        "sample": sample,
        "deferred_otherwise_in_sample": moved,
        "model": args.model,
        "base_url": args.base_url,
        "wall_s": round(wall, 1),
        "llm_run": usage(workdir / "hybrid.duckdb", int(llm_run)),
        **result,
    }


def print_table(fig: dict) -> None:
    reached = len(fig["sample"]) - len(fig["not_reached"])
    u = fig["llm_run"]
    partial = " (PARTIAL: run stopped)" if fig["not_reached"] or u["status"] != "completed" else ""
    how = "numbers given" if fig["seed"] is None else f"seed {fig['seed']}"
    print(
        f"{fig['rubric']}, split {fig['split']}: {len(fig['sample'])} of {fig['candidates']} "
        f"incidents with a deferred criterion ({how}), {reached} graded by "
        f"{fig['model']}{partial}"
    )
    print(
        f"  {'criterion':18} {'deferred':>8} {'support':>7} {'LLM TP/FP/FN/TN':>16} "
        f"{'offline TP/FP/FN/TN':>20} {'ev-not-found':>12} {'not-graded':>10}"
    )
    for crit_id, r in fig["criteria"].items():
        llm = "/".join(str(r.get("llm_" + k, 0)) for k in ("tp", "fp", "fn", "tn"))
        off = "/".join(str(r.get("offline_" + k, 0)) for k in ("tp", "fp", "fn", "tn"))
        print(
            f"  {crit_id:18} {r['deferred']:>8} {r.get('support', 0):>7} {llm:>16} {off:>20} "
            f"{r.get('evidence_not_found', 0):>12} {r.get('unscored', 0):>10}"
        )
    print(
        f"  rule-decided criteria identical in both runs: {fig['rule_same']}, changed: "
        f"{len(fig['rule_changed'])} {fig['rule_changed'][:10] or ''}"
    )
    per = fig["wall_s"] / reached if reached else 0
    print(
        f"  LLM run {u['status']}: {u['requests']} requests ({u['cut_off']} cut off), tokens "
        f"{u['tokens_in']:,} in / {u['tokens_out']:,} out, wall {fig['wall_s']:.0f} s "
        f"({per:.0f} s a ticket)"
    )
    if fig["not_reached"]:
        print(f"  not reached: {len(fig['not_reached'])} tickets")
    if fig["deferred_otherwise_in_sample"]:
        print(
            f"  deferred otherwise in the sample's own run: {fig['deferred_otherwise_in_sample']}"
        )
    print(
        "flagged = costs points or auto-fails; evidence not found and not graded (unscored) cost"
        " nothing, so count as not flagged"
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base-url", required=True)
    p.add_argument("--model", required=True)
    p.add_argument("--api-key", default="local")
    p.add_argument("--sample", type=int, default=40)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--numbers", nargs="+", help="these incidents as the sample (no draw)")
    p.add_argument("--rubric", default="incident_logging")
    p.add_argument("--split", choices=("tune", "report", "all"), default="report")
    p.add_argument("--timeout", type=float, default=1200.0, help="OPENAI_TIMEOUT, seconds")
    p.add_argument("--minutes", type=float, help="stop the LLM run after this long (partial)")
    p.add_argument("--keep", type=Path, help="keep the databases and reports in this folder")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    labels = load_labels(args.split)
    try:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            fig = measure(args, labels, args.keep)
        else:
            with tempfile.TemporaryDirectory(prefix="tqrs-hybrid-") as tmp:
                fig = measure(args, labels, Path(tmp))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(fig, indent=2))
    else:
        print_table(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
