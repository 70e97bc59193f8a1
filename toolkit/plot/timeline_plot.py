"""Timeline of dated events: points for days, spans for weeks, months and years."""

from __future__ import annotations

import warnings

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from toolkit._api import legacy, user_stacklevel
from toolkit._docstrings import fill_doc
from toolkit.plot._labels import check_lang, set_date_axis, text
from toolkit.plot._style import (
    get_ax,
    mpl_label,
    require_columns,
    set_title,
    shorten,
    style_texts,
    text_kwargs,
)
from toolkit.plot.fonts import arabic_font

#: colours per granularity; others cycle through matplotlib's default colours
GRANULARITY_COLORS = {
    "day": "#4c72b0",
    "week": "#dd8452",
    "month": "#55a868",
    "quarter": "#8172b3",
    "season": "#8172b3",
    "year": "#c44e52",
    "decade": "#937860",
}
LANE_HEIGHT = 0.55  # inches per row of labels when the toolkit makes the figure


#: deictic references within this many days of their document's date are grouped
AROUND_PUBLICATION_DAYS = 3
#: values of references that name no period of the calendar
VAGUE_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_DEICTIC_GRAINS = ("day", "time")
_BAND_BOTTOM = -1.9  # lane coordinate of the around-publication distribution's base
_BAND_HEIGHT = 0.6

_EARLIEST = pd.Timestamp("0001-01-02").as_unit("s")
_LATEST = pd.Timestamp("9999-12-30").as_unit("s")


@legacy(renamed={"dates": "data"})
@fill_doc
def timeline(
    data: pd.DataFrame,
    *,
    label: str = "text",
    max_label_chars: int = 30,
    top: int | None = None,
    around_publication: int | None = AROUND_PUBLICATION_DAYS,
    ax: Axes | None = None,
    title: str | None = None,
    lang: str = "en",
) -> Axes:
    """Draw ``extract_dates``/``timeline`` output on a real time axis.

    Mentions of the same period are merged into one event labelled with its
    most frequent text and ``×n``. Events shorter than two days are points,
    longer ones spans. Labels are stacked in rows so that they never overlap.
    What is not an event (see :func:`timeline_kind`) is not drawn as one:
    vague references and rows without a resolved ``start_date`` are left out
    with a warning and a note under the axis; references to the days around
    their document's publication (اليوم، أمس، غدا) are drawn together as one
    grey distribution under the events.

    Parameters
    ----------
    data : DataFrame
        Columns ``start_date``, ``end_date``, ``granularity`` and *label*, as
        :func:`toolkit.extract_dates` or :func:`toolkit.timeline` return.
    label : str, default "text"
        Column naming each event (the date expression by default).
    max_label_chars : int, default 30
        Labels are cut to this length.
    top : int or None, default None
        Draw the most mentioned events only; None draws 30.
    around_publication : int or None, default 3
        Deictic references (anchor ``dct``) at most this many days from the
        document date (column ``dct`` or ``date``) form the grey
        distribution; None turns this off.
    {ax}
    {title}
    {lang}

    Returns
    -------
    {axes}

    Examples
    --------
    >>> import pandas as pd
    >>> dates = pd.DataFrame({"text": ["24 نونبر 2021"], "start_date": ["2021-11-24"],
    ...                       "end_date": ["2021-11-24"], "granularity": ["day"]})
    >>> [t.get_text() == mpl_label("24 نونبر 2021") for t in timeline(dates).texts]
    [True]
    """
    check_lang(lang)
    require_columns(
        data,
        ["start_date", "end_date", "granularity", label],
        name="data",
        producer="extract_dates",
    )
    top = 30 if top is None else top
    if top < 1:
        raise ValueError(f"top must be at least 1 or None, got {top}")
    kind = timeline_kind(data, around_publication=around_publication)
    _warn_left_out(kind)
    table = _table(data, label)
    around = table[kind.to_numpy() == "around publication"]
    events = _events(table[kind.to_numpy() == "event"], max_label_chars)
    if events.empty and around.empty:
        raise ValueError("no row has a resolved start_date: nothing to plot")
    hidden = events.iloc[0:0]
    if len(events) > top:
        kept = events.sort_values(["mentions", "start"], ascending=[False, True]).index[:top]
        hidden = events.drop(kept)
        events = events.loc[sorted(kept)]
    made_figure = ax is None
    ax = get_ax(ax, (10, 3))
    start = min(events["start"].min(), around["start"].min(), key=_missing_last)
    end = max(events["end"].max(), around["start"].max(), key=_missing_first)
    pad = max((end - start) * 0.06, pd.Timedelta(days=20))
    # matplotlib data live between the years 1 and 9999: keep the margins inside.
    left = max(start - pad, _EARLIEST) if start >= _EARLIEST else start
    ax.set_xlim(mdates.date2num(left), mdates.date2num(min(end + pad, _LATEST)))
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    set_date_axis(ax.xaxis, lang)
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    colors = _colors(events["granularity"])
    if not events.empty:
        _legend(ax, events, colors, lang)
    _note(ax, kind, hidden, lang)
    set_title(ax, title)
    ax.figure.draw_without_rendering()  # run the layout engine: final Axes width
    lanes = _draw_events(ax, events, colors) or [0]
    bottom = -0.7
    if not around.empty:
        _draw_around_publication(ax, around, lang)
        bottom = _BAND_BOTTOM - 0.1
    if made_figure:
        ax.figure.set_figheight(1.4 + LANE_HEIGHT * (max(lanes) + 1 - (bottom + 0.7)))
    ax.set_ylim(bottom, max(lanes) + 0.9)
    return ax


