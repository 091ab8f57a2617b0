"""The provider's Batch API (OpenAI `/v1/files` + `/v1/batches`; Azure OpenAI global batch,
the same API under `/openai/` with deployment names): request files, batches, their output.

A line of a request file is the online request exactly: the parameters `Caller.params` gives
`chat.completions.parse` (tqrs.llm.call), with the response model as the JSON schema the SDK
sends for it. A line of an output file is read by `read_completion`, the same reader as an
online reply, so a batch answer and an online answer of the same request are the same
results. Every call to these endpoints goes through the one retry policy (tqrs.llm.client),
and the provider refusing the credentials raises ConfigError, as online.

Files stay within the provider's limits (`FileLimits`: requests and bytes per file); they are
written to and read from temporary files, so memory does not grow with a run."""

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

import openai
from openai.lib._parsing._completions import parse_chat_completion, type_to_response_format_param
from openai.types.chat import ChatCompletion
from pydantic import BaseModel

from tqrs.errors import ConfigError
from tqrs.llm.call import Caller, _Reply, read_completion
from tqrs.llm.client import Attempts, call_with_retries

COMPLETION_WINDOW = "24h"
TERMINAL = ("completed", "expired", "cancelled", "failed")


@dataclass(frozen=True)
class FileLimits:
    """Per request file: OpenAI takes up to 50,000 requests and 200 MB (Azure global batch
    100,000 and 200 MB: the smaller holds for both)."""

    requests: int = 50_000
    bytes: int = 200 * 1024 * 1024


def endpoint_path(caller: Caller) -> str:
    """The endpoint of every line and of the batch: Azure names it without the version."""
    return "/chat/completions" if caller.provider == "azure" else "/v1/chat/completions"


def request_line(
    caller: Caller, custom_id: str, messages: list[dict], response_model: type[BaseModel]
) -> bytes:
    """One line of a request file: the online request's parameters as the JSON body."""
    params = caller.params(messages, response_model)
    body = {**params, "response_format": type_to_response_format_param(response_model)}
    line = {"custom_id": custom_id, "method": "POST", "url": endpoint_path(caller), "body": body}
    return json.dumps(line, ensure_ascii=False).encode() + b"\n"


@dataclass
class LineResult:
    """An output or error line: the reply (an answered request) or why there is none."""

    custom_id: str
    reply: _Reply | None
    http_status: int | None
    error: str | None = None
    request_id: str | None = None
    status: str = "batch_error"  # of a line without a reply; "unanswered": no line at all


def custom_id_of(raw: bytes) -> str | None:
    """The id of an output or error line (None: not a line of this API), read before the
    line itself, which needs the response model of its ticket."""
    try:
        return str(json.loads(raw)["custom_id"])
    except (ValueError, KeyError, TypeError):
        return None


def read_line(raw: bytes, response_model: type[BaseModel]) -> LineResult | None:
    """A line of an output or error file (None: not a line of this API)."""
    try:
        line = json.loads(raw)
        custom_id = str(line["custom_id"])
    except (ValueError, KeyError, TypeError):
        return None
    response = line.get("response") or {}
    status = response.get("status_code")
    request_id = response.get("request_id")
    body = response.get("body")
    if status == 200 and isinstance(body, dict):

        def parse():
            return parse_chat_completion(
                response_format=response_model,
                input_tools=openai.omit,
                chat_completion=ChatCompletion.model_validate(body),
            )

        reply = read_completion(body, parse, request_id, lambda: json.dumps(body))
        return LineResult(custom_id, reply, status, request_id=request_id)
    error = line.get("error") or (body.get("error") if isinstance(body, dict) else None) or {}
    code = error.get("code") or error.get("type") if isinstance(error, dict) else None
    what = f"{status} {code}" if status and code else str(status or code or "no answer")
    return LineResult(
        custom_id, None, status, f"the Batch API could not answer ({what})", request_id
    )


