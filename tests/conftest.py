"""Shared fixtures: the raw samples, and a fresh site built from them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitegen.cli import main

# Every build in the suite runs on one clock (and so do the commands it starts): an article
# is stamped with the update that first held it (sitegen.updates), so two builds of the same
# content compared byte for byte must share "now".  Tests of updates move it themselves.
os.environ["SOURCE_DATE_EPOCH"] = "1764800000"

ROOT = Path(__file__).resolve().parent.parent
RAW_SAMPLES = ROOT / "samples" / "raw"
EXPECTED = ROOT / "samples" / "seeds-expected.yaml"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new site with the five raw samples imported and built (shared, read-only), with the
    demo's event registry as the repository keeps it, as ``make demo`` builds it: so its
    pages have the addresses the demo has always had (``/articles/000_5f3b1df48785fd76/``;
    a site without a registry gives new articles the slugs of their headlines)."""
    site = tmp_path_factory.mktemp("demo")
    assert main(["init", str(site)]) == 0
    shutil.copy2(ROOT / "content" / "events" / "registry.json", site / "content" / "events")
    raw = site / "raw"
    shutil.copytree(RAW_SAMPLES, raw)
    assert main(["--site", str(site), "import", str(raw)]) == 0
    assert main(["--site", str(site), "build"]) == 0
    return site
