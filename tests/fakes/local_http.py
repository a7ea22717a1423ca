"""The lifecycle every threaded HTTP fake shares: serve on 127.0.0.1, an ephemeral port, a daemon thread."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LocalHTTPServer:
    """Base of the fakes: ``start()``/``stop()``, a context manager, and ``port`` once started.

    A subclass gives ``_handler_class()`` and may extend ``stop()`` (call ``super().stop()``).
    """

    server_name = "fake-http"
    host = "127.0.0.1"

    _server: ThreadingHTTPServer | None = None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    def start(self):
        if self._server is None:
            self._server = ThreadingHTTPServer((self.host, 0), self._handler_class())
            self._server.daemon_threads = True
            self._server.block_on_close = False
            threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                             name=self.server_name, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not started")
        return self._server.server_address[1]
