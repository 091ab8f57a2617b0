"""The files and batches endpoints of the local fake provider (tqrs.testing.fake_openai):
upload a request file, create a batch, retrieve it, list, cancel, download its output and
error files. Served under `/v1/` and Azure's `/openai/`.

A batch moves one status per retrieve (validating -> in_progress -> finalizing -> its end):
tests step through it without sleeping. Its end and its lines are controllable:
- `fates`: the end of the n-th batch created ("completed", "expired", "cancelled", "failed"),
  in order, then "completed"; `answered_share`: the share of its lines an expired or
  cancelled batch answered (the first ones);
- `line_fault(body)`: a fault for one line ("error": a line of the error file; "500", "429":
  an output line with that status; any online fault of fake_openai, e.g. "invalid");
- `steps`: retrieves per status.
Each answered line is what the online endpoint answers for the same body (fake_openai's
`_respond`), so a batch answer and an online answer of one request are the same."""

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field

_FILES = re.compile(r"^/(?:v1|openai)/files(?:/([\w-]+))?(/content)?$")
_BATCHES = re.compile(r"^/(?:v1|openai)/batches(?:/([\w-]+))?(/cancel)?$")
PROGRESSION = ("validating", "in_progress", "finalizing")


@dataclass
class BatchStats:
    files: int = 0
    batches: int = 0
    lines: int = 0  # request lines in the batches created
    custom_ids: list[str] = field(default_factory=list)
    bodies: list[dict] = field(default_factory=list)  # line bodies (when keep_bodies)
    answered: list[str] = field(default_factory=list)  # custom ids answered with a 200
    prompt_tokens: int = 0  # usage of the 200 answers
    completion_tokens: int = 0
    paths: list[str] = field(default_factory=list)  # of the requests served here


