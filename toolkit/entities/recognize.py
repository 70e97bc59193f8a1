"""Find people, places, organisations and other names in Arabic text.

>>> ents = extract_entities("زار وزير الدفاع الإسرائيلي بيني غانتس الرباط.")
>>> ents[["text", "label", "canonical"]].values.tolist()
[['بيني غانتس', 'PERS', 'بيني غانتس'], ['الرباط', 'LOC', 'الرباط']]
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path

import pandas as pd

from toolkit.checks import check_n_jobs, check_positive_int, check_text_input
from toolkit.dedupe import fold_duplicates
from toolkit.entities.canonical import canonical_names, link_surnames, nisba_table
from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.model import MODEL_PATH, bio_spans
from toolkit.entities.neural import COMBINED_WEIGHT, NeuralTagger, combined_tags
from toolkit.entities.rules import apply_gazetteer_rules, document_rules, places_inside
from toolkit.parallel import is_dask_collection, map_chunks, map_partitions
from toolkit.text.forms import clitic_variants, key
from toolkit.text.tokenize import Token, iter_tokens, sentence_spans

__all__ = ["ENTITY_COLUMNS", "LABELS", "extract_entities"]

ENTITY_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "label", "canonical"]
LABELS = ("PERS", "LOC", "ORG", "MISC")
_TOKEN_INPUT = {"doc_id", "sent_id", "start", "end", "token"}
_CHUNKSIZE = 200
#: The taggers ``extract_entities(model=...)`` names; a path is a crfsuite model file.
MODELS = ("combined", "crf", "neural")

Row = tuple[str, int, int, int, str, str, str]


def _sentences(text: str) -> Iterator[tuple[int, list[Token]]]:
    """(sent_id, tokens) in the order and numbering of :func:`toolkit.tokenize`."""
    tokens = list(iter_tokens(text))
    spans = sentence_spans(text, tokens)
    position = 0
    for sent_id, (_, end) in enumerate(spans):
        first = position
        while position < len(tokens) and tokens[position].start < end:
            position += 1
        yield sent_id, tokens[first:position]


def _nisba_rows(doc_id, sent_id, tokens: list[Token], taken: set[int]) -> list[Row]:
    table = nisba_table()
    rows = []
    for i, tok in enumerate(tokens):
        if i in taken or tok.kind != "arabic":
            continue
        for variant in clitic_variants(key(tok.token)):
            if variant in table:
                rows.append((doc_id, sent_id, tok.start, tok.end, tok.token, "LOC", table[variant]))
                break
    return rows


Document = tuple[str, list[tuple[int, list[Token]]], str | None]


def _tag_sentences(words: list[list[str]], model: str | Path) -> list[list[str]]:
    """BIO tags of sentences by one of :data:`MODELS` or a crfsuite model file."""
    if model == "crf" or isinstance(model, Path):
        return CrfDecoder.from_model(MODEL_PATH if model == "crf" else model).tag(words)
    if model == "neural":
        return NeuralTagger.from_file().tag(words)
    crf, tagger = CrfDecoder.from_model(), NeuralTagger.from_file()
    return combined_tags(words, crf, tagger, weight=COMBINED_WEIGHT)


def _tag_documents(
    docs: list[Document], model: str | Path, nisba: bool, nested: bool
) -> tuple[list[Row], list[Row]]:
    """Rows of the entities in ``(doc_id, [(sent_id, tokens)], text or None)`` documents.

    All sentences are tagged together (:func:`_tag_sentences`).
    Without the document text (a tokens table) an entity's text is rebuilt from its
    tokens, gaps as spaces.
    """
    sentences = [(doc_id, sent_id, tokens, text) for doc_id, sents, text in docs
                 for sent_id, tokens in sents if tokens]  # fmt: skip
    words = [[t.token for t in tokens] for _, _, tokens, _ in sentences]
    tags = [
        apply_gazetteer_rules(sentence, crf_tags)
        for sentence, crf_tags in zip(words, _tag_sentences(words, model), strict=True)
    ]
    tags = _consistent_within_documents(sentences, words, tags)
    rows: list[Row] = []
    nisbas: list[Row] = []
    for (doc_id, sent_id, tokens, doc_text), sentence_words, sentence_tags in zip(
        sentences, words, tags, strict=True
    ):
        taken: set[int] = set()
        for first, last, label in bio_spans(sentence_tags):
            start, end = tokens[first].start, tokens[last - 1].end
            if doc_text is not None:
                text = doc_text[start:end]
            else:
                parts = [tokens[first].token]
                for prev, tok in pairwise(tokens[first:last]):
                    parts.append(" " * (tok.start - prev.end) + tok.token)
                text = "".join(parts)
            rows.append((doc_id, sent_id, start, end, text, label, ""))
            taken.update(range(first, last))
            if nested and label == "ORG":
                for inner_first, inner_last in places_inside(sentence_words[first:last]):
                    a, b = tokens[first + inner_first].start, tokens[first + inner_last - 1].end
                    inner = doc_text[a:b] if doc_text is not None else text[a - start : b - start]
                    rows.append((doc_id, sent_id, a, b, inner, "LOC", ""))
        if nisba:
            nisbas.extend(_nisba_rows(doc_id, sent_id, tokens, taken))
    return rows, nisbas


def _consistent_within_documents(sentences, words, tags) -> list[list[str]]:
    """:func:`~toolkit.entities.rules.document_rules` on each document's run of sentences."""
    consistent: list[list[str]] = []
    begin = 0
    while begin < len(sentences):
        end = begin
        while end < len(sentences) and sentences[end][0] == sentences[begin][0]:
            end += 1
        consistent += document_rules(words[begin:end], tags[begin:end])
        begin = end
    return consistent


