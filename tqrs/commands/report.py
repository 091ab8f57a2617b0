"""tqrs report"""

from pathlib import Path

from tqrs.display import plural
from tqrs.errors import InputError
from tqrs.reports import FORMATS, load_report, write_report, write_ticket_report
from tqrs.store import Store
from tqrs.store.runs import get_run, latest_completed_run
from tqrs.store.sessions import get_session


def register(sub, common) -> None:
    p = sub.add_parser(
        "report", parents=[common], help="write a run's report as CSV, JSON, HTML or Excel"
    )
    p.add_argument("session", metavar="SESSION", help="session id or name")
    p.add_argument(
        "--run",
        type=int,
        metavar="RUN",
        help="run id (default: the session's latest completed run)",
    )
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="file to write (csv also writes PATH-criteria.csv beside it); "
        "a folder writes a file named after session, rubric, run and date",
    )
    p.add_argument(
        "--ticket",
        metavar="NUMBER",
        help="html only: the report of this one ticket (its number, or its ticket_id for a number the run holds twice) instead of the batch",
    )
    p.set_defaults(func=cmd_report)


def cmd_report(args, out) -> int:
    if args.ticket and args.format != "html":
        raise InputError("--ticket: the one-ticket report is HTML (use --format html)")
    with Store(args.db) as store:
        session = get_session(store, args.session)
        run_id = latest_completed_run(store, session.id) if args.run is None else args.run
        owner = get_run(store, run_id).session_id
        if owner != session.id:
            raise InputError(
                f"run {run_id} belongs to session {owner}, not to session {session.id}"
            )
        report = load_report(store, run_id)
    if args.ticket:
        paths = [write_ticket_report(report, args.ticket, Path(args.out), db=args.db)]
    else:
        paths = write_report(report, args.format, Path(args.out), db=args.db)
    s = report.summary
    print(
        f"run {report.run.id} ({report.run.rubric_id} {report.run.rubric_version}, judge "
        f"{report.judge_label}): {plural(s.tickets, 'ticket')}",
        file=out,
    )
    for p in paths:
        print(f"wrote {p}", file=out)
    return 0
