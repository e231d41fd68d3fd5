"""Shared fixtures: the raw samples, and a fresh site built from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.cli import main

ROOT = Path(__file__).resolve().parent.parent
RAW_SAMPLES = ROOT / "samples" / "raw"
EXPECTED = ROOT / "samples" / "seeds-expected.yaml"


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new site with the five raw samples imported and built (shared, read-only)."""
    site = tmp_path_factory.mktemp("demo")
    assert main(["init", str(site)]) == 0
    raw = site / "raw"
    shutil.copytree(RAW_SAMPLES, raw)
    assert main(["--site", str(site), "import", str(raw)]) == 0
    assert main(["--site", str(site), "build"]) == 0
    return site
