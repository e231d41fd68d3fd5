"""Boilerplate removal quality and speed on the development pages.

    python bench/normalize_eval.py [PATH/TO/boilerplate-dev]

Runs sitegen's readers and normalizer over ``textdump/*.txt`` and ``html/*.html``,
writes each article body to a temporary folder, and prints the scorer's token
precision/recall/F1, the pages that kept junk phrases, and pages per second of
reading + normalizing on one core (process CPU time).

Throughput: the pages are read and normalized ``PASSES`` times.  The first pass
also pays the one-time start-up (imports, the extractors' word lists, compiled
patterns: about 0.3-0.5 s); the later ones are the rate of a long import, of
which the best and the median are printed (the best is the least disturbed by
other work on the machine, as with ``timeit``).  No reader keeps state between
pages, so every pass does the same work.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.ingest import read_file
from sitegen.normalize import normalize

PASSES = 6
DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "boilerplate-dev"


def run(dev: Path, kind: str, suffix: str, out: Path) -> None:
    files = sorted((dev / kind).glob(f"*.{suffix}"))
    cpu: list[float] = []
    for _ in range(PASSES):
        start = time.process_time()
        bodies = {}
        for path in files:
            docs, _ = read_file(path)
            bodies[path.stem] = normalize(docs[0]).body if docs else ""
        cpu.append(time.process_time() - start)
    folder = out / kind
    folder.mkdir()
    for stem, body in bodies.items():
        (folder / f"{stem}.txt").write_text(body, encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(dev.parent / "score_boilerplate.py"), str(dev / "gold"), str(folder)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    token_row = next(line for line in scored if line.startswith("tokens"))
    junk_row = next(line for line in scored if line.startswith("pages keeping junk"))
    steady = sorted(cpu[1:])
    print(
        f"{kind:9} {len(files)} pages, {len(files) / steady[0]:6.0f} pages/s on one core "
        f"(median {len(files) / steady[len(steady) // 2]:.0f}; "
        f"first pass, with start-up: {len(files) / cpu[0]:.0f})"
    )
    print(f"          {'':18}F1   prec recall  pageF1")
    print(f"          {token_row}")
    print(f"          {junk_row}")


def main(argv: list[str]) -> int:
    dev = Path(argv[0]) if argv else DEFAULT
    if not (dev / "gold").is_dir():
        print(f"no development set at {dev}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        run(dev, "textdump", "txt", Path(tmp))
        run(dev, "html", "html", Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
