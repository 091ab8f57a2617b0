"""What the local fake servers share (tqrs.testing.fake_openai, tqrs.testing.fake_servicenow):
a threaded HTTP server on 127.0.0.1 at a free port, started and stopped around a `with`."""

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default 5 drops bursts of new connections for a second

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
        # else: a client killed or timed out mid-answer, which the tests do on purpose


class LocalServer:
    """Serves `handler` (a BaseHTTPRequestHandler class) on 127.0.0.1 from `start` to `stop`;
    `with` does both."""

    def _serve(self, handler: type[BaseHTTPRequestHandler], port: int = 0) -> None:
        """Listen on `port` (0: a free one; a given one lets a test bring a server back)."""
        self._server = _Server(("127.0.0.1", port), handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
