"""Importers of public occupation and skill classifications (ESCO, O*NET) into RDF.

Each importer reads the official files of a release and writes a Turtle (``.ttl``) or
N-Triples (``.nt``) file that skillgraph can load next to its curated graph. Every
importer is an :class:`Importer`, and :data:`IMPORTERS` names them as ``skillgraph import``
does (docs/extending.md says how to add one).

>>> sorted(IMPORTERS)
['esco', 'onet']
"""

from __future__ import annotations

from os import PathLike
from typing import Protocol

from skillgraph.importers._common import ImportReport, Progress
from skillgraph.importers.errors import ImportDataError
from skillgraph.importers.esco import import_esco
from skillgraph.importers.onet import import_onet

__all__ = [
    "IMPORTERS",
    "ImportDataError",
    "ImportReport",
    "Importer",
    "Progress",
    "import_esco",
    "import_onet",
]


class Importer(Protocol):
    """What every importer is: the release's folder in, one RDF file out, an :class:`ImportReport` back.

    A bad file or row raises :class:`ImportDataError` naming the file and row, unless
    ``skip_bad`` (then it is counted in the report); ``progress(stage, done, total)`` is
    called now and then; ``version`` is the release, read from the folder when not given.
    The output replaces ``output`` only once complete.
    """

    def __call__(
        self,
        directory: str | PathLike[str],
        output: str | PathLike[str],
        *,
        skip_bad: bool = False,
        progress: Progress | None = None,
        version: str | None = None,
    ) -> ImportReport: ...


#: The importers, by the name ``skillgraph import NAME`` gives them.
IMPORTERS: dict[str, Importer] = {"esco": import_esco, "onet": import_onet}
