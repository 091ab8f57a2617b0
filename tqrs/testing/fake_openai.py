"""A local OpenAI-compatible chat-completions server for tests and benchmarks.

It reads the request's `response_format` JSON schema and answers JSON that validates against
it, choosing enum values deterministically from the request, so the real `openai` SDK can be
driven end to end without a network or a key. Faults (latency, 429 with Retry-After, 500,
hangs past the client's timeout, malformed JSON, refusals, 400) are injected by rate or by an
explicit sequence for the first requests. Faults a real server showed too:
- "foreign_evidence": every evidence quote copied from the rubric's guidance (the system
  message), not from the ticket, as a small model did;
- "loop": the reasoning strings never end, as a looping model's: a string stops at its
  `maxLength` when the schema has one and `enforce_lengths` is on (a grammar-constrained
  server such as llama.cpp), else the reply runs to `max_tokens` (or CONTEXT_LIMIT) and is
  cut off there (finish_reason "length");
- "not_chat": a 200 whose body is not a chat completion (a proxy's JSON page);
- `die_after` N: after N answers the server goes away for good: the listening socket closes
  (connection refused) and open connections are dropped unanswered. It records every request: count, the maximum number
in flight at once, prompt sizes, the headers of the last request. Every answer carries an
`x-request-id`, as OpenAI's do.

Answers are also served under the Azure path `/openai/deployments/{name}/chat/completions`.
The Batch API's files and batches endpoints are `fake.batch` (tqrs.testing.fake_batches).
"""

import hashlib
import json
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tqrs.testing.fake_batches import FakeBatches
from tqrs.testing.local_server import LocalServer

FAULTS = (
    "ok",
    "429",
    "500",
    "hang",
    "malformed",
    "invalid",
    "refusal",
    "400",
    "401",
    "foreign_evidence",
    "loop",
    "not_chat",
)
CONTEXT_LIMIT = 32_768  # tokens a "loop" reply runs to when nothing caps it
LOOP_TEXT = "and therefore the agent should also check again "


@dataclass
class FaultPlan:
    """What the server does. `sequence` applies to the first requests in order, then rates."""

    latency: float = 0.0
    jitter: float = 0.0  # extra latency drawn uniformly from [0, jitter]: answers reorder
    rate_429: float = 0.0
    retry_after: float = 1.0
    rate_500: float = 0.0
    rate_malformed: float = 0.0
    rate_hang: float = 0.0
    hang: float = 5.0
    sequence: list[str] = field(default_factory=list)
    seed: int = 0
    enforce_lengths: bool = True  # honour the schema's maxLength ("loop"), as llama.cpp does
    die_after: int | None = None  # answers before the server goes away for good
    # Answer nothing until this many requests were in flight at once (or hold_timeout has
    # passed): a test of a concurrency bound then waits for the bound, not for the clock.
    hold_until: int = 0
    hold_timeout: float = 10.0


@dataclass
class Stats:
    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    outcomes: Counter = field(default_factory=Counter)
    prompt_chars: list[int] = field(default_factory=list)
    bodies: list[dict] = field(default_factory=list)
    last_headers: dict = field(default_factory=dict)
    last_path: str = ""


