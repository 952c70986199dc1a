"""People: the CLI's single local user and the web app's accounts.

Both front ends store everything against a ``User`` row, so a CLI user's data could later be
moved to an account without rewriting any other table.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from limber.services.errors import InvalidInput, NotFound
from limber.store.models import User

LOCAL_USERNAME = "local"


def _normalise(username: str) -> str:
    # "Ana" and "ana " are one person: usernames are stored trimmed and lower-case.
    return username.strip().lower()


def get_or_create_local_user(db: Session) -> User:
    """The one user the command line works for (username ``local``, no password).

    Example: ``user = get_or_create_local_user(db)`` then pass ``user.id`` to the services.
    """
    user = get_user_by_username(db, LOCAL_USERNAME)
    if user is None:
        user = User(username=LOCAL_USERNAME, display_name="", password_hash="")
        db.add(user)
        db.flush()
    return user


def create_user(db: Session, *, username: str, password_hash: str, display_name: str = "") -> User:
    """Create an account; the caller hashes the password (the service never sees it)."""
    name = _normalise(username)
    if not name:
        raise InvalidInput("a username is needed")
    if len(name) > 80:
        raise InvalidInput("a username can be at most 80 characters long")
    if get_user_by_username(db, name) is not None:
        raise InvalidInput(f"the username {name!r} is already taken")
    user = User(username=name, password_hash=password_hash, display_name=display_name.strip())
    db.add(user)
    db.flush()
    return user


def get_user_by_username(db: Session, username: str) -> User | None:
    """The user with this username (case-insensitive), or ``None``."""
    return db.scalar(select(User).where(User.username == _normalise(username)))


def get_user(db: Session, *, user_id: int) -> User:
    """The user with this id; :class:`NotFound` otherwise."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user
