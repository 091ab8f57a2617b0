"""An async client for a ServiceNow instance's Table API, through the one retry policy
(`tqrs.retry`: 429 honouring Retry-After, timeouts, dropped connections and 5xx retried; other
4xx never). Basic auth, or OAuth with a token from the instance's `/oauth_token.do` (client
credentials or password grant), fetched again once when the instance says it expired.

Errors come out as TqrsErrors whose messages name the instance and which credentials were used,
never a credential's value: a ConfigError when the credentials or the address are wrong, an
InputError when the instance refuses the query, a RemoteError when it cannot be reached or
keeps failing."""

import asyncio
import email.utils
import time
from dataclasses import dataclass
from datetime import UTC

import httpx2
import orjson

from tqrs import __version__
from tqrs.errors import ConfigError, InputError, RemoteError
from tqrs.retry import Attempts, RetryPolicy, call_with_retries
from tqrs.servicenow.credentials import BASIC, OAUTH_PASSWORD, Credentials, require

TOKEN_PATH = "/oauth_token.do"
TABLE_PATH = "/api/now/table/"
TOKEN_MARGIN = 60.0  # seconds before its stated expiry that a token is renewed


@dataclass
class Page:
    """One answer of the Table API."""

    records: list[dict]
    total: int | None  # X-Total-Count: the records the query matches, all pages together
    server_time: str | None  # the instance's Date header, "YYYY-MM-DD HH:MM:SS" UTC
    size: int  # bytes received


class ServiceNowClient:
    """`async with ServiceNowClient(instance, credentials) as sn: page = await sn.get(...)`.
    `attempts` counts every HTTP request made and the waits between retries."""

    def __init__(
        self,
        instance: str,
        credentials: Credentials,
        policy: RetryPolicy | None = None,
        timeout: float = 60.0,
    ):
        self.instance = instance
        self.credentials = require(credentials)
        self.policy = policy or RetryPolicy()
        self.attempts = Attempts()
        self.timeout = timeout
        self._token: tuple[str, float] | None = None  # (access token, monotonic expiry)
        self._token_lock = asyncio.Lock()
        self._http: httpx2.AsyncClient | None = None

    async def __aenter__(self) -> "ServiceNowClient":
        creds = self.credentials
        auth = (
            httpx2.BasicAuth(creds.user, creds.password.reveal()) if creds.method == BASIC else None
        )
        self._http = httpx2.AsyncClient(
            base_url=self.instance,
            auth=auth,
            timeout=httpx2.Timeout(self.timeout),
            headers={"Accept": "application/json", "User-Agent": f"tqrs/{__version__}"},
            follow_redirects=False,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self._http is not None:
            await self._http.aclose()

    async def get(self, table: str, params: dict[str, str]) -> Page:
        """One page of `table` for these sysparm_* parameters.

        Raises:
            ConfigError, InputError, RemoteError: see the module docstring.
        """
        path = TABLE_PATH + table

        async def send() -> httpx2.Response:
            response = await self._http.get(path, params=params, headers=await self._auth())
            if response.status_code == 401 and self._token is not None:
                self._token = None  # expired early (or revoked): one new token, one more try
                self.attempts.requests += 1
                response = await self._http.get(path, params=params, headers=await self._auth())
            response.raise_for_status()
            return response

        response = await self._call(send, f"the {table} table")
        try:
            body = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise RemoteError(
                f"{self.instance}: the answer for the {table} table is not JSON (it starts "
                f"{response.content[:40]!r}): is the instance awake, and is this its address?"
            ) from None
        records = body.get("result") if isinstance(body, dict) else None
        if not isinstance(records, list):
            raise RemoteError(
                f"{self.instance}: the answer for the {table} table holds no result list"
            )
        total = response.headers.get("x-total-count")
        return Page(
            records,
            int(total) if total and total.isdigit() else None,
            _server_time(response.headers.get("date")),
            len(response.content),
        )

    async def _auth(self) -> dict[str, str]:
        if self.credentials.method == BASIC:
            return {}
        async with self._token_lock:
            if self._token is None or time.monotonic() >= self._token[1]:
                self._token = await self._new_token()
        return {"Authorization": f"Bearer {self._token[0]}"}

    async def _new_token(self) -> tuple[str, float]:
        creds = self.credentials
        form = {
            "grant_type": "client_credentials",
            "client_id": creds.client_id,
            "client_secret": creds.client_secret.reveal(),
        }
        if creds.method == OAUTH_PASSWORD:
            form.update(
                grant_type="password", username=creds.user, password=creds.password.reveal()
            )

        async def send() -> httpx2.Response:
            response = await self._http.post(TOKEN_PATH, data=form)
            response.raise_for_status()
            return response

        response = await self._call(send, f"a token ({TOKEN_PATH})")
        try:
            body = orjson.loads(response.content)
            token, expires_in = body["access_token"], float(body.get("expires_in") or 1800)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            raise RemoteError(
                f"{self.instance}: {TOKEN_PATH} answered without an access token: is OAuth "
                "enabled on the instance (an application registry entry for this client)?"
            ) from None
        return str(token), time.monotonic() + max(0.0, expires_in - TOKEN_MARGIN)

    async def _call(self, send, what: str) -> httpx2.Response:
        before = self.attempts.requests
        try:
            return await call_with_retries(send, self.policy, self.attempts)
        except httpx2.HTTPStatusError as e:
            raise self._refused(e.response, what, self.attempts.requests - before) from None
        except httpx2.TransportError as e:
            tries = self.attempts.requests - before
            raise RemoteError(
                f"{self.instance}: cannot reach the instance for {what} "
                f"({type(e).__name__}: {_short(e)}), {tries} attempts"
            ) from None

    def _refused(self, response: httpx2.Response, what: str, tries: int):
        status, reason = response.status_code, response.reason_phrase
        creds = self.credentials.describe()
        head = f"{self.instance}: {status} {reason}".rstrip()
        if status == 401 or (status == 400 and TOKEN_PATH in what):
            return ConfigError(f"{head} for {what}: the instance refused {creds}")
        if status == 403:
            return ConfigError(
                f"{head} for {what}: {creds} may not read it (the user needs the itil role, or "
                "read access to the incident and sys_journal_field tables)"
            )
        if 300 <= status < 400:
            target = response.headers.get("location", "")[:80]
            return ConfigError(
                f"{head}: the instance redirects to {target!r}; a developer instance that is "
                "asleep does this (wake it), or this is not the instance's address"
            )
        if status == 404:
            return ConfigError(f"{head} for {what}: is this the address of a ServiceNow instance?")
        if status == 400:
            return InputError(f"{head}: the instance refused the query ({_detail(response)})")
        if status == 429 or status >= 500:
            return RemoteError(f"{head} for {what}, {tries} attempts in a row; try again later")
        return RemoteError(f"{head} for {what} ({_detail(response)})")


def _server_time(date_header: str | None) -> str | None:
    """The HTTP Date header as the instance writes times in queries: "YYYY-MM-DD HH:MM:SS"
    in UTC."""
    if not date_header:
        return None
    try:
        when = email.utils.parsedate_to_datetime(date_header)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def _detail(response: httpx2.Response) -> str:
    """What the instance said in its error body (`{"error": {"message", "detail"}}`)."""
    try:
        error = orjson.loads(response.content).get("error") or {}
        text = ": ".join(str(error[k]) for k in ("message", "detail") if error.get(k))
    except (orjson.JSONDecodeError, AttributeError):
        text = ""
    return (text or "no detail")[:300]


def _short(e: Exception) -> str:
    return (str(e) or "no detail").splitlines()[0][:200]
