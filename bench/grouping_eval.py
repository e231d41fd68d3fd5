"""Event grouping quality on the development set, through the real CLI.

    python bench/grouping_eval.py [PATH/TO/ecbplus-dev.jsonl]

Copies only ``id``, ``title`` and ``text`` of each article into a temporary
site, runs ``sitegen import`` and ``sitegen build``, reads ``build/events.json``
and prints the scorer's BCubed and pairwise precision/recall/F1 with the time
the build took.  The default input is ``../shared/eval/clustering-dev``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
DEFAULT = EVAL / "clustering-dev" / "ecbplus-dev.jsonl"


def sitegen(site: Path, *args: str) -> None:
    cmd = [sys.executable, "-m", "sitegen", "--site", str(site), "-q", *args]
    subprocess.run(cmd, check=True)


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT
    if not source.is_file():
        print(f"no development set at {source}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        sitegen(site, "init")
        batch = Path(tmp) / "input.jsonl"
        with source.open(encoding="utf-8") as src, batch.open("w", encoding="utf-8") as out:
            for line in src:
                row = json.loads(line)
                out.write(json.dumps({k: row[k] for k in ("id", "title", "text")}) + "\n")
        sitegen(site, "import", str(batch))
        start = time.perf_counter()
        sitegen(site, "build")
        seconds = time.perf_counter() - start
        events = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))
        pred = {a["id"]: e["id"] for e in events["events"] for a in e["articles"]}
        pred_file = Path(tmp) / "pred.json"
        pred_file.write_text(json.dumps(pred), encoding="utf-8")
        print(f"{len(pred)} articles -> {len(events['events'])} events, build {seconds:.1f} s")
        scorer = source.parent.parent / "score_clusters.py"
        subprocess.run([sys.executable, str(scorer), str(source), str(pred_file)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
