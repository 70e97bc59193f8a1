"""What a live widget shows where no kernel runs: a static note in exported HTML."""

from __future__ import annotations

from typing import Any


class StaticInReports:
    """Mixin for a panel wrapping an ipywidgets ``widget``: its output bundle also carries
    ``STATIC_NOTE`` as ``text/html``, which an exported report shows instead of a broken widget.
    """

    widget: Any
    STATIC_NOTE: str = ""

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = self.STATIC_NOTE
        return bundle

    def _repr_html_(self) -> str:
        return self.STATIC_NOTE
