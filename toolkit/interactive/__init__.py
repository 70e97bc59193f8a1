"""Work interactively in a notebook: read a marked-up document, search a corpus, browse a network.

:func:`show` renders one document with its names and dates marked (static
HTML, also in reports); :func:`explore` is a live search panel and
:func:`network_widget` a live co-occurrence network, both for a running kernel.

>>> view = show("زار كوخافي الرباط", entities=False, dates=False)
>>> view.html.startswith('<div class="tk-show" dir="rtl" lang="ar"')
True
"""

from toolkit.interactive.explorer import Explorer
from toolkit.interactive.network import LinkingSentences, NetworkPanel, network_widget
from toolkit.interactive.panel import ExplorePanel, explore
from toolkit.interactive.show import DocumentView, show

__all__ = [
    "DocumentView", "ExplorePanel", "Explorer", "LinkingSentences", "NetworkPanel", "explore",
    "network_widget", "show",
]  # fmt: skip
