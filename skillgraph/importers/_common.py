"""What the ESCO and O*NET importers share: the report, reading tables, checking values."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from skillgraph.importers.errors import ImportDataError

Progress = Callable[[str, int, "int | None"], None]
"""``progress(stage, done, total)``: called now and then during an import.

``stage`` names what is being done (a file name while reading it, ``"write"`` while
writing the output), ``done`` counts the rows or concepts done so far in that stage and
``total`` is their number, or ``None`` when it is not known.
"""

PROGRESS_EVERY = 2000  # rows between two progress calls


@dataclass
class ImportReport:
    """What an import did.

    ``occupations``, ``skills`` and ``relations`` count the imported occupations, skills
    and occupation-skill relations (data rows for ESCO; distinct occupation-technology
    pairs for O*NET). ``details`` holds further counts that depend on the source (skill
    groups, alternative titles, ...). ``skipped_rows`` counts the bad rows skipped with
    ``skip_bad=True``; ``problems`` has a one-line description of each.
    ``cycles_skipped`` counts prerequisite edges left out because they would close a
    cycle. ``triples`` is the number of triples written to ``output``.
    """

    source: str
    version: str | None
    output: Path
    occupations: int = 0
    skills: int = 0
    relations: int = 0
    skipped_rows: int = 0
    cycles_skipped: int = 0
    triples: int = 0
    seconds: float = 0.0
    details: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for people, e.g. for the CLI.

        >>> ImportReport("ESCO", "1.2.0", Path("esco.nt"), occupations=2, skills=3,
        ...              relations=4, triples=40, seconds=0.5).summary()
        'ESCO 1.2.0: 2 occupations, 3 skills, 4 relations, 40 triples written to esco.nt in 0.5 s'
        """
        name = f"{self.source} {self.version}" if self.version else self.source
        text = (
            f"{name}: {self.occupations:,} occupations, {self.skills:,} skills, "
            f"{self.relations:,} relations, {self.triples:,} triples written to "
            f"{self.output} in {self.seconds:.1f} s"
        )
        if self.skipped_rows:
            text += f"; {self.skipped_rows:,} bad rows skipped"
        if self.cycles_skipped:
            text += f"; {self.cycles_skipped:,} prerequisite cycles broken"
        return text


class Context:
    """The state of one import: the bad-row policy, the report and the progress hook."""

    def __init__(self, report: ImportReport, skip_bad: bool, progress: Progress | None) -> None:
        self.report = report
        self.skip_bad = skip_bad
        self._progress = progress
        self.started = time.perf_counter()

    @classmethod
    def begin(
        cls,
        source: str,
        directory: str | os.PathLike[str],
        output: str | os.PathLike[str],
        *,
        version: str | None,
        skip_bad: bool,
        progress: Progress | None,
    ) -> Context:
        """Start the import of ``source`` (``ESCO``, ``O*NET``) from ``directory`` into ``output``;
        without a ``version``, the one the folder's name or README gives (:func:`detect_version`).

        >>> Context.begin("ESCO", "esco-1.2.0-ict", "esco.nt", version=None, skip_bad=False,
        ...               progress=None).report.version
        '1.2.0'
        """
        if version is None:
            version = detect_version(Path(directory), source)
        return cls(ImportReport(source, version, Path(output)), skip_bad, progress)

    def bad_row(self, error: ImportDataError) -> None:
        """Raise ``error``, or count and remember it when bad rows are skipped."""
        if not self.skip_bad:
            raise error
        self.report.skipped_rows += 1
        self.report.problems.append(str(error))

    def progress(self, stage: str, done: int, total: int | None) -> None:
        if self._progress is not None:
            self._progress(stage, done, total)


# ------------------------------------------------------------------ tables --

_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass
class Row:
    """One record of a table; ``number`` counts the header as row 1."""

    table: Table
    number: int
    line: int
    values: list[str]

    def __getitem__(self, column: str) -> str:
        return self.values[self.table.index[column]]

    def get(self, column: str) -> str:
        """The value of an optional column: ``""`` if the file has no such column."""
        i = self.table.index.get(column)
        return "" if i is None else self.values[i]

    def error(self, problem: str) -> ImportDataError:
        return ImportDataError(problem, file=self.table.path, row=self.number, line=self.line)


class Table:
    """A CSV or tab-separated file read whole, its header checked.

    ``rows()`` yields the records; records that cannot be decoded as UTF-8 or (for
    tab-separated files) have the wrong number of fields are handed to the context as bad
    rows and not yielded.
    """

    def __init__(
        self,
        path: Path,
        header: list[str],
        records: list[tuple[int, list[str]]],
        tab_separated: bool,
        bad_encoding: bool,
    ) -> None:
        self.path = path
        self.name = path.name
        self.header = header
        self.index = {name: i for i, name in reversed(list(enumerate(header)))}
        self._records = records
        self._tab_separated = tab_separated
        self._bad_encoding = bad_encoding

    def __len__(self) -> int:
        return len(self._records)

    def rows(self, context: Context) -> Iterator[Row]:
        width = len(self.header)
        total = len(self._records)
        for done, (line, values) in enumerate(self._records, start=1):
            number = done + 1
            if done % PROGRESS_EVERY == 0:
                context.progress(self.name, done, total)
            if self._bad_encoding:
                byte = _undecodable_byte(values)
                if byte is not None:
                    context.bad_row(
                        ImportDataError(
                            f"invalid UTF-8 (byte 0x{byte:02x})", file=self.path, row=number, line=line
                        )
                    )
                    continue
            if len(values) != width:
                if self._tab_separated or len(values) > width:
                    sep = "tab-separated " if self._tab_separated else ""
                    context.bad_row(
                        ImportDataError(
                            f"expected {width} {sep}fields, found {len(values)}",
                            file=self.path,
                            row=number,
                            line=line,
                        )
                    )
                    continue
                values = values + [""] * (width - len(values))  # official ESCO rows may be short
            yield Row(self, number, line, values)
        context.progress(self.name, total, total)


