"""The development streams of grouping, loaded in-process, and their scorers.

- ``clustering-dev``: the ECB+ articles of ``../shared/eval/clustering-dev`` (only ``id``,
  ``title`` and ``text`` go in, as its README asks), events from its ``cluster`` field;
- ``real stream``: every saved page of boilerplate-dev, dragnet-dev and readability-dev,
  imported as a user would (HTML, with the dates and outlets the pages state), together
  with clustering-dev's articles, events from ``bench/realstream/labels.json`` (labelled
  by hand, see its NOTES.md) and clustering-dev's own.

Articles are imported once into a site under ``.sitegen-cache/bench-streams/`` of the
checkout (rebuilt when the normalizer version changes) and loaded from its ``content/``.
"""

from __future__ import annotations

import itertools
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.content import NORMALIZER_VERSION
from sitegen.importer import import_paths
from sitegen.loader import load_content
from sitegen.model import Article
from sitegen.scaffold import init_site

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
ECB = EVAL / "clustering-dev" / "ecbplus-dev.jsonl"
PAGE_SETS = ("boilerplate-dev", "dragnet-dev", "readability-dev")
LABELS = ROOT / "bench" / "realstream" / "labels.json"
CACHE = ROOT / ".sitegen-cache" / "bench-streams"


def available() -> bool:
    return ECB.is_file() and all((EVAL / s / "html").is_dir() for s in PAGE_SETS)


def ecb_rows() -> list[dict[str, str]]:
    with ECB.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _site() -> Path:
    site = CACHE / f"normalizer-{NORMALIZER_VERSION}"
    if (site / "done").is_file():
        return site
    if CACHE.exists():
        shutil.rmtree(CACHE)
    init_site(site)
    inputs = site / "inputs"
    for name in PAGE_SETS:
        shutil.copytree(EVAL / name / "html", inputs / name)
    with (inputs / "ecb.jsonl").open("w", encoding="utf-8") as out:
        for row in ecb_rows():
            out.write(json.dumps({k: row[k] for k in ("id", "title", "text")}) + "\n")
    import_paths(site, [inputs])
    (site / "done").write_text("ok\n", encoding="utf-8")
    return site


def articles() -> list[Article]:
    """Every article of the real stream (clustering-dev's among them), as imported."""
    loaded, _, errors = load_content(_site())
    if errors:
        raise RuntimeError(f"{len(errors)} development articles failed to load")
    return loaded


def ecb_gold() -> dict[str, str]:
    return {r["id"]: r["cluster"] for r in ecb_rows()}


def stream_gold() -> dict[str, str]:
    """Article id -> event of the whole real stream (page ids are ``<set>/<id>`` in the
    labels file; imported articles keep the page's file name as id)."""
    gold = ecb_gold()
    for key, label in json.loads(LABELS.read_text(encoding="utf-8")).items():
        gold[key.split("/", 1)[1]] = label
    return gold


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of ``pred`` over the items both know."""
    ids = sorted(i for i in pred if i in gold)
    tp = fp = fn = 0
    by_pred: dict[str, list[str]] = {}
    for i in ids:
        by_pred.setdefault(pred[i], []).append(i)
    for members in by_pred.values():
        for a, b in itertools.combinations(members, 2):
            if gold[a] == gold[b]:
                tp += 1
            else:
                fp += 1
    by_gold: dict[str, list[str]] = {}
    for i in ids:
        by_gold.setdefault(gold[i], []).append(i)
    for members in by_gold.values():
        for a, b in itertools.combinations(members, 2):
            if pred[a] != pred[b]:
                fn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 over the items both know."""
    ids = [i for i in pred if i in gold]
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in ids:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in ids)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in ids)
    p, r = p / len(ids), r / len(ids)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0
