"""tqrs ingest | sessions | tickets | profile | serve"""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tqrs import config
from tqrs.commands.agents import add_agent_options
from tqrs.commands.arguments import whole_number
from tqrs.commands.profile_text import profile_text
from tqrs.display import one_line, plural
from tqrs.fields import parse_mapping
from tqrs.ingest import IngestReport, ingest_files
from tqrs.profile import build_profile
from tqrs.store import Store
from tqrs.store import sessions as db

MAX_ISSUES_SHOWN = 20
MAX_COLUMNS_SHOWN = 12


def register(sub, common) -> None:
    p = sub.add_parser("ingest", parents=[common], help="read export files into a new session")
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="JSON, CSV, Excel or XML exports, or PDF prints of incident forms",
    )
    p.add_argument("--name", help="session name (default: the first file's name)")
    p.add_argument(
        "--new",
        action="store_true",
        help="make a new session even if exactly these files were ingested before",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read a column as a field, e.g. --map 'Affected User=caller' (repeatable; "
        "COLUMN= leaves a column unread); the fields are those of `tqrs tickets --json`",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("sessions", parents=[common], help="list sessions")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser("tickets", parents=[common], help="the parsed tickets of a session")
    p.add_argument("session", metavar="SESSION", help="session id or name")
    p.add_argument("--json", action="store_true", help="one JSON object per line, with raw")
    p.set_defaults(func=cmd_tickets)

    p = sub.add_parser("profile", parents=[common], help="dataset profile of a session")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--near-duplicates",
        action="store_true",
        help="embed the session first (local model) to find near-duplicate tickets",
    )
    p.set_defaults(func=cmd_profile)
    add_agent_options(p)

    p = sub.add_parser("serve", parents=[common], help="start the workbench")
    p.add_argument("--port", type=whole_number(1, 65535), default=8501)
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default 127.0.0.1: this machine only); any other, such as "
        "0.0.0.0, opens it to the network and every page asks for the workbench password",
    )
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.set_defaults(func=cmd_serve)


def cmd_ingest(args, out) -> int:
    mapping = parse_mapping(args.map)
    with Store(args.db) as store:
        report = ingest_files(store, args.files, args.name, new=args.new, mapping=mapping)
    print_ingest_report(report, out)
    print(report.session_id, file=out)
    return 0


_MERGED = " (exact copies, or the same incident from another file)"


def print_ingest_report(report: IngestReport, out) -> None:
    for notice in report.notices:
        print(f"notice: {notice}", file=out)
    if report.reused:
        return
    for f in report.files:
        print(
            f"{f.name}: {plural(f.records, 'record')}: {f.imported:,} imported "
            f"({f.warnings:,} with warnings), {f.merged:,} merged{_MERGED if f.merged else ''}, "
            f"{plural(f.superseded, 'older or repeated version')} dropped, {f.rejected:,} rejected"
            f"{f'; read as {f.encoding}' if f.encoding and f.encoding != 'UTF-8' else ''}",
            file=out,
        )
        for notice in f.notices:
            print(f"  notice: {notice}", file=out)
        if f.unmapped:
            print(f"  {unmapped_line(f.unmapped)} (read one with --map 'COLUMN=FIELD')", file=out)
        for issue in f.issues[:MAX_ISSUES_SHOWN]:
            print(f"  {issue.outcome}: {issue.where(f.format)}: {issue.message}", file=out)
        if len(f.issues) > MAX_ISSUES_SHOWN:
            print(
                f"  ... and {len(f.issues) - MAX_ISSUES_SHOWN:,} more (see `tqrs sessions --json`)",
                file=out,
            )
    for message in report.failed.values():
        print(f"failed: {message}", file=out)
    shown = plural(report.ticket_count, "ticket")
    print(f"session {report.session_id} ({report.name}): {shown}", file=out)


def cmd_sessions(args, out) -> int:
    with Store(args.db) as store:
        sessions = db.list_sessions(store)
    if args.json:
        print(json.dumps([s.model_dump(mode="json") for s in sessions], indent=2), file=out)
        return 0
    if not sessions:
        print("no sessions yet: `tqrs ingest FILE` makes one", file=out)
    for s in sessions:
        files = ", ".join(f.name for f in s.files)
        print(
            f"{s.id:>4}  {s.created_at:%Y-%m-%d %H:%M}  {plural(s.ticket_count, 'ticket'):>16}  "
            f"{s.name}  [{files}]",
            file=out,
        )
        for f in s.files:
            if f.unmapped:
                print(f"{'':>6}{f.name}: {unmapped_line(f.unmapped)}", file=out)
    return 0