def _recognise_corpus(corpus: pd.DataFrame, *, model: str | Path, nisba: bool, nested: bool):
    """Map step: raw rows (canonical still empty) for one corpus chunk."""
    _check_corpus(corpus)
    docs = [(str(doc_id), list(_sentences(text)), text)
            for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True)]  # fmt: skip
    return _tag_documents(docs, model, nisba, nested)


def _recognise_tokens(tokens: pd.DataFrame, *, model: str | Path, nisba: bool, nested: bool):
    docs = []
    for doc_id, unordered in tokens.groupby("doc_id", sort=False):
        doc = unordered.sort_values("start", kind="stable")
        sentences = [
            (int(sent_id), [Token(int(s), int(e), str(t), _kind(str(t))) for s, e, t in
                            zip(group["start"], group["end"], group["token"], strict=True)])
            for sent_id, group in doc.groupby("sent_id", sort=True)
        ]  # fmt: skip
        docs.append((str(doc_id), sentences, None))
    return _tag_documents(docs, model, nisba, nested)


def _kind(token: str) -> str:
    first = next(iter_tokens(token), None)
    return first.kind if first is not None else "symbol"


def _check_corpus(corpus: pd.DataFrame) -> None:
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(
            f"corpus is missing column(s) {sorted(missing)}; extract_entities() takes a corpus "
            "(doc_id, text) or a tokens table (doc_id, sent_id, start, end, token)"
        )
    bad = corpus.loc[~corpus["text"].map(lambda t: isinstance(t, str)), "doc_id"]
    if len(bad):
        raise ValueError(f"text must be a string; not so for doc_id {bad.astype(str).tolist()[:5]}")


