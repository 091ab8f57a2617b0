"""The LLM judge: one structured-output call per ticket per rubric (tqrs.llm.call).

The reply is parsed into the rubric's response model (one entry per LLM criterion, keyed by
criterion id). A reply that does not validate is sent back once with the validation error;
if the second reply fails too, or the model refuses, or the provider never answers, every LLM
criterion of the ticket is `unscored` with the reason, the prompt and the raw reply: never a
made-up default. Successful answers go to the LLM cache with the ticket's result (the engine
commits both in one transaction), so an identical request is never sent twice. The cache key
holds the ticket's messages, the rubric version, the model, the prompt version and the
endpoint: the same model name on another server is another model.

Evidence: every quote is looked up in the ticket, and the answers to criteria a rule left
open are read against what the rule found (tqrs.llm.evidence: no quote where the rule
pointed at a passage, "not applicable" where it found the criterion applies). When a
criterion's answer fails that check, the ticket is asked once more inside the run (one more
request, counted in its tokens and cost; through the Batch API, in the next batch:
`follow_up` and `outcome` are the same decision and the same merge as online), with the
first answer and a follow-up naming those criteria and what is wrong with each; the criteria
re-asked take the new answer, the others keep the first; an answer still wrong makes the
criterion `evidence_not_found`: out of the maximum, kept with what the judge said, and
flagged in the review queue, never a silent score. The answer cached is the one after the
re-ask; a cached answer is checked again, never re-asked.

Grounding: when the knowledge base has documents, the passages nearest a ticket follow it in
the user message (tqrs.llm.prompt), and those the reply cites are stored as the criterion's
`citations`. The passages are part of the cache key, so a changed knowledge base is never
answered from stale entries. If the knowledge base has documents but the embedding model
cannot load, the run stops with a ConfigError rather than silently grading ungrounded."""

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from tqrs.embeddings import get_embedder
from tqrs.judges import JudgeOutcome, RemoteJudge
from tqrs.knowledge.evidence import knowledge_evidence
from tqrs.llm import prompt
from tqrs.llm.call import (
    VALIDATION_RETRY_OPENING,
    Caller,
    CallResult,
    text_hash,
    validation_retry,
)
from tqrs.llm.client import RetryPolicy
from tqrs.llm.cost import Estimate, estimate_run
from tqrs.llm.evidence import answer_before_reask, check_evidence, next_step, reask_message
from tqrs.llm.redact import PEOPLE_COLUMNS, Redaction, redact_ticket, session_names
from tqrs.llm.response_model import (
    CriterionAnswer,
    answers_by_criterion,
    build_response_model,
    schema_lengths,
)
from tqrs.llm.settings import LLMSettings
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.store.llm_cache import CacheEntry, cache_key, cached_keys, content_hash, get_cached
from tqrs.store.sessions import iter_people_text

if TYPE_CHECKING:
    from tqrs.rules.registry import Deferred


@dataclass
class PreparedRequest:
    system: str
    system_hash: str
    user: str
    redaction: Redaction
    content_hash: str
    key: str
    passages: tuple = field(default=())
    ticket: Ticket | None = None  # unredacted: what evidence must quote
    open: Mapping[str, "Deferred"] = field(default_factory=dict)  # rule criteria left open


