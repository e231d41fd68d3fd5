"""The wheel is the product: built, installed (not editable) and used outside the checkout.

The wheel goes into a new virtualenv with ``--no-deps``; a ``.pth`` file then lets that
environment see the libraries this test run has installed (the locked set), so the check stays
quick without lending it sitegen itself: the editable install's path hook is not processed, and
the new environment's own site-packages comes first. Every command runs under an audit hook that
records any file or folder opened inside the checkout, outside the dependency environment.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import sitegen
from sitegen.content import NORMALIZER_VERSION

ROOT = Path(__file__).resolve().parent.parent
READERS = ROOT / "tests" / "fixtures" / "readers"

# Runs the sitegen CLI with an audit hook that writes every path it opens, lists or stats
# under the checkout (but not under the dependency environment) to the fd given as argv[1].
DRIVER = """
import os, sys
fd = int(sys.argv.pop(1))
checkout, deps = sys.argv.pop(1), sys.argv.pop(1)
events = {"open", "os.listdir", "os.scandir", "os.chdir", "os.walk"}
def hook(event, args):
    if event not in events or not args or isinstance(args[0], int):
        return
    path = os.path.abspath(os.fsdecode(args[0]))
    if path.startswith(checkout + os.sep) and not path.startswith(deps + os.sep):
        os.write(fd, (event + " " + path + "\\n").encode())
sys.addaudithook(hook)
import sitegen
os.write(fd, ("imported " + sitegen.__file__ + "\\n").encode())
from sitegen.cli import main
sys.argv[0] = "sitegen"
sys.exit(main())
"""


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel and sdist, built by ``python -m build`` with the locked build backend."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv with the wheel installed (not editable) and this run's libraries seen."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    (wheel,) = dist.glob("*.whl")
    python = env / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "_seen_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return env


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["CI"] = "true"  # no progress bars
    return env


def test_wheel_and_sdist_carry_the_theme_and_pass_twine(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    names = set(zipfile.ZipFile(wheel).namelist())
    theme = ROOT / "themes" / "default"
    for path in theme.rglob("*"):
        if path.is_file():
            assert "sitegen/themes/default/" + path.relative_to(theme).as_posix() in names
    assert "sitegen/py.typed" in names
    assert not [n for n in names if n.startswith(("tests/", "content/", "bench/"))]
    assert wheel.name.startswith(f"sitegen-{sitegen.__version__}-")
    assert sdist.name == f"sitegen-{sitegen.__version__}.tar.gz"
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


def test_installed_wheel_builds_a_site_outside_the_checkout(venv: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(READERS / "page.html", raw / "page.html")
    shutil.copy(ROOT / "samples" / "raw" / "002_8daa5051fca2e6bb.txt", raw / "dump.txt")
    record = {
        "id": "harbour-fair",
        "title": "Harbour fair draws record crowds",
        "text": "The harbour fair drew record crowds on Saturday, organisers said.\n\n"
        "Stalls stayed open until late in the evening as the weather held.",
        "source": "Coastal Courier",
        "date": "2024-03-16",
    }
    (raw / "export.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    log = tmp_path / "opened.log"
    python = venv / "bin" / "python"
    deps = str(Path(sys.prefix).resolve())

    def sitegen_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        with log.open("ab") as out:
            return subprocess.run(
                [str(python), "-c", DRIVER, str(out.fileno()), str(ROOT), deps, *args],
                cwd=cwd,
                env=_clean_env(),
                capture_output=True,
                text=True,
                check=False,
                pass_fds=(out.fileno(),),
            )

    steps = [
        (work, ["init", "mysite"]),
        (work / "mysite", ["import", str(raw / "page.html"), str(raw / "dump.txt")]),
        (work / "mysite", ["import", str(raw / "export.jsonl")]),
        (work / "mysite", ["build"]),
        (work / "mysite", ["check"]),
    ]
    for cwd, args in steps:
        done = sitegen_cli(*args, cwd=cwd)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert "error" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    lines = log.read_text().splitlines()
    imported = {line.split(" ", 1)[1] for line in lines if line.startswith("imported ")}
    assert imported and all(p.startswith(str(venv)) for p in imported), imported
    assert [line for line in lines if not line.startswith("imported ")] == []
    site = work / "mysite"
    assert len(list((site / "content" / "articles").glob("*.md"))) == 3
    events = json.loads((site / "build" / "events.json").read_text())
    titles = {a["title"] for e in events["events"] for a in e["articles"]}
    assert "Harbour fair draws record crowds" in titles
    assert "Harbour bridge reopens after repairs" in titles
    assert (site / "build" / "index.html").is_file()
    # the installed theme's French catalogue, read from the wheel
    config = site / "sitegen.yaml"
    config.write_text(config.read_text().replace("\nlanguage: en", "\nlanguage: fr", 1))
    done = sitegen_cli("build", cwd=site)
    assert done.returncode == 0 and "warning" not in done.stderr, done.stderr
    home = (site / "build" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in home and "Événements à la une" in home


def test_console_script_and_module_report_both_versions(venv: Path, tmp_path: Path) -> None:
    expected = f"sitegen {sitegen.__version__} (normalizer version {NORMALIZER_VERSION})"
    for cmd in ([str(venv / "bin" / "sitegen")], [str(venv / "bin" / "python"), "-m", "sitegen"]):
        done = subprocess.run(
            [*cmd, "--version"], cwd=tmp_path, env=_clean_env(), capture_output=True, text=True
        )
        assert done.returncode == 0 and done.stdout.strip() == expected, done


def test_the_version_lives_in_one_place() -> None:
    assert importlib.metadata.version("sitegen") == sitegen.__version__
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject


def _requirement_names() -> set[str]:
    """Distributions sitegen declares, extras included, normalized as PyPI does."""
    names = set()
    for req in importlib.metadata.requires("sitegen") or []:
        name = req.split(";")[0].split("[")[0]
        for stop in "<>=!~ ":
            name = name.split(stop)[0]
        names.add(name.strip().lower().replace("_", "-"))
    return names


def test_every_library_sitegen_imports_is_declared() -> None:
    """Read off the code's own import statements, so a library used but only installed by
    chance (a dependency of a dependency) fails here, not on a user's machine."""
    import ast

    declared = _requirement_names()
    providers = importlib.metadata.packages_distributions()
    missing: dict[str, str] = {}
    for path in (ROOT / "sitegen").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                tops = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops = [node.module.split(".")[0]]
            else:
                continue
            for top in tops:
                if top in sys.stdlib_module_names or top in ("sitegen", "_typeshed"):
                    continue
                dists = {d.lower().replace("_", "-") for d in providers.get(top, [top])}
                if not dists & declared:
                    missing[top] = str(path.relative_to(ROOT))
    assert missing == {}
    assert "lxml-html-clean" in declared  # jusText (inside trafilatura) imports lxml.html.clean


