"""tqrs llm settings | test"""

import json

from tqrs.llm.settings import resolve_settings


def register(sub, common) -> None:
    p = sub.add_parser("llm", help="LLM provider settings and connection test")
    llm = p.add_subparsers(dest="llm_command", metavar="ACTION", required=True)
    s = llm.add_parser(
        "settings", parents=[common], help="the LLM settings in effect and where each comes from"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_settings)
    t = llm.add_parser("test", parents=[common], help="send one tiny request to the provider")
    t.set_defaults(func=cmd_test)


def cmd_settings(args, out) -> int:
    shown = resolve_settings(db=args.db).describe()
    if args.json:
        print(json.dumps(shown, indent=2, default=str), file=out)
        return 0
    sources = shown.pop("sources")
    for name, value in shown.items():
        origin = f"  ({sources[name]})" if name in sources else ""
        print(f"{name:<18} {value}{origin}", file=out)
    return 0


def cmd_test(args, out) -> int:
    from tqrs.llm.check import test_connection  # imports openai: only when needed

    check = test_connection(resolve_settings(db=args.db))
    status = "ok" if check.ok else "failed"
    print(f"{status}: {check.provider} model {check.model}: {check.message}", file=out)
    return 0 if check.ok else 1
