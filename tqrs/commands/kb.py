"""tqrs kb add | list | remove | search: the knowledge base."""

import json

from tqrs.commands.arguments import whole_number
from tqrs.embeddings import get_embedder
from tqrs.knowledge import (
    add_documents,
    list_documents,
    remove_document,
    search_knowledge,
    search_tickets,
)
from tqrs.store import Store
from tqrs.store import sessions as sessions_db


def register(sub, common) -> None:
    kb = sub.add_parser("kb", help="the knowledge base: documents the judges and searches use")
    kb_sub = kb.add_subparsers(dest="kb_command", metavar="ACTION", required=True)

    p = kb_sub.add_parser(
        "add", parents=[common], help="add documents (PDF, Markdown, text, HTML); all or nothing"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_add)

    p = kb_sub.add_parser("list", parents=[common], help="list the documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = kb_sub.add_parser("remove", parents=[common], help="remove a document and its chunks")
    p.add_argument("id", type=int, metavar="ID", help="document id (see `tqrs kb list`)")
    p.set_defaults(func=cmd_remove)

    p = kb_sub.add_parser("search", parents=[common], help="search by meaning")
    p.add_argument("text", metavar="TEXT", help="what to look for, in plain words")
    p.add_argument("--k", type=whole_number(1), default=5, help="how many results (default 5)")
    p.add_argument(
        "--tickets",
        metavar="SESSION",
        help="search the tickets of this session instead of the documents",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)


def cmd_add(args, out) -> int:
    with Store(args.db) as store:
        results = add_documents(store, get_embedder(), args.files)
    for r in results:
        if r.status == "added":
            print(f"added: {r.name} as document {r.document_id} ({r.chunks} chunks)", file=out)
        else:
            print(f"skipped: {r.name}: {r.message}", file=out)
    return 0


def cmd_list(args, out) -> int:
    with Store(args.db) as store:
        docs = list_documents(store)
    if args.json:
        print(json.dumps(docs, indent=2, default=str), file=out)
    elif not docs:
        print("no documents yet: `tqrs kb add FILE` adds one", file=out)
    for d in [] if args.json else docs:
        print(
            f"{d['id']:>4}  {d['added_at']:%Y-%m-%d %H:%M}  {d['format']:<8}  "
            f"{d['chunk_count']:>4} chunks  {d['name']}  ({d['title']})",
            file=out,
        )
    return 0


def cmd_remove(args, out) -> int:
    with Store(args.db) as store:
        name = remove_document(store, args.id)
    print(f"removed: document {args.id} ({name})", file=out)
    return 0


def cmd_search(args, out) -> int:
    with Store(args.db) as store:
        embedder = get_embedder()
        if args.tickets:
            session = sessions_db.get_session(store, args.tickets)
            hits = search_tickets(store, embedder, args.text, args.k, session.id)
        else:
            hits = search_knowledge(store, embedder, args.text, args.k)
    if args.json:
        print(json.dumps([h.model_dump() for h in hits], indent=2), file=out)
        return 0
    if not hits:
        print("nothing found (is the knowledge base empty? `tqrs kb add FILE`)", file=out)
    for h in hits:
        where = h.cite() if not args.tickets else f"{h.number}  [{h.category or '-'}]"
        print(f"{h.score:.3f}  {where}", file=out)
        print("       " + " ".join(h.text.split())[:300], file=out)
    return 0