class FakeOpenAI(LocalServer):
    """Start with `with FakeOpenAI(plan) as fake:`; point a client at `fake.base_url`.

    `choose(criterion_field, enum_values, request)` may override the option picked;
    `say(field_path, request)` may give the text of a string field (hostile model output);
    `fault_for(request)` may name the fault for a request (e.g. always for one ticket)."""

    def __init__(
        self,
        plan: FaultPlan | None = None,
        keep_bodies: bool = True,
        choose: Callable[[str, list, dict], object] | None = None,
        say: Callable[[str, dict], str | None] | None = None,
        fault_for: Callable[[dict], str | None] | None = None,
        port: int = 0,
    ):
        self.plan = plan or FaultPlan()
        self.stats = Stats()
        self.keep_bodies = keep_bodies
        self.choose = choose
        self.say = say
        self.fault_for = fault_for
        self._lock = threading.Lock()
        self._filled = threading.Condition(self._lock)
        self._random = random.Random(self.plan.seed)
        self.dead = False
        self.batch = FakeBatches(self)
        self._serve(_handler_for(self), port)

    def die(self) -> None:
        """Go away for good: refuse new connections and drop open ones unanswered."""
        with self._lock:
            if self.dead:
                return
            self.dead = True
        # shutdown() waits for the serving loop: not from a handler thread's own request.
        threading.Thread(target=self.stop, daemon=True).start()

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"

    def reset(self) -> None:
        with self._lock:
            self.stats = Stats()

    def snapshot(self) -> dict:
        """The stats as JSON-ready numbers (served at GET /stats)."""
        with self._lock:
            s = self.stats
            return {
                "requests": s.requests,
                "max_in_flight": s.max_in_flight,
                "outcomes": dict(s.outcomes),
                "prompt_chars": sum(s.prompt_chars),
            }

    def _begin(self, body: dict, headers: dict, path: str) -> str | None:
        """The fault for this request, or None when the server is dead (no answer)."""
        with self._lock:
            s = self.stats
            n = s.requests
            if self.dead or (self.plan.die_after is not None and n >= self.plan.die_after):
                s.outcomes["dropped"] += 1
                return None
            s.requests += 1
            s.in_flight += 1
            s.max_in_flight = max(s.max_in_flight, s.in_flight)
            self._filled.notify_all()
            s.prompt_chars.append(
                sum(len(str(m.get("content", ""))) for m in body.get("messages", []))
            )
            s.last_headers, s.last_path = headers, path
            if self.keep_bodies:
                s.bodies.append(body)
            fault = self.fault_for(body) if self.fault_for else None
            if fault is None:
                fault = self.plan.sequence[n] if n < len(self.plan.sequence) else self._draw()
            s.outcomes[fault] += 1
        return fault

    def _hold(self) -> None:
        with self._filled:
            self._filled.wait_for(
                lambda: self.stats.max_in_flight >= self.plan.hold_until, self.plan.hold_timeout
            )

    def _end(self) -> None:
        with self._lock:
            self.stats.in_flight -= 1

    def latency(self) -> float:
        with self._lock:
            return self.plan.latency + self._random.uniform(0, self.plan.jitter)

    def _draw(self) -> str:
        p, x = self.plan, self._random.random()
        for name, rate in (
            ("429", p.rate_429),
            ("500", p.rate_500),
            ("malformed", p.rate_malformed),
            ("hang", p.rate_hang),
        ):
            if x < rate:
                return name
            x -= rate
        return "ok"


def _handler_for(fake: FakeOpenAI):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are separate writes

        def log_message(self, *args):  # keep test output clean
            pass

        def do_GET(self):
            if fake.batch.handle(self, "GET"):
                return
            if self.path.rstrip("/").endswith("/stats"):
                self._send(200, json.dumps(fake.snapshot()).encode(), {})
            else:
                self._send(404, _error("not found", "not_found"), {})

        def do_POST(self):
            if fake.batch.handle(self, "POST"):
                return
            body = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
            fault = fake._begin(body, {k.lower(): v for k, v in self.headers.items()}, self.path)
            if fault is None:  # dead: drop the connection unanswered
                fake.die()
                self.close_connection = True
                return
            try:
                fake._hold()
                time.sleep(fake.plan.hang if fault == "hang" else fake.latency())
                status, payload, extra = _respond(fault, body, fake)
                extra.setdefault("x-request-id", f"req_{uuid.uuid4().hex[:16]}")
                self._send(status, payload, extra)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout) before the answer
            finally:
                fake._end()

        def _send(self, status: int, payload: bytes, headers: dict) -> None:
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(payload)

    return Handler


