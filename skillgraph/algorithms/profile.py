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
from typing import TYPE_CHECKING, Any, Final

from skillgraph.errors import (
    DataFileError,
    InputError,
    UnknownNamesError,
    echo,
)
from skillgraph.model.graph import SkillGraph
from skillgraph.rdf.limits import read_bytes

__all__ = [
    "MAX_PROFILE_BYTES",
    "MAX_PROFILE_NESTING",
    "MAX_REPORTED",
    "STATUSES",
    "TOO_LONG_NUMBER",
    "UNSTATED",
    "Profile",
    "build_profile",
    "parse_entry",
    "parse_have",
    "parse_level",
    "parse_status",
    "profile_records",
    "profile_text",
    "read_profile",
    "split_entry",
]

#: What a profile reader says of a number Python will not convert (over 4,300 digits).
TOO_LONG_NUMBER: Final = "it holds a number too long to read"

if TYPE_CHECKING:
    from skillgraph.algorithms.crosswalk import Carried

#: The rank given to a skill known without a level: above every level a graph asks.
UNSTATED: Final = 99

#: Level names accepted besides the graph's own labels.
_LEVEL_SYNONYMS: Final = {"beginner": 1, "basic": 1, "novice": 1, "proficient": 3}

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
#: The largest profile file read, in bytes.
MAX_PROFILE_BYTES = 1 << 20
#: The deepest nesting of mappings and lists in a profile.
MAX_PROFILE_NESTING = 20
#: How many unknown names an error spells out (with suggestions); the rest are counted.
MAX_REPORTED = 5
_Level = int | None


#: Taxonomies a profile names a skill of as ``PREFIX:label`` (``esco:computer programming``,
#: ``onet:Python``), by the namespace of their IRIs: readable, and kept (with a warning) when
#: the taxonomy is not loaded, so a profile marked with ``--data`` still works without it.
TAXONOMIES: Final = {"esco": "http://data.europa.eu/esco/", "onet": "https://w3id.org/skillgraph/onet/"}


def taxonomy_name(graph: SkillGraph, key: str) -> str | None:
    """Return ``PREFIX:label``, the readable name of an imported skill, when it names only ``key``.

    >>> import skillgraph
    >>> taxonomy_name(skillgraph.load(), "https://w3id.org/skillgraph/id/python") is None
    True
    """
    for prefix, namespace in TAXONOMIES.items():
        if key.startswith(namespace):
            name = f"{prefix}:{graph.label(key)}"
            return name if _in_taxonomy(graph, name) == key else None
    return None


def _in_taxonomy(graph: SkillGraph, name: str) -> str | None:
    """The skill ``PREFIX:label`` names among the taxonomy's nodes; '' when that taxonomy is not
    loaded at all; None when ``name`` has no taxonomy prefix or names no skill of it.

    >>> import skillgraph
    >>> _in_taxonomy(skillgraph.load(), "esco:computer programming")
    ''
    """
    from skillgraph.model.resolve import name_index

    prefix, found, label = name.partition(":")
    namespace = TAXONOMIES.get(prefix.strip().casefold()) if found else None
    if namespace is None:
        return None
    loaded = graph.__dict__.setdefault("_taxonomies_loaded", {})
    if namespace not in loaded:
        loaded[namespace] = any(k.startswith(namespace) for k in graph.nx)
    if not loaded[namespace]:
        return ""
    for matches in name_index(graph).lookup(label.strip()):
        keys = {m for m in matches if m.startswith(namespace) and graph.node(m)["type"] == "skill"}
        if len(keys) == 1:
            return next(iter(keys))
    return None


def resolve_skill(graph: SkillGraph, name: str) -> str:
    """Return the skill ``name`` stands for: ``PREFIX:label`` of a taxonomy, or any name.

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> resolve_skill(g, "python") == g.resolve("python")
    True
    """
    return _in_taxonomy(graph, name) or graph.resolve(name, types=("skill",))


#: What a profile entry may say of a skill: known (the default), being learned, or left aside.
STATUSES: Final = ("done", "learning", "skipped")