def unmapped_line(columns: list[str], shown: int = MAX_COLUMNS_SHOWN) -> str:
    """ "3 columns not read: a, b, c" (the first `shown` of them)."""
    more = f", … and {len(columns) - shown:,} more" if len(columns) > shown else ""
    noun = "column" if len(columns) == 1 else "columns"
    return f"{len(columns):,} {noun} not read: {', '.join(columns[:shown])}{more}"


def cmd_tickets(args, out) -> int:
    with Store(args.db) as store:
        session = db.get_session(store, args.session)
        for t in db.iter_tickets(store, session.id):
            if args.json:
                out.write(t.model_dump_json() + "\n")
            else:
                opened = t.opened_at.strftime("%Y-%m-%d") if t.opened_at else "-"
                print(
                    f"{one_line(t.number):<12} {opened}  {one_line(t.state):<11.11} P{t.priority or '-'}  "
                    f"{one_line(t.category):<12.12}  {one_line(t.assigned_to):<18.18}  "
                    f"{one_line(t.short_description):.60}",
                    file=out,
                )
    return 0


def cmd_profile(args, out) -> int:
    embedder = None
    if args.near_duplicates:
        from tqrs.embeddings import get_embedder  # loads numpy and the model only when asked

        embedder = get_embedder()
    with Store(args.db) as store:
        profile = build_profile(store, args.session, embedder)
    if args.json:
        print(profile.model_dump_json(indent=2), file=out)
    else:
        print(profile_text(profile), file=out)
    return 0


def cmd_serve(args, out) -> int:
    # Absolute paths: Streamlit runs in PROJECT_ROOT, where it finds .streamlit/config.toml.
    env = dict(os.environ, TQRS_DB=str(config.db_path(args.db).resolve()))
    if os.environ.get("TQRS_REPORTS_DIR"):
        # set, it belongs to $TQRS_DB's database (config.kept_reports_dir): the served one keeps
        # its copies where `tqrs report --db` keeps them, not over the other database's
        env["TQRS_REPORTS_DIR"] = str(config.kept_reports_dir(args.db).resolve())
    from tqrs import auth, people

    # With a sign-in provider saved, people sign in through it and no workbench password is
    # asked (app/main.py); the admin password stays the way into Settings.
    signs_in = bool(people.load_provider(args.db))
    gate = auth.gate_required(args.host) and not signs_in
    for kind in [auth.ADMIN] + ([auth.WORKBENCH] if gate else []):
        password = auth.ensure_password(kind, args.db)
        if password is not None:  # once, on this console only; only its hash is kept
            print(auth.new_password_notice(kind, password), file=sys.stderr, flush=True)
    if not auth.is_loopback(args.host):
        asks = (
            "sign-in through the organisation's provider" if signs_in else "the workbench password"
        )
        print(
            f"The workbench listens on {args.host}, open to the network: every page asks for "
            f"{asks}.",
            file=sys.stderr,
            flush=True,
        )
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(config.APP_MAIN),
        "--server.port",
        str(args.port),
        "--server.address",
        args.host,
    ]
    if args.headless:
        cmd += ["--server.headless", "true"]
    cmd += secrets_files_args(args.db)
    return _run_forwarding_signals(cmd, env)


def _run_forwarding_signals(cmd: list[str], env: dict) -> int:
    """Run the workbench and wait for it. A SIGTERM or SIGHUP sent to `tqrs serve` alone
    (`kill PID`, a service manager) is passed on: the workbench stops with it instead of
    living on with the port. Ctrl+C reaches both already; the child is killed on any error,
    as subprocess.call does."""
    with subprocess.Popen(cmd, env=env, cwd=config.PROJECT_ROOT) as child:
        kinds = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
        before = {
            kind: signal.signal(kind, lambda got, _: child.send_signal(got)) for kind in kinds
        }
        try:
            return child.wait()
        except BaseException:
            child.kill()
            raise
        finally:
            for kind, handler in before.items():
                signal.signal(kind, handler)


def secrets_files_args(db=None) -> list[str]:
    """Streamlit's secrets files: its usual two (the user's, the project's) and, last so that
    it wins, the one the Settings page writes beside the database (sign-in, tqrs.people)."""
    from tqrs import people

    files = [
        Path.home() / ".streamlit" / "secrets.toml",
        config.PROJECT_ROOT / ".streamlit" / "secrets.toml",
        people.secrets_file(db),
    ]
    return [arg for f in files for arg in ("--secrets.files", str(f))]
