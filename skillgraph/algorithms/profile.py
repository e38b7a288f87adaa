"""What a person already knows: ``--have`` strings and profile files (YAML or TOML).

A profile maps skills (named as everywhere: case-insensitive id, label or
alternative label) to the proficiency held, a level name (``foundational``,
``intermediate``, ``advanced``, ``expert``) or its rank (1-4). A skill given
without a level is *known well enough*: it meets whatever level is asked of it.
The file format is described in ``docs/plan.md``.

>>> import skillgraph
>>> g = skillgraph.load()
>>> p = parse_have(g, ["python:advanced, sql:2", "git"])
>>> sorted((g.label(k), v) for k, v in p.skills.items())
[('Git', None), ('Python', 3), ('SQL', 2)]
>>> p.ranks()[g.resolve("git")] == UNSTATED
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from skillgraph.errors import (
    AmbiguousNameError,
    DataFileError,
    InputError,
    UnknownNameError,
    UnknownNamesError,
)
from skillgraph.model.graph import SkillGraph

#: The rank given to a skill known without a level: above every level a graph asks.
UNSTATED: Final = 99

#: Level names accepted besides the graph's own labels.
_LEVEL_SYNONYMS: Final = {"beginner": 1, "basic": 1, "novice": 1, "proficient": 3}

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_Level = int | None


@dataclass(frozen=True)
class Profile:
    """Skills known, by node key, with the proficiency rank held (``None``: level not given)."""

    skills: dict[str, int | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.skills)

    def ranks(self) -> dict[str, int]:
        """Return skill -> rank, a skill without a level counting as :data:`UNSTATED`."""
        return {k: UNSTATED if v is None else v for k, v in self.skills.items()}

    def merged(self, other: Profile) -> Profile:
        """Return the union of two profiles, keeping the higher level of a skill in both.

        >>> Profile({"a": 1, "b": None}).merged(Profile({"a": 3, "b": 2})).skills
        {'a': 3, 'b': None}
        """
        skills = dict(self.skills)
        for key, level in other.skills.items():
            if key not in skills:
                skills[key] = level
            elif skills[key] is not None:
                skills[key] = None if level is None else max(level, skills[key] or 0)
        return Profile(skills)


def parse_level(graph: SkillGraph, value: object) -> int | None:
    """Return the rank a level stands for: a name, a rank, or nothing (``None``/``True``).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> parse_level(g, "Advanced"), parse_level(g, "2"), parse_level(g, 4), parse_level(g, None)
    (3, 2, 4, None)
    >>> parse_level(g, "guru")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    skillgraph.errors.InputError: unknown level 'guru' (use foundational, intermediate, ... or 1-4)
    """
    labels = graph.proficiency_labels
    if value is None or value is True:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value in labels:
        return value
    if isinstance(value, str):
        text = value.strip().casefold()
        if text.isdigit() and int(text) in labels:
            return int(text)
        for rank, label in labels.items():
            if text == label.casefold():
                return rank
        if text in _LEVEL_SYNONYMS:
            return _LEVEL_SYNONYMS[text]
    names = ", ".join(labels[r] for r in sorted(labels))
    raise InputError(f"unknown level '{value}' (use {names} or {min(labels)}-{max(labels)})")


def _is_level(graph: SkillGraph, text: str) -> bool:
    try:
        return parse_level(graph, text) is not None
    except InputError:
        return False


def split_entry(graph: SkillGraph, text: str) -> tuple[str, str | None]:
    """Split ``name:level`` (or ``name=level``); a name may itself hold colons (an IRI).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> split_entry(g, "python:advanced"), split_entry(g, " sql "), split_entry(g, "https://x.org/a")
    (('python', 'advanced'), ('sql', None), ('https://x.org/a', None))
    """
    text = text.strip()
    for sep in (":", "="):
        name, found, level = text.rpartition(sep)
        if found and name.strip() and _is_level(graph, level):
            return name.strip(), level.strip()
    for sep in (":", "="):  # a known skill with a level that is not one: say so
        name, found, level = text.rpartition(sep)
        if found and name.strip() and not level.strip().startswith("//") and _names_a_node(graph, name):
            return name.strip(), level.strip()
    return text, None


def _names_a_node(graph: SkillGraph, name: str) -> bool:
    from skillgraph.errors import InputError

    try:
        graph.resolve(name.strip())
    except InputError:
        return False
    return True


def build_profile(graph: SkillGraph, entries: Iterable[tuple[str, object]], *, where: str = "") -> Profile:
    """Resolve ``(name, level)`` pairs into a :class:`Profile` (``name:level`` when level is None).

    Every name that is unknown or ambiguous is reported in ONE
    :class:`~skillgraph.errors.UnknownNamesError`, each with suggestions.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> build_profile(g, [("pyhton", None), ("kubernets", "2")])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    skillgraph.errors.UnknownNamesError: unknown skill 'pyhton' (...); unknown skill 'kubernets' (...)
    """
    problems: list[InputError] = []
    skills: dict[str, int | None] = {}
    for name, raw_level in entries:
        if raw_level is None:
            name, raw_level = split_entry(graph, str(name))
        try:
            key = graph.resolve(str(name), types=("skill",))
        except (UnknownNameError, AmbiguousNameError) as err:
            problems.append(err)
            continue
        try:
            level = parse_level(graph, raw_level)
        except InputError as err:
            problems.append(InputError(f"{name}: {err}"))
            continue
        skills = Profile(skills).merged(Profile({key: level})).skills
    if problems:
        raise UnknownNamesError(problems, where=where)
    return Profile(skills)


def parse_have(graph: SkillGraph, values: Iterable[str]) -> Profile:
    """Parse ``--have`` values: comma-separated names, each optionally ``name:level``."""
    entries = [(part, None) for value in values for part in value.split(",") if part.strip()]
    return build_profile(graph, entries, where="--have")


def read_profile(graph: SkillGraph, path: Path | str) -> Profile:
    """Read a profile file: TOML when its name ends in ``.toml``, YAML otherwise.

    Raises :class:`~skillgraph.errors.DataFileError` (with the line) for a file
    that does not parse or is not shaped like a profile.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise DataFileError(str(path), err.strerror or str(err)) from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), "not UTF-8 text") from None
    data = _parse_toml(path, text) if path.suffix.casefold() == ".toml" else _parse_yaml(path, text)
    return build_profile(graph, profile_entries(data, str(path)), where=str(path))