@dataclass(frozen=True)
class Profile:
    """Skills known, by node key, with the proficiency rank held (``None``: level not given).

    ``tracked`` holds the entries that are not known yet: key -> (level, status), the status
    ``learning`` (in progress towards that level) or ``skipped`` (the learner will not learn
    it). Only ``skills`` (status ``done``, the default) count as known.
    """

    skills: dict[str, int | None] = field(default_factory=dict)
    tracked: dict[str, tuple[int | None, str]] = field(default_factory=dict)
    #: Skills known through the crosswalk (:mod:`skillgraph.algorithms.crosswalk`), not named.
    carried: dict[str, Carried] = field(default_factory=dict)
    #: Skills named ``PREFIX:label`` of a taxonomy that is not loaded (left out, with a warning).
    absent: tuple[str, ...] = ()

    def with_status(self, status: str) -> set[str]:
        """Return the keys of the tracked entries with ``status`` (learning or skipped)."""
        return {key for key, (_, s) in self.tracked.items() if s == status}

    def __bool__(self) -> bool:
        return bool(self.skills)

    def ranks(self) -> dict[str, int]:
        """Return skill -> rank, a skill without a level counting as :data:`UNSTATED`.

        The skills carried across the crosswalk count too, at the rank they are carried at.
        """
        ranks = {k: c.rank for k, c in self.carried.items()}
        ranks.update({k: UNSTATED if v is None else v for k, v in self.skills.items()})
        return ranks

    def across(self, graph: SkillGraph) -> Profile:
        """Return this profile with what it meets across the crosswalk (ESCO, O*NET) added.

        >>> import skillgraph
        >>> g = skillgraph.load()
        >>> Profile({g.resolve("python"): 3}).across(g).carried  # no taxonomy loaded
        {}
        """
        from skillgraph.algorithms.crosswalk import carried

        return Profile(self.skills, self.tracked, carried(graph, self.ranks()), self.absent)

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
        tracked = {k: v for k, v in {**self.tracked, **other.tracked}.items() if k not in skills}
        return Profile(
            skills, tracked, absent=self.absent + other.absent
        )  # what crosses the crosswalk is worked out again: across()


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
        if text.isascii() and text.isdigit() and len(text) <= len(str(max(labels))) and int(text) in labels:
            return int(text)
        for rank, label in labels.items():
            if text == label.casefold():
                return rank
        if text in _LEVEL_SYNONYMS:
            return _LEVEL_SYNONYMS[text]
    names = ", ".join(labels[r] for r in sorted(labels))
    # A number too long for str() (over 4,300 digits) is named by its size.
    shown = (
        f"a {value.bit_length():,}-bit number"
        if isinstance(value, int) and value.bit_length() > 64
        else value
    )
    raise InputError(f"unknown level '{echo(str(shown))}' (use {names} or {min(labels)}-{max(labels)})")


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
    try:
        graph.resolve(name.strip())
    except InputError:
        return False
    return True


def parse_status(value: object) -> str:
    """Return a profile status (``done`` when none is given).

    >>> parse_status(None), parse_status("Learning")
    ('done', 'learning')
    >>> parse_status("maybe")
    Traceback (most recent call last):
    ...
    skillgraph.errors.InputError: unknown status 'maybe' (use done, learning or skipped)
    """
    if value is None:
        return "done"
    text = str(value).strip().casefold()
    if text not in STATUSES:
        raise InputError(f"unknown status '{value}' (use {', '.join(STATUSES[:-1])} or {STATUSES[-1]})")
    return text


def build_profile(
    graph: SkillGraph, entries: Iterable[tuple[str, object] | tuple[str, object, object]], *, where: str = ""
) -> Profile:
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
    from skillgraph.model.resolve import name_index

    problems: list[InputError] = []
    absent: list[str] = []
    more = 0
    skills: dict[str, int | None] = {}
    index = name_index(graph)
    tracked: dict[str, tuple[int | None, str]] = {}
    for entry in entries:
        name, raw_level = entry[0], entry[1]
        raw_status = entry[2] if len(entry) > 2 else None
        if raw_level is None:
            name, raw_level = split_entry(graph, str(name))
        if len(problems) >= MAX_REPORTED and not any(index.lookup(str(name))):
            more += 1  # past the first few problems, no suggestions are looked for (they cost time)
            continue
        try:
            imported = _in_taxonomy(graph, str(name))
            if imported == "":  # a skill of a taxonomy not loaded now: kept aside, said
                absent.append(str(name))
                continue
            key = imported or resolve_skill(graph, str(name))
            try:
                level = parse_level(graph, raw_level)
                status = parse_status(raw_status)
            except InputError as err:
                raise InputError(f"{_short(name)}: {err}") from None
        except InputError as err:  # an unknown or ambiguous name, a bad level or status
            if len(problems) < MAX_REPORTED:
                problems.append(err)
            else:
                more += 1
            continue
        if status != "done":
            tracked[key] = (level, status)
        elif key in skills:
            skills = Profile(skills).merged(Profile({key: level})).skills
        else:
            skills[key] = level
    if problems:
        raise UnknownNamesError(problems, where=where, more=more)
    return Profile(skills, {k: v for k, v in tracked.items() if k not in skills}, absent=tuple(absent))


def _short(value: object, limit: int = 80) -> str:
    import reprlib

    text = value if isinstance(value, str) else reprlib.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def parse_have(graph: SkillGraph, values: Iterable[str]) -> Profile:
    """Parse ``--have`` values: comma-separated names, each optionally ``name:level``."""
    entries = [(part, None) for value in values for part in value.split(",") if part.strip()]
    return build_profile(graph, entries, where="--have")


def profile_text(path: Path) -> str:
    """Return the text of profile file ``path``: UTF-8, at most ``MAX_PROFILE_BYTES``, a regular file.

    Raises :class:`~skillgraph.errors.DataFileError` otherwise.
    """
    try:
        return read_bytes(path, max_bytes=MAX_PROFILE_BYTES).decode("utf-8")
    except OSError as err:
        raise DataFileError(str(path), err.strerror or str(err)) from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), "not UTF-8 text") from None


