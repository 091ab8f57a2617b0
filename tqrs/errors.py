"""The core's error hierarchy. Messages are written for the user: the CLI prints them after
`error:` and the workbench shows them as they are, so each names the file, record or setting."""


class TqrsError(Exception):
    """Base of every error the core raises on purpose."""


class InputError(TqrsError):
    """An input file or record that cannot be used."""


class ConfigError(TqrsError):
    """A setting, credential or rubric that is missing or wrong."""


class NotFoundError(TqrsError):
    """A session, run or ticket that does not exist."""


class StoreError(TqrsError):
    """The database cannot be opened or written."""


class RemoteError(TqrsError):
    """A remote service (a ServiceNow instance) that cannot be reached or keeps failing."""


class ProviderStopped(RemoteError):
    """The LLM provider answered earlier in the run and now refuses every connection: the run
    stops, resumable, instead of marking every remaining ticket "could not grade"."""


class BudgetError(TqrsError):
    """The month's spending cap leaves nothing for an LLM run."""


class LockedOutError(TqrsError):
    """Too many wrong admin passwords: attempts are refused for `wait_seconds`."""

    def __init__(self, message: str, wait_seconds: int):
        super().__init__(message)
        self.wait_seconds = wait_seconds


class ConflictError(TqrsError):
    """A write made on a stale view: someone changed the same thing since it was shown. The
    message says who and when, and to reload; nothing was written."""
