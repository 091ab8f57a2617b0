"""TQRS as a user installs it: a wheel built from this tree, installed with --no-deps into a
virtual environment of its own, used from a folder outside the checkout with an empty HOME.

The new environment gets its dependencies from the test environment through a .pth file that
names the test environment's site-packages. Such a line only appends the folder to sys.path
(after the new environment's own site-packages, and without running the .pth files there), so
the test environment's editable install of tqrs is not seen. (--system-site-packages would give
the base interpreter's packages, not the test environment's.)"""

import json
import os
import site
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from setuptools import find_packages

from tests.workbench_server import serving

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
STREAMLIT_CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
# What a build reads: the metadata, the package and the folders pyproject.toml ships with it.
BUILD_INPUTS = (
    "pyproject.toml",
    "README.md",
    "tqrs",
    "app",
    "pages",
    ".streamlit",
    "data/rubrics",
    "data/samples",
)


def test_pyproject_lists_every_package():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    missing = sorted(set(find_packages(str(ROOT), include=["tqrs", "tqrs.*"])) - listed)
    assert not missing, (
        f"pyproject.toml [tool.setuptools] packages lacks {missing}: a wheel would leave "
        "them out; add them to the list"
    )


def _run(*cmd, **kw) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def _copy_build_inputs(dest: Path) -> None:
    import shutil

    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in BUILD_INPUTS:
        src, out = ROOT / name, dest / name
        out.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, out, ignore=ignore)
        else:
            shutil.copy2(src, out)


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory):
    """(the environment's bin folder, a clean environment for its commands, HOME, a folder
    outside the checkout to work in)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"  # a copy: building in place would leave build/ in the checkout
    _copy_build_inputs(src)
    dist = tmp / "dist"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(*pip, "wheel", src, "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, "-q")
    (wheel,) = dist.glob("tqrs-*.whl")
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(*pip, "--python", python, "install", "--no-deps", "--no-index", "-q", wheel)
    own = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    borrowed = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(own.stdout.strip()) / "test-environment.pth").write_text("\n".join(borrowed) + "\n")

    home, work = tmp / "home", tmp / "elsewhere"
    home.mkdir()
    work.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TQRS_", "OPENAI_", "XDG_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(HOME=str(home), PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}")
    return venv / "bin", env, home, work


def _tqrs(bin_dir: Path, env: dict, cwd: Path, *args) -> subprocess.CompletedProcess:
    return _run(bin_dir / "tqrs", *map(str, args), env=env, cwd=cwd)


@pytest.mark.slow  # the wheel_env fixture builds a wheel and an environment (about a minute)
def test_wheel_finds_its_files_and_keeps_state_in_the_user_data_folder(wheel_env):
    bin_dir, env, home, work = wheel_env
    where = json.loads(
        _run(
            bin_dir / "python",
            "-c",
            "import json, tqrs, tqrs.config as c; print(json.dumps({'package': tqrs.__file__, "
            "'root': str(c.PROJECT_ROOT), 'db': str(c.db_path()), "
            "'reports': str(c.reports_dir()), 'samples': str(c.SAMPLES_DIR)}))",
            env=env,
            cwd=work,
        ).stdout
    )
    venv = bin_dir.parent
    assert Path(where["package"]).is_relative_to(venv), where  # the wheel, not the checkout
    assert Path(where["root"]).is_relative_to(venv) and not Path(where["root"]).is_relative_to(ROOT)
    data = home / ".local" / "share" / "tqrs"
    assert (where["db"], where["reports"]) == (str(data / "tqrs.duckdb"), str(data / "reports"))

    rubrics = _tqrs(bin_dir, env, work, "rubrics", "--json").stdout.splitlines()
    assert {json.loads(r)["id"] for r in rubrics} >= {"incident_logging", "incident_handling"}

    sample = Path(where["samples"]) / "incidents.json"
    records = json.loads(sample.read_text())["records"]
    ingest = _tqrs(bin_dir, env, work, "ingest", sample)
    session = ingest.stdout.strip().splitlines()[-1]
    assert (data / "tqrs.duckdb").is_file()
    _tqrs(bin_dir, env, work, "evaluate", session, "--offline")
    _tqrs(bin_dir, env, work, "report", session, "--format", "json", "--out", work / "r.json")
    report = json.loads((work / "r.json").read_text())
    assert [t["number"] for t in report["tickets"]] == [r["number"] for r in records]
    assert report["run"]["judge"] == "offline"
    assert sorted(p.name for p in work.iterdir()) == ["r.json"]  # no state in the work folder
    assert not list(venv.rglob("*.duckdb"))  # nor inside site-packages


@pytest.mark.slow
def test_xdg_data_home_is_honoured_and_tqrs_db_wins(wheel_env, tmp_path):
    bin_dir, env, _, work = wheel_env
    xdg = dict(env, XDG_DATA_HOME=str(tmp_path / "xdg"))
    assert json.loads(_tqrs(bin_dir, xdg, work, "sessions", "--json").stdout) == []
    assert (tmp_path / "xdg" / "tqrs" / "tqrs.duckdb").is_file()
    chosen = dict(xdg, TQRS_DB=str(tmp_path / "chosen" / "my.duckdb"))
    _tqrs(bin_dir, chosen, work, "sessions")
    assert (tmp_path / "chosen" / "my.duckdb").is_file()


@pytest.mark.slow
def test_wheel_serves_the_workbench_with_the_project_streamlit_config(wheel_env, tmp_path):
    bin_dir, env, _, work = wheel_env
    env = dict(env, TQRS_ADMIN_PASSWORD="wheel-test")
    with serving(
        lambda port: [str(bin_dir / "tqrs"), "serve", "--port", str(port), "--headless"],
        cwd=work,
        env=env,
        log=tmp_path / "serve.log",
    ) as server:
        import urllib.request

        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=30) as r:
            assert r.read() == b"ok"
            assert "_streamlit_xsrf=" in r.headers.get("Set-Cookie", "")  # XSRF protection on
        home = _page_run(server.url, "")
        upload = _page_run(server.url, "upload")
    assert "exception" not in home["elements"] + upload["elements"], home | upload
    assert home["primary_color"] == STREAMLIT_CONFIG["theme"]["primaryColor"]
    assert upload["max_upload_mb"] == [STREAMLIT_CONFIG["server"]["maxUploadSize"]]


def _page_run(url: str, page: str) -> dict:
    """One run of a page as a browser asks for it over Streamlit's websocket: the theme the
    session was sent, the element types drawn, and the upload widgets' size cap."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    found = {"primary_color": None, "elements": [], "max_upload_mb": []}
    with connect(
        url.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit"],
        open_timeout=60,
        max_size=None,
    ) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_name = page
        ws.send(back.SerializeToString())
        deadline = time.monotonic() + 300  # a bound on a hang, not a speed requirement
        while time.monotonic() < deadline:
            msg = ForwardMsg.FromString(ws.recv(timeout=300))
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                found["primary_color"] = msg.new_session.custom_theme.primary_color
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                found["elements"].append(element.WhichOneof("type"))
                if element.WhichOneof("type") == "file_uploader":
                    found["max_upload_mb"].append(element.file_uploader.max_upload_size_mb)
            elif kind == "script_finished":
                return found
    raise AssertionError(f"page {page!r} did not finish: {found}")
