"""Edit a profile's text in place: set a skill's level and status, or remove it.

The edit is a round trip (ruamel.yaml for YAML, tomlkit for TOML): the user's comments,
order, spelling of names and layout (a mapping or a list, block or flow) are kept; only the
entry of the skill changes, or a new one is added at the end under the skill's id. Writing
the result to disk (atomically) is the caller's business; this module does no I/O.

>>> import skillgraph
>>> g = skillgraph.load()
>>> text = "# my skills\\nskills:\\n  Python: intermediate  # since 2020\\n"
>>> print(mark_text(g, text, g.resolve("python"), 3), end="")
# my skills
skills:
  Python: advanced      # since 2020
>>> print(mark_text(g, text, g.resolve("go"), 2, status="learning"), end="")
# my skills
skills:
  Python: intermediate  # since 2020
  go:
    level: intermediate
    status: learning
"""

from __future__ import annotations

import io
import re
from collections.abc import MutableMapping, MutableSequence
from pathlib import Path
from typing import Any, Final

from skillgraph.algorithms.profile import (
    TOO_LONG_NUMBER,
    UNSTATED,
    parse_status,
    read_profile,
    resolve_skill,
    split_entry,
    taxonomy_name,
)
from skillgraph.errors import AmbiguousNameError, DataFileError, InputError, UnknownNameError
from skillgraph.model.graph import SkillGraph

__all__ = [
    "DEFAULT_MARK_LEVEL",
    "TOML_HEADER",
    "YAML_HEADER",
    "level_to_record",
    "mark_text",
]

#: The first lines of a profile ``mark`` creates.
YAML_HEADER: Final = (
    "# What I know, for skillgraph (see docs/plan.md): skill -> level, or {level, status}\n"
    "# with status done (the default), learning or skipped. Edit freely; comments are kept.\n"
    "skills: {}\n"
)
TOML_HEADER: Final = (
    "# What I know, for skillgraph (see docs/plan.md): skill = level, or {level, status}\n"
    "# with status done (the default), learning or skipped. Edit freely; comments are kept.\n"
    "[skills]\n"
)


def _resolves_to(graph: SkillGraph, name: object, key: str) -> bool:
    text = str(name)
    try:
        return resolve_skill(graph, text) == key
    except (UnknownNameError, AmbiguousNameError):
        pass
    try:
        return resolve_skill(graph, split_entry(graph, text)[0]) == key
    except InputError:
        return False


def _level_name(graph: SkillGraph, level: int | None) -> str | None:
    return None if level is None else graph.level_label(level)


def _edit(
    graph: SkillGraph, doc: Any, key: str, level: int | None, status: str, remove: bool, toml: bool
) -> None:
    """Change ``doc['skills']`` in place (removing what is not there changes nothing)."""
    if not isinstance(doc, MutableMapping):
        raise InputError("the profile is not a mapping with a 'skills' entry")
    if doc.get("skills") is None:
        if remove:
            return
        doc["skills"] = _new_table(toml)
    skills = doc["skills"]
    name = taxonomy_name(graph, key) or graph.node(key)["id"]  # esco:label, not an IRI
    value: Any
    if isinstance(skills, MutableMapping):
        found = next((n for n in list(skills) if _resolves_to(graph, n, key)), None)
        if remove:
            if found is not None:
                del skills[found]
            return
        label = _level_name(graph, level)
        if status == "done":
            value = label if label is not None else (True if toml else None)
        else:
            value = _new_table(toml, inline=True)
            if label is not None:
                value["level"] = label
            value["status"] = status
        skills[found if found is not None else name] = value
        return
    if isinstance(skills, MutableSequence):
        index = next((i for i, entry in enumerate(skills) if _entry_is(graph, entry, key)), None)
        if remove:
            if index is not None:
                del skills[index]
            return
        spelled = _entry_name(graph, skills[index]) if index is not None else name
        label = _level_name(graph, level)
        tables = toml and _is_array_of_tables(skills)  # [[skills]] holds tables only
        if status == "done" and not tables:
            value = spelled if label is None else f"{spelled}:{label}"
        else:
            value = _new_table(toml, inline=not tables)
            value["name"] = spelled
            if label is not None:
                value["level"] = label
            if status != "done":
                value["status"] = status
        if index is None:
            skills.append(value)
        else:
            skills[index] = value
        return
    raise InputError("'skills' must be a mapping of skill to level, or a list")


