"""Users: the CLI's local user and web accounts."""

import pytest
from sqlalchemy.orm import Session

from limber.services.errors import InvalidInput
from limber.services.users import create_user, get_or_create_local_user, get_user_by_username

pytestmark = pytest.mark.db


def test_local_user_is_created_once(db: Session) -> None:
    first = get_or_create_local_user(db)
    second = get_or_create_local_user(db)
    assert first.id == second.id
    assert first.username == "local"
    assert first.password_hash == ""


def test_create_user_and_find_it_case_insensitively(db: Session) -> None:
    user = create_user(db, username=" Ana ", password_hash="h", display_name="Ana")
    assert user.username == "ana"
    found = get_user_by_username(db, "ANA")
    assert found is not None and found.id == user.id
    assert get_user_by_username(db, "bob") is None


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_create_user_refuses_bad_names(db: Session, name: str) -> None:
    with pytest.raises(InvalidInput):
        create_user(db, username=name, password_hash="h")


def test_create_user_refuses_taken_name(db: Session) -> None:
    create_user(db, username="ana", password_hash="h")
    with pytest.raises(InvalidInput, match="already taken"):
        create_user(db, username="Ana", password_hash="h")