def _respond(fault: str, body: dict, fake: FakeOpenAI) -> tuple[int, bytes, dict]:
    if fault == "429":
        return (
            429,
            _error("rate limit reached", "rate_limit_exceeded"),
            {"retry-after": f"{fake.plan.retry_after:g}"},
        )
    if fault == "500":
        return 500, b"<html>upstream error</html>", {}
    if fault in ("400", "401"):
        return int(fault), _error("rejected", "invalid_request_error"), {}
    if fault == "not_chat":
        return 200, json.dumps({"status": "queued", "message": "request accepted"}).encode(), {}
    schema = (body.get("response_format") or {}).get("json_schema", {}).get("schema")
    say = fake.say
    if fault == "foreign_evidence":
        say = _foreign_evidence(body, fake.say)
    elif fault == "loop":
        say = _looping(fake.plan.enforce_lengths, fake.say)
    answer = build_answer(schema, body, fake.choose, say) if schema else {"answer": "pong"}
    content, refusal, finish = json.dumps(answer), None, "stop"
    cap = body.get("max_tokens") or body.get("max_completion_tokens") or CONTEXT_LIMIT
    if len(content) // 4 > cap:  # runs to the output cap, cut off mid-JSON
        content, finish = content[: cap * 4], "length"
    if fault == "malformed":
        content = content[: len(content) // 2]
    elif fault == "invalid":
        content = json.dumps({"unexpected": True})
    elif fault == "refusal":
        content, refusal = None, "I can't help with that."
    prompt_tokens = sum(len(str(m.get("content", ""))) for m in body.get("messages", [])) // 4
    completion_tokens = len(content or refusal) // 4
    payload = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "finish_reason": finish,
                "logprobs": None,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
    return 200, json.dumps(payload).encode(), {}


def _error(message: str, code: str) -> bytes:
    return json.dumps({"error": {"message": message, "type": code, "code": code}}).encode()


def _foreign_evidence(request: dict, say=None):
    """Evidence copied from the rubric's guidance (a line of the system message)."""
    system = next((m for m in request.get("messages", []) if m.get("role") == "system"), {})
    lines = [ln.strip() for ln in str(system.get("content", "")).splitlines()]
    guidance = [ln for ln in lines if len(ln) > 30 and not ln.startswith(("#", "-", "You"))]

    def speak(path: str, req: dict) -> str | None:
        if path.endswith(".evidence") and guidance:
            digest = hashlib.sha256(path.encode()).digest()
            return guidance[digest[0] % len(guidance)][:200]
        return say(path, req) if say else None

    return speak


def _looping(enforce_lengths: bool, say=None):
    """Reasoning that never ends (cut at `maxLength` by `build_answer` when enforced)."""

    def speak(path: str, req: dict) -> str | None:
        if path.endswith(".reasoning"):
            return LOOP_TEXT * (CONTEXT_LIMIT * 4 // len(LOOP_TEXT))
        return say(path, req) if say else None

    speak.enforce_lengths = enforce_lengths
    return speak


def build_answer(schema: dict, request: dict, choose=None, say=None) -> object:
    """A value valid against `schema` (the strict subset the SDK emits), picked from the request."""
    seed = hashlib.sha256(json.dumps(request.get("messages", []), sort_keys=True).encode())
    return _value(schema, schema.get("$defs", {}), "", seed.digest(), request, choose, say)


def _value(
    node: dict, defs: dict, path: str, seed: bytes, request: dict, choose, say=None
) -> object:
    if "$ref" in node:
        return _value(defs[node["$ref"].split("/")[-1]], defs, path, seed, request, choose, say)
    if "anyOf" in node:
        first = next(n for n in node["anyOf"] if n.get("type") != "null")
        return _value(first, defs, path, seed, request, choose, say)
    if "enum" in node or "const" in node:
        values = node.get("enum", [node.get("const")])
        if choose is not None:
            picked = choose(path, values, request)
            if picked is not None:
                return picked
        digest = hashlib.sha256(seed + path.encode()).digest()
        return values[digest[0] % len(values)]
    kind = node.get("type")
    if kind == "object":
        return {
            k: _value(v, defs, f"{path}.{k}".lstrip("."), seed, request, choose, say)
            for k, v in node.get("properties", {}).items()
        }
    if kind == "array":
        return [_value(node.get("items", {}), defs, path, seed, request, choose, say)]
    if kind in ("integer", "number"):
        return 0
    if kind == "boolean":
        return False
    name = path.split(".")[-1]
    if say is not None and (text := say(path, request)) is not None:
        limit = node.get("maxLength")
        if limit is not None and getattr(say, "enforce_lengths", False):
            text = text[:limit]  # as a grammar-constrained server stops the string
        return text
    if name == "evidence":
        return _quote(request)
    if name == "reasoning" and (cite := _first_citation(request)):
        return f"fake reasoning, as {cite} asks"
    return f"fake {name or 'text'}"


def _quote(request: dict) -> str:
    """Evidence quoting the ticket's number and caller lines, as a real judge would quote."""
    users = [m for m in request.get("messages", []) if m.get("role") == "user"]
    text = str(users[0].get("content", "")) if users else ""
    lines = [ln for ln in text.splitlines() if ln.startswith(("Number:", "Caller:"))]
    return "; ".join(lines)


def _first_citation(request: dict) -> str | None:
    """The first passage's `[file: heading]` of the reference block, which a grounded judge
    would cite."""
    users = [m for m in request.get("messages", []) if m.get("role") == "user"]
    text = str(users[0].get("content", "")) if users else ""
    _, found, refs = text.partition("<reference>\n")
    first = refs.splitlines()[0] if found and refs else ""
    return first if first.startswith("[") else None


def main(argv: list[str] | None = None) -> None:
    """Serve until killed: `python -m tqrs.testing.fake_openai --latency 0.3` prints the port."""
    import argparse

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name, value in vars(FaultPlan()).items():
        if not isinstance(value, list):
            p.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    args = p.parse_args(argv)
    fake = FakeOpenAI(FaultPlan(**vars(args)), keep_bodies=False).start()
    print(fake.port, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
