"""The structured answer the LLM judge asks for: one pydantic model per rubric with one field
per LLM criterion, keyed by criterion id (the JSON key is the id, never a position). The
chosen option is a Literal of the criterion's option labels, so an unknown label fails
validation instead of becoming a silent 0."""

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model


class CriterionAnswer(BaseModel):
    """The shape every criterion's answer shares; `option` is narrowed per criterion."""

    model_config = ConfigDict(extra="forbid")
    evidence: str
    reasoning: str
    option: str
    coaching: str


def build_response_model(rubric) -> type[BaseModel]:
    """The response model for `rubric`'s LLM criteria (cached per rubric id and version)."""
    return _build(rubric.id, str(rubric.version), _signature(rubric))


def answers_by_criterion(parsed: BaseModel) -> dict[str, CriterionAnswer]:
    """criterion id -> answer, from a parsed response."""
    data = parsed.model_dump(by_alias=True)
    return {cid: CriterionAnswer.model_validate(a) for cid, a in data.items()}


def _signature(rubric) -> tuple:
    return tuple((c.id, c.title, tuple(o.label for o in c.options)) for c in rubric.llm_criteria)


@lru_cache(maxsize=64)
def _build(rubric_id: str, version: str, signature: tuple) -> type[BaseModel]:
    fields = {}
    for i, (cid, title, labels) in enumerate(signature):
        answer = create_model(
            f"Criterion{i}", __base__=CriterionAnswer,
            option=(Literal[labels], Field(description="one of the option labels")))
        # Field names are positional identifiers; the JSON key (alias) is the criterion id,
        # which need not be a valid Python name.
        fields[f"criterion_{i}"] = (answer, Field(alias=cid, description=title))
    return create_model("RubricAssessment", __config__=ConfigDict(extra="forbid",
                                                                 populate_by_name=False),
                        **fields)