@legacy(renamed={"dates": "data"})
@fill_doc
def timeline_kind(
    data: pd.DataFrame, *, around_publication: int | None = AROUND_PUBLICATION_DAYS
) -> pd.Series:
    """What :func:`timeline` does with each row of *data*, aligned with its index.

    Use it to list what the figure leaves out.

    Parameters
    ----------
    data : DataFrame
        A dates table, as for :func:`timeline`.
    around_publication : int or None, default 3
        As in :func:`timeline`.

    Returns
    -------
    pandas.Series
        ``"event"`` (drawn on the axis), ``"around publication"`` (a deictic
        reference, anchor ``dct``, at most *around_publication* days from its
        document's date: drawn together as one distribution), ``"vague"``
        (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF`` or granularity
        ``vague``: not drawn) or ``"unplaced"`` (no resolved ``start_date``:
        not drawn).

    Examples
    --------
    >>> import pandas as pd
    >>> dates = pd.DataFrame({"text": ["اليوم", "حاليا", "2014"], "value": ["", "PRESENT_REF", ""],
    ...     "start_date": ["2015-08-10", "2015-08-10", "2014-01-01"], "granularity": ["day",
    ...     "vague", "year"], "anchor": ["dct", "dct", "absolute"], "dct": ["2015-08-10"] * 3})
    >>> timeline_kind(dates).tolist()
    ['around publication', 'vague', 'event']
    """
    start = _to_datetime(data["start_date"], "start_date")
    kind = pd.Series("event", index=data.index, dtype=object)
    kind[start.isna().to_numpy()] = "unplaced"
    vague = data["granularity"].astype("string").eq("vague").fillna(False)
    if "value" in data:
        vague |= data["value"].astype("string").isin(VAGUE_VALUES).fillna(False)
    kind[vague.to_numpy()] = "vague"
    published = next((data[c] for c in ("dct", "date") if c in data), None)
    if around_publication is None or published is None or "anchor" not in data:
        return kind
    lag = (start - _to_datetime(published, "dct").dt.normalize()).abs()
    near = (
        (kind == "event")
        & data["anchor"].astype("string").eq("dct").fillna(False)
        & data["granularity"].astype("string").isin(_DEICTIC_GRAINS).fillna(False)
        & (lag <= pd.Timedelta(days=around_publication)).fillna(False)
    )
    kind[near.to_numpy()] = "around publication"
    return kind


def _missing_last(value: pd.Timestamp) -> tuple[bool, pd.Timestamp]:
    """Sort key for ``min`` that never picks NaT (the bound of an empty part) over a date."""
    return (pd.isna(value), _EARLIEST if pd.isna(value) else value)


