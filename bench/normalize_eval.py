"""Article extraction quality and speed on every development set, and metadata accuracy.

    python bench/normalize_eval.py [--passes N] [--sets boilerplate-dev,dragnet-dev,...]

For each boilerplate set in ``../shared/eval`` (boilerplate-dev, dragnet-dev, readability-dev)
and each kind of input (``textdump/*.txt``, ``html/*.html``), runs sitegen's readers and
normalizer, writes each article body to a temporary folder, and prints the scorer's token
precision/recall/F1 and the pages that kept junk phrases: for the whole set, and for each
half (pages by sorted id, first half and second half), since a rule that lifts one half only
is fitted to its pages. Then the pages per second of reading + normalizing on one core
(process CPU time). For readability-dev, which has reviewed metadata, its HTML pages are
imported into a temporary site with the real command line and ``score_metadata.py`` compares
the front matter (title, source, author, date) with it, beside trafilatura's own metadata.

Throughput: the pages are read and normalized ``--passes`` times.  The first pass also pays
the one-time start-up (imports, the extractors' word lists, compiled patterns); the later
ones are the rate of a long import, of which the best and the median are printed (the best
is the least disturbed by other work on the machine, as with ``timeit``).  No reader keeps
state between pages, so every pass does the same work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.ingest import read_file
from sitegen.normalize import normalize

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SETS = ("boilerplate-dev", "dragnet-dev", "readability-dev")
KINDS = (("textdump", "txt"), ("html", "html"))
METADATA_SET = "readability-dev"


def _bodies(files: list[Path], passes: int) -> tuple[dict[str, str], list[float]]:
    """Each page's article body, and the CPU seconds of each pass over all of them."""
    cpu: list[float] = []
    bodies: dict[str, str] = {}
    for _ in range(passes):
        start = time.process_time()
        bodies = {}
        for path in files:
            docs, _ = read_file(path)
            bodies[path.stem] = normalize(docs[0]).body if docs else ""
        cpu.append(time.process_time() - start)
    return bodies, cpu


def _score(dev: Path, bodies: dict[str, str], folder: Path) -> tuple[str, str]:
    """(token row, junk row) of the scorer for these pages (the gold of these ids only)."""
    gold, pred = folder / "gold", folder / "pred"
    gold.mkdir(parents=True)
    pred.mkdir()
    for stem, body in bodies.items():
        (gold / f"{stem}.txt").symlink_to(dev / "gold" / f"{stem}.txt")
        (pred / f"{stem}.txt").write_text(body, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(dev.parent / "score_boilerplate.py"), str(gold), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    token = next(line for line in scored if line.startswith("tokens"))
    junk = next(line for line in scored if line.startswith("pages keeping junk"))
    return token, junk


def _token_f1(row: str) -> str:
    """F1, precision and recall out of the scorer's token row."""
    numbers = row.split()[2:5]
    return " / ".join(numbers)


def _junk_pages(row: str) -> str:
    return row.split(":", 1)[1].split("(")[0].strip()


def run(dev: Path, kind: str, suffix: str, out: Path, passes: int) -> None:
    files = sorted((dev / kind).glob(f"*.{suffix}"))
    if not files:
        return
    bodies, cpu = _bodies(files, passes)
    stems = sorted(bodies)
    half = len(stems) // 2
    parts = {
        "all": stems,
        "first half": stems[:half],
        "second half": stems[half:],
    }
    steady = sorted(cpu[1:]) or cpu
    print(
        f"{dev.name} {kind}: {len(files)} pages, {len(files) / steady[0]:.0f} pages/s on one "
        f"core (median {len(files) / steady[len(steady) // 2]:.0f}; first pass, with "
        f"start-up: {len(files) / cpu[0]:.0f})"
    )
    for name, ids in parts.items():
        token, junk = _score(dev, {i: bodies[i] for i in ids}, out / dev.name / kind / name)
        print(
            f"    {name:12} {len(ids):3} pages  token F1 / P / R {_token_f1(token)}  "
            f"junk on {_junk_pages(junk)}"
        )


def metadata(dev: Path, out: Path) -> None:
    """Front-matter accuracy on the set's reviewed metadata, through the real CLI."""
    site = out / "metadata-site"
    cli = [sys.executable, "-m", "sitegen", "-q", "--site", str(site)]
    root = Path(__file__).resolve().parent.parent
    subprocess.run([*cli, "init", str(site)], check=True, cwd=root)
    subprocess.run([*cli, "import", str(dev / "html")], check=False, cwd=root, capture_output=True)
    scorer = str(dev.parent / "score_metadata.py")
    stems = sorted(p.stem for p in (dev / "expected").glob("*.json"))
    half = len(stems) // 2
    for name, ids in (("all", stems), ("first half", stems[:half]), ("second half", stems[half:])):
        listed = out / f"ids-{name.replace(' ', '-')}.txt"
        listed.write_text("\n".join(ids) + "\n", encoding="utf-8")
        for who, args in (
            ("sitegen", [str(site / "content" / "articles")]),
            ("trafilatura", ["--trafilatura"]),
        ):
            done = subprocess.run(
                [sys.executable, scorer, str(dev), *args, "--ids", str(listed), "--quiet"],
                capture_output=True,
                text=True,
                check=True,
            )
            line = done.stdout.strip().splitlines()[-1].removeprefix("metadata ")
            print(f"    {name:12} {who:12} {line}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=6, help="passes over each set (>= 2)")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    parser.add_argument("--eval", type=Path, default=EVAL, help="the shared eval folder")
    args = parser.parse_args(argv)
    found = [args.eval / name for name in args.sets.split(",") if (args.eval / name).is_dir()]
    if not found:
        print(f"no development sets in {args.eval}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for dev in found:
            for kind, suffix in KINDS:
                run(dev, kind, suffix, Path(tmp), max(2, args.passes))
        meta = args.eval / METADATA_SET
        if meta in found:
            print(f"{meta.name} metadata (title, source, author, date: share correct)")
            metadata(meta, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