class LLMJudge(RemoteJudge):
    """Grades a rubric's LLM criteria through an OpenAI-compatible provider."""

    name = "llm"
    prompt_version = prompt.PROMPT_VERSION
    billed = True
    batch_api = True

    def __init__(
        self,
        settings: LLMSettings,
        store=None,
        client=None,
        policy: RetryPolicy | None = None,
        knowledge="auto",
        embedder_factory=None,
    ):
        """`knowledge`: "auto" grounds on the store's knowledge base when it has documents
        (embedder from `embedder_factory`, default tqrs.embeddings.get_embedder); None never
        grounds; or a tqrs.knowledge.evidence.KnowledgeEvidence."""
        self.settings = settings
        self.caller = Caller(settings, "judge", policy, client)
        self.model, self.provider, self.endpoint = (
            self.caller.model,
            self.caller.provider,
            self.caller.endpoint,
        )
        self.store = store
        self._cache_keys: dict[tuple[str, str], set[str]] = {}
        self._systems: dict[tuple[str, str], tuple[str, str]] = {}
        self._knowledge = knowledge if store is not None else None
        self._embedder_factory = embedder_factory or get_embedder
        self._knowledge_lock = threading.Lock()
        self._names: dict[int, frozenset[str]] = {}  # session id -> the names it reveals
        self._names_lock = threading.Lock()

    def known_names(self, ticket: Ticket) -> frozenset[str] | None:
        """The names the ticket's session reveals in any of its tickets (tqrs.llm.redact),
        read once per session: a name in one ticket's journal header is redacted in every
        ticket. None without a store (the ticket's own names then)."""
        if self.store is None:
            return None
        session_id = ticket.session_id
        with self._names_lock:
            if session_id not in self._names:
                rows = iter_people_text(self.store, session_id, PEOPLE_COLUMNS)
                self._names[session_id] = session_names(rows, PEOPLE_COLUMNS)
            return self._names[session_id]

    def _grounding(self):
        """The knowledge evidence to ground on, looked up once (None: no knowledge base)."""
        if self._knowledge == "auto":
            with self._knowledge_lock:
                if self._knowledge == "auto":
                    self._knowledge = knowledge_evidence(self.store, self._embedder_factory)
        return self._knowledge

    def passages_for(self, tickets: list[Ticket], cached_only: bool = False) -> dict[int, tuple]:
        """ticket id -> the knowledge passages to send with it (in one batch); `cached_only`
        leaves out tickets whose text has no vector yet (see estimate)."""
        grounding = self._grounding()
        if grounding is None:
            return {}
        return {tid: e.passages for tid, e in grounding.for_tickets(tickets, cached_only).items()}

    def _known_keys(self, rubric) -> set[str]:
        if self.store is None:
            return set()
        ref = (rubric.id, str(rubric.version))
        if ref not in self._cache_keys:
            self._cache_keys[ref] = cached_keys(self.store, *ref, self.model, self.prompt_version)
        return self._cache_keys[ref]

    def prepare(
        self,
        ticket: Ticket,
        rubric,
        passages: tuple | None = None,
        open: Mapping[str, "Deferred"] | None = None,
    ) -> PreparedRequest:
        """The messages for a ticket (redacted when enabled) and their cache key; `passages`
        None looks them up; `open`: the rule criteria left to the judge, named in the user
        message (so part of the cache key)."""
        if passages is None:
            passages = self.passages_for([ticket]).get(ticket.id, ())
        if self.settings.redact:
            sent, redaction = redact_ticket(ticket, self.known_names(ticket))
        else:
            sent, redaction = ticket, Redaction()
        system, system_hash = self._system(rubric)
        user = prompt.user_message(sent, passages, open)
        content = content_hash(system_hash, user)
        key = cache_key(
            content, rubric.id, str(rubric.version), self.model, self.prompt_version, self.endpoint
        )
        return PreparedRequest(
            system,
            system_hash,
            user,
            redaction,
            content,
            key,
            tuple(passages),
            ticket,
            dict(open or {}),
        )

    def response_model(self, rubric):
        """The rubric's response model, with the length limits the provider accepts."""
        return build_response_model(rubric, schema_lengths(self.provider))

    def _system(self, rubric) -> tuple[str, str]:
        """The rubric's system message and its hash, built once per rubric version."""
        ref = (rubric.id, str(rubric.version))
        if ref not in self._systems:
            text = prompt.system_message(rubric)
            self._systems[ref] = (text, text_hash(text))
        return self._systems[ref]

    def estimate(
        self,
        tickets: Iterable[Ticket],
        rubric,
        total: int = 0,
        asks: Callable[[Ticket], tuple[Any, Mapping[str, "Deferred"]]] | None = None,
    ) -> Estimate:
        """What sending these tickets would cost, from the prompts actually built (tickets
        already in the LLM cache are counted apart and cost nothing). `asks` (a run's
        tqrs.engine.plan.what_is_asked): for a ticket, the part of the rubric its request
        asks and the rule criteria the rules leave open, or None when it sends nothing (its
        export carries none of what the llm criteria read, and the rules settle the rest):
        those tickets are not counted. Without it, every ticket is asked the whole rubric."""
        cached = 0
        parts: dict[tuple[str, int], tuple[Any, list[str]]] = {}  # by part of the rubric
        tickets = iter(tickets)
        # Passages a batch at a time, and only for tickets already embedded: an estimate
        # never waits for the model (a ticket not embedded cannot have a grounded answer
        # cached; its prompt is counted without passages, a slight underestimate).
        while batch := list(islice(tickets, 1000)):
            passages = self.passages_for(batch, cached_only=True)
            for t in batch:
                part, open = asks(t) if asks else (rubric, {})
                if part is None:
                    continue
                req = self.prepare(t, part, passages.get(t.id, ()), open=open)
                if req.key in self._known_keys(part):
                    cached += 1
                else:
                    parts.setdefault((str(part.version), len(open)), (part, []))[1].append(req.user)
        total_estimate = self._estimate_part(rubric, 0, [], cached)
        for (_, n_open), (part, texts) in parts.items():
            total_estimate += self._estimate_part(part, n_open, texts)
        return total_estimate

    def _estimate_part(self, part, n_open: int, texts: list[str], cached: int = 0) -> Estimate:
        """The estimate of the user messages `texts`, each asking the rubric `part` and
        `n_open` rule criteria."""
        schema = json.dumps(self.response_model(part).model_json_schema())
        return estimate_run(
            self._system(part)[0],
            texts,
            len(part.llm_criteria) + n_open,
            self.model,
            self.caller.prices,
            cached=cached,
            schema_chars=len(schema),
        )

    async def judge(
        self, ticket: Ticket, rubric, open: Mapping[str, "Deferred"] | None = None
    ) -> JudgeOutcome:
        req = self.prepare(ticket, rubric, open=open)
        cached = self.cached_outcome(rubric, req)
        if cached is not None:
            return cached
        model = self.response_model(rubric)
        call = {"system_hash": req.system_hash, "ticket_id": ticket.id}
        reply = await self.caller.call(req.system, req.user, model, **call)
        usage, earlier = _Usage(reply), []
        # The evidence re-ask, sent at once here; a batch sends it in its next batch.
        while reply.parsed is not None and (
            more := self.evidence_follow_up(rubric, req, reply, earlier)
        ):
            earlier += more
            reply = await self.caller.call(req.system, req.user, model, history=earlier, **call)
            usage.add(reply)
        return self.outcome(rubric, req, usage.total(reply), earlier)

    def cached_outcome(self, rubric, req: PreparedRequest) -> JudgeOutcome | None:
        """The outcome of `req` from the LLM cache, if it is there (its quotes checked again,
        never re-asked)."""
        cached = get_cached(self.store, req.key) if req.key in self._known_keys(rubric) else None
        if cached is None:
            return None
        answers = answers_by_criterion(self.response_model(rubric).model_validate(cached.response))
        return JudgeOutcome(results=self._results(rubric, answers, req), cached=True)

    def follow_up(
        self, rubric, req: PreparedRequest, reply, earlier: list[dict]
    ) -> list[dict] | None:
        """Whether the answer to `req` needs another request, and the messages to add (after
        the user message and the `earlier` follow-ups the answered request carried); None:
        `reply` (a tqrs.llm.call reply: parsed, raw, status, error) is final. Asked by the
        Batch API runner between batches (tqrs.engine.batch), where a request is one HTTP
        request: a reply that did not fit the schema is sent back once per question with
        what was wrong (online, Caller.call does that itself), and an answer is re-asked
        for its evidence as online (`evidence_follow_up`)."""
        if reply.parsed is None:
            return None if _schema_reasked(earlier) else validation_retry(reply)
        return self.evidence_follow_up(rubric, req, reply, earlier)

    def evidence_follow_up(
        self, rubric, req: PreparedRequest, reply, earlier: list[dict]
    ) -> list[dict] | None:
        """The evidence re-ask after a parsed `reply` (tqrs.llm.evidence.next_step: once,
        when a quote is not in the ticket, an open criterion's passage went unweighed or
        its applicability was disputed), or None. The one decision for both paths: online
        (`judge`) and the Batch API's next batch (`follow_up`)."""
        check = self._check(rubric, answers_by_criterion(reply.parsed), req)
        if next_step(check, asked_again=answer_before_reask(earlier) is not None) != "reask":
            return None
        question = reask_message(check)  # may quote the ticket: redacted as the ticket was
        return [
            {"role": "assistant", "content": reply.raw},
            {
                "role": "user",
                "content": req.redaction.redact(question) if self.settings.redact else question,
            },
        ]

    def outcome(
        self, rubric, req: PreparedRequest, reply: CallResult, earlier: list[dict] | None = None
    ) -> JudgeOutcome:
        """The ticket's results from the provider's last answer to `req` (or why there are
        none), what all its requests cost and the cache entry to commit with them. When
        `earlier` holds an evidence re-ask, the answer before it stands except for the
        criteria re-asked, which take the new answer (the old one when the re-ask brought
        none); an answer still wrong is flagged (`_results`)."""
        usage = {
            "tokens_in": reply.tokens_in,
            "tokens_out": reply.tokens_out,
            "cost": reply.cost,
            "requests": reply.requests,
        }
        model = self.response_model(rubric)
        first = _parsed(model, answer_before_reask(earlier or []))
        if reply.parsed is None and first is None:
            raw = req.redaction.restore(reply.raw)
            return JudgeOutcome(results=self._unscored(rubric, reply.error, req, raw), **usage)
        answers = answers_by_criterion(reply.parsed) if reply.parsed is not None else {}
        if first is not None:
            answers = first | {
                cid: answers[cid]
                for cid in self._check(rubric, first, req).flagged
                if cid in answers
            }
        self._known_keys(rubric).add(req.key)
        entry = CacheEntry(
            req.key,
            req.content_hash,
            rubric.id,
            str(rubric.version),
            self.model,
            self.prompt_version,
            {cid: a.model_dump() for cid, a in answers.items()},
            reply.tokens_in,
            reply.tokens_out,
            reply.cost,
        )
        return JudgeOutcome(results=self._results(rubric, answers, req), cache_entry=entry, **usage)

    async def close(self) -> None:
        """Close the HTTP client of the current loop (the engine calls this at the end)."""
        await self.caller.close()

    def _check(self, rubric, answers: dict[str, CriterionAnswer], req: PreparedRequest):
        """What is wrong with `answers` (tqrs.llm.evidence.check_evidence), for the criteria
        the request asked: what the judge says of a rule criterion not open for this ticket
        (it should answer null) is never taken, so never checked or re-asked."""
        asked = {c.id for c in _asked(rubric, req.open)}
        quotes = {
            cid: req.redaction.restore(a.evidence) for cid, a in answers.items() if cid in asked
        }
        not_applicable = {
            cid
            for cid, a in answers.items()
            if cid in req.open
            and rubric.criterion(cid).outcome_of(a.option) is Outcome.NOT_APPLICABLE
        }
        return check_evidence(
            quotes, prompt.judged_text(req.ticket), req.system, req.open, not_applicable
        )

    def _results(
        self,
        rubric,
        answers: dict[str, CriterionAnswer],
        req: PreparedRequest,
    ) -> dict[str, CriterionResult]:
        """The criteria asked (the llm ones and the open rule ones) as answered; those whose
        answer fails the evidence check (after the re-ask, or from the cache) as
        evidence_not_found, with what the judge said and what was wrong."""
        restore = req.redaction.restore
        check = self._check(rubric, answers, req)
        results = {}
        for c in _asked(rubric, req.open):
            a = answers.get(c.id)
            if a is None:  # an open rule criterion answered null
                results[c.id] = CriterionResult.unscored(
                    c, "llm", "the judge answered null for a criterion it was asked to decide",
                    prompt=req.user,
                )  # fmt: skip
                continue
            said = {
                "evidence": restore(a.evidence),
                "reasoning": restore(a.reasoning),
                "coaching": restore(a.coaching),
                "citations": cited(req.passages, a),
            }
            if c.id in check.flagged:
                results[c.id] = CriterionResult.from_outcome(
                    c,
                    Outcome.EVIDENCE_NOT_FOUND,
                    "llm",
                    error=check.problem(c.id, a.option),
                    **said,
                )
            else:
                results[c.id] = CriterionResult.from_option(c, a.option, "llm", **said)
        return results

    def _unscored(
        self, rubric, reason: str, req: PreparedRequest, raw: str | None
    ) -> dict[str, CriterionResult]:
        return {
            c.id: CriterionResult.unscored(c, "llm", error=reason, prompt=req.user, raw_reply=raw)
            for c in _asked(rubric, req.open)
        }