class FakeBatches:
    def __init__(self, fake):
        self.fake = fake
        self.fates: list[str] = []
        self.answered_share = 0.5
        self.line_fault = None
        self.steps = 1
        self.stats = BatchStats()
        self.files: dict[str, dict] = {}
        self.batches: dict[str, dict] = {}
        self._order: list[str] = []
        self._lock = threading.Lock()

    # -- routing ---------------------------------------------------------------------------

    def handle(self, handler, method: str) -> bool:
        """Serve the request if it is one of ours; False otherwise."""
        path = handler.path.split("?")[0].rstrip("/")
        query = handler.path.partition("?")[2]
        if _FILES.match(path) or _BATCHES.match(path):
            with self._lock:
                self.stats.paths.append(path)
        if m := _FILES.match(path):
            file_id, content = m.groups()
            if method == "POST" and not file_id:
                self._reply(handler, *self._upload(handler))
            elif method == "GET" and file_id and content:
                self._content(handler, file_id)
            elif method == "GET" and file_id:
                self._reply(handler, *self._file_object(file_id))
            else:
                return False
            return True
        if m := _BATCHES.match(path):
            batch_id, cancel = m.groups()
            if method == "POST" and not batch_id:
                self._reply(handler, *self._create(_json_body(handler)))
            elif method == "POST" and batch_id and cancel:
                _json_body(handler)
                self._reply(handler, *self._cancel(batch_id))
            elif method == "GET" and batch_id:
                self._reply(handler, *self._retrieve(batch_id))
            elif method == "GET":
                self._reply(handler, *self._list(query))
            else:
                return False
            return True
        return False

    def _reply(self, handler, status: int, payload: dict) -> None:
        handler._send(status, json.dumps(payload).encode(), {"x-request-id": _id("req")})

    # -- files -----------------------------------------------------------------------------

    def _upload(self, handler) -> tuple[int, dict]:
        length = int(handler.headers.get("content-length", 0))
        body = handler.rfile.read(length)
        fields = _multipart(handler.headers.get("content-type", ""), body)
        if "file" not in fields or fields.get("purpose", (None, b""))[1] != b"batch":
            return 400, _error("expected a file with purpose=batch")
        name, data = fields["file"]
        with self._lock:
            file_id = _id("file")
            self.files[file_id] = {"name": name, "data": data, "purpose": "batch"}
            self.stats.files += 1
        return 200, self._file_json(file_id)

    def _file_json(self, file_id: str) -> dict:
        f = self.files[file_id]
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(f["data"]),
            "created_at": int(time.time()),
            "filename": f["name"],
            "purpose": f["purpose"],
            "status": "processed",
        }

    def _file_object(self, file_id: str) -> tuple[int, dict]:
        if file_id not in self.files:
            return 404, _error(f"no file {file_id}")
        return 200, self._file_json(file_id)

    def _content(self, handler, file_id: str) -> None:
        f = self.files.get(file_id)
        if f is None:
            self._reply(handler, 404, _error(f"no file {file_id}"))
            return
        handler.send_response(200)
        handler.send_header("content-type", "application/octet-stream")
        handler.send_header("content-length", str(len(f["data"])))
        handler.end_headers()
        handler.wfile.write(f["data"])

    # -- batches ---------------------------------------------------------------------------

    def _create(self, body: dict) -> tuple[int, dict]:
        file = self.files.get(body.get("input_file_id", ""))
        if file is None:
            return 400, _error("input_file_id: no such file")
        if body.get("completion_window") != "24h":
            return 400, _error("completion_window must be 24h")
        lines = [json.loads(raw) for raw in file["data"].splitlines() if raw.strip()]
        ids = [line.get("custom_id") for line in lines]
        if len(set(ids)) != len(ids) or None in ids:
            return 400, _error("custom_id must be unique and present on every line")
        if any(line.get("url") != body.get("endpoint") for line in lines):
            return 400, _error("every line's url must be the batch's endpoint")
        with self._lock:
            n = self.stats.batches
            fate = self.fates[n] if n < len(self.fates) else "completed"
            self.stats.batches += 1
            self.stats.lines += len(lines)
            self.stats.custom_ids += ids
            if self.fake.keep_bodies:
                self.stats.bodies += [line["body"] for line in lines]
            batch_id = _id("batch")
            self.batches[batch_id] = {
                "id": batch_id,
                "object": "batch",
                "endpoint": body["endpoint"],
                "input_file_id": body["input_file_id"],
                "completion_window": "24h",
                "status": "validating",
                "created_at": int(time.time()),
                "metadata": body.get("metadata"),
                "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
                "_lines": lines,
                "_fate": fate,
                "_retrieves": 0,
                "_cancel": False,
            }
            self._order.append(batch_id)
            return 200, _public(self.batches[batch_id])

    def _retrieve(self, batch_id: str) -> tuple[int, dict]:
        with self._lock:
            b = self.batches.get(batch_id)
            if b is None:
                return 404, _error(f"no batch {batch_id}")
            if b["status"] not in ("completed", "expired", "cancelled", "failed"):
                b["_retrieves"] += 1
                if b["_retrieves"] % self.steps == 0:
                    self._advance(b)
            return 200, _public(b)

    def _cancel(self, batch_id: str) -> tuple[int, dict]:
        with self._lock:
            b = self.batches.get(batch_id)
            if b is None:
                return 404, _error(f"no batch {batch_id}")
            b["_cancel"] = True
            b["_fate"] = "cancelled"
            if b["status"] in PROGRESSION:
                b["status"] = "cancelling"
            return 200, _public(b)

    def _list(self, query: str) -> tuple[int, dict]:
        params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
        limit = int(params.get("limit", 20))
        with self._lock:
            newest = list(reversed(self._order))
            if "after" in params and params["after"] in newest:
                newest = newest[newest.index(params["after"]) + 1 :]
            page = newest[:limit]
            return 200, {
                "object": "list",
                "data": [_public(self.batches[i]) for i in page],
                "first_id": page[0] if page else None,
                "last_id": page[-1] if page else None,
                "has_more": len(newest) > limit,
            }

    def _advance(self, b: dict) -> None:
        status = b["status"]
        if status == "cancelling":
            self._finish(b, "cancelled")
        elif status == "validating" and b["_fate"] == "failed":
            b["status"] = "failed"
            b["errors"] = {"object": "list", "data": [{"code": "token_limit_exceeded"}]}
            b["failed_at"] = int(time.time())
        elif status in PROGRESSION[:-1]:
            b["status"] = PROGRESSION[PROGRESSION.index(status) + 1]
            b[f"{b['status']}_at"] = int(time.time())
        elif status == "finalizing":
            self._finish(b, b["_fate"])

    def _finish(self, b: dict, fate: str) -> None:
        lines = b["_lines"]
        answered = len(lines) if fate == "completed" else int(len(lines) * self.answered_share)
        out, errors = [], []
        for line in lines[:answered]:
            fault = self.line_fault(line["body"]) if self.line_fault else None
            record = {"id": _id("batch_req"), "custom_id": line["custom_id"]}
            if fault == "error":
                errors.append(
                    {
                        **record,
                        "response": None,
                        "error": {"code": "server_error", "message": "the line failed"},
                    }
                )
                continue
            from tqrs.testing.fake_openai import _respond

            status, payload, _ = _respond(fault or "ok", line["body"], self.fake)
            try:
                body = json.loads(payload)
            except ValueError:
                body = {"error": {"message": payload.decode(errors="replace"), "code": None}}
            record["response"] = {"status_code": status, "request_id": _id("req"), "body": body}
            record["error"] = None
            (out if status == 200 else errors).append(record)
            if status == 200:
                self.stats.answered.append(line["custom_id"])
                self.stats.prompt_tokens += body["usage"]["prompt_tokens"]
                self.stats.completion_tokens += body["usage"]["completion_tokens"]
        b["request_counts"] = {"total": len(lines), "completed": len(out), "failed": len(errors)}
        b["status"] = fate
        b[f"{fate}_at"] = int(time.time())
        if out:
            b["output_file_id"] = self._store_file(out)
        if errors:
            b["error_file_id"] = self._store_file(errors)

    def _store_file(self, records: list[dict]) -> str:
        file_id = _id("file")
        data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
        self.files[file_id] = {"name": "output.jsonl", "data": data, "purpose": "batch_output"}
        return file_id


def _public(b: dict) -> dict:
    return {k: v for k, v in b.items() if not k.startswith("_")}


def _id(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:20]}"


def _error(message: str) -> dict:
    return {"error": {"message": message, "type": "invalid_request_error", "code": None}}


def _json_body(handler) -> dict:
    raw = handler.rfile.read(int(handler.headers.get("content-length", 0)))
    return json.loads(raw) if raw else {}


def _multipart(content_type: str, body: bytes) -> dict[str, tuple[str | None, bytes]]:
    """name -> (filename, value) of a multipart/form-data body."""
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    if not m:
        return {}
    fields = {}
    for part in body.split(b"--" + m.group(1).encode())[1:]:
        if part.startswith(b"--"):
            break
        head, _, value = part.partition(b"\r\n\r\n")
        disposition = head.decode(errors="replace")
        name = re.search(r'name="([^"]*)"', disposition)
        filename = re.search(r'filename="([^"]*)"', disposition)
        if name:
            fields[name.group(1)] = (filename.group(1) if filename else None, value[:-2])
    return fields
