"""Set-up a newcomer meets: the interpreter choice, and a run without the labeled videos.

mediapipe 0.10.21 has wheels only up to 3.12 while distributions ship 3.13, so
``scripts/find-python.sh`` picks the interpreter before ``make`` creates the venv. These tests
run the script (and the Makefile's set-up target) with a PATH that holds nothing but fake
interpreters, each a shell stub that reports a version. Without the videos a run that selects a
video test stops with one line saying where they are expected (``tests/conftest.py``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.conftest import NO_VIDEOS_EXIT

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "find-python.sh"
MESSAGE = (
    "Limber needs Python 3.11 or 3.12 (mediapipe 0.10.21 has no wheels for 3.13; found: {found}):"
    " install python3.12 (apt install python3.12 / pyenv install 3.12)"
    " or run make PYTHON=/path/to/python3.12"
)


def stub(folder: Path, name: str, version: str) -> Path:
    """A fake interpreter: prints its version, as ``python -c 'print(version)'`` would."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\necho {version}\n")
    path.chmod(0o755)
    return path


def find_python(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the script with ``path`` as the whole PATH (the shell is named by its full path)."""
    return subprocess.run(
        ["/bin/sh", str(SCRIPT), *args],
        env={"PATH": str(path)},
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_only_313_stops_with_one_line_saying_what_works(tmp_path: Path) -> None:
    stub(tmp_path, "python3", "3.13")
    stub(tmp_path, "python3.13", "3.13")
    done = find_python(tmp_path)
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [MESSAGE.format(found="python3 is 3.13")]


def test_no_python_at_all_says_so(tmp_path: Path) -> None:
    done = find_python(tmp_path)
    assert done.returncode != 0
    assert done.stderr.strip() == MESSAGE.format(found="no python3")


def test_a_312_beside_a_313_is_picked(tmp_path: Path) -> None:
    stub(tmp_path, "python3", "3.13")
    stub(tmp_path, "python3.13", "3.13")
    chosen = stub(tmp_path, "python3.12", "3.12")
    done = find_python(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(chosen)


def test_312_is_preferred_to_311(tmp_path: Path) -> None:
    stub(tmp_path, "python3.11", "3.11")
    chosen = stub(tmp_path, "python3.12", "3.12")
    assert find_python(tmp_path).stdout.strip() == str(chosen)


def test_python3_is_used_when_it_is_311(tmp_path: Path) -> None:
    chosen = stub(tmp_path, "python3", "3.11")
    assert find_python(tmp_path).stdout.strip() == str(chosen)


def test_an_explicit_python_wins_over_the_search(tmp_path: Path) -> None:
    stub(tmp_path / "bin", "python3.12", "3.12")
    mine = stub(tmp_path / "elsewhere", "py311", "3.11")
    done = find_python(tmp_path / "bin", str(mine))
    assert done.stdout.strip() == str(mine)


def test_an_explicit_313_is_refused_too(tmp_path: Path) -> None:
    stub(tmp_path / "bin", "python3.12", "3.12")
    mine = stub(tmp_path / "elsewhere", "py313", "3.13")
    done = find_python(tmp_path / "bin", str(mine))
    assert done.returncode != 0
    assert done.stderr.strip() == MESSAGE.format(found=f"{mine} is 3.13")


VENV_MAKER = """#!/bin/sh
# A fake python {version}: reports its version, and for "-m venv DIR" makes DIR/bin/python, a
# stand-in that logs what the Makefile asks of it (pip install ...) instead of doing it.
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
    mkdir -p "$3/bin"
    printf '#!/bin/sh\\necho "$@" >> {log}\\n' > "$3/bin/python"
    chmod +x "$3/bin/python"
    echo "venv made by $0" >> {log}
    exit 0
fi
echo {version}
"""


def make_setup(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``make .venv/.installed`` in a copy of the set-up files, PATH holding only ``tools``."""
    clone = tmp_path / "clone"
    (clone / "scripts").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "scripts/find-python.sh"):
        shutil.copy(REPO / name, clone / name)
    tools = tmp_path / "bin"
    tools.mkdir(exist_ok=True)
    for tool in ("sh", "make", "mkdir", "chmod", "touch"):
        found = shutil.which(tool)
        assert found is not None
        (tools / tool).symlink_to(found)
    return subprocess.run(
        ["make", ".venv/.installed", *args],
        cwd=clone,
        env={"PATH": str(tools)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def venv_maker(folder: Path, name: str, version: str, log: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(VENV_MAKER.format(version=version, log=log))
    path.chmod(0o755)
    return path


def test_make_builds_the_venv_with_the_312_beside_a_313(tmp_path: Path) -> None:
    log = tmp_path / "log"
    venv_maker(tmp_path / "bin", "python3", "3.13", log)
    chosen = venv_maker(tmp_path / "bin", "python3.12", "3.12", log)
    done = make_setup(tmp_path)
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()
    assert lines[0] == f"venv made by {chosen}"
    assert "-m pip install --quiet -e .[dev]" in lines
    assert (tmp_path / "clone" / ".venv" / ".installed").exists()


def test_make_uses_the_python_it_is_given(tmp_path: Path) -> None:
    log = tmp_path / "log"
    venv_maker(tmp_path / "bin", "python3.12", "3.12", log)
    mine = venv_maker(tmp_path / "elsewhere", "py311", "3.11", log)
    assert make_setup(tmp_path, f"PYTHON={mine}").returncode == 0
    assert log.read_text().splitlines()[0] == f"venv made by {mine}"


def test_make_stops_before_creating_the_venv(tmp_path: Path) -> None:
    """The Makefile's set-up target itself: the one line, a failure, and no .venv left behind."""
    stub(tmp_path / "bin", "python3", "3.13")
    done = make_setup(tmp_path)
    assert done.returncode != 0
    assert MESSAGE.format(found="python3 is 3.13") in done.stderr.splitlines()
    assert not (tmp_path / "clone" / ".venv").exists()


def test_requires_python_says_the_same() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.13"


def run_pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A pytest run in a child process with the videos pointed at a folder that does not exist."""
    env = {**os.environ, "LIMBER_JUMPROPE_DATA": str(tmp_path / "nowhere")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_the_videos_a_video_test_stops_the_run_with_one_line(tmp_path: Path) -> None:
    done = run_pytest(
        tmp_path, "tests/motion/test_videos.py::test_a_distant_person_is_still_found_and_counted"
    )
    assert done.returncode == NO_VIDEOS_EXIT, done.stdout + done.stderr
    said = [line for line in done.stdout.splitlines() if "LIMBER_JUMPROPE_DATA=" in line]
    assert len(said) == 1, done.stdout
    assert f"not in {tmp_path / 'nowhere'}" in said[0]
    assert "../shared/data/jumprope" in said[0]
    assert "error" not in done.stdout.lower() and "skipped" not in done.stdout


def test_a_test_asking_for_the_videos_counts_as_a_video_test(tmp_path: Path) -> None:
    """The ``data_dir`` fixture marks its test ``video``: it stops the run, or is deselected."""
    target = "tests/motion/test_count_cli.py::test_truncated_mp4"
    assert run_pytest(tmp_path, target).returncode == NO_VIDEOS_EXIT
    deselected = run_pytest(tmp_path, "-m", "not video", target)
    assert deselected.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, deselected.stdout
    assert "LIMBER_JUMPROPE_DATA=" not in deselected.stdout


def test_the_pre_commit_hooks_run_the_ruff_in_the_venv() -> None:
    """The hook and `make lint` must agree on what is clean: the hooks run `.venv`'s ruff."""
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [h for r in config["repos"] for h in r["hooks"]]
    assert all(r["repo"] == "local" for r in config["repos"]), "a remote hook needs the network"
    assert [h["id"] for h in hooks] == ["ruff-check", "ruff-format"]
    assert [h["entry"] for h in hooks] == [".venv/bin/ruff check --fix", ".venv/bin/ruff format"]
    assert all(h["language"] == "system" for h in hooks)


def test_without_the_videos_every_test_module_is_still_collected(tmp_path: Path) -> None:
    """No module reads the videos at import, so the one line above is what a newcomer sees."""
    done = run_pytest(tmp_path, "--collect-only", "-q", "tests")
    assert done.returncode == pytest.ExitCode.OK, done.stdout[-3000:]
