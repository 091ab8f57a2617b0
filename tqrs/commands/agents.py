"""tqrs profile SESSION --agents [--run RUN] [--coaching [--offline]] [--json]: agent and
group profiles of a run, and coaching summaries, as options of `tqrs profile`."""

import json

from tqrs.agents import ProfileSet
from tqrs.commands.arguments import refuse_without
from tqrs.display import one_line, plural, rate_text
from tqrs.store import Store


def add_agent_options(p) -> None:
    """The --agents options on the `profile` parser; with --agents the command profiles
    agents and groups instead of the dataset."""
    dataset = p.get_default("func")
    p.add_argument(
        "--agents",
        action="store_true",
        help="agent and group profiles of a run (effective scores) instead",
    )
    p.add_argument(
        "--run",
        type=int,
        help="with --agents: the run (default: the latest completed run of the session)",
    )
    p.add_argument(
        "--coaching",
        action="store_true",
        help="with --agents: a coaching "
        "summary per agent (by the LLM when configured, else the template)",
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="with --coaching: the template even when an LLM is configured",
    )

    def profile(args, out) -> int:
        refuse_without(
            args.agents,
            (
                ("--run", args.run is not None),
                ("--coaching", args.coaching),
                ("--offline", args.offline),
            ),
            "with --agents only (agent and group profiles of a run); without it `tqrs profile` "
            "profiles the session's tickets",
        )
        return (cmd_agent_profiles if args.agents else dataset)(args, out)

    p.set_defaults(func=profile)


def cmd_agent_profiles(args, out) -> int:
    from tqrs.agents import build_profiles, resolve_run

    with Store(args.db) as store:
        profiles = build_profiles(store, resolve_run(store, args.session, args.run))
        coaching = _coaching(store, profiles, args) if args.coaching else None
    if args.json:
        data = profiles.model_dump(mode="json")
        if coaching is not None:
            data["coaching"] = [c.model_dump(mode="json") for c in coaching]
        print(json.dumps(data, indent=2), file=out)
        return 0
    print(profiles_text(profiles), file=out)
    for c in coaching or []:
        print(f"\n{c.text}" + (f"\n  (template: {c.error})" if c.error else ""), file=out)
    if coaching:
        cost = sum(c.cost for c in coaching)
        print(
            f"\ncoaching: {plural(len(coaching), 'agent')}, {sum(c.method == 'llm' for c in coaching)} "
            f"by the LLM ({sum(c.cached for c in coaching)} cached), ${cost:.4f}",
            file=out,
        )
    return 0


def _coaching(store, profiles, args):
    from tqrs.coaching import template_summary
    from tqrs.coaching_llm import coach_agents
    from tqrs.llm.settings import resolve_settings
    from tqrs.store.runs import get_run

    if args.offline:
        return [template_summary(p) for p in profiles.agents]
    run = get_run(store, profiles.run_id)
    return coach_agents(
        store,
        profiles.agents,
        resolve_settings(db=args.db),
        (run.rubric_id, str(run.rubric_version)),
    )


def profiles_text(profiles: ProfileSet) -> str:
    """A plain-text table of agents then groups, for the CLI."""
    lines = [
        f"run {profiles.run_id} · session {profiles.session_id} · {profiles.rubric_id} · "
        f"{profiles.judge} judge · effective scores (overrides applied)"
    ]
    for kind, items in (("Agent", profiles.agents), ("Group", profiles.groups)):
        lines.append("")
        if note := profiles.unrecorded_note(kind.lower()):
            lines.append(f"note: {note}")
        lines.append(
            f"{kind:<28} {'tickets':>7} {'mean %':>7} {'pass':>6} {'too little':>10} "
            f"{'auto-fail':>9}  "
            "weakest criterion vs team"
        )
        for p in items:
            gap = p.weaker_than_team(1)
            weak = (
                (
                    f"{gap[0].criterion_id} {_pct(gap[0].failure_rate)} (team {_pct(gap[0].team_rate)})"
                )
                if gap
                else "-"
            )
            mean = "-" if p.mean_percent is None else f"{p.mean_percent:.1f}"
            lines.append(
                f"{one_line(p.name)[:28]:<28} {p.scored:>7,} {mean:>7} {_pct(p.pass_rate):>6} "
                f"{p.too_little:>10,} {p.auto_fails:>9,}  {weak}"
            )
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else rate_text(value)  # ASCII "-": a terminal's table