class RequestFiles:
    """Request lines written to temporary files, a new one whenever the next line would pass
    the limits. `add` returns the finished file when the line did not fit in it."""

    def __init__(self, limits: FileLimits):
        self.limits = limits
        self._file = None
        self.lines = 0
        self.size = 0

    def fits(self, line: bytes) -> bool:
        return self.lines < self.limits.requests and self.size + len(line) <= self.limits.bytes

    def add(self, line: bytes) -> None:
        if len(line) > self.limits.bytes:
            raise ValueError(f"a request of {len(line):,} bytes is larger than a whole file")
        if self._file is None:
            self._file = tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False)
        self._file.write(line)
        self.lines += 1
        self.size += len(line)

    def take(self) -> str | None:
        """The path of the file written so far (the caller deletes it), and start a new one."""
        if self._file is None:
            return None
        self._file.close()
        path, self._file, self.lines, self.size = self._file.name, None, 0, 0
        return path

    def discard(self) -> None:
        if (path := self.take()) is not None:
            os.unlink(path)


class BatchClient:
    """Files and batches through the caller's client and retry policy."""

    def __init__(self, caller: Caller):
        self.caller = caller

    async def _call(self, what: str, make):
        try:
            return await call_with_retries(make, self.caller.policy, Attempts())
        except (
            openai.AuthenticationError,
            openai.PermissionDeniedError,
        ) as e:
            raise ConfigError(
                f"the {self.caller.provider} provider refused to {what} "
                f"({e.status_code} {type(e).__name__}): check the API key and endpoint"
            ) from None
        except openai.NotFoundError as e:
            raise ConfigError(
                f"the {self.caller.provider} provider has no Batch API at "
                f"{self.caller.endpoint} ({what}: {e.status_code})"
            ) from None
        except openai.APIConnectionError:
            raise ConfigError(
                f"cannot reach the {self.caller.provider} provider at {self.caller.endpoint} "
                f"to {what}; {self.caller.settings.endpoint_hint()}"
            ) from None

    async def upload(self, path: str) -> str:
        """Upload a request file; returns its id."""
        client = self.caller.client()

        async def send():
            with open(path, "rb") as f:
                return await client.files.create(
                    file=(os.path.basename(path), f, "application/jsonl"), purpose="batch"
                )

        return (await self._call("take a request file", send)).id

    async def create(self, file_id: str, metadata: dict[str, str]):
        client = self.caller.client()
        return await self._call(
            "start a batch",
            lambda: client.batches.create(
                input_file_id=file_id,
                endpoint=endpoint_path(self.caller),
                completion_window=COMPLETION_WINDOW,
                metadata=metadata,
            ),
        )

    async def retrieve(self, batch_id: str):
        client = self.caller.client()
        return await self._call("report on a batch", lambda: client.batches.retrieve(batch_id))

    async def find(self, metadata: dict[str, str], pages: int = 5):
        """The newest batch whose metadata holds `metadata` (a batch created just before a
        crash, never recorded), among the latest `pages` × 100."""
        client = self.caller.client()
        after = None
        for _ in range(pages):
            page = await self._call(
                "list batches",
                lambda after=after: client.batches.list(
                    limit=100, **({"after": after} if after else {})
                ),
            )
            for batch in page.data:
                if all((batch.metadata or {}).get(k) == v for k, v in metadata.items()):
                    return batch
            if not page.has_more or not page.data:
                return None
            after = page.data[-1].id
        return None

    async def download(self, file_id: str) -> str:
        """An output or error file, streamed to a temporary file; returns its path."""
        client = self.caller.client()
        out = tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False)

        async def fetch():
            out.seek(0)
            out.truncate()
            async with client.files.with_streaming_response.content(file_id) as response:
                async for chunk in response.iter_bytes():
                    out.write(chunk)

        try:
            await self._call("send a batch's results", fetch)
        finally:
            out.close()
        return out.name


def lines_of(path: str) -> Iterator[bytes]:
    with open(path, "rb") as f:
        for raw in f:
            if raw.strip():
                yield raw
