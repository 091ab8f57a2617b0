"""tqrs pull: incidents straight from a ServiceNow instance (Table API) into a session."""

import sys

from tqrs.commands.live_line import LiveLine, bar
from tqrs.commands.sessions import print_ingest_report
from tqrs.servicenow.credentials import ENV
from tqrs.servicenow.pull import MAX_PAGE, PAGE_SIZE, PullProgress, pull
from tqrs.store import Store


def register(sub, common) -> None:
    p = sub.add_parser(
        "pull",
        parents=[common],
        help="pull incidents from a ServiceNow instance (Table API) into a session",
        description="Pull the incidents an encoded query matches, with their work notes and "
        "comments, into a session; the same instance and query pulled again brings only what "
        "changed since, into the same session, and a pull that stopped continues. "
        f"Credentials: {ENV['user']}/{ENV['password']} (basic auth) or "
        f"{ENV['client_id']}/{ENV['client_secret']} (OAuth), else what the admin saved on "
        "the Settings page. Prints the session id on its last line.",
    )
    p.add_argument(
        "--instance",
        required=True,
        metavar="URL",
        help="the instance: https://dev12345.service-now.com (or dev12345)",
    )
    p.add_argument(
        "--query",
        required=True,
        metavar="QUERY",
        help="an encoded query, e.g. 'closed_at>=javascript:gs.daysAgoStart(7)' or "
        "'assignment_group.name=Service Desk^active=false' ('' for every incident)",
    )
    p.add_argument("--name", help="the session's name when it is made (default: host and query)")
    p.add_argument(
        "--page-size",
        type=int,
        default=PAGE_SIZE,
        metavar="N",
        help=f"incidents per request (default {PAGE_SIZE:,}, at most {MAX_PAGE:,})",
    )
    p.set_defaults(func=cmd_pull)


def cmd_pull(args, out) -> int:
    line = LiveLine(sys.stderr)

    def show(p: PullProgress) -> None:
        line.show(f"{bar(p.share)} {p.describe()}")

    with Store(args.db) as store:
        try:
            result = pull(
                store, args.instance, args.query, args.name, page_size=args.page_size,
                on_progress=show,
            )  # fmt: skip
        except KeyboardInterrupt:
            line.close()
            print("interrupted: the pages stored are kept; pull again to continue", file=out)
            raise
        line.close()
    for said in result.lines:
        print(f"pull: {said}", file=out)
    print_ingest_report(result.report, out)
    print(result.report.session_id, file=out)
    return 0
