"""Arabic temporal expressions: recognition, resolution and timelines.

>>> from toolkit.dates import extract_dates
>>> extract_dates("وقعت المذكرة في 24 نونبر 2021")["value"].tolist()
['2021-11-24']
"""

from toolkit.dates.extract import DATE_COLUMNS, extract_dates
from toolkit.dates.timelines import mentions_per_period, referenced_time, timeline

__all__ = ["DATE_COLUMNS", "extract_dates", "mentions_per_period", "referenced_time", "timeline"]
