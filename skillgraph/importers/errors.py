"""The error raised when an import cannot read its input data."""

from __future__ import annotations

from pathlib import Path

from skillgraph.errors import InputError

__all__ = [
    "ImportDataError",
]


class ImportDataError(InputError):
    """Input data that cannot be imported: a missing file, a wrong layout or a bad row.

    ``str(error)`` is always one line that names the file and, when the problem is in a
    row, the row: ``skills_en.csv, row 17: conceptUri 'htp:/x' is not an absolute
    http(s) URI``. Rows are counted like a spreadsheet does: the header is row 1, the
    first record row 2 (in an ESCO CSV file a record may span several lines; ``line``
    gives the line where it starts).

    >>> str(ImportDataError("conceptUri 'htp:/x' is not an absolute http(s) URI",
    ...                     file="skills_en.csv", row=17))
    "skills_en.csv, row 17: conceptUri 'htp:/x' is not an absolute http(s) URI"
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | Path | None = None,
        row: int | None = None,
        line: int | None = None,
    ) -> None:
        self.problem = " ".join(problem.split())  # one line, whatever the value held
        self.file = Path(file).name if file is not None else None
        self.path = Path(file) if file is not None else None
        self.row = row
        self.line = line
        where = self.file or ""
        if row is not None:
            where = f"{where}, row {row}" if where else f"row {row}"
        super().__init__(f"{where}: {self.problem}" if where else self.problem)
