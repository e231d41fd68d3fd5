"""Pictures drawn at build time: small bar charts as inline SVG, with a text equivalent (pure).

Two charts: coverage over time (articles per hour, day, week or month, as columns
with axis labels) and the mix of outlets (articles per outlet, as rows).  Each one
is a ``<figure>`` holding

- an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>``;
- a visible ``<figcaption>`` sentence that says what the picture shows;
- a ``<details>`` table of the exact numbers, for anyone who cannot see the bars.

No JavaScript and no library: the markup is assembled from templates whose every
argument is escaped (``_markup``: ``Markup.format``'s rule at ``str.format``'s speed),
so labels (outlet names are hostile input) always arrive as text.  Colours come from
the page: text and lines use ``currentColor`` and bars the theme's ``--accent``
(``.chart .bar`` in ``style.css``), so the charts follow light and dark mode.
Coordinates are rounded to one decimal, and the same input always gives the same bytes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from markupsafe import Markup, escape

from sitegen.site.catalogue import ENGLISH, N_, Words

WIDTH = 640
"""Width of every chart's drawing (the SVG scales down to the page)."""
COLUMN_HEIGHT = 180
MAX_COLUMN = 56
"""Widest step of a column chart: a few days make a narrow chart, not fat bars."""
ROW_HEIGHT = 22
LABEL_CHARS = 26
"""Longest outlet name drawn in full; longer ones are cut with "…" (the table has them whole)."""
MAX_OUTLETS = 12
"""Outlets drawn one per row; the rest share an "other outlets" row."""
MAX_DAYS = 62
"""Longest coverage drawn day by day; longer spans go by week, then by month."""
MAX_WEEKS = 60


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its axis label, its value, and the full name the table and tooltip give."""

    label: str
    value: int
    name: str
    aside: bool = False
    """A remainder (the other outlets): its value is written, not drawn to scale."""


def _markup(template: str, **values: object) -> Markup:
    """``Markup(template).format(**values)``: every value escaped (a ``Markup`` value is kept
    as it is), at the speed of ``str.format``."""
    escaped = {name: escape(value) for name, value in values.items()}
    return Markup(template.format_map(escaped))  # noqa: S704 - every value is escaped


def _n(x: float) -> str:
    """A coordinate: one decimal at most, no ``-0``."""
    text = f"{x:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _articles(words: Words, n: int) -> str:
    return words.phrase_n("%(num)d article", "%(num)d articles", n)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _figure(
    ident: str,
    title: str,
    summary: str,
    svg_body: Markup,
    width: float,
    height: float,
    bars: Sequence[Bar],
    what: str,
    words: Words,
) -> Markup:
    head = _markup(
        '<figure class="chart-figure">\n'
        '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'fill="currentColor" font-family="system-ui, sans-serif" font-size="13">\n'
        '<title id="{id}-title">{title}</title>\n'
        '<desc id="{id}-desc">{summary}</desc>\n',
        id=ident,
        w=_n(width),
        h=_n(height),
        title=title,
        summary=summary,
    )
    rows = Markup("").join(
        _markup(
            '<tr><th scope="row">{name}</th><td>{value}</td></tr>\n', name=b.name, value=b.value
        )
        for b in bars
        if b.value
    )
    tail = _markup(
        "</svg>\n"
        "<figcaption>{summary}</figcaption>\n"
        '<details class="chart-data"><summary>{numbers}</summary>\n'
        '<table><thead><tr><th scope="col">{what}</th><th scope="col">{articles}</th>'
        "</tr></thead>\n"
        "<tbody>\n{rows}</tbody></table></details>\n"
        "</figure>\n",
        summary=summary,
        numbers=words.phrase("%(title)s: the numbers", title=title),
        what=what,
        articles=words.gettext("Articles"),
        rows=rows,
    )
    return head + svg_body + tail


def column_chart(
    ident: str, title: str, summary: str, bars: Sequence[Bar], words: Words = ENGLISH
) -> Markup:
    """Vertical bars in order (a time line): a y axis from 0 to the largest value, and as
    many x labels as fit without overlapping, always the first and last."""
    left, right, top, bottom = 40.0, 10.0, 12.0, 30.0
    step = min(MAX_COLUMN, (WIDTH - left - right) / max(1, len(bars)))
    plot_w, plot_h = step * max(1, len(bars)), COLUMN_HEIGHT - top - bottom
    peak = max((b.value for b in bars), default=0) or 1
    gap = step * 0.15 if step > 4 else 0.0
    base_y = top + plot_h
    parts: list[Markup] = []
    for value in sorted({0, peak}):
        y = base_y - plot_h * value / peak
        parts.append(
            _markup(
                '<line class="grid" x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" stroke="currentColor" '
                'stroke-opacity="0.35"/>\n'
                '<text x="{tx}" y="{ty}" text-anchor="end">{v}</text>\n',
                x1=_n(left),
                x2=_n(left + plot_w),
                y=_n(y),
                tx=_n(left - 6),
                ty=_n(y + 4),
                v=value,
            )
        )
    for i, bar in enumerate(bars):
        if not bar.value:
            continue
        h = plot_h * bar.value / peak
        parts.append(
            _markup(
                '<rect class="bar" x="{x}" y="{y}" width="{w}" height="{h}">'
                "<title>{name}: {what}</title></rect>\n",
                x=_n(left + i * step + gap / 2),
                y=_n(base_y - h),
                w=_n(max(step - gap, 0.5)),
                h=_n(h),
                name=bar.name,
                what=_articles(words, bar.value),
            )
        )
    room = max(1, int(plot_w // 78))  # x labels that fit side by side
    every = max(1, math.ceil(len(bars) / room))
    marks = set(range(0, len(bars), every))
    if bars and (len(bars) - 1) % every:
        marks = {m for m in marks if (len(bars) - 1 - m) >= every / 2 or m == 0}
        marks.add(len(bars) - 1)
    for i in sorted(marks):
        anchor = "start" if i == 0 and len(bars) > 1 else "middle"
        x = left + i * step + (0 if anchor == "start" else step / 2)
        if i == len(bars) - 1 and len(bars) > 1:
            anchor, x = "end", left + (i + 1) * step
        parts.append(
            _markup(
                '<text x="{x}" y="{y}" text-anchor="{a}">{label}</text>\n',
                x=_n(x),
                y=_n(base_y + 18),
                a=anchor,
                label=bars[i].label,
            )
        )
    width = left + plot_w + right
    body = Markup("").join(parts)
    when = words.gettext("When")
    return _figure(ident, title, summary, body, width, COLUMN_HEIGHT, bars, when, words)


def row_chart(
    ident: str, title: str, summary: str, bars: Sequence[Bar], words: Words = ENGLISH
) -> Markup:
    """Horizontal bars, one row each: the label on the left, the value after the bar."""
    label_w, value_w, pad = 200.0, 40.0, 4.0
    plot_w = WIDTH - label_w - value_w
    peak = max((b.value for b in bars if not b.aside), default=0) or 1
    parts: list[Markup] = []
    for i, bar in enumerate(bars):
        y = pad + i * ROW_HEIGHT
        ty = _n(y + ROW_HEIGHT / 2 + 4)
        what = _articles(words, bar.value)
        head = _markup(
            "<g><title>{name}: {what}</title>\n"
            '<text x="{lx}" y="{ty}" text-anchor="end">{label}</text>\n',
            name=bar.name,
            what=what,
            lx=_n(label_w - 8),
            ty=ty,
            label=_short(bar.label),
        )
        if bar.aside:  # counted, not drawn
            tail = _markup(
                '<text x="{x}" y="{ty}">{what}</text></g>\n', x=_n(label_w), ty=ty, what=what
            )
        else:
            w = plot_w * bar.value / peak
            tail = _markup(
                '<rect class="bar" x="{x}" y="{y}" width="{w}" height="{h}"/>\n'
                '<text x="{vx}" y="{ty}">{value}</text></g>\n',
                x=_n(label_w),
                y=_n(y + 3),
                w=_n(max(w, 1.0)),
                h=_n(ROW_HEIGHT - 6),
                vx=_n(label_w + w + 6),
                ty=ty,
                value=bar.value,
            )
        parts.append(head + tail)
    height = 2 * pad + len(bars) * ROW_HEIGHT
    body = Markup("").join(parts)
    outlet = words.gettext("Outlet")
    return _figure(ident, title, summary, body, WIDTH, height, bars, outlet, words)


# --- what the charts show ---------------------------------------------------------------------


def _moment(text: str) -> datetime | date | None:
    """A date (``YYYY-MM-DD``) or a timestamp (in UTC when the text has an offset)."""
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else moment


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _months(first: date, last: date) -> list[date]:
    out, d = [], first.replace(day=1)
    while d <= last:
        out.append(d)
        d = (d.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def _by_hour(stamps: list[datetime], day: date, utc: bool, words: Words) -> tuple[list[Bar], str]:
    counts = Counter(s.hour for s in stamps)
    hours = range(min(counts), max(counts) + 1)
    zone = " UTC" if utc else ""
    bars = [
        Bar(f"{h:02d}:00", counts.get(h, 0), f"{day.isoformat()} {h:02d}:00{zone}") for h in hours
    ]
    busiest = max(bars, key=lambda b: b.value)
    summary = words.phrase(
        "%(articles)s on %(day)s, between %(first)s and %(last)s; "
        "the busiest hour was %(busiest)s with %(num)d.",
        articles=_articles(words, len(stamps)),
        day=day.isoformat(),
        first=bars[0].label,
        last=bars[-1].label + zone,
        busiest=busiest.label,
        num=busiest.value,
    )
    return bars, summary


_BUSIEST = {
    "day": N_("the busiest day was %(when)s with %(num)d."),
    "week": N_("the busiest week was %(when)s with %(num)d."),
    "month": N_("the busiest month was %(when)s with %(num)d."),
}

_PER = {
    "day": N_("Articles per day"),
    "week": N_("Articles per week"),
    "month": N_("Articles per month"),
}


def _by_span(days: list[date], words: Words) -> tuple[list[Bar], str, str]:
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span <= MAX_DAYS:
        counts = Counter(days)
        steps = [first + timedelta(days=i) for i in range(span)]
        bars = [Bar(words.day_month(d), counts[d], d.isoformat()) for d in steps]
        unit = "day"
    elif span <= MAX_WEEKS * 7:
        counts = Counter(_monday(d) for d in days)
        weeks = (_monday(last) - _monday(first)).days // 7 + 1
        steps = [_monday(first) + timedelta(weeks=i) for i in range(weeks)]
        bars = [
            Bar(words.day_month(d), counts[d], words.phrase("week of %(day)s", day=d.isoformat()))
            for d in steps
        ]
        unit = "week"
    else:
        counts = Counter(d.replace(day=1) for d in days)
        bars = [
            Bar(words.short_month_year(m.year, m.month), counts[m], m.isoformat()[:7])
            for m in _months(first, last)
        ]
        unit = "month"
    busiest = max(bars, key=lambda b: b.value)
    summary = words.phrase(
        "%(articles)s between %(first)s and %(last)s;",
        articles=_articles(words, len(days)),
        first=first.isoformat(),
        last=last.isoformat(),
    )
    summary += " " + words.phrase(_BUSIEST[unit], when=busiest.name, num=busiest.value)
    return bars, summary, unit


def coverage_chart(
    dates: Iterable[str | None], ident: str = "chart-coverage", words: Words = ENGLISH
) -> Markup | None:
    """Articles over time, or None when fewer than two articles are dated (or all on one day
    without times, or as many in every period): per hour within one day, per day up to
    :data:`MAX_DAYS`, then per week or per month.  Timestamps with an offset are counted in
    UTC."""
    given = list(dates)
    moments = [m for d in given if d and (m := _moment(d)) is not None]
    undated = len(given) - len(moments)
    if len(moments) < 2:
        return None
    days = [_day(m) for m in moments]
    if len(set(days)) == 1:
        stamps = [m for m in moments if isinstance(m, datetime)]
        if len(stamps) < 2 or len({s.hour for s in stamps}) < 2:
            return None
        utc = any(s.tzinfo is not None for s in stamps)
        bars, summary = _by_hour(stamps, days[0], utc, words)
        title = words.gettext("Articles per hour")
    else:
        bars, summary, unit = _by_span(days, words)
        title = words.gettext(_PER[unit])
    if len({b.value for b in bars}) == 1:
        return None  # as many articles in every period: nothing to compare
    if undated:
        summary += " " + words.phrase_n(
            "%(num)d article without a date is not shown.",
            "%(num)d articles without a date are not shown.",
            undated,
        )
    return column_chart(ident, title, summary, bars, words)


def outlet_chart(
    sources: Iterable[str | None],
    ident: str = "chart-outlets",
    min_outlets: int = 1,
    words: Words = ENGLISH,
) -> Markup | None:
    """Articles per outlet, largest first (ties by name), or None with fewer than
    ``min_outlets`` named outlets or as many articles from each (bars of one length say
    nothing a sentence does not).  Past :data:`MAX_OUTLETS`, the rest share one row."""
    counts = Counter(s for s in sources if s)
    if not counts or len(counts) < min_outlets or len(set(counts.values())) == 1:
        return None  # too few outlets, or as many articles from each: nothing to compare
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower(), kv[0]))
    bars = [Bar(name, n, name) for name, n in ranked[:MAX_OUTLETS]]
    rest = ranked[MAX_OUTLETS:]
    if rest:
        label = words.phrase_n("%(num)d other outlet", "%(num)d other outlets", len(rest))
        bars.append(Bar(label, sum(n for _, n in rest), label, aside=True))
    total = sum(counts.values())
    top = ranked[0][1]
    leaders = [name for name, n in ranked if n == top]
    summary = words.phrase_n(
        "%(articles)s from %(num)d outlet",
        "%(articles)s from %(num)d outlets",
        len(counts),
        articles=_articles(words, total),
    )
    if len(counts) == 1:
        summary += "."
    elif len(leaders) == len(counts):
        summary += words.phrase(", %(num)d each.", num=top)
    elif len(leaders) == 1:
        summary += words.phrase("; the most from %(name)s (%(num)d).", name=leaders[0], num=top)
    elif len(leaders) <= 3:
        summary += words.phrase(
            "; the most from %(names)s and %(last)s (%(num)d each).",
            names=", ".join(leaders[:-1]),
            last=leaders[-1],
            num=top,
        )
    else:
        summary += words.phrase(
            "; the most from %(count)d outlets (%(num)d each).", count=len(leaders), num=top
        )
    title = words.gettext("Articles per outlet")
    return row_chart(ident, title, summary, bars, words)
