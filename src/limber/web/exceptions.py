"""The exceptions routes raise for a person's mistake, each with its HTTP status.

They live apart from :mod:`limber.web.errors` (which turns them into responses) so that
:mod:`limber.web.deps` can raise them without importing the handlers, which render pages
through ``deps`` — that pair used to import each other.
"""


class WebError(Exception):
    """An error with an HTTP status and a message written for the person who caused it."""

    status_code = 400

    def __init__(
        self, message: str, status_code: int | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}
        if status_code is not None:
            self.status_code = status_code


class NotSignedIn(WebError):
    status_code = 401

    def __init__(self) -> None:
        super().__init__("Please log in first.")


class CsrfFailed(WebError):
    status_code = 403

    def __init__(self) -> None:
        super().__init__(
            "This form has expired or did not come from Limber. Reload the page and try again."
        )
