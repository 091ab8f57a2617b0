"""The lint step of the test command (scripts/lint.sh, run by scripts/test.sh): ruff check
and ruff format --check with the project's settings, each failure named on stderr."""

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import HANG_GUARD_S

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"


def _lint(folder: Path, source: str) -> subprocess.CompletedProcess:
    (folder / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "lint.sh", folder / "scripts" / "lint.sh")
    shutil.copy2(ROOT / "pyproject.toml", folder / "pyproject.toml")
    (folder / "module.py").write_text(source)
    return subprocess.run(
        [folder / "scripts" / "lint.sh"],
        env={"RUFF": str(RUFF), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
    )


def test_clean_code_passes(tmp_path):
    done = _lint(tmp_path, "import os\n\nprint(os.sep)\n")
    assert (done.returncode, done.stderr) == (0, ""), done.stdout + done.stderr


def test_an_unused_import_fails_with_a_clear_message(tmp_path):
    done = _lint(tmp_path, "import os\n")
    assert done.returncode == 1
    assert "lint failed: ruff check" in done.stderr
    assert "F401" in done.stdout + done.stderr  # which rule, in which file
    assert "lint failed: files not formatted" not in done.stderr


def test_unformatted_code_fails_with_a_clear_message(tmp_path):
    done = _lint(tmp_path, "x = [1,2]\n")
    assert done.returncode == 1
    assert "lint failed: files not formatted by ruff format" in done.stderr
    assert "module.py" in done.stdout + done.stderr
    assert "lint failed: ruff check" not in done.stderr
