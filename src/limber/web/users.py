"""The account look-ups the web app needs, taken from ``limber.track.users``.

Until that service module lands, a minimal compatible fallback keeps accounts working; it is
removed once the track service is in place.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.store.models import User

try:  # pragma: no cover - depends on which modules have landed
    from limber.track.users import create_user, get_user_by_username
except ImportError:  # pragma: no cover

    def get_user_by_username(db: Session, *, username: str) -> User | None:  # type: ignore[misc]
        """The user with this (case-insensitive) username, or None."""
        return db.scalar(select(User).where(User.username == username.strip().lower()))

    def create_user(
        db: Session, *, username: str, password_hash: str, display_name: str = ""
    ) -> User:
        """Create and flush a user."""
        user = User(
            username=username.strip().lower(),
            password_hash=password_hash,
            display_name=display_name,
        )
        db.add(user)
        db.flush()
        return user


__all__ = ["create_user", "get_user_by_username"]
