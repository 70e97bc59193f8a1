"""Find people, places, organisations and other names in Arabic text.

>>> ents = extract_entities("زار وزير الدفاع الإسرائيلي بيني غانتس الرباط.")
>>> ents[["text", "label", "canonical"]].values.tolist()
[['بيني غانتس', 'PERS', 'بيني غانتس'], ['الرباط', 'LOC', 'الرباط']]
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from toolkit._docstrings import fill_doc
from toolkit.checks import check_n_jobs
from toolkit.dedupe import fold_duplicates
from toolkit.entities.canonical import canonical_names, link_surnames, nisba_table
from toolkit.entities.decoding import CrfDecoder
from toolkit.entities.model import MODEL_PATH, bio_spans
from toolkit.entities.neural import COMBINED_BIAS, COMBINED_WEIGHTS, NeuralTagger, combined_tags
from toolkit.entities.rules import (
    apply_gazetteer_rules,
    corpus_labels,
    document_rules,
    places_inside,
)
from toolkit.inputs import corpus_input
from toolkit.parallel import map_partitions, resolve_chunksize, split_frame
from toolkit.text.forms import clitic_variants, key
from toolkit.text.tokenize import Token, iter_tokens, sentence_spans

__all__ = ["ENTITY_COLUMNS", "LABELS", "extract_entities"]

ENTITY_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "label", "canonical"]
_COLUMN_TYPES = {"doc_id": str, "sent_id": int, "start": int, "end": int, "text": str,
                 "label": str, "canonical": str}  # fmt: skip
LABELS = ("PERS", "LOC", "ORG", "MISC")
#: The taggers ``extract_entities(model=...)`` names; a path is a crfsuite model file.
MODELS = ("combined", "crf", "neural")
#: The tagger ``extract_entities`` uses unless told otherwise.
DEFAULT_MODEL = "combined"
#: Documents tokenised and tagged together inside a chunk: enough for the taggers' batched
#: matrix products, few enough that their tokens stay small (200 news articles: about
#: 130,000 tokens, tens of megabytes).
TAG_BATCH = 200

Row = tuple[str, int, int, int, str, str, str]


def _sentences(text: str) -> Iterator[tuple[int, list[Token]]]:
    """(sent_id, tokens) in the order and numbering of :func:`toolkit.tokenize`."""
    tokens = list(iter_tokens(text))
    spans = sentence_spans(text, tokens=tokens)
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


Document = tuple[str, list[tuple[int, list[Token]]], str]


@functools.lru_cache(maxsize=1)
def _taggers(model: str | Path, call: str) -> tuple[CrfDecoder | None, NeuralTagger | None]:
    """The CRF decoder and neural tagger of one :func:`extract_entities` call in this process.

    Their memos of word scores serve every chunk of that call that this
    process tags, and no other call: ``call`` is a fresh token per call, and
    only the latest pair is kept.
    """
    crf = (
        None
        if model == "neural"
        else CrfDecoder.from_model(model if isinstance(model, Path) else MODEL_PATH)
    )
    neural = NeuralTagger.from_file() if model in ("neural", "combined") else None
    return crf, neural


def _tag_sentences(words: list[list[str]], model: str | Path, call: str) -> list[list[str]]:
    """BIO tags of sentences by one of :data:`MODELS` or a crfsuite model file."""
    crf, neural = _taggers(model, call)
    if neural is None:
        return crf.tag(words)
    if crf is None:
        return neural.tag(words)
    return combined_tags(words, crf, neural, weight=COMBINED_WEIGHTS, bias=COMBINED_BIAS)


def _tag_documents(
    docs: list[Document], model: str | Path, nisba: bool, nested: bool, call: str
) -> tuple[list[Row], list[Row]]:
    """Rows of the entities in ``(doc_id, [(sent_id, tokens)], text)`` documents.

    All sentences are tagged together (:func:`_tag_sentences`).
    """
    sentences = [(doc_id, sent_id, tokens, text) for doc_id, sents, text in docs
                 for sent_id, tokens in sents if tokens]  # fmt: skip
    words = [[t.token for t in tokens] for _, _, tokens, _ in sentences]
    tags = [
        apply_gazetteer_rules(sentence, crf_tags)
        for sentence, crf_tags in zip(words, _tag_sentences(words, model, call), strict=True)
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
            text = doc_text[start:end]
            rows.append((doc_id, sent_id, start, end, text, label, ""))
            taken.update(range(first, last))
            if nested and label == "ORG":
                for inner_first, inner_last in places_inside(sentence_words[first:last]):
                    a, b = tokens[first + inner_first].start, tokens[first + inner_last - 1].end
                    rows.append((doc_id, sent_id, a, b, doc_text[a:b], "LOC", ""))
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


def _recognise_corpus(corpus: pd.DataFrame, *, model: str | Path, nisba: bool, nested: bool,
                      call: str) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """Map step: the mentions (canonical still empty) and nisba rows of one checked corpus
    chunk, as tables (columnar: a fraction of the memory of row tuples, kept until the
    end of :func:`extract_entities`), tagged :data:`TAG_BATCH` documents at a time (the
    tokens of a whole chunk would hold hundreds of megabytes)."""
    rows: list[Row] = []
    nisbas: list[Row] = []
    for part in split_frame(corpus[["doc_id", "text"]], TAG_BATCH):
        docs = [(doc_id, list(_sentences(text)), text)
                for doc_id, text in zip(part["doc_id"], part["text"], strict=True)]  # fmt: skip
        found, linked = _tag_documents(docs, model, nisba, nested, call)
        rows += found
        nisbas += linked
    return _rows_frame(rows), _rows_frame(nisbas)


def _rows_frame(rows: list[Row]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS).astype(_COLUMN_TYPES)


def _to_frame(mentions: pd.DataFrame, nisbas: pd.DataFrame, nisba: bool) -> pd.DataFrame:
    """The public table from the mentions and nisba rows of every chunk: canonical names,
    surnames linked and labels voted over the whole input."""
    frame = mentions.reset_index(drop=True)
    frame["canonical"] = canonical_names(frame["text"].tolist())
    frame["canonical"] = link_surnames(frame)
    frame["label"] = corpus_labels(frame["canonical"].tolist(), frame["label"].tolist())
    if nisba:
        frame["mention"] = "name"
        frame = pd.concat([frame, nisbas.assign(mention="nisba")], ignore_index=True)
        doc_order = {doc: i for i, doc in enumerate(dict.fromkeys(frame["doc_id"]))}
        frame = frame.assign(_doc=frame["doc_id"].map(doc_order))
        frame = frame.sort_values(["_doc", "start"], kind="stable", ignore_index=True)
        frame = frame.drop(columns="_doc")
    return frame.astype(_COLUMN_TYPES)


@fill_doc
def extract_entities(
    data: str | pd.DataFrame | Iterable[pd.DataFrame],
    *,
    doc_id: str = "doc0",
    nisba: bool = False,
    nested: bool = True,
    n_jobs: int | None = 1,
    chunksize: int | None = None,
    progress: bool | None = None,
    model: str | Path = DEFAULT_MODEL,
    dedupe: bool | pd.DataFrame = False,
) -> pd.DataFrame:
    """Find PERS, LOC, ORG and MISC names with taggers trained on ANERcorp.

    Corpora are processed in chunks on ``n_jobs`` processes; the result does
    not depend on ``n_jobs`` or on how the corpus was chunked.

    Parameters
    ----------
    data : str, DataFrame, iterable of DataFrames or Dask DataFrame
        A string (its ``doc_id`` is ``doc_id``), a corpus DataFrame
        (``doc_id``, ``text``), a tokens DataFrame from :func:`toolkit.tokenize`
        (``doc_id, sent_id, start, end, token``; entity ``text`` is rebuilt
        from the tokens, gaps as spaces), an iterable of corpus chunks such as
        :func:`toolkit.iter_corpus` yields, or a Dask DataFrame (each
        partition is a chunk).
    doc_id : str, default "doc0"
        The ``doc_id`` of a string.
    nisba : bool, default False
        Add nisba adjectives outside names (``المغربية``, ``الإسرائيلي``) as
        ``LOC`` rows whose canonical is the country, and a column ``mention``
        telling ``"name"`` from ``"nisba"`` rows.
    nested : bool, default True
        List a known place named inside an organisation's name too: ``لجنة
        القدس`` gives the ORG and, inside its span, the LOC ``القدس``.
    {n_jobs}
    {chunksize}
    {progress}
    model : {"combined", "crf", "neural"} or path, default "combined"
        The tagger: ``"combined"`` adds the neural tagger's scores to the
        CRF's (:mod:`toolkit.entities.neural`; +3.2 micro F1 over the CRF in
        5-fold CV); ``"crf"`` the CRF alone, about 1.5 times as fast;
        ``"neural"`` the neural tagger alone; a path names another crfsuite
        model file, used as ``"crf"``. The rules of
        :mod:`toolkit.entities.rules` run after each.
    {dedupe}

    Returns
    -------
    DataFrame
        One row per mention: ``doc_id, sent_id, start, end, text, label,
        canonical`` where ``text == doc_text[start:end]`` and ``canonical`` is
        the merged name (clitics, spelling variants, aliases, and one-word
        person mentions linked to the full name given in the same document;
        see :mod:`toolkit.entities.canonical`). A canonical name has one
        label across the input, the one most of its mentions got
        (:func:`~toolkit.entities.rules.corpus_labels`).

    Examples
    --------
    >>> extract_entities("وصل كوخافي إلى الرباط")["canonical"].tolist()
    ['كوخافي', 'الرباط']
    """
    check_n_jobs(n_jobs)
    resolve_chunksize(chunksize)
    data = corpus_input(data, func="extract_entities", doc_id=doc_id)
    if model is None:  # the former spelling of the default
        model = DEFAULT_MODEL
    if not (isinstance(model, str) and model in MODELS):
        model = Path(model)  # a crfsuite model file
    data = fold_duplicates(data, dedupe, n_jobs=n_jobs, progress=progress)
    options = {"model": model, "nisba": nisba, "nested": nested, "call": uuid.uuid4().hex}
    recognise = functools.partial(_recognise_corpus, **options)
    mentions, nisbas = _combine(map_partitions(recognise, data, n_jobs=n_jobs,
                                               chunksize=chunksize, progress=progress,
                                               desc="entities"))  # fmt: skip
    return _to_frame(mentions, nisbas, nisba)


def _combine(parts) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All chunks' mentions and nisba rows, each as one table."""
    found, linked = [], []
    for mentions, nisbas in parts:
        found.append(mentions)
        linked.append(nisbas)
    return concat_rows(found), concat_rows(linked)


def concat_rows(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The chunks' tables of :func:`_recognise_corpus` as one (typed even when empty)."""
    return pd.concat(frames, ignore_index=True) if frames else _rows_frame([])
