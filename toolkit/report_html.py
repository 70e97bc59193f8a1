"""Make an exported notebook HTML safe to open and right for Arabic.

nbconvert writes ``<html lang="en">`` and sets no text direction, so Arabic
paragraphs and table cells are laid out left to right. It also passes HTML
outputs and markdown through as they are, while a report shows untrusted
document text. :func:`finish_report_html` fixes both, after export:

* **safety** (defence in depth; the notebooks themselves only display corpus
  text through escaped outputs): script-like elements, ``on*`` event
  attributes, ``javascript:`` URLs, SVG animations that set them, CSS
  ``@import`` and non-``data:`` ``url(...)`` are removed, images must be embedded
  ``data:`` images, and a Content-Security-Policy forbids scripts and any
  network fetch;
* **direction**: every text block of a markdown cell or output (paragraph,
  heading, list, table cell) whose letters are mostly Arabic gets
  ``dir="rtl" lang="ar"``, and so does an all-Arabic plain-text output
  (mixed ones are laid out line by line, CSS ``unicode-bidi: plaintext``);
  code cells are pinned ``dir="ltr"``.

>>> html = '<div class="jp-RenderedMarkdown"><p>زار كوخافي الرباط</p></div>'
>>> 'dir="rtl"' in finish_report_html(html)
True
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "clean_css",
    "finish_report_html",
    "sanitize",
    "set_directions",
]

#: No scripts, no network: only inline styles and embedded (data:) images and fonts.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")

#: Elements that can never be part of a safe, offline report.
_FORBIDDEN_ELEMENTS = (
    "script", "iframe", "frame", "frameset", "object", "embed", "applet",
    "base", "link", "form", "portal", "noscript",
)  # fmt: skip
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "srcset", "poster",
     "background", "data", "ping", "cite", "longdesc", "srcdoc"}
)  # fmt: skip
_DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data|livescript):", re.IGNORECASE)
_EMBEDDED_IMAGE = re.compile(r"^data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,", re.IGNORECASE)
#: SVG animation elements: they can set an ``href`` to a script URL after load.
_ANIMATIONS = frozenset({"animate", "set", "animatemotion", "animatetransform", "discard"})
_ANIMATION_VALUES = ("values", "to", "from", "by")
_CSS_IMPORT = re.compile(r"@import\b[^;]*;?", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)
_INVISIBLE = re.compile(r"[\x00-\x20\u00a0\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]+")

#: Containers whose text blocks get a direction: rendered markdown and outputs.
_TEXT_CONTAINERS = ".jp-RenderedMarkdown, .jp-MarkdownOutput, .jp-OutputArea-output"
_TEXT_BLOCKS = (
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl",
    "pre", "td", "th", "caption", "figcaption", "summary",
)  # fmt: skip


def text_direction(text: str) -> str | None:
    """``"rtl"`` if most letters of ``text`` are Arabic-script, ``"ltr"`` if Latin, else None.

    >>> [text_direction(s) for s in ("المغرب 2022", "a visit to Rabat (الرباط)", "42")]
    ['rtl', 'ltr', None]
    """
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if arabic == 0 and latin == 0:
        return None
    return "rtl" if arabic >= latin else "ltr"


def _is_allowed_url(tag: Tag, attribute: str, value: str) -> bool:
    compact = _INVISIBLE.sub("", value)
    if tag.name == "img" and attribute == "src":
        return bool(_EMBEDDED_IMAGE.match(compact))
    if attribute in {"srcdoc", "data", "srcset", "ping"}:
        return False
    return not _DANGEROUS_SCHEME.match(compact)


def _is_animation(tag: Tag) -> bool:
    return tag.name.lower() in _ANIMATIONS


def _is_script_animation(tag: Tag) -> bool:
    """An SVG ``<animate>``/``<set>`` ... that targets a URL attribute or sets a script URL."""
    target = str(tag.get("attributename", tag.get("attributeName", ""))).lower()
    if target in _URL_ATTRIBUTES:
        return True
    for name in _ANIMATION_VALUES:
        value = _INVISIBLE.sub("", str(tag.get(name, "")))
        if any(_DANGEROUS_SCHEME.match(part) for part in value.split(";")):
            return True
    return False


def _unescape_css(css: str) -> str:
    r"""CSS with its escapes decoded (``@\69mport`` -> ``@import``), for inspection only."""

    def char(match: re.Match[str]) -> str:
        if match[1] is None:
            return match[2]
        code = int(match[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"

    return _CSS_ESCAPE.sub(char, css)


def clean_css(css: str) -> str:
    """``css`` without ``@import`` rules and without ``url(...)`` other than ``data:``.

    A stylesheet that still fetches something once its escapes are decoded
    is dropped whole.

    >>> clean_css("@import url(https://x.org/a.css); p { background: url(https://x.org/t.png) }")
    ' p { background: none }'
    """

    def keep_data(match: re.Match[str]) -> str:
        return match[0] if _INVISIBLE.sub("", match[2]).lower().startswith("data:") else "none"

    cleaned = _CSS_URL.sub(keep_data, _CSS_IMPORT.sub("", css))
    plain = _unescape_css(cleaned)
    fetching = _CSS_IMPORT.search(plain) or any(
        not _INVISIBLE.sub("", m[2]).lower().startswith("data:") for m in _CSS_URL.finditer(plain)
    )
    return "" if fetching else cleaned


def sanitize(soup: BeautifulSoup) -> int:
    """Remove everything executable or fetching from ``soup`` in place; return how much.

    Scripts and embedding elements go, and so do SVG animations that set a URL
    attribute or a script URL; ``on*`` attributes and script URLs are
    dropped; ``<style>`` blocks and ``style`` attributes lose ``@import`` and
    non-``data:`` ``url(...)``; an ``<img>`` that is not an embedded ``data:``
    image is replaced by a visible note (a report must not fetch anything).
    """
    removed = 0
    refresh_or_policy = soup.find_all("meta", attrs={"http-equiv": True})
    animations = [tag for tag in soup.find_all(_is_animation) if _is_script_animation(tag)]
    forbidden = [*soup.find_all(_FORBIDDEN_ELEMENTS), *refresh_or_policy, *animations]
    for element in forbidden:
        element.decompose()
        removed += 1
    for style in soup.find_all("style"):
        css = style.string or style.get_text()
        cleaned = clean_css(css)
        if cleaned != css:
            style.string = cleaned
            removed += 1
    for tag in soup.find_all(True):
        if "style" in tag.attrs:
            cleaned = clean_css(str(tag["style"]))
            if cleaned != tag["style"]:
                tag["style"] = cleaned
                removed += 1
        for attribute in list(tag.attrs):
            name = attribute.lower()
            value = tag.attrs[attribute]
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.startswith("on") or (
                name in _URL_ATTRIBUTES and not _is_allowed_url(tag, name, text)
            ):
                del tag.attrs[attribute]
                removed += 1
        if tag.name == "img" and not tag.get("src"):
            note = soup.new_tag("span", attrs={"class": "toolkit-omitted"})
            note.string = "[image omitted: not embedded in the report]"
            tag.replace_with(note)
        elif tag.name == "a" and tag.get("href"):
            tag["rel"] = "noopener noreferrer"
    return removed


def _has_direction(block: Tag, container: Tag) -> bool:
    """Whether ``block`` or an ancestor up to ``container`` already sets ``dir``."""
    for tag in (block, *block.parents):
        if tag.has_attr("dir"):
            return True
        if tag is container:
            return False
    return False


def set_directions(soup: BeautifulSoup, *, document_language: str = "en") -> int:
    """Mark Arabic text blocks ``dir="rtl" lang="ar"`` and code ``dir="ltr"``; return the count.

    Blocks whose direction was set by the notebook's author (``dir`` on the
    block or an ancestor) are left alone.
    """
    marked = 0
    for container in soup.select(_TEXT_CONTAINERS):
        for block in container.find_all(_TEXT_BLOCKS):
            if _has_direction(block, container):
                continue
            text = block.get_text(" ")
            if block.name == "pre" and _LATIN_LETTER.search(text):
                continue  # mixed plain text: each line takes its own direction (CSS plaintext)
            if text_direction(text) == "rtl":
                block["dir"] = "rtl"
                block["lang"] = "ar"
                marked += 1
    code_areas = ".jp-CodeCell .jp-InputArea, .jp-OutputArea-output[data-mime-type$='stderr']"
    for code in soup.select(code_areas):
        code["dir"] = "ltr"
    if soup.html is not None:
        soup.html["lang"] = document_language
        soup.html["dir"] = "rtl" if document_language == "ar" else "ltr"
    _keep_short_cells_whole(soup)
    return marked


def _keep_short_cells_whole(soup: BeautifulSoup, max_chars: int = 40) -> None:
    """Table cells without spaces (document ids, dates, numbers) never wrap mid-word."""
    for cell in soup.select(".jp-OutputArea-output td, .jp-OutputArea-output th"):
        content = cell.get_text()
        if content and len(content) <= max_chars and not any(c.isspace() for c in content):
            cell["class"] = [*cell.get("class", []), "toolkit-nowrap"]


def finish_report_html(html: str, *, document_language: str = "en") -> str:
    """Sanitise exported notebook HTML, add the CSP, and set Arabic text direction.

    >>> out = finish_report_html('<p onclick="x()">نص</p><script>alert(1)</script>')
    >>> "script" in out, "onclick" in out
    (False, False)
    """
    soup = BeautifulSoup(html, "html.parser")
    sanitize(soup)
    set_directions(soup, document_language=document_language)
    if soup.head is not None:
        csp = {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY}
        policy = soup.new_tag("meta", attrs=csp)
        charset = soup.head.find("meta", charset=True)
        if charset is None:
            soup.head.insert(0, policy)
        else:
            charset.insert_after(policy)
    return str(soup)
