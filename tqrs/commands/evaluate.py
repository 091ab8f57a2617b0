"""tqrs evaluate | rubrics"""

import sys

from tqrs.commands.arguments import amount, refuse_without, whole_number
from tqrs.errors import ConfigError, InputError
from tqrs.llm.settings import resolve_settings
from tqrs.rubric import Rubric, list_rubrics, load_rubric
from tqrs.rubric_versions import names_version, resolve_rubric, rubric_versions
from tqrs.store import Store
from tqrs.store.runs import get_run


def register(sub, common) -> None:
    p = sub.add_parser(
        "evaluate", parents=[common], help="score a session's tickets against a rubric"
    )
    p.add_argument(
        "session", metavar="SESSION", nargs="?", help="session id or name (not with --resume)"
    )
    p.add_argument(
        "--rubric",
        action="append",
        metavar="NAME",
        help="rubric id (its current version: the latest saved in the workbench, else its "
        "file), ID@VERSION, file stem or path; repeatable (default: incident_logging and "
        "incident_handling when at least half the short descriptions follow their 4-part "
        "form, else the generic incident_quality)",
    )
    p.add_argument(
        "--offline", action="store_true", help="rules and the offline heuristic judge only, no LLM"
    )
    p.add_argument(
        "--limit", type=whole_number(1), metavar="N", help="score only the first N tickets"
    )
    p.add_argument(
        "--concurrency",
        type=whole_number(1),
        metavar="N",
        help="parallel LLM requests (default: $BATCH_CONCURRENCY, else 8)",
    )
    p.add_argument(
        "--budget",
        type=amount(positive=True),
        metavar="USD",
        help="stop the LLM run cleanly once it has cost this much",
    )
    p.add_argument(
        "--resume",
        type=int,
        metavar="RUN",
        help="finish an interrupted run (only tickets without a result are sent), or collect "
        "a batch run's answers",
    )
    p.add_argument(
        "--batch",
        action="store_true",
        help="send the requests through the provider's Batch API (half the price, results "
        "within 24 h); waits for them unless --no-wait",
    )
    p.add_argument(
        "--no-wait",
        action="store_true",
        help="with --batch: return once the requests are at the provider "
        "(collect with --resume RUN)",
    )
    p.add_argument(
        "--batch-retry",
        choices=("batch", "online"),
        default="batch",
        help="failed and unanswered batch requests go into the next batch (default) or online",
    )
    p.add_argument(
        "--poll",
        type=amount(positive=False),
        metavar="SECONDS",
        help="with --batch: seconds between checks on the batches (default: $TQRS_BATCH_POLL, "
        "else 30)",
    )
    p.add_argument(
        "--workers",
        type=whole_number(1),
        metavar="N",
        default=1,
        help="processes grading with the offline judge (default: 1, this process)",
    )
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("rubrics", parents=[common], help="list the rubrics or check one file")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--check",
        metavar="PATH",
        help="validate a rubric file and show it (or ID@VERSION: a version saved in the "
        "workbench; with --json, the file to import elsewhere)",
    )
    p.add_argument(
        "--versions", metavar="ID", help="list the versions of a rubric: its file, then saved"
    )
    p.set_defaults(func=cmd_rubrics)


def cmd_evaluate(args, out) -> int:
    from tqrs.commands.run_progress import run_evaluation
    from tqrs.rubric_choice import choose_rubrics
    from tqrs.store.sessions import get_session

    if args.session is None and args.resume is None:
        raise InputError("evaluate: name a SESSION, or a run to finish with --resume RUN")
    batch = args.batch or args.resume is not None  # a resumed run keeps its own mode
    refuse_without(
        batch,
        (("--no-wait", args.no_wait),),
        "only a batch run (--batch) can be left to the provider",
    )
    refuse_without(
        batch,
        (("--poll", args.poll is not None), ("--batch-retry", args.batch_retry != "batch")),
        "only a batch run (--batch) uses {it}",
    )
    settings = resolve_settings({"concurrency": args.concurrency}, db=args.db)
    with Store(args.db) as store:
        rubrics = [resolve_rubric(store, name) for name in args.rubric or ()]
        if not rubrics and args.resume is None:
            choice = choose_rubrics(store, get_session(store, args.session).id)
            print(f"rubric: {', '.join(choice.rubrics)}: {choice.reason}", file=out)
            rubrics = [resolve_rubric(store, name) for name in choice.rubrics]
        if args.resume is not None:  # a run has one rubric: its own unless named
            run = get_run(store, args.resume)
            rubrics = rubrics[:1] if args.rubric else [Rubric.model_validate_json(run.rubric_json)]
            args.session = args.session or str(run.session_id)
        for i, rubric in enumerate(rubrics):
            if i:
                print(file=out)
            run_evaluation(store, args, out, rubric, settings)
    return 0


def cmd_rubrics(args, out) -> int:
    if args.versions:
        return _list_versions(args, out)
    rubrics = [_checked(args)] if args.check else list_rubrics()
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
        for line in r.parameters.describe():
            print(f"  {line}", file=out)
    if args.check:  # the rules' outcomes all have an option, or the rubric did not load
        from tqrs.judges.offline import offline_gaps

        rubric = rubrics[0]
        for c in rubric.criteria:
            mapped = ", ".join(f"{o.value} -> {c.option_for(o).label}" for o in _mapped(c))
            reads = "; ".join(" or ".join(sorted(group)) for group in c.needs) or "-"
            print(f"  {c.id}: {mapped}; reads {reads}", file=out)
        print(f"  an auto-fail takes the band {rubric.failed_band.name}", file=out)
        for gap in offline_gaps(rubric):
            print(f"warning: {gap}", file=sys.stderr)
    return 0


def _mapped(criterion) -> list:
    from tqrs.outcomes import OPTION_OUTCOMES

    return [o for o in OPTION_OUTCOMES if criterion.option_for(o) is not None]


def _checked(args) -> Rubric:
    """The rubric `--check` names: a file, or ID@VERSION from the store (opened only then,
    so that checking a file never waits for a database another process holds)."""
    ref = args.check
    if names_version(ref):
        with Store(args.db) as store:
            return resolve_rubric(store, ref)
    return load_rubric(ref)


def _list_versions(args, out) -> int:
    with Store(args.db) as store:
        versions = rubric_versions(store, args.versions)
    if not versions:
        raise ConfigError(f"no rubric {args.versions!r}")
    for i, v in enumerate(versions):
        current = " (current)" if i == len(versions) - 1 else ""
        based = f", edited from {v.saved.based_on}" if v.saved else ""
        print(f"{v.rubric.id}@{v.rubric.version}{current}: {v.source}{based}", file=out)
    return 0
