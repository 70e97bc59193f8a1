"""Rules applied to the CRF's tags: curated names, regions, common words, the document.

ANERcorp's annotation and its size leave systematic gaps that curated lists
and the document itself can close:

- :func:`split_trailing_places`: a person name does not end with a known
  place, so ``زار بيني غانتس الرباط`` gives PERS + LOC, not one PERS.
- :func:`fill_gazetteer_gaps`: a multi-word CLDR or curated name is tagged
  whole where the CRF left it ``O`` or saw only a part of another type in it
  (ANERcorp leaves ``الجيش الإسرائيلي`` untagged; the CRF sees a place in
  ``بيت مال القدس``).
- :func:`tag_regions`: a region named by a common word (المتوسط "average",
  الصحراء "desert") is a place after a region word: ``منطقة المتوسط``، ``جنوب الصحراء``.
- :func:`drop_non_names`: ``جيو`` and ``جيواستراتيجي`` (geo-strategic) are not
  names, nor a word that only starts a name (``بني`` of بني ملال, ``سيدي``, ``سان``),
  nor a month name in a date (``22 ماي``).
- :func:`tag_glued_names`: a CLDR/curated multi-word name written without its
  spaces (``الولاياتالمتحدةالأمريكية``) is tagged.
- :func:`document_rules`: within one document, a name tagged once is tagged
  wherever it recurs untagged (``للرباط`` after ``الرباط``; a two-stage idea
  after Krishnan & Manning 2006) with one label per one-word name (the most
  frequent in the document, the first on a tie: ``مدينة مولهايم`` LOC, then
  ``عمدة مولهايم`` is not PERS), and a lone common word tagged PERS right
  after a personal pronoun (``بل هي ايمان وتعاون``: "it is faith") is dropped
  unless the document gives it a person context: a title or speech verb before
  it, or a longer name holding it; a multi-word name tagged once is tagged whole
  wherever its words recur, joining the pieces the CRF tagged apart (``واشنطن``
  LOC + ``بوست`` ORG become ``واشنطن بوست`` ORG).
- :func:`corpus_labels`: across a corpus, every mention of one name takes the
  label most of its mentions have (a corpus-level vote after Krishnan &
  Manning 2006), so a site is not PERS in one document and ORG in the next.

>>> apply_gazetteer_rules(["زار", "بيني", "غانتس", "الرباط"], ["O", "B-PERS", "I-PERS", "I-PERS"])
['O', 'B-PERS', 'I-PERS', 'B-LOC']
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from toolkit.entities.gazetteers import (
    glued_names,
    known_names,
    lexicon,
    multiword_matches,
    person_words,
    place_names,
    region_names,
)
from toolkit.text.forms import clitic_variants as _clitic_variants
from toolkit.text.forms import key
from toolkit.text.lexicon import is_known

__all__ = [
    "apply_gazetteer_rules",
    "corpus_labels",
    "document_rules",
    "drop_non_names",
    "fill_gazetteer_gaps",
    "places_inside",
    "split_conjoined_persons",
    "split_trailing_places",
    "tag_glued_names",
    "tag_regions",
]

#: Personal pronouns: a word right after one is a predicate (هي ايمان "it is faith").
_PRONOUNS = frozenset({"هو", "هي", "هم", "هما", "هن"})
#: a name recurring untagged is tagged again only if it has at least this many letters
_MIN_PROPAGATED_LETTERS = 3


@lru_cache(maxsize=100_000)
def clitic_variants(word_key: str) -> tuple[str, ...]:
    """:func:`toolkit.text.forms.clitic_variants`, cached: the rules ask it of most tokens."""
    return tuple(_clitic_variants(word_key))


def _bio(label: str, length: int) -> list[str]:
    return [f"B-{label}"] + [f"I-{label}"] * (length - 1)


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    from toolkit.entities.model import bio_spans

    return bio_spans(tags)


def fill_gazetteer_gaps(tokens: list[str], tags: list[str]) -> list[str]:
    """Tag a multi-word CLDR/curated name that the CRF left ``O`` or read as another type.

    Where the CRF tagged only words inside the name with another label (a place
    inside an organisation's name), the curated name wins; CRF entities of the
    same label inside it (``غزة`` in ``قطاع غزة``, ANERcorp's convention) and
    entities reaching outside it are left as they are.

    >>> fill_gazetteer_gaps(["قال", "الجيش", "الإسرائيلي"], ["O", "O", "O"])
    ['O', 'B-ORG', 'I-ORG']
    >>> fill_gazetteer_gaps(["بيت", "مال", "القدس"], ["O", "O", "B-LOC"])
    ['B-ORG', 'I-ORG', 'I-ORG']
    """
    filled = list(tags)
    spans = _spans(tags)
    for first, last, label in multiword_matches([key(t) for t in tokens]):
        overlapping = [(a, b, other) for a, b, other in spans if a < last and b > first]
        if all(first <= a and b <= last and other != label for a, b, other in overlapping):
            filled[first:last] = _bio(label, last - first)
    return filled


def split_trailing_places(tokens: list[str], tags: list[str]) -> list[str]:
    """Cut a known place (CLDR/curated, not a person-name word) off the end of a PERS span.

    >>> split_trailing_places(["غانتس", "تل", "أبيب"], ["B-PERS", "I-PERS", "I-PERS"])
    ['B-PERS', 'B-LOC', 'I-LOC']
    """
    keys = [key(t) for t in tokens]
    places, people = place_names(), person_words()
    split = list(tags)
    for first, last, label in _spans(tags):
        if label != "PERS":
            continue
        for cut in range(first + 1, last):
            rest = keys[cut + 1 : last]
            if any(
                " ".join([variant, *rest]) in places and variant not in people
                for variant in clitic_variants(keys[cut])
            ):
                split[cut:last] = _bio("LOC", last - cut)
                break
    return split


@lru_cache(maxsize=1)
def _news_rank() -> dict[str, int]:
    """Key -> frequency rank in the news (the words of the clusters file, most frequent first)."""
    from toolkit.entities.features import word_clusters

    return {word: rank for rank, word in enumerate(word_clusters())}


def _is_conjoined_name(word_key: str) -> bool:
    """``و`` + a word the news uses more often without it (وبلير: بلير), no first name."""
    rest = word_key[1:]
    if not word_key.startswith("و") or len(rest) < 3 or word_key in person_words():
        return False
    rank = _news_rank()
    return rest in rank and rank[rest] < rank.get(word_key, len(rank))


def split_conjoined_persons(tokens: list[str], tags: list[str]) -> list[str]:
    """Start a new person where a word inside a PERS span is ``و`` + a name: two people.

    >>> split_conjoined_persons(["بوش", "وبلير"], ["B-PERS", "I-PERS"])
    ['B-PERS', 'B-PERS']
    >>> split_conjoined_persons(["سيرينا", "ويليامز"], ["B-PERS", "I-PERS"])
    ['B-PERS', 'I-PERS']
    """
    if "I-PERS" not in tags:  # no person name of two words or more
        return tags
    split = list(tags)
    for i, tag in enumerate(tags):
        if tag == "I-PERS" and _is_conjoined_name(key(tokens[i])):
            split[i] = "B-PERS"
    return split


def tag_regions(tokens: list[str], tags: list[str]) -> list[str]:
    """Tag a region named by a common word as LOC when a region word precedes it.

    >>> tag_regions(["في", "منطقة", "المتوسط"], ["O", "O", "O"])
    ['O', 'O', 'B-LOC']
    >>> tag_regions(["في", "المتوسط"], ["O", "O"])
    ['O', 'O']
    """
    keys = [key(t) for t in tokens]
    regions, triggers = region_names(), lexicon("region_triggers")
    longest = max((name.count(" ") + 1 for name in regions), default=1)
    tagged = list(tags)
    for i in range(1, len(keys)):
        if not any(variant in triggers for variant in clitic_variants(keys[i - 1])):
            continue
        for length in range(min(longest, len(keys) - i), 0, -1):
            if " ".join(keys[i : i + length]) in regions and all(
                tag == "O" for tag in tagged[i : i + length]
            ):
                tagged[i : i + length] = _bio("LOC", length)
                break
    return tagged


def _is_loanword_adjective(word_key: str) -> bool:
    """``جيو`` alone, or a combining form + a known word (``جيواستراتيجي``, ``جيوسياسي``)."""
    for prefix in lexicon("not_name_prefixes"):
        if word_key == prefix:
            return True
        rest = word_key[len(prefix) :]
        if word_key.startswith(prefix) and len(rest) >= 3 and is_known(rest):
            return True
    return False


#: words after which a month name is a date (22 ماي، في ماي، شهر ماي), not a name (تيريزا ماي)
_BEFORE_MONTHS = frozenset(
    key(w) for w in ("في", "من", "منذ", "شهر", "خلال", "حتى", "مطلع", "أواخر", "منتصف", "بداية")
)


def _is_month_in_date(keys: list[str], index: int) -> bool:
    from toolkit.dates.lexicon import GREGORIAN_MONTHS

    if index == 0 or not any(v in GREGORIAN_MONTHS for v in clitic_variants(keys[index])):
        return False
    before = keys[index - 1]
    return before.isdigit() or any(v in _BEFORE_MONTHS for v in clitic_variants(before))


def drop_non_names(tokens: list[str], tags: list[str]) -> list[str]:
    """Untag one-word entities that are never names alone.

    Loanword adjectives, words that only begin names (``بني``، ``سيدي``;
    ``never_alone.txt``) and month names in a date (``22 ماي``، ``في ماي``;
    ``تيريزا ماي`` stays). A word of ``never_alone.txt`` tagged MISC stays:
    ANERcorp tags ``الله`` alone MISC (about 50 of its 900 MISC names), so untagging it
    cost MISC recall against the annotation. Such words, like entities of one or
    two letters (ANERcorp tags the letters of abbreviations, ``سي`` of سي إن إن),
    stay in the table and co-occurrence networks leave them out as fragments
    (:func:`toolkit.entities.kinds.misc_kind`).

    >>> drop_non_names(["مثلث", "جيواستراتيجي"], ["O", "B-LOC"])
    ['O', 'O']
    >>> drop_non_names(["إن", "شاء", "الله"], ["O", "O", "B-MISC"])
    ['O', 'O', 'B-MISC']
    >>> drop_non_names(["إن", "شاء", "الله"], ["O", "O", "B-PERS"])
    ['O', 'O', 'O']
    >>> drop_non_names(["في", "بني", "ملال"], ["O", "B-LOC", "O"])
    ['O', 'O', 'O']
    >>> drop_non_names(["يوم", "22", "ماي", "أعلنت", "ماي"], ["O", "O", "B-LOC", "O", "B-PERS"])
    ['O', 'O', 'O', 'O', 'B-PERS']
    """
    never_alone = lexicon("never_alone")
    keys = [key(t) for t in tokens]
    kept = list(tags)
    for first, last, label in _spans(tags):
        variants = clitic_variants(keys[first])
        if last - first == 1 and (
            any(map(_is_loanword_adjective, variants))
            or (variants[0] in never_alone and label != "MISC")
            or _is_month_in_date(keys, first)
        ):
            kept[first] = "O"
    return kept


def tag_glued_names(tokens: list[str], tags: list[str]) -> list[str]:
    """Tag a token that is a multi-word CLDR/curated name written without spaces.

    >>> tag_glued_names(["وزار", "الولاياتالمتحدةالأمريكية"], ["O", "O"])
    ['O', 'B-LOC']
    """
    glued = glued_names()
    shortest = min(map(len, glued), default=0)
    tagged = list(tags)
    for i, token in enumerate(tokens):
        word_key = key(token)
        if len(word_key) < shortest:
            continue
        found = next((glued[v] for v in clitic_variants(word_key) if v in glued), None)
        inside = tagged[i].startswith("I-") or (i + 1 < len(tags) and tags[i + 1].startswith("I-"))
        if found and not inside:
            tagged[i] = f"B-{found[1]}"
    return tagged


def apply_gazetteer_rules(tokens: list[str], tags: list[str]) -> list[str]:
    """The sentence rules: trailing places, curated and glued names, regions, no names."""
    tags = split_conjoined_persons(tokens, tags)
    tags = fill_gazetteer_gaps(tokens, split_trailing_places(tokens, tags))
    tags = tag_glued_names(tokens, tags)
    return drop_non_names(tokens, tag_regions(tokens, tags))


def places_inside(tokens: list[str]) -> list[tuple[int, int]]:
    """``(first, last + 1)`` of the known places named inside an organisation's ``tokens``.

    The head word (``لجنة``, ``وزارة``) is never a place; longest names first.

    >>> places_inside(["لجنة", "القدس"])
    [(1, 2)]
    >>> places_inside(["الجيش", "الإسرائيلي"])
    []
    """
    keys = [key(t) for t in tokens]
    places = place_names()
    found: list[tuple[int, int]] = []
    i = 1
    while i < len(keys):
        end = next(
            (
                j for j in range(len(keys), i, -1)
                if any(" ".join([v, *keys[i + 1 : j]]) in places for v in clitic_variants(keys[i]))
            ),
            None,
        )  # fmt: skip
        if end is None:
            i += 1
        else:
            found.append((i, end))
            i = end
    return found


def _has_person_context(keys: list[str], index: int) -> bool:
    cues = lexicon("person_titles") | lexicon("person_triggers")
    return any(
        variant in cues for before in keys[max(0, index - 2) : index]
        for variant in clitic_variants(before)
    )  # fmt: skip


def _forms(word_key: str) -> list[str]:
    """The key and its clitic-free forms that are safe to compare: those with the article."""
    variants = clitic_variants(word_key)
    return [variants[0], *(v for v in variants[1:] if v.startswith("ال"))]


def _common_word_forms(word_key: str) -> list[str]:
    """The word and its form without و/ف that are in the word list (empty: no common word)."""
    return [c for c in clitic_variants(word_key)[:2] if is_known(c)]


def _is_lone_common_word(word_key: str) -> bool:
    """A word of the word list (with at most و/ف before it) that is no first name."""
    candidates = set(clitic_variants(word_key)[:2])
    return bool(_common_word_forms(word_key)) and not candidates & person_words()


def _can_propagate(word_key: str) -> bool:
    """Long enough, and a gazetteer name or no common word (a wrong tag must not spread)."""
    if len(clitic_variants(word_key)[-1]) < _MIN_PROPAGATED_LETTERS:
        return False
    known = known_names()
    return any(form in known for form in _forms(word_key)) or not _common_word_forms(word_key)


def document_rules(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    """Make one document's tags consistent: names recur, with one label, lone common words
    are not persons.

    ``sentences`` are the document's token lists and ``tags`` their BIO tags. A one-word
    name takes the label most of its one-word mentions have (the first one on a tie).

    >>> document_rules([["زار", "الرباط"], ["عاد", "للرباط"]], [["O", "B-LOC"], ["O", "O"]])
    [['O', 'B-LOC'], ['O', 'B-LOC']]
    >>> document_rules([["في", "مدينة", "مولهايم"], ["عمدة", "مولهايم"]],
    ...                [["O", "O", "B-LOC"], ["O", "B-PERS"]])
    [['O', 'O', 'B-LOC'], ['O', 'B-LOC']]
    >>> document_rules([["هي", "ايمان", "وتعاون"]], [["O", "B-PERS", "O"]])
    [['O', 'O', 'O']]
    >>> document_rules([["نشرت", "واشنطن", "بوست"], ["قالت", "واشنطن", "بوست"]],
    ...                [["O", "B-ORG", "I-ORG"], ["O", "B-LOC", "B-ORG"]])
    [['O', 'B-ORG', 'I-ORG'], ['O', 'B-ORG', 'I-ORG']]
    """
    keys = [[key(token) for token in tokens] for tokens in sentences]
    spans = [_spans(sentence_tags) for sentence_tags in tags]
    in_longer_names = {
        form for sent_keys, sent_spans in zip(keys, spans, strict=True)
        for first, last, label in sent_spans if label == "PERS" and last - first > 1
        for k in sent_keys[first:last] for form in clitic_variants(k)
    }  # fmt: skip
    votes: dict[str, Counter] = {}
    result = []
    for sent_keys, sent_tags, sent_spans in zip(keys, tags, spans, strict=True):
        kept = list(sent_tags)
        for first, last, label in sent_spans:
            if last - first > 1:
                continue
            word = sent_keys[first]
            if (
                label == "PERS"
                and first > 0
                and sent_keys[first - 1] in _PRONOUNS
                and _is_lone_common_word(word)
                and not set(clitic_variants(word)) & in_longer_names
                and not _has_person_context(sent_keys, first)
            ):
                kept[first] = "O"
            elif _can_propagate(word):
                for form in _forms(word):
                    votes.setdefault(form, Counter())[label] += 1
        result.append(kept)
    # a word's label in the document: the most frequent, the first one on a tie
    names = {form: counts.most_common(1)[0][0] for form, counts in votes.items()}
    for sent_keys, kept in zip(keys, result, strict=True):
        for i, word_key in enumerate(sent_keys):
            if kept[i] == "O":
                label = next((names[v] for v in clitic_variants(word_key) if v in names), None)
                if label:
                    kept[i] = f"B-{label}"
            elif (
                word_key in names
                and kept[i][0] == "B"
                and (i + 1 == len(kept) or kept[i + 1][0] != "I")
            ):  # one label per one-word name
                kept[i] = f"B-{names[word_key]}"
    return _join_names(keys, result)


def _join_names(keys: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    """Tag a document's multi-word names whole wherever their words recur.

    Where the words of a name tagged once in the document recur, untagged or cut
    into pieces (``واشنطن`` LOC + ``بوست`` ORG), they become that name; an entity
    reaching outside the words keeps its tags.
    """
    names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for sent_keys, sent_tags in zip(keys, tags, strict=True):
        for first, last, label in _spans(sent_tags):
            if last - first > 1:
                rest = tuple(sent_keys[first + 1 : last])
                for form in _forms(sent_keys[first]):
                    names.setdefault(form, []).append((rest, label))
    if not names:
        return tags
    for found in names.values():  # longest first; the first label seen per name
        found[:] = sorted(dict(reversed(found)).items(), key=lambda item: -len(item[0]))
    joined = []
    for sent_keys, sent_tags in zip(keys, tags, strict=True):
        sent_tags = list(sent_tags)
        spans = _spans(sent_tags)
        for i, word_key in enumerate(sent_keys):
            found = next((names[v] for v in clitic_variants(word_key) if v in names), ())
            for rest, label in found:
                last = i + 1 + len(rest)
                if tuple(sent_keys[i + 1 : last]) != rest:
                    continue
                inside = [(a, b, other) for a, b, other in spans if a < last and b > i]
                if (i, last, label) not in inside and all(i <= a and b <= last
                                                          for a, b, _ in inside):  # fmt: skip
                    sent_tags[i:last] = _bio(label, last - i)
                    spans = _spans(sent_tags)
                break
        joined.append(sent_tags)
    return joined


#: share of a name's mentions its majority label needs before the minority is relabelled
CORPUS_MAJORITY = 0.5


def corpus_labels(names: list[str], labels: list[str]) -> list[str]:
    """Give every mention of a name (its canonical form) the label most of its mentions have.

    A label relabels the others only when it holds more than :data:`CORPUS_MAJORITY`
    of the name's mentions (a tie keeps each mention's own label). Independent of the
    order and chunking of the corpus.

    >>> corpus_labels(["فيسبوك", "فيسبوك", "فيسبوك", "الرباط"], ["ORG", "ORG", "PERS", "LOC"])
    ['ORG', 'ORG', 'ORG', 'LOC']
    >>> corpus_labels(["سبأ", "سبأ"], ["ORG", "PERS"])
    ['ORG', 'PERS']
    """
    best: dict[str, tuple[int, str]] = {}  # most mentions, then the larger label string
    mentions: Counter[str] = Counter()
    for (name, label), n in Counter(zip(names, labels, strict=True)).items():
        mentions[name] += n
        if (n, label) > best.get(name, (0, "")):
            best[name] = (n, label)
    winner = {name: label for name, (n, label) in best.items()
              if n > CORPUS_MAJORITY * mentions[name]}  # fmt: skip
    return [winner.get(name, label) for name, label in zip(names, labels, strict=True)]
