"""tqrs evaluate | rubrics"""

import sys

from tqrs.evaluate import DEFAULT_RUBRICS, evaluate_offline, render_summary, run_summary
from tqrs.llm.settings import resolve_settings
from tqrs.rubric import Rubric, list_rubrics, load_rubric
from tqrs.store import Store
from tqrs.store.runs import get_run


def register(sub, common) -> None:
    p = sub.add_parser(
        "evaluate", parents=[common], help="score a session's tickets against a rubric"
    )
    p.add_argument("session", metavar="SESSION", help="session id or name")
    p.add_argument(
        "--rubric",
        action="append",
        metavar="NAME",
        help=f"rubric id, file stem or path; repeatable (default: {', '.join(DEFAULT_RUBRICS)})",
    )
    p.add_argument(
        "--offline", action="store_true", help="rules and the offline heuristic judge only, no LLM"
    )
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N tickets")
    p.add_argument(
        "--concurrency",
        type=int,
        metavar="N",
        help="parallel LLM requests (default: $BATCH_CONCURRENCY, else 8)",
    )
    p.add_argument(
        "--budget",
        type=float,
        metavar="USD",
        help="stop the LLM run cleanly once it has cost this much",
    )
    p.add_argument(
        "--resume",
        type=int,
        metavar="RUN",
        help="finish an interrupted run: only tickets without a result are sent",
    )
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        default=1,
        help="processes for offline scoring (default: 1, this process)",
    )
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("rubrics", parents=[common], help="list the rubrics or check one file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--check", metavar="PATH", help="validate a rubric file and show it")
    p.set_defaults(func=cmd_rubrics)


def cmd_evaluate(args, out) -> int:
    rubrics = [load_rubric(name) for name in (args.rubric or DEFAULT_RUBRICS)]
    settings = resolve_settings({"concurrency": args.concurrency}, db=args.db)
    use_llm = not args.offline and settings.configured
    if args.resume is not None:  # a run has one rubric: its own unless named
        rubrics = rubrics[:1] if args.rubric else [_rubric_of_run(args)]
    with Store(args.db) as store:
        for i, rubric in enumerate(rubrics):
            if use_llm or args.resume is not None:
                from tqrs.commands.run_progress import evaluate_with_runner  # imports openai

                if i:
                    print(file=out)
                evaluate_with_runner(store, args, out, rubric, settings, use_llm)
                continue
            run_id = evaluate_offline(
                store,
                args.session,
                rubric,
                limit=args.limit,
                progress=_progress if sys.stderr.isatty() else None,
                workers=args.workers,
            )
            if i:
                print(file=out)
            for line in render_summary(run_summary(store, run_id)):
                print(line, file=out)
    return 0


def _rubric_of_run(args) -> Rubric:
    with Store(args.db) as store:
        return Rubric.model_validate_json(get_run(store, args.resume).rubric_json)


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
        print(
            f"{r.id} {r.version}: {r.name}, {r.max_points} points, pass at "
            f"{r.pass_threshold:g}: {methods}",
            file=out,
        )
    return 0
