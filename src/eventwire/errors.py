"""User-facing errors. Each kind of user mistake has its own type; the CLI turns them into one line
and an exit code, the API into a 4xx. Library code raises these and never exits the process."""


class EventwireError(Exception):
    """Base of every error meant to be shown to a user."""

    exit_code = 1


class InputError(EventwireError):
    """The input cannot be read as a news document (empty, binary, malformed, not English...)."""

    exit_code = 2


class StoreError(EventwireError):
    """The database cannot be opened or written. `public` says what failed without naming the database's
    path or URL, for answers to remote clients (the API)."""

    exit_code = 3

    def __init__(self, message: str, public: str | None = None) -> None:
        super().__init__(message)
        self.public = public or "the database cannot be read"


class OutputError(EventwireError):
    """An output file cannot be written (missing or read-only folder, disk full)."""

    exit_code = 3


class EvalError(EventwireError):
    """An evaluation file lacks what scoring needs."""

    exit_code = 2
