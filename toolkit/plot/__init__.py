"""Arabic-aware plots: data first, keyword-only options, ``ax=None``, return the Axes.

Arabic labels are handed to each renderer the way it needs them (see
:func:`arabic_text`) and drawn with an Arabic font, without changing ``rcParams``.

>>> import pandas as pd
>>> from toolkit import plot
>>> ax = plot.terms(pd.DataFrame({"term": ["المغرب", "الرباط"], "count": [5, 3]}))
>>> plot.arabic_text("المغرب", renderer="svg-text")
'المغرب'
"""

from toolkit.plot.axes import label_axes
from toolkit.plot.dispersion_plot import dispersion
from toolkit.plot.document_map_plot import document_map
from toolkit.plot.fonts import arabic_font, arabic_font_path, use_arabic_font
from toolkit.plot.heatmap_plot import heatmap
from toolkit.plot.keyness_plot import keyness
from toolkit.plot.network_plot import label_overlaps, network
from toolkit.plot.output import save
from toolkit.plot.shaping import ArabicShapingWarning, arabic_text, renderer_shapes
from toolkit.plot.terms_plot import terms
from toolkit.plot.timeline_plot import timeline, timeline_kind
from toolkit.plot.topics_plot import topics
from toolkit.plot.trends_plot import trends
from toolkit.plot.wordcloud_plot import wordcloud, wordcloud_svg

__all__ = [
    "ArabicShapingWarning",
    "arabic_font",
    "arabic_font_path",
    "arabic_text",
    "dispersion",
    "document_map",
    "heatmap",
    "keyness",
    "label_axes",
    "label_overlaps",
    "network",
    "renderer_shapes",
    "save",
    "terms",
    "timeline",
    "timeline_kind",
    "topics",
    "trends",
    "use_arabic_font",
    "wordcloud",
    "wordcloud_svg",
]
