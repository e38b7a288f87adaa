"""Importers of public occupation and skill classifications (ESCO, O*NET) into RDF.

Each importer reads the official files of a release and writes a Turtle (``.ttl``) or
N-Triples (``.nt``) file that skillgraph can load next to its curated graph.
"""

from skillgraph.importers._common import ImportReport, Progress
from skillgraph.importers.errors import ImportDataError
from skillgraph.importers.esco import import_esco
from skillgraph.importers.onet import import_onet

__all__ = ["ImportDataError", "ImportReport", "Progress", "import_esco", "import_onet"]
