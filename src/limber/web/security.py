"""Passwords, the secret key, CSRF tokens and the login rate limit.

Kept apart from the routes so the rules that protect accounts live in one small module that
can be read (and tested) on its own.
"""

import hmac
import os
import secrets
import threading
import time
from collections import deque
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from limber.settings import Settings

_hasher = PasswordHasher()

SECRET_FILE = "web-secret.key"
CSRF_SESSION_KEY = "csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"


def hash_password(password: str) -> str:
    """An argon2id hash; the plain password is never stored."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; an empty hash (the CLI's local user) never matches."""
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# A real hash to verify against when the username is unknown, so that a wrong username takes
# as long as a wrong password and usernames cannot be discovered by timing.
_DUMMY_HASH = _hasher.hash("limber-dummy-password")


def burn_time_verifying(password: str) -> None:
    """Spend the time of one verification (see ``_DUMMY_HASH``)."""
    verify_password(_DUMMY_HASH, password)


def load_secret_key(settings: Settings) -> str:
    """``settings.secret_key``, or a random key created once and kept in LIMBER_HOME (0600).

    A key that survives restarts keeps people signed in across restarts; a key that is
    generated per installation means no two installations share a default secret.
    """
    if settings.secret_key:
        if len(settings.secret_key) < 16:
            raise ValueError("LIMBER_SECRET_KEY must be at least 16 characters long")
        return settings.secret_key
    home = settings.ensure_home()
    path = Path(home) / SECRET_FILE
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if len(key) >= 32:
            return key
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    os.chmod(path, 0o600)
    return key


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; a missing token on either side never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


class LoginLimiter:
    """Failed logins per (username, address) in a sliding window.

    After ``limit`` failures within ``window_s`` seconds further attempts are refused until
    the oldest failure leaves the window, which stops password guessing without locking a
    person out for long. A successful login clears the count.
    """

    def __init__(self, limit: int = 5, window_s: float = 300.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] >= self.window_s:
            times.popleft()
        return times

    def retry_after(self, username: str, address: str) -> int:
        """Seconds until another attempt is allowed; 0 when one is allowed now."""
        key = (username.strip().lower(), address)
        now = time.monotonic()
        with self._lock:
            times = self._recent(key, now)
            if len(times) < self.limit:
                return 0
            return max(1, int(self.window_s - (now - times[0])) + 1)

    def failed(self, username: str, address: str) -> None:
        key = (username.strip().lower(), address)
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username.strip().lower(), address), None)
