"""Gazetteer rules applied to the CRF's tags.

ANERcorp's annotation and its size leave two systematic gaps that curated
names can close without touching what the CRF found confidently:

- :func:`split_trailing_places`: a person name does not end with a known
  place, so ``زار بيني غانتس الرباط`` gives PERS + LOC, not one PERS.
- :func:`fill_gazetteer_gaps`: a multi-word CLDR or curated name that the
  CRF left entirely ``O`` is tagged (ANERcorp leaves ``الجيش الإسرائيلي``
  untagged, so the CRF learns to skip it).

>>> apply_gazetteer_rules(["زار", "بيني", "غانتس", "الرباط"], ["O", "B-PERS", "I-PERS", "I-PERS"])
['O', 'B-PERS', 'I-PERS', 'B-LOC']
"""

from __future__ import annotations

from toolkit.entities.gazetteers import multiword_matches, person_words, place_names
from toolkit.text.forms import clitic_variants, key

__all__ = ["apply_gazetteer_rules", "fill_gazetteer_gaps", "split_trailing_places"]


def _bio(label: str, length: int) -> list[str]:
    return [f"B-{label}"] + [f"I-{label}"] * (length - 1)


def fill_gazetteer_gaps(tokens: list[str], tags: list[str]) -> list[str]:
    """Tag multi-word CLDR/curated names that the CRF left entirely ``O``.

    >>> fill_gazetteer_gaps(["قال", "الجيش", "الإسرائيلي"], ["O", "O", "O"])
    ['O', 'B-ORG', 'I-ORG']
    """
    filled = list(tags)
    for first, last, label in multiword_matches([key(t) for t in tokens]):
        if all(tag == "O" for tag in tags[first:last]):
            filled[first:last] = _bio(label, last - first)
    return filled


def split_trailing_places(tokens: list[str], tags: list[str]) -> list[str]:
    """Cut a known place (CLDR/curated, not a person-name word) off the end of a PERS span.

    >>> split_trailing_places(["غانتس", "تل", "أبيب"], ["B-PERS", "I-PERS", "I-PERS"])
    ['B-PERS', 'B-LOC', 'I-LOC']
    """
    from toolkit.entities.model import bio_spans

    keys = [key(t) for t in tokens]
    places, people = place_names(), person_words()
    split = list(tags)
    for first, last, label in bio_spans(tags):
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


def apply_gazetteer_rules(tokens: list[str], tags: list[str]) -> list[str]:
    """:func:`split_trailing_places`, then :func:`fill_gazetteer_gaps`."""
    return fill_gazetteer_gaps(tokens, split_trailing_places(tokens, tags))
