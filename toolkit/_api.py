"""The public API convention in one place, and the bridge that keeps old calls working.

Every public function takes its data first (positional or by keyword) and
everything else by keyword only, with one name and one default per concept
(:data:`CONCEPTS`). A name that changed keeps working for a while through
:func:`legacy`, which maps the old call onto the new signature and warns with a
:class:`FutureWarning` naming the new spelling. ``FutureWarning`` rather than
``DeprecationWarning``: the callers are people in notebooks and scripts, and
Python shows ``FutureWarning`` to them by default, wherever the call comes from.

>>> @legacy(renamed={"freq": "by"}, positional=("query",))
... def count(data, *, query="", by="W"):
...     "Count."
...     return data, query, by
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     count("text", "q", freq="MS")
('text', 'q', 'MS')
>>> for warning in caught:
...     print(warning.category.__name__, warning.message)
FutureWarning count(): passing query by position is deprecated; write query=... instead
FutureWarning count(): freq= is deprecated; use by= instead
"""

from __future__ import annotations

import functools
import inspect
import os
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

__all__ = ["CONCEPTS", "legacy", "user_stacklevel"]

F = TypeVar("F", bound=Callable[..., Any])

#: One name and one default per shared concept (checked by tests/test_api.py).
#: ``top=None`` is each function's documented size: every row for a table,
#: a legible number of bars, lines or words for a chart.
CONCEPTS: dict[str, Any] = {
    "top": None,
    "min_count": 1,
    "n_jobs": 1,
    "chunksize": None,
    "progress": None,
    "dct": None,
}
#: Old keyword names and the concept that replaces them.
RETIRED_NAMES: dict[str, str] = {"freq": "by", "group_by": "by", "top_n": "top"}


def legacy(
    *, renamed: Mapping[str, str] | None = None, positional: Sequence[str] = ()
) -> Callable[[F], F]:
    """Keep old calls of a public function working, with a :class:`FutureWarning`.

    ``renamed`` maps old keyword names to new ones (``{"freq": "by"}``);
    ``positional`` names, in order, the arguments after the data that used to
    be accepted by position and are now keyword-only. The wrapped function
    keeps its new signature (``inspect.signature`` follows ``__wrapped__``).
    """
    renamed = dict(renamed or {})

    def decorate(func: F) -> F:
        name = func.__name__

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if len(args) > 1:
                extra = args[1:]
                if len(extra) > len(positional):
                    raise TypeError(
                        f"{name}() takes 1 positional argument (the data) but {len(args)} "
                        "were given; pass the others by keyword"
                    )
                names = positional[: len(extra)]
                for key, value in zip(names, extra, strict=True):
                    if key in kwargs:
                        raise TypeError(f"{name}() got multiple values for argument {key!r}")
                    kwargs[key] = value
                _warn(
                    f"{name}(): passing {', '.join(names)} by position is deprecated; "
                    f"write {', '.join(f'{key}=...' for key in names)} instead"
                )
                args = args[:1]
            for old, new in renamed.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{name}() got both {old}= (deprecated) and {new}=")
                    kwargs[new] = kwargs.pop(old)
                    _warn(f"{name}(): {old}= is deprecated; use {new}= instead")
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _warn(message: str) -> None:
    warnings.warn(message, FutureWarning, stacklevel=user_stacklevel())


_PACKAGE = os.path.dirname(__file__)


def user_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning point at the first caller outside toolkit.

    As pandas' ``find_stack_level``: however many toolkit frames (public
    function, :func:`legacy` wrapper, checks) lie between the user's call and
    ``warnings.warn``, the warning names the user's line.
    """
    frame = inspect.currentframe()
    level = 0
    try:
        while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
            frame = frame.f_back
            level += 1
    finally:
        del frame
    return level