def _entry_name(graph: SkillGraph, entry: Any) -> str:
    """The skill name a list entry is written with, without its level (``sql=2``, an IRI...)."""
    if isinstance(entry, MutableMapping):
        return str(entry["name"] if "name" in entry else next(iter(entry), ""))
    return split_entry(graph, str(entry))[0]


def _entry_is(graph: SkillGraph, entry: Any, key: str) -> bool:
    return _resolves_to(graph, _entry_name(graph, entry), key)


def _is_array_of_tables(items: Any) -> bool:
    from tomlkit.items import AoT

    return isinstance(items, AoT)


def _new_table(toml: bool, inline: bool = False) -> Any:
    if toml:
        import tomlkit

        return tomlkit.inline_table() if inline else tomlkit.table()
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def mark_text(
    graph: SkillGraph,
    text: str,
    key: str,
    level: int | None,
    *,
    status: str = "done",
    remove: bool = False,
    toml: bool = False,
) -> str:
    """Return profile ``text`` with skill ``key`` set to ``level`` and ``status`` (or removed).

    An empty text starts a new profile with a header. Raises
    :class:`~skillgraph.errors.DataFileError` (with the line) for text that does not parse.
    """
    status = parse_status(status)
    if not text.strip():
        text = TOML_HEADER if toml else YAML_HEADER
    return (
        _mark_toml(graph, text, key, level, status, remove)
        if toml
        else _mark_yaml(graph, text, key, level, status, remove)
    )


def _mark_yaml(graph: SkillGraph, text: str, key: str, level: int | None, status: str, remove: bool) -> str:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML()
    yaml.preserve_quotes = True
    indented = re.search(r"^( +)- ", text, re.MULTILINE)  # list items indented under their key
    if indented:
        offset = len(indented.group(1))
        yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    try:
        doc = yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark
        raise DataFileError(
            "profile",
            f"not valid YAML: {err.problem}",
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except YAMLError as err:
        raise DataFileError("profile", f"not valid YAML: {err}") from None
    except ValueError:  # a number over 4,300 digits
        raise DataFileError("profile", f"not a profile: {TOO_LONG_NUMBER}") from None
    if doc is None:
        doc = yaml.load(YAML_HEADER)
    if isinstance(doc, MutableMapping) and doc.get("skills") is not None and not doc["skills"]:
        doc["skills"].fa.set_block_style()  # a header's empty {} becomes a block mapping
    _edit(graph, doc, key, level, status, remove, toml=False)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def _mark_toml(graph: SkillGraph, text: str, key: str, level: int | None, status: str, remove: bool) -> str:
    import tomlkit
    from tomlkit.exceptions import ParseError

    try:
        doc = tomlkit.parse(text)
    except ParseError as err:
        raise DataFileError("profile", f"not valid TOML: {err}", line=err.line, column=err.col) from None
    except ValueError:  # a number over 4,300 digits
        raise DataFileError("profile", f"not a profile: {TOO_LONG_NUMBER}") from None
    _edit(graph, doc, key, level, status, remove, toml=True)
    return tomlkit.dumps(doc)


#: The level ``mark`` records for a skill named without one, when the profile has none for it:
#: intermediate, "works independently with it", what people mean by "I know X".
DEFAULT_MARK_LEVEL: Final = 2


def level_to_record(graph: SkillGraph, path: Path, key: str, level: int | None) -> int:
    """Return the level to record for skill ``key`` in the profile at ``path``: ``level`` when
    given, else the stated level the profile already has for it, else :data:`DEFAULT_MARK_LEVEL`.

    A profile never gets a skill without a level from ``mark``: "any level" would meet every
    requirement, as an expert would.

    >>> import skillgraph, tempfile, pathlib
    >>> g = skillgraph.load()
    >>> me = pathlib.Path(tempfile.mkdtemp()) / "me.yaml"
    >>> _ = me.write_text("skills:\\n  python: advanced\\n  git:\\n")
    >>> [level_to_record(g, me, g.resolve(n), None) for n in ("python", "git", "sql")]
    [3, 2, 2]
    >>> level_to_record(g, me, g.resolve("python"), 1)
    1
    """
    if level is not None:
        return level
    if path.exists():
        current = read_profile(graph, path).skills.get(key)
        if current is not None and 0 < current < UNSTATED:
            return current
    return DEFAULT_MARK_LEVEL