def _one_of_each(folder: Path) -> dict[str, Path]:
    """A real input for every suffix the readers take, made from the test fixtures."""
    sources = {
        ".txt": ROOT / "samples" / "raw" / "002_8daa5051fca2e6bb.txt",
        ".html": READERS / "page.html",
        ".rss": READERS / "feed.rss",
        ".atom": READERS / "feed.atom",
    }
    sources |= {".text": sources[".txt"], ".htm": sources[".html"], ".xml": sources[".rss"]}
    made: dict[str, Path] = {}
    for suffix, src in sources.items():
        made[suffix] = folder / f"input{suffix}"
        shutil.copy(src, made[suffix])
    for suffix in (".md", ".markdown"):
        made[suffix] = folder / f"input{suffix}"
        made[suffix].write_text("---\ntitle: Ferry returns\n---\nThe ferry is back in service.\n")
    for suffix in (".jsonl", ".ndjson"):
        made[suffix] = folder / f"input{suffix}"
        record = {"id": "ferry", "title": "Ferry returns", "text": "The ferry is back."}
        made[suffix].write_text(json.dumps(record) + "\n")
    return made


def test_every_reader_reads_a_real_input_through_its_libraries(tmp_path: Path) -> None:
    from sitegen.ingest import read_file
    from sitegen.ingest.registry import READERS as REGISTERED
    from sitegen.normalize import normalize

    inputs = _one_of_each(tmp_path)
    assert set(inputs) == set(REGISTERED), "a reader without a test input"
    for suffix, path in inputs.items():
        docs, errors = read_file(path)  # (the feed fixture has one entry with no text)
        assert docs and len(errors) <= 1, (suffix, errors)
        assert all(normalize(doc).body.strip() for doc in docs), suffix


def _pins(lock: Path) -> dict[str, str]:
    """Package -> exact version of every line of a lock file."""
    pins: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line[:1].isalnum() and "==" in line:
            name, _, rest = line.partition("==")
            pins[name.strip().lower()] = rest.split()[0].rstrip(";\\")
    return pins


def test_the_demo_lock_is_the_tested_set_without_the_test_tools() -> None:
    demo = _pins(ROOT / "requirements" / "demo.txt")
    test = _pins(ROOT / "requirements" / "test.txt")
    assert demo and all(test.get(name) == version for name, version in demo.items())
    text = (ROOT / "requirements" / "demo.txt").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.strip())  # one per pinned package
    assert len(blocks) == len(demo) and all("--hash=sha256:" in b for b in blocks)
    runtime = {
        r.split(";")[0].split("[")[0].split(">")[0].split("=")[0].strip().lower().replace("_", "-")
        for r in importlib.metadata.requires("sitegen") or []
        if "extra ==" not in r
    }
    assert runtime <= set(demo), runtime - set(demo)
    test_only = {"pytest", "moto", "playwright", "hypothesis", "mypy", "ruff", "boto3", "twine"}
    assert test_only <= set(test) and not test_only & set(demo)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "DEMO_LOCK := requirements/demo.txt" in makefile and "--require-hashes" in makefile


def test_every_virtualenv_gets_the_locked_pip_before_the_lock() -> None:
    """A machine's own pip can be too old for the lock (pip 23.2 refuses a hash-checked lock in
    which one package asks for another with an extra): each venv first gets the pinned pip."""
    pins = _pins(ROOT / "requirements" / "pip.txt")
    assert set(pins) == {"pip"} and int(pins["pip"].split(".")[0]) >= 24
    assert "--hash=sha256:" in (ROOT / "requirements" / "pip.txt").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    install = makefile[makefile.index("define install") : makefile.index("endef")]
    lines = [line.strip() for line in install.splitlines()]
    first_pip = next(i for i, line in enumerate(lines) if "pip install" in line)
    assert "-r $(PIP_LOCK)" in lines[first_pip] and "--require-hashes" in lines[first_pip]