def _missing_first(value: pd.Timestamp) -> tuple[bool, pd.Timestamp]:
    """Sort key for ``max`` that never picks NaT over a date."""
    return (not pd.isna(value), _EARLIEST if pd.isna(value) else value)


def _warn_left_out(kind: pd.Series) -> None:
    total = len(kind)
    unplaced, vague = int((kind == "unplaced").sum()), int((kind == "vague").sum())
    if unplaced:
        warnings.warn(
            f"{unplaced} of {total} date rows have no resolved start_date and are not drawn",
            stacklevel=user_stacklevel(),
        )
    if vague:
        warnings.warn(
            f"{vague} of {total} date rows are vague or present references (PRESENT_REF, "
            "PAST_REF, FUTURE_REF) and are not drawn; timeline_kind() lists them",
            stacklevel=user_stacklevel(),
        )


def _table(dates: pd.DataFrame, label: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "start": _to_datetime(dates["start_date"], "start_date"),
            "end": _to_datetime(dates["end_date"], "end_date"),
            "granularity": dates["granularity"].astype("string").fillna("unknown"),
            "text": dates[label].astype("string").fillna(""),
        }
    )


def _events(table: pd.DataFrame, max_chars: int) -> pd.DataFrame:
    table = table.copy()
    table["end"] = table["end"].fillna(table["start"]).clip(lower=table["start"])
    grouped = table.groupby(["start", "end", "granularity"], sort=True, observed=True)
    events = grouped["text"].agg(lambda s: s.value_counts().index[0]).to_frame()
    events["mentions"] = grouped.size()
    events = events.reset_index()
    events["label"] = [
        shorten(text, max_chars) + (f" ×{n}" if n > 1 else "")
        for text, n in zip(events["text"], events["mentions"], strict=True)
    ]
    events["is_span"] = (events["end"] - events["start"]) >= pd.Timedelta(days=2)
    return events


def _to_datetime(column: pd.Series, name: str) -> pd.Series:
    try:
        values = pd.to_datetime(column, format="ISO8601")
    except (ValueError, TypeError) as error:
        raise ValueError(f"column {name!r} must hold dates: {error}") from None
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values


def _colors(granularities: pd.Series) -> dict[str, str]:
    """Colour per granularity, in a fixed order (known granularities first, by size)."""
    known = [g for g in GRANULARITY_COLORS if g in set(granularities)]
    others = sorted(set(granularities) - set(known))
    colors = {g: GRANULARITY_COLORS[g] for g in known}
    colors.update({g: f"C{i % 10}" for i, g in enumerate(others)})
    return colors


def _draw_events(ax: Axes, events: pd.DataFrame, colors: dict[str, str]) -> list[int]:
    """Draw each event in the lowest row where its mark and label fit; return the rows.

    A label goes right of its event's start, or else left of its end, whichever first
    finds room in a row (never past the Axes' edges when either side fits).
    """
    renderer = ax.figure.canvas.get_renderer()
    x0, x1 = ax.get_xlim()
    units_per_pixel = (x1 - x0) / ax.get_window_extent(renderer).width
    gap = 12 * units_per_pixel
    rows: list[list[tuple[float, float]]] = []  # occupied (left, right) intervals per row
    lanes = []
    for event in events.itertuples():
        start, end = mdates.date2num(event.start), mdates.date2num(event.end)
        label = mpl_label(event.label, len(event.label))
        text = ax.text(start, 0, label, va="bottom", ha="left", fontsize=9)
        style_texts([text])
        width = text.get_window_extent(renderer).width * units_per_pixel * 1.05
        sides = [
            ("left", start, start, max(end, start + width)),  # label starts at the event
            ("right", end, min(start, end - width), end),  # label ends at the event's end
        ]
        fitting = [side for side in sides if side[2] >= x0 and side[3] <= x1]
        fallback = sides[1:] if start + width > x1 else sides[:1]  # the old rule
        sides = fitting or fallback
        lane, (align, anchor, left, right) = _first_free(rows, sides, gap)
        if lane == len(rows):
            rows.append([])
        rows[lane].append((left, right))
        if event.is_span:
            color = colors[event.granularity]
            ax.barh(lane, end - start, left=start, height=0.28, color=color, alpha=0.75, zorder=2)
        else:
            ax.plot(start, lane, "o", color=colors[event.granularity], ms=7, zorder=3)
        text.set_horizontalalignment(align)
        text.set_position((anchor, lane + 0.2))
        lanes.append(lane)
    return lanes


