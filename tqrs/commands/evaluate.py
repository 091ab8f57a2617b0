"""tqrs evaluate | rubrics"""

import sys

from tqrs.evaluate import DEFAULT_RUBRICS, evaluate_offline, render_summary, run_summary
from tqrs.rubric import list_rubrics, load_rubric
from tqrs.store import Store


def register(sub, common) -> None:
    p = sub.add_parser("evaluate", parents=[common],
                       help="score a session's tickets against a rubric")
    p.add_argument("session", metavar="SESSION", help="session id or name")
    p.add_argument("--rubric", action="append", metavar="NAME",
                   help="rubric id, file stem or path; repeatable "
                        f"(default: {', '.join(DEFAULT_RUBRICS)})")
    p.add_argument("--offline", action="store_true",
                   help="rules and the offline heuristic judge only, no LLM")
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N tickets")
    p.add_argument("--concurrency", type=int, metavar="N",
                   help="parallel LLM requests (unused by the offline judge)")
    p.add_argument("--workers", type=int, metavar="N", default=1,
                   help="processes for offline scoring (default: 1, this process)")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("rubrics", parents=[common], help="list the rubrics or check one file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--check", metavar="PATH", help="validate a rubric file and show it")
    p.set_defaults(func=cmd_rubrics)


def cmd_evaluate(args, out) -> int:
    rubrics = [load_rubric(name) for name in (args.rubric or DEFAULT_RUBRICS)]
    with Store(args.db) as store:
        for i, rubric in enumerate(rubrics):
            run_id = evaluate_offline(store, args.session, rubric, limit=args.limit,
                                      progress=_progress if sys.stderr.isatty() else None,
                                      workers=args.workers)
            if i:
                print(file=out)
            for line in render_summary(run_summary(store, run_id)):
                print(line, file=out)
    return 0


def _progress(done: int, total: int) -> None:
    end = "\n" if done >= total else ""
    print(f"\r{done:,}/{total:,} tickets scored", end=end, file=sys.stderr, flush=True)


def cmd_rubrics(args, out) -> int:
    rubrics = [load_rubric(args.check)] if args.check else list_rubrics()
    if args.json:
        for r in rubrics:
            print(r.model_dump_json(), file=out)
        return 0
    for r in rubrics:
        methods = ", ".join(f"{c.id} ({c.method}, {c.max_points})" for c in r.criteria)
        print(f"{r.id} {r.version}: {r.name}, {r.max_points} points, pass at "
              f"{r.pass_threshold:g}: {methods}", file=out)
    return 0