def _parse_toml(path: Path, text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = _TOML_POSITION.search(message)
        line = column = None
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            message = _TOML_POSITION.sub("", message)
        raise DataFileError(str(path), f"not valid TOML: {message}", line=line, column=column) from None


def _parse_yaml(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise DataFileError(str(path), f"not valid YAML: {problem}", line=line, column=column) from None


def profile_entries(data: Any, where: str = "profile") -> list[tuple[str, object]]:
    """Return the ``(name, level)`` pairs of parsed profile data (see ``docs/plan.md``).

    >>> profile_entries({"skills": {"python": "advanced", "git": None}})
    [('python', 'advanced'), ('git', None)]
    >>> profile_entries({"skills": ["sql:2", {"name": "python", "level": 3}, {"git": None}]})
    [('sql:2', None), ('python', 3), ('git', None)]
    """
    skills = data.get("skills") if isinstance(data, Mapping) else data
    if isinstance(data, Mapping) and "skills" not in data:
        raise DataFileError(where, "a profile needs a 'skills' entry (a mapping or a list)")
    if skills is None:
        return []
    if isinstance(skills, Mapping):
        return [(str(name), level) for name, level in skills.items()]
    if not isinstance(skills, list):
        raise DataFileError(where, "'skills' must be a mapping of skill to level, or a list")
    entries: list[tuple[str, object]] = []
    for entry in skills:
        if isinstance(entry, str):
            entries.append((entry, None))
        elif isinstance(entry, Mapping) and "name" in entry:
            entries.append((str(entry["name"]), entry.get("level")))
        elif isinstance(entry, Mapping) and len(entry) == 1:
            ((name, level),) = entry.items()
            entries.append((str(name), level))
        else:
            raise DataFileError(where, f"cannot read the skill entry {entry!r}")
    return entries
