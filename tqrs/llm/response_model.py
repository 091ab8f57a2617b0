"""The structured answer the LLM judge asks for: one pydantic model per rubric with one field
per LLM criterion, keyed by criterion id (the JSON key is the id, never a position). The
chosen option is a Literal of the criterion's option labels, so an unknown label fails
validation instead of becoming a silent 0.

The rule criteria a rule may leave open (tqrs.rules.deferrable) are in every schema too, as
nullable entries: the judge answers those the user message names open and null for the
others, so the schema (and the system message) are the same for every ticket."""

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


class CriterionAnswer(BaseModel):
    """The shape every criterion's answer shares; `option` is narrowed per criterion."""

    model_config = ConfigDict(extra="forbid")
    evidence: str
    reasoning: str
    option: str
    coaching: str


def build_response_model(rubric) -> type[BaseModel]:
    """The response model for `rubric`'s LLM criteria and the rule criteria a rule may leave
    open (cached per rubric id and version)."""
    return _build(rubric.id, str(rubric.version), _signature(rubric))


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
def _build(rubric_id: str, version: str, signature: tuple) -> type[BaseModel]:
    fields = {}
    for i, (cid, labels, may_be_null) in enumerate(signature):
        answer = create_model(
            f"Criterion{i}",
            __base__=CriterionAnswer,
            option=(Literal[labels], Field(description="one of the option labels")),
        )
        # Field names are positional identifiers; the JSON key (alias) is the criterion id,
        # which need not be a valid Python name.
        # No description here: beside a $ref it makes the SDK inline the whole definition.
        fields[f"criterion_{i}"] = (answer | None if may_be_null else answer, Field(alias=cid))
    return create_model("RubricAssessment", __base__=_SchemaOnce, **fields)


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