def _chunks(corpus: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    for begin in range(0, len(corpus), size):
        yield corpus.iloc[begin : begin + size]


def _to_frame(rows: list[Row], nisbas: list[Row], nisba: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    frame["canonical"] = canonical_names(frame["text"].tolist())
    frame["canonical"] = link_surnames(frame)
    if nisba:
        frame["mention"] = "name"
        linked = pd.DataFrame(nisbas, columns=ENTITY_COLUMNS).assign(mention="nisba")
        frame = pd.concat([frame, linked], ignore_index=True)
        doc_order = {doc: i for i, doc in enumerate(dict.fromkeys(frame["doc_id"]))}
        frame = frame.assign(_doc=frame["doc_id"].map(doc_order))
        frame = frame.sort_values(["_doc", "start"], kind="stable", ignore_index=True)
        frame = frame.drop(columns="_doc")
    return frame.astype({"doc_id": str, "sent_id": int, "start": int, "end": int})


def extract_entities(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    doc_id: str = "doc0",
    nisba: bool = False,
    nested: bool = True,
    n_jobs: int | None = 1,
    chunksize: int = _CHUNKSIZE,
    progress: bool | None = None,
    model: str | Path = "combined",
    dedupe: bool | pd.DataFrame = False,
) -> pd.DataFrame:
    """Find PERS, LOC, ORG and MISC names with taggers trained on ANERcorp.

    ``data`` is a string (its ``doc_id`` is ``doc_id``), a corpus DataFrame
    (``doc_id``, ``text``), a tokens DataFrame from :func:`toolkit.tokenize`
    (``doc_id, sent_id, start, end, token``; entity ``text`` is rebuilt from
    the tokens, gaps as spaces) or an iterable of corpus chunks such as
    :func:`toolkit.iter_corpus` yields, or a Dask DataFrame with the corpus
    columns (each partition is a chunk). Corpora are processed in chunks of
    ``chunksize`` documents on ``n_jobs`` processes; the result does not
    depend on ``n_jobs`` or on how the corpus was chunked.

    Returns one row per mention: ``doc_id, sent_id, start, end, text, label,
    canonical`` where ``text == doc_text[start:end]`` and ``canonical`` is
    the merged name (clitics, spelling variants, aliases, and one-word
    person mentions linked to the full name given in the same document; see
    :mod:`toolkit.entities.canonical`). With ``nisba=True`` nisba adjectives
    outside names (``المغربية``, ``الإسرائيلي``) are added as ``LOC`` rows
    whose canonical is the country, and a column ``mention`` tells
    ``"name"`` from ``"nisba"`` rows. With ``nested=True`` (the default) a known
    place named inside an organisation's name is listed too: ``لجنة القدس`` gives
    the ORG and, inside its span, the LOC ``القدس``. ``dedupe`` folds
    near-duplicate documents first, as in :func:`toolkit.term_frequencies`.

    ``model="combined"`` (the default) adds a neural tagger's scores to the
    CRF's (:mod:`toolkit.entities.neural`); ``"crf"`` is the CRF alone, about
    twice as fast; ``"neural"`` the neural tagger alone; a path names another
    crfsuite model file, used as ``"crf"``. The rules of
    :mod:`toolkit.entities.rules` run after each.

    >>> extract_entities("وصل كوخافي إلى الرباط")["canonical"].tolist()
    ['كوخافي', 'الرباط']
    """
    check_n_jobs(n_jobs)
    check_positive_int(chunksize, "chunksize")
    data = check_text_input(data, func="extract_entities")
    if not (isinstance(model, str) and model in MODELS):
        model = Path(model)  # a crfsuite model file
    data = fold_duplicates(data, dedupe, n_jobs=n_jobs, progress=progress)
    recognise = functools.partial(_recognise_corpus, model=model, nisba=nisba, nested=nested)
    if isinstance(data, str):
        rows, nisbas = recognise(pd.DataFrame({"doc_id": [doc_id], "text": [data]}))
    elif isinstance(data, pd.DataFrame) and set(data.columns) >= _TOKEN_INPUT:
        rows, nisbas = _recognise_tokens(data, model=model, nisba=nisba, nested=nested)
    elif isinstance(data, pd.DataFrame):
        _check_corpus(data)
        rows, nisbas = _combine(map_chunks(recognise, _chunks(data, chunksize), n_jobs=n_jobs,
                                           progress=progress, desc="entities"))  # fmt: skip
    elif is_dask_collection(data):  # one task per partition on the active Dask scheduler
        rows, nisbas = _combine(map_partitions(recognise, data))
    elif isinstance(data, Iterable):
        rows, nisbas = _combine(map_chunks(recognise, data, n_jobs=n_jobs,
                                           progress=progress, desc="entities"))  # fmt: skip
    else:
        raise TypeError(
            "extract_entities() expects a string, a corpus or tokens DataFrame, or an iterable "
            f"of corpus chunks; got {type(data).__name__}"
        )
    return _to_frame(rows, nisbas, nisba)


def _combine(parts) -> tuple[list[Row], list[Row]]:
    rows: list[Row] = []
    nisbas: list[Row] = []
    for found, linked in parts:
        rows.extend(found)
        nisbas.extend(linked)
    return rows, nisbas
