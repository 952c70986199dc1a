"""``limber.report`` reads through the services, never the ORM: a module that builds its own
query fails here.

Reports render the answers the services give (the active programme, the newest profile, the
dashboard), so the PDF cannot show a different programme than the plan page. The check reads
each module's imports (AST, not text): importing ``sqlalchemy``'s query builders or any
``limber.store`` module is refused; ``sqlalchemy.orm.Session`` is allowed, to hand the
caller's session on to the services.
"""

import ast
from pathlib import Path

import pytest

import limber.report

REPORT = Path(limber.report.__file__).parent

# Module -> why it may reach the tables itself. Keep this list short and each reason true.
EXCEPTIONS = {
    "backup.py": (
        "backup, restore and the CSV export dump every table generically over "
        "Base.metadata (a table another domain adds is included without changes): that is a "
        "copy of the database, not an answer a service gives"
    ),
}
ALLOWED_SQLALCHEMY = {("sqlalchemy.orm", "Session")}


def _forbidden(tree: ast.Module) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _is_forbidden_module(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("limber.store"):
                found.append(node.module)
            elif node.module.split(".")[0] == "sqlalchemy":
                found += [
                    f"{node.module}.{a.name}"
                    for a in node.names
                    if (node.module, a.name) not in ALLOWED_SQLALCHEMY
                ]
    return found


def _is_forbidden_module(name: str) -> bool:
    return name.split(".")[0] == "sqlalchemy" or name.startswith("limber.store")


MODULES = sorted(p.name for p in REPORT.glob("*.py"))


@pytest.mark.parametrize("name", MODULES)
def test_report_modules_do_not_query_the_database_themselves(name: str) -> None:
    found = _forbidden(ast.parse((REPORT / name).read_text(encoding="utf-8")))
    if name in EXCEPTIONS:
        assert found, f"{name} no longer needs its exception; remove it from EXCEPTIONS"
    else:
        assert not found, f"{name} imports {found}: read through limber.services instead"


def test_the_check_catches_a_query_and_a_model() -> None:
    """The check itself: ``select`` and ORM models are caught, ``Session`` is not."""
    code = (
        "from sqlalchemy import select\n"
        "from sqlalchemy.orm import Session\n"
        "from limber.store.models import ProgrammeRecord\n"
        "import sqlalchemy\n"
    )
    assert _forbidden(ast.parse(code)) == [
        "sqlalchemy.select",
        "limber.store.models",
        "sqlalchemy",
    ]


def test_every_exception_is_a_module_that_exists() -> None:
    assert set(EXCEPTIONS) <= set(MODULES)
