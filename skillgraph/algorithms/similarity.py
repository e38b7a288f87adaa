"""Similarity of sets and texts: idf-weighted incidence matrices, tokens, TF-IDF rows.

The building blocks of :mod:`skillgraph.algorithms.transitions` (numpy and scipy.sparse).

>>> tokens("Maintains the databases")
['maintain', 'databas']
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp


_STOP: Final = frozenset(
    "a an and are as at be by for from in into is it its of on or such that the their them these "
    "this those to with within other others various including include includes use using used "
    "e g i etc may via out".split()
)
_TOKEN: Final = re.compile(r"[^\W\d_][^\W_]+")
_SUFFIXES: Final = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def fold(text: str) -> str:
    """Return ``text`` in lower case, its accents dropped ("Provençal" is "provencal").

    >>> fold("Provençal, Résumé")
    'provencal, resume'
    """
    if text.isascii():  # most words: nothing to drop
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stem(word: str) -> str:
    """Strip a plural or verb ending, and a final "e", enough to merge "databases" with "database"
    and "handling" with "handle".

    >>> [stem(w) for w in ("databases", "testing", "queries", "class", "handle", "handling")]
    ['databas', 'test', 'query', 'class', 'handl', 'handl']
    """
    if word.endswith("ss"):
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    if word.endswith("e") and len(word) >= 5:  # "core" stays apart from "cors"
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Return the stemmed content words of ``text``.

    >>> tokens("Design and test the databases")
    ['design', 'test', 'databas']
    """
    return [stem(t) for t in _TOKEN.findall(fold(text)) if t not in _STOP]


def scipy_sparse() -> Any:
    """Return :mod:`scipy.sparse`, imported when first needed (a command that compares no texts
    starts without it)."""
    import scipy.sparse

    return scipy.sparse


def tfidf(docs: Sequence[Sequence[str]], *, min_df: int = 2, max_df: float = 0.5) -> sp.csr_matrix:
    """Return the L2-normalised TF-IDF rows (sublinear tf, smooth idf) of token lists ``docs``.

    Terms in fewer than ``min_df`` documents or more than a ``max_df`` share are dropped.

    >>> m = tfidf([["a", "b"], ["a", "c"], ["b", "c"], ["d"]])
    >>> m.shape, round(float((m @ m.T)[0, 0]), 6)
    ((4, 3), 1.0)
    """
    sp = scipy_sparse()
    n = len(docs)
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))
    vocabulary = {
        t: i for i, t in enumerate(sorted(t for t, c in df.items() if c >= min_df and c <= max_df * n))
    }
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for r, doc in enumerate(docs):
        for term, count in Counter(doc).items():
            j = vocabulary.get(term)
            if j is not None:
                rows.append(r)
                cols.append(j)
                values.append((1.0 + math.log(count)) * (math.log((1 + n) / (1 + df[term])) + 1.0))
    matrix = sp.csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)), dtype=np.float64)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)


def incidence(sets: Sequence[Iterable[str]]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Return the row x item 0/1 matrix of ``sets`` and the smooth idf weight of each item.

    >>> m, w = incidence([["a", "b"], ["a"]])
    >>> m.toarray().tolist(), [round(float(x), 3) for x in w]
    ([[1.0, 1.0], [1.0, 0.0]], [1.0, 1.405])
    """
    sp = scipy_sparse()
    ids: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for r, items in enumerate(sets):
        for item in items:
            rows.append(r)
            cols.append(ids.setdefault(item, len(ids)))
    shape = (len(sets), max(len(ids), 1))
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    df = np.asarray(matrix.sum(axis=0)).ravel()
    return matrix, np.log((1 + len(sets)) / (1 + df)) + 1.0


__all__ = ["fold", "incidence", "stem", "tfidf", "tokens"]
