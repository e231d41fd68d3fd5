"""Bylines cleaned into the people they name."""

from __future__ import annotations

import pytest

from sitegen.normalize.authors import clean_author


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        ("Laura June Topolsky July", "Laura June Topolsky"),
        ("Nathan Willis March 25", "Nathan Willis"),
        ("By Dana Whitlock", "Dana Whitlock"),
        ("Jeffrey Gettleman; JEFFREY GETTLEMAN", "Jeffrey Gettleman"),
        ("Stella Kim; Jennifer Jett", "Stella Kim, Jennifer Jett"),
        ("Username", None),
        ("Staff", None),
        ("作者", None),
        ("dana@courier.example", None),
        ("Ilse Brandt | Monday", "Ilse Brandt"),
        ("", None),
        (None, None),
        ("Mac; I", "Mac, I"),
    ],
)
def test_clean_author(stated: str | None, expected: str | None) -> None:
    assert clean_author(stated) == expected
