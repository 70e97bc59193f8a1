"""Timeline of dated events: points for days, spans for weeks, months and years."""

from __future__ import annotations

import warnings

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from toolkit.plot._style import (
    get_ax,
    mpl_label,
    require_columns,
    set_title,
    shorten,
    style_texts,
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


_EARLIEST = pd.Timestamp("0001-01-02").as_unit("s")
_LATEST = pd.Timestamp("9999-12-30").as_unit("s")


def timeline(
    dates: pd.DataFrame,
    *,
    label: str = "text",
    max_label_chars: int = 30,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Draw ``extract_dates``/``timeline`` output on a real time axis.

    Needs columns ``start_date``, ``end_date``, ``granularity`` and *label* (``text``,
    the date expression, by default). Mentions of the same period are merged into one
    event labelled with its most frequent text and ``×n``. Events shorter than two days
    are points, longer ones spans. Labels are stacked in rows so that they never
    overlap. Rows without a resolved ``start_date`` cannot be placed: they are left
    out with a warning that says how many.

    >>> import pandas as pd
    >>> dates = pd.DataFrame({"text": ["24 نونبر 2021"], "start_date": ["2021-11-24"],
    ...                       "end_date": ["2021-11-24"], "granularity": ["day"]})
    >>> [t.get_text() == mpl_label("24 نونبر 2021") for t in timeline(dates).texts]
    [True]
    """
    require_columns(
        dates,
        ["start_date", "end_date", "granularity", label],
        name="dates",
        producer="extract_dates",
    )
    events = _events(dates, label, max_label_chars)
    made_figure = ax is None
    ax = get_ax(ax, (10, 3))
    start, end = events["start"].min(), events["end"].max()
    pad = max((end - start) * 0.06, pd.Timedelta(days=20))
    # matplotlib dates live between the years 1 and 9999: keep the margins inside.
    left = max(start - pad, _EARLIEST) if start >= _EARLIEST else start
    ax.set_xlim(mdates.date2num(left), mdates.date2num(min(end + pad, _LATEST)))
    ax.yaxis.set_visible(False)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#e5e5e5", zorder=0)
    colors = _colors(events["granularity"])
    _legend(ax, events, colors)
    set_title(ax, title)
    ax.figure.draw_without_rendering()  # run the layout engine: final Axes width
    lanes = _draw_events(ax, events, colors)
    if made_figure:
        ax.figure.set_figheight(1.4 + LANE_HEIGHT * (max(lanes) + 1))
    ax.set_ylim(-0.7, max(lanes) + 0.9)
    return ax


def _events(dates: pd.DataFrame, label: str, max_chars: int) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "start": _to_datetime(dates["start_date"], "start_date"),
            "end": _to_datetime(dates["end_date"], "end_date"),
            "granularity": dates["granularity"].astype("string").fillna("unknown"),
            "text": dates[label].astype("string").fillna(""),
        }
    )
    unplaced = table["start"].isna()
    if unplaced.all():
        raise ValueError("no row has a resolved start_date: nothing to plot")
    if unplaced.any():
        warnings.warn(
            f"{int(unplaced.sum())} of {len(table)} date rows have no resolved start_date "
            "and are not drawn",
            stacklevel=3,
        )
    table = table[~unplaced]
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
    """Draw each event in the lowest row where its mark and label fit; return the rows."""
    renderer = ax.figure.canvas.get_renderer()
    x0, x1 = ax.get_xlim()
    units_per_pixel = (x1 - x0) / ax.get_window_extent(renderer).width
    gap = 12 * units_per_pixel
    row_ends: list[float] = []
    lanes = []
    for event in events.itertuples():
        start, end = mdates.date2num(event.start), mdates.date2num(event.end)
        color = colors[event.granularity]
        text = ax.text(
            start, 0, mpl_label(event.label, len(event.label)), va="bottom", ha="left", fontsize=9
        )
        style_texts([text])
        width = text.get_window_extent(renderer).width * units_per_pixel * 1.05
        if start + width > x1:  # would run off the right edge: end the label at the event
            text.set_horizontalalignment("right")
            anchor, left, right = end, end - width, end
        else:
            anchor, left, right = start, start, max(end, start + width)
        lane = next((i for i, r in enumerate(row_ends) if r + gap < left), len(row_ends))
        if lane == len(row_ends):
            row_ends.append(right)
        row_ends[lane] = right
        if event.is_span:
            ax.barh(lane, end - start, left=start, height=0.28, color=color, alpha=0.75, zorder=2)
        else:
            ax.plot(start, lane, "o", color=color, ms=7, zorder=3)
        text.set_position((anchor, lane + 0.2))
        lanes.append(lane)
    return lanes


def _legend(ax: Axes, events: pd.DataFrame, colors: dict[str, str]) -> None:
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
        names.append(mpl_label(granularity))
    legend = ax.legend(
        handles,
        names,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        prop=arabic_font("small"),
    )
    style_texts(legend.get_texts())
