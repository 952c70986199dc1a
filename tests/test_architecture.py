"""The layout is the architecture: the import contracts hold and no module outgrows a screen.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and are drawn in
``docs/architecture.md``: packages import only downward, the domain packages never reach the
database or a front end, and no two packages (nor two modules of one package) import each
other. A new back-import fails here, with import-linter's explanation in the message.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "limber"
MAX_LINES = 400


def _lint_imports() -> Path:
    beside = Path(sys.executable).with_name("lint-imports")
    found = beside if beside.exists() else shutil.which("lint-imports")
    assert found, "lint-imports is missing: install the dev dependencies (make test does)"
    return Path(found)


def test_import_contracts_hold() -> None:
    run = subprocess.run(
        [str(_lint_imports()), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=ROOT / "src",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def test_every_package_has_a_layer() -> None:
    """A new top-level package or module must be placed in the layers, or it escapes them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    present = {
        f"limber.{p.stem}"
        for p in PACKAGE.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.name != "__init__.py")
    }
    assert present - placed == set(), "add these to the layers in pyproject.toml"
    assert placed - present == set(), "these layers name no package any more"


def _modules() -> list[Path]:
    web = PACKAGE / "web"
    return sorted(
        [
            *PACKAGE.rglob("*.py"),
            *(web / "static" / "js").rglob("*.js"),
            *(web / "templates").rglob("*.html"),
        ]
    )


def test_no_module_over_400_lines() -> None:
    modules = _modules()
    assert any(p.suffix == ".js" for p in modules) and any(p.suffix == ".html" for p in modules)
    lengths = {p.relative_to(PACKAGE).as_posix(): len(p.read_text().splitlines()) for p in modules}
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert too_long == {}, f"split these into modules named for what they hold: {too_long}"