def _asked(rubric, open: Mapping[str, "Deferred"]) -> list:
    """The criteria a request decides: the rubric's llm criteria and the open rule criteria."""
    return rubric.llm_criteria + [c for c in rubric.rule_criteria if c.id in open]


class _Usage:
    """Tokens, cost and requests of a ticket's calls (the first answer and a re-ask)."""

    def __init__(self, first):
        self.tokens_in = self.tokens_out = self.requests = 0
        self.cost = 0.0
        self.add(first)

    def add(self, reply) -> None:
        self.tokens_in += reply.tokens_in
        self.tokens_out += reply.tokens_out
        self.cost += reply.cost
        self.requests += reply.requests

    def total(self, last: CallResult) -> CallResult:
        """The last answer with what every call cost."""
        return replace(
            last,
            tokens_in=self.tokens_in,
            tokens_out=self.tokens_out,
            cost=self.cost,
            requests=self.requests,
        )


def _schema_reasked(earlier: list[dict]) -> bool:
    """Whether the last question of `earlier` (after any evidence re-ask) is already the
    schema re-ask (sent once per question)."""
    return bool(earlier) and earlier[-1].get("content", "").startswith(VALIDATION_RETRY_OPENING)


def _parsed(model, raw: str | None) -> dict[str, CriterionAnswer] | None:
    """An earlier answer (the text of an assistant message) as answers, None when absent."""
    if raw is None:
        return None
    try:
        return answers_by_criterion(model.model_validate_json(raw))
    except ValueError:
        return None


def cited(passages, answer) -> list[str]:
    """The citations of the passages an answer names: by the exact `[file: heading]`, else
    (a shortened citation) the first passage of a document whose file name it mentions."""
    text = " ".join((answer.reasoning, answer.coaching, answer.evidence))
    found = [p.cite() for p in passages if p.cite() in text]
    named = {p.document for p in passages if p.cite() in found}
    for p in passages:
        if p.document not in named and p.document in text:
            named.add(p.document)
            found.append(p.cite())
    return found