def _first_free(rows: list[list[tuple[float, float]]], sides: list[tuple], gap: float):
    """The lowest row, and the first of *sides*, whose interval is clear of the row's.

    A new row gets the label that ends at its event when it fits: events sorted by
    start then find room to its right, so a dense cluster fills two labels per row.
    """
    for lane, taken in enumerate(rows):
        for side in sides:
            _, _, left, right = side
            if all(right + gap < a or b + gap < left for a, b in taken):
                return lane, side
    return len(rows), sides[-1]


def _draw_around_publication(ax: Axes, around: pd.DataFrame, lang: str) -> None:
    """The deictic mentions as grey bars per referenced day, under the events, with a label."""
    renderer = ax.figure.canvas.get_renderer()
    x0, x1 = ax.get_xlim()
    units_per_pixel = (x1 - x0) / ax.get_window_extent(renderer).width
    per_day = around["start"].dt.normalize().value_counts().sort_index()
    days = mdates.date2num(per_day.index)
    heights = per_day.to_numpy() / per_day.max() * _BAND_HEIGHT
    width = max(1.0, 3 * units_per_pixel)
    ax.bar(days + 0.5, heights, width=width, bottom=_BAND_BOTTOM, color="#9a9a9a", zorder=2)
    counts = around["text"].value_counts()
    examples = "، ".join(f"{t} ×{n}" for t, n in counts.head(3).items())
    if len(counts) > 3:
        examples += "…"
    # the examples on their own line: an Arabic list inside English text reads badly
    label = text("around_publication", lang, n=len(around)) + "\n" + examples
    shaped = "\n".join(mpl_label(line, len(line)) for line in label.split("\n"))
    note = ax.text(days[0], _BAND_BOTTOM + _BAND_HEIGHT + 0.1, shaped, va="bottom", ha="left",
                   color="#555555", **text_kwargs(8))  # fmt: skip
    if days[0] + note.get_window_extent(renderer).width * units_per_pixel > x1:
        note.set_horizontalalignment("right")
        note.set_x(days[-1] + 1)


def _note(ax: Axes, kind: pd.Series, hidden: pd.DataFrame, lang: str) -> None:
    """Say under the axis what is not drawn (vague, unplaced, less-mentioned periods)."""
    parts = []
    if (kind == "vague").any():
        parts.append(text("vague", lang, n=int((kind == "vague").sum())))
    if (kind == "unplaced").any():
        parts.append(text("unplaced", lang, n=int((kind == "unplaced").sum())))
    if not hidden.empty:
        parts.append(
            text("less_mentioned", lang, n=len(hidden), mentions=int(hidden["mentions"].sum()))
        )
    if parts:
        sep = "؛ " if lang == "ar" else "; "
        note = text("not_drawn", lang, parts=sep.join(parts))
        ax.set_xlabel(mpl_label(note, len(note)), color="#555555", **text_kwargs("small"))


def _legend(ax: Axes, events: pd.DataFrame, colors: dict[str, str], lang: str) -> None:
    rank = {g: i for i, g in enumerate(colors)}
    kinds = sorted(
        set(zip(events["granularity"], events["is_span"], strict=True)),
        key=lambda kind: (rank[kind[0]], kind[1]),
    )
    handles, names = [], []
    for granularity, is_span in kinds:
        color = colors[granularity]
        if is_span:
            handles.append(Patch(color=color, alpha=0.75))
        else:
            handles.append(Line2D([], [], ls="", marker="o", color=color))
        names.append(mpl_label(text(granularity, lang)))
    legend = ax.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        prop=arabic_font("small"),
    )
    style_texts(legend.get_texts())
