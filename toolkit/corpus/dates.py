"""Parse publication dates found in corpus metadata.

ISO 8601 first, then common day-first numeric formats (24/11/2021,
24-11-2021 10:30), then Arabic-written dates through :mod:`toolkit.dates`.
Time zones are converted to UTC and dropped. The column is ``datetime64[s]``
(the unit :func:`toolkit.extract_dates` uses too), so any year from
:data:`MIN_YEAR` to 9999 is held exactly, 1500-01-01 and 2300-01-01 included
(nanoseconds would stop at 1677 and 2262). Years before :data:`MIN_YEAR`
(``0001-01-01``, ``-5``: placeholders, not publication dates) become NaT,
like unparseable values; the loader warns naming the document and keeps the
raw value in ``attrs["load_report"]["unparsed_dates"]``.

>>> parse_dates(pd.Series(["2022-07-11", "24/11/2021", None])).dt.strftime("%Y-%m-%d").tolist()
['2022-07-11', '2021-11-24', nan]
"""

from __future__ import annotations

import pandas as pd

from toolkit.text.normalize import normalize

__all__ = ["MIN_YEAR", "parse_dates"]

#: Earliest year read as a publication date; earlier ones become NaT.
MIN_YEAR = 1000

DAY_FIRST_FORMATS = (
    "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y.%m.%d",
    "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S",
    "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%d/%m/%y",
)  # fmt: skip


def _is_missing(value: object) -> bool:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return True
    return str(value).strip() == ""


def _parse_one(raw: str) -> pd.Timestamp:
    text = normalize(raw)
    for fmt in DAY_FIRST_FORMATS:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        if not pd.isna(parsed):
            return parsed
    return _parse_arabic(raw)


def _parse_arabic(text: str) -> pd.Timestamp:
    """Read an Arabic-written date (24 نونبر 2021) with the dates capability, if present."""
    try:
        from toolkit.dates import extract_dates
    except ImportError:
        return pd.NaT
    found = extract_dates(text)
    absolute = found[(found["type"] == "DATE") & found["start_date"].notna()]
    return pd.NaT if absolute.empty else pd.Timestamp(absolute["start_date"].iloc[0])


def _to_naive_utc(parsed: pd.Series) -> pd.Series:
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed.astype("datetime64[s]")


def parse_dates(values: pd.Series) -> pd.Series:
    """Parse a column of date strings to ``datetime64``; unparseable values become NaT.

    The caller reports which non-empty values became NaT.
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        return _plausible(_to_naive_utc(values))
    raw = values.map(lambda v: None if _is_missing(v) else str(v).strip())
    text = raw.map(lambda v: None if _is_missing(v) else normalize(v))
    parsed = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
    parsed = _to_naive_utc(parsed)
    retry = parsed.isna() & text.notna()
    if retry.any():
        parsed.loc[retry] = [_parse_one(value) for value in raw[retry]]
    return _plausible(parsed.astype("datetime64[s]"))


def _plausible(parsed: pd.Series) -> pd.Series:
    """NaT for years before :data:`MIN_YEAR`."""
    return parsed.mask(parsed.dt.year < MIN_YEAR)
