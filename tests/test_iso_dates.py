"""Reading the ISO dates sitegen writes back: a day, or an aware moment."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sitegen.dates import iso_day, iso_moment


def test_a_day_is_the_one_written_and_nonsense_is_none() -> None:
    assert iso_day("2024-05-01T23:30:00-05:00") == date(2024, 5, 1)
    assert iso_day("2024-05-01") == date(2024, 5, 1)
    assert iso_day("2024-02-30") is None
    assert iso_day("") is None and iso_day(None) is None


def test_a_moment_is_aware_and_naive_ones_are_utc() -> None:
    assert iso_moment("2024-05-01T10:00:00Z") == datetime(2024, 5, 1, 10, tzinfo=UTC)
    east = iso_moment("2024-05-01T12:00:00+02:00")
    assert east is not None and east.utcoffset() == timedelta(hours=2)
    assert east == datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert iso_moment("2024-05-01") == datetime(2024, 5, 1, tzinfo=UTC)
    assert iso_moment("yesterday") is None and iso_moment(None) is None
