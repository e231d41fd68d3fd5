"""Names are names: the finder against the hand-labelled development articles of
``bench/names/`` (see ``bench/names_eval.py``).  Skipped where the development sets are not
beside the checkout."""

from __future__ import annotations

import pytest

from bench import names_eval

pytestmark = pytest.mark.skipif(not names_eval.available(), reason="no ../shared/eval dev sets")


def test_the_names_events_show_are_names() -> None:
    common = names_eval.common_words(names_eval.corpus())
    scores = [names_eval.score(path, common) for path in names_eval.SETS.values()]
    shown = sum(s.shown for s in scores)
    right = sum(s.shown_right for s in scores)
    assert shown >= 200
    assert right / shown >= 0.9, [(s.shown_right, s.shown) for s in scores]
    found = sum(s.found for s in scores)
    assert sum(s.right for s in scores) / found >= 0.8, [s.precision for s in scores]