def parse_entry(graph: SkillGraph, text: str) -> tuple[str, int | None]:
    """Return the skill and level rank of one ``NAME[:LEVEL]`` entry (None: no level given).

    >>> import skillgraph
    >>> g = skillgraph.load()
    >>> key, rank = parse_entry(g, "python:advanced")
    >>> g.label(key), rank
    ('Python', 3)
    """
    name, level = split_entry(graph, text)
    key = resolve_skill(graph, name)
    try:
        return key, parse_level(graph, level)
    except InputError as err:
        raise InputError(f"{name}: {err}") from None


def read_profile(graph: SkillGraph, path: Path | str) -> Profile:
    """Read a profile file: TOML when its name ends in ``.toml``, YAML otherwise.

    Raises :class:`~skillgraph.errors.DataFileError` (with the line) for a file
    that does not parse or is not shaped like a profile.
    """
    path = Path(path)
    text = profile_text(path)
    data = _parse_toml(path, text) if path.suffix.casefold() == ".toml" else _parse_yaml(path, text)
    if data is None:  # an empty file (or only comments): nothing known yet
        return Profile()
    return build_profile(graph, profile_records(data, str(path)), where=str(path))


def _parse_toml(path: Path, text: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise DataFileError(str(path), "not a profile: nested too deeply") from None
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = _TOML_POSITION.search(message)
        line = column = None
        if found:
            line, column = int(found.group(1)), int(found.group(2))
            message = _TOML_POSITION.sub("", message)
        raise DataFileError(str(path), f"not valid TOML: {message}", line=line, column=column) from None
    except ValueError:  # a number over 4,300 digits
        raise DataFileError(str(path), f"not a profile: {TOO_LONG_NUMBER}") from None


def _parse_yaml(path: Path, text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="safe", pure=True)
    try:
        _check_yaml_shape(yaml, text)
        return yaml.load(text)
    except RecursionError:
        raise DataFileError(str(path), "not a profile: nested too deeply") from None
    except _ProfileShapeError as err:
        raise DataFileError(str(path), str(err), line=err.line) from None
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        raise DataFileError(str(path), f"not valid YAML: {problem}", line=line, column=column) from None
    except ValueError:  # a number over 4,300 digits
        raise DataFileError(str(path), f"not a profile: {TOO_LONG_NUMBER}") from None


class _ProfileShapeError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _check_yaml_shape(yaml: Any, text: str) -> None:
    """Refuse YAML aliases (an alias bomb expands without bound) and deep nesting, before loading."""
    from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent

    depth = 0
    for event in yaml.parse(text):
        if isinstance(event, AliasEvent):
            raise _ProfileShapeError(
                "YAML aliases (*name) are not allowed in a profile", event.start_mark.line + 1
            )
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_PROFILE_NESTING:
                raise _ProfileShapeError(
                    f"not a profile: nested deeper than {MAX_PROFILE_NESTING} levels",
                    event.start_mark.line + 1,
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def profile_records(data: Any, where: str = "profile") -> list[tuple[str, object, object]]:
    """Return the ``(name, level, status)`` entries of parsed profile data (status None: done).

    >>> profile_records({"skills": {"go": {"level": 2, "status": "learning"}, "git": None}})
    [('go', 2, 'learning'), ('git', None, None)]
    >>> profile_records({"skills": [{"name": "rust", "status": "skipped"}]})
    [('rust', None, 'skipped')]
    """
    skills = data.get("skills") if isinstance(data, Mapping) else data
    if isinstance(data, Mapping) and "skills" not in data:
        raise DataFileError(where, "a profile needs a 'skills' entry (a mapping or a list)")
    if skills is None:
        return []
    if isinstance(skills, Mapping):
        return [(str(name), *_level_status(level, where)) for name, level in skills.items()]
    if not isinstance(skills, list):
        raise DataFileError(where, "'skills' must be a mapping of skill to level, or a list")
    entries: list[tuple[str, object, object]] = []
    for entry in skills:
        if isinstance(entry, str):
            entries.append((entry, None, None))
        elif isinstance(entry, Mapping) and "name" in entry:
            entries.append((str(entry["name"]), entry.get("level"), entry.get("status")))
        elif isinstance(entry, Mapping) and len(entry) == 1:
            ((name, level),) = entry.items()
            entries.append((str(name), *_level_status(level, where)))
        else:
            raise DataFileError(where, f"cannot read the skill entry {_short(entry)}")
    return entries


def _level_status(value: object, where: str) -> tuple[object, object]:
    """A mapping entry's value: a level, or ``{level: ..., status: ...}``."""
    if isinstance(value, Mapping):
        unknown = set(value) - {"level", "status"}
        if unknown:
            raise DataFileError(where, f"unknown key '{sorted(map(str, unknown))[0]}' (use level, status)")
        return value.get("level"), value.get("status")
    return value, None
