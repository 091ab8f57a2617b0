"""A local OpenID Connect provider for tests (oidc-provider-mock): any client id and secret,
the given users pre-authorised (a button each on its authorisation form), on 127.0.0.1 over
plain HTTP. Authlib, in the provider and in the workbench, refuses plain HTTP unless
AUTHLIB_INSECURE_TRANSPORT is set: the caller sets it (for this process and the workbench's)."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def running_provider(users: list[tuple[str, str]]) -> Iterator[str]:
    """The provider for `users` ((e-mail, name): the subject is the e-mail); yields its issuer
    URL. Stopped at the end."""
    import oidc_provider_mock
    from werkzeug.serving import make_server

    claims = [
        oidc_provider_mock.User(sub=email, claims={"email": email, "name": name})
        for email, name in users
    ]
    server = make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=claims), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