def _undecodable_byte(values: list[str]) -> int | None:
    """The first byte that was not UTF-8 (decoded with ``surrogateescape``), if any."""
    for value in values:
        bad = _SURROGATE.search(value)
        if bad:
            return ord(bad.group()) - 0xDC00
    return None


def read_table(directory: Path, name: str, columns: Sequence[str], *, tab_separated: bool = False) -> Table:
    """Read ``directory/name`` whole and check that its header has ``columns``.

    ESCO files are RFC 4180 CSV whose quoted fields may hold line breaks; O*NET files are
    tab-separated without any quoting (a ``"`` is data). Raises ImportDataError when the
    file is missing or unreadable, empty, or lacks one of ``columns``.
    """
    path = directory / name
    if not path.is_file():
        raise ImportDataError(f"file not found in {directory}", file=path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportDataError(f"cannot read the file: {exc.strerror or exc}", file=path) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        bad_encoding = False
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")
        bad_encoding = True
    stream = io.StringIO(text, newline="")
    if tab_separated:
        reader = csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    else:
        reader = csv.reader(stream, strict=True)
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    previous_line = 0
    while True:
        number = len(records) + (2 if header is not None else 1)
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImportDataError(
                f"not valid {'tab-separated text' if tab_separated else 'CSV'}: {exc}",
                file=path,
                row=number,
                line=previous_line + 1,
            ) from exc
        line = previous_line + 1
        previous_line = reader.line_num
        if not values:
            continue  # a blank line
        if header is None:
            header = [value.strip() for value in values]
            if bad_encoding and any(_SURROGATE.search(value) for value in header):
                raise ImportDataError("invalid UTF-8 in the header", file=path, row=1, line=line)
            continue
        records.append((line, values))
    if header is None:
        raise ImportDataError("the file is empty (no header row)", file=path)
    missing = [column for column in columns if column not in header]
    if missing:
        found = ", ".join(repr(c) for c in header)
        if len(found) > 200:
            found = found[:200] + "..."
        raise ImportDataError(
            f"missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)} (found {found})",
            file=path,
            row=1,
            line=1,
        )
    return Table(path, header, records, tab_separated, bad_encoding)


# ------------------------------------------------------------------ values --

_HTTP_IRI = re.compile(
    r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?"
    r"(?:[/?#][^\x00-\x20<>\"{}|\\^`\x7f]*)?\Z"
)


def is_http_iri(value: str) -> bool:
    """True if ``value`` is an absolute http(s) IRI that can be written as is.

    >>> is_http_iri("http://data.europa.eu/esco/skill/abc"), is_http_iri("htp:/x")
    (True, False)
    """
    return _HTTP_IRI.match(value) is not None


def show(value: str, limit: int = 80) -> str:
    """``value`` quoted for a one-line message, shortened when long."""
    if len(value) > limit:
        value = value[:limit] + "..."
    return repr(value)


def check_iri(row: Row, column: str) -> str:
    """The IRI in ``row[column]``; raises the row's error if it is missing or broken."""
    value = row[column]
    if not value:
        raise row.error(f"{column} is empty")
    if _HTTP_IRI.match(value) is None:
        raise row.error(f"{column} {show(value)} is not an absolute http(s) URI")
    return value


def split_lines(value: str) -> list[str]:
    """The distinct non-blank lines of a multi-valued field, stripped, in order.

    >>> split_lines("web developer\\r\\n  web designer \\n\\nweb developer")
    ['web developer', 'web designer']
    """
    seen: dict[str, None] = {}
    for part in value.splitlines():
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return list(seen)


def import_date() -> _dt.date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` when set (for reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            pass
    return _dt.date.today()


_VERSION = re.compile(r"(?<![0-9.])v?([0-9]+\.[0-9]+(?:\.[0-9]+)?)(?![0-9])")


def detect_version(directory: Path, source: str) -> str | None:
    """The version a data folder holds, read from its name or its README's title.

    ``source`` is the word the version follows ("esco", "onet"), matched loosely.

    >>> detect_version(Path("/data/esco-1.2.0-ict"), "esco")
    '1.2.0'
    >>> detect_version(Path("/data/onet-29.2-software"), "onet")
    '29.2'
    """
    key = re.sub(r"[^a-z]", "", source.lower())
    candidates = [directory.resolve().name]
    readme = directory / "README.md"
    if readme.is_file():
        try:
            with readme.open(encoding="utf-8", errors="replace") as fh:
                candidates.append(fh.readline())
        except OSError:
            pass
    for text in candidates:
        squashed = re.sub(r"[^a-z]", "", text.lower())
        if key not in squashed:
            continue
        match = _VERSION.search(text)
        if match:
            return match.group(1)
    return None
