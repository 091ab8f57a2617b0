"""The structured answer the LLM judge asks for: one pydantic model per rubric with one field
per LLM criterion, keyed by criterion id (the JSON key is the id, never a position). The
chosen option is a Literal of the criterion's option labels, so an unknown label fails
validation instead of becoming a silent 0.

The rule criteria a rule may leave open (tqrs.rules.deferrable) are in every schema too, as
nullable entries: the judge answers those the user message names open and null for the
others, so the schema (and the system message) are the same for every ticket.

The free-text fields carry length limits (`maxLength`, MAX_CHARS) so that a model that loops
inside a string stops there: a grammar-constrained server (llama.cpp, vLLM) enforces them
while decoding. OpenAI's and Azure's strict mode reject the keyword, so `lengths=False`
leaves it out for them; there the output cap alone (`output_cap`, sent as `max_tokens`)
bounds the reply. Replies are not rejected for being long: the limits bound generation."""

import copy
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model


class _SchemaOnce(BaseModel):
    """Generates its JSON schema once: the SDK asks for it on every call, and at dozens of
    calls a second pydantic's schema generation was the biggest CPU cost of a run."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_json_schema(cls, *args, **kwargs) -> dict:
        cache = cls.__dict__.get("_tqrs_schemas")
        if cache is None:
            cache = {}
            type.__setattr__(cls, "_tqrs_schemas", cache)
        key = (args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = _without_titles(super().model_json_schema(*args, **kwargs))
        return copy.deepcopy(cache[key])  # the SDK makes the schema strict in place


# Characters allowed in each free-text field of a criterion's answer.
MAX_CHARS = {"evidence": 400, "reasoning": 600, "coaching": 400}
CHARS_PER_OUTPUT_TOKEN = 3  # conservative: JSON escapes and non-English text run shorter
TOKENS_PER_FIELD = 12  # a key, quotes and punctuation, or a short enum value
DEFAULT_OUTPUT_CAP = 4096  # for a schema with a string of unbounded length


def _limited(name: str):
    return Field(json_schema_extra={"maxLength": MAX_CHARS[name]})


class CriterionAnswer(BaseModel):
    """The shape every criterion's answer shares; `option` is narrowed per criterion."""

    model_config = ConfigDict(extra="forbid")
    evidence: str
    reasoning: str
    option: str
    coaching: str


class _LimitedAnswer(CriterionAnswer):
    evidence: str = _limited("evidence")
    reasoning: str = _limited("reasoning")
    coaching: str = _limited("coaching")


def build_response_model(rubric, lengths: bool = True) -> type[BaseModel]:
    """The response model for `rubric`'s LLM criteria and the rule criteria a rule may leave
    open (cached per rubric id and version); `lengths` puts the strings' length limits into
    its schema."""
    return _build(rubric.id, str(rubric.version), _signature(rubric), lengths)


def schema_lengths(provider: str) -> bool:
    """Whether the provider accepts `maxLength` in a strict schema (OpenAI and Azure refuse
    it; OpenAI-compatible servers constrain decoding with it)."""
    return provider not in ("openai", "azure")


def output_cap(model: type[BaseModel]) -> int:
    """The `max_tokens` a reply of `model` needs at most: its strings at their maxLength
    plus a few tokens per field (DEFAULT_OUTPUT_CAP when a string has no limit). The limits
    are read from the full schema, whether or not the request carries them."""
    schema = _full_schema(model)
    total = _tokens(schema, schema.get("$defs", {}))
    return DEFAULT_OUTPUT_CAP if total is None else max(64, total)


def _full_schema(model: type[BaseModel]) -> dict:
    limited = getattr(model, "_tqrs_limited", None)
    return (limited or model).model_json_schema()


def _tokens(node: dict, defs: dict) -> int | None:
    """Tokens a value of `node` takes at most (None: unbounded)."""
    if "$ref" in node:
        return _tokens(defs[node["$ref"].split("/")[-1]], defs)
    if node.get("type") == "object":
        properties = node.get("properties", {})
        parts = [_tokens(v, defs) for v in properties.values()]
        if any(p is None for p in parts):
            return None
        keys = sum(_chars_to_tokens(len(k)) for k in properties)  # ids of any length
        return sum(parts) + keys + TOKENS_PER_FIELD * (len(parts) + 1)
    if "enum" in node or "const" in node:  # option labels: a rubric's may be long
        values = node.get("enum", [node.get("const")])
        return _chars_to_tokens(max(len(str(v)) for v in values)) + TOKENS_PER_FIELD
    if node.get("type") == "string":
        limit = node.get("maxLength")
        return None if limit is None else _chars_to_tokens(limit)
    if "anyOf" in node:  # a nullable entry (an open rule criterion): its longest branch
        parts = [_tokens(n, defs) for n in node["anyOf"] if n.get("type") != "null"]
        return None if not parts or None in parts else max(parts)
    if node.get("type") == "array":
        return None
    return TOKENS_PER_FIELD


def _chars_to_tokens(chars: int) -> int:
    return -(-chars // CHARS_PER_OUTPUT_TOKEN)


def answers_by_criterion(parsed: BaseModel) -> dict[str, CriterionAnswer]:
    """criterion id -> answer, from a parsed response (a null entry, a rule criterion that was
    not open, is left out)."""
    data = parsed.model_dump(by_alias=True)
    return {cid: CriterionAnswer.model_validate(a) for cid, a in data.items() if a is not None}


def _signature(rubric) -> tuple:
    from tqrs.rules import deferrable

    judged = [(c, False) for c in rubric.llm_criteria] + [(c, True) for c in deferrable(rubric)]
    return tuple(
        (c.id, tuple(o.label for o in c.options), may_be_null) for c, may_be_null in judged
    )


@lru_cache(maxsize=64)
def _build(rubric_id: str, version: str, signature: tuple, lengths: bool) -> type[BaseModel]:
    fields = {}
    for i, (cid, labels, may_be_null) in enumerate(signature):
        answer = create_model(
            f"Criterion{i}",
            __base__=_LimitedAnswer if lengths else CriterionAnswer,
            option=(Literal[labels], Field(description="one of the option labels")),
        )
        # Field names are positional identifiers; the JSON key (alias) is the criterion id,
        # which need not be a valid Python name.
        # No description here: beside a $ref it makes the SDK inline the whole definition.
        fields[f"criterion_{i}"] = (answer | None if may_be_null else answer, Field(alias=cid))
    model = create_model("RubricAssessment", __base__=_SchemaOnce, **fields)
    if not lengths:  # the output cap still counts the limits the model is asked to keep
        type.__setattr__(model, "_tqrs_limited", _build(rubric_id, version, signature, True))
    return model


def _without_titles(schema):
    """Pydantic's generated "title" keys say nothing the model needs; the schema is sent and
    walked by the SDK on every call, so smaller is cheaper."""
    if isinstance(schema, dict):
        return {
            k: _without_titles(v)
            for k, v in schema.items()
            if not (k == "title" and isinstance(v, str))
        }
    if isinstance(schema, list):
        return [_without_titles(v) for v in schema]
    return schema
