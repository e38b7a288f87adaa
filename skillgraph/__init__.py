"""skillgraph: an open knowledge graph of software-engineering careers.

The typed core: load the graph, resolve names, find career paths, describe
nodes. Front ends (the CLI, the HTML explorer, notebooks) build on it.

>>> import skillgraph
>>> g = skillgraph.load()
>>> path = skillgraph.career_path(g, g.resolve("junior"), g.resolve("senior"))
>>> path.steps[-1].label
'Senior Backend Developer'
"""

from typing import TYPE_CHECKING, Any

# ``describe`` is imported here, not lazily: the function must win over its module's name.
from .describe import NodeDescription, describe
from .errors import (
    AmbiguousNameError,
    DataFileError,
    InputError,
    NoPathError,
    SkillgraphError,
    UnknownNameError,
    UnknownNamesError,
    ValidationError,
)
from .graph import TYPES, SkillGraph
from .loader import load
from .resolve import resolve

if TYPE_CHECKING:
    from .paths import CareerPath, RoleStep, SkillItem, career_path
    from .plan import Gap, LearningPlan, PlanItem, Stage
    from .plan import gap as skill_gap
    from .plan import plan as learning_plan
    from .profile import Profile, parse_have, read_profile

#: Names imported from their module when first used, so a command loads only what it needs.
_LAZY = {
    "CareerPath": ("paths", "CareerPath"),
    "RoleStep": ("paths", "RoleStep"),
    "SkillItem": ("paths", "SkillItem"),
    "career_path": ("paths", "career_path"),
    "Gap": ("plan", "Gap"),
    "LearningPlan": ("plan", "LearningPlan"),
    "PlanItem": ("plan", "PlanItem"),
    "Stage": ("plan", "Stage"),
    "skill_gap": ("plan", "gap"),
    "learning_plan": ("plan", "plan"),
    "Profile": ("profile", "Profile"),
    "parse_have": ("profile", "parse_have"),
    "read_profile": ("profile", "read_profile"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'skillgraph' has no attribute '{name}'")


__version__ = "0.1.0"

__all__ = [
    "TYPES",
    "AmbiguousNameError",
    "CareerPath",
    "DataFileError",
    "Gap",
    "InputError",
    "LearningPlan",
    "NoPathError",
    "NodeDescription",
    "PlanItem",
    "Profile",
    "RoleStep",
    "SkillGraph",
    "SkillItem",
    "SkillgraphError",
    "Stage",
    "UnknownNameError",
    "UnknownNamesError",
    "ValidationError",
    "career_path",
    "describe",
    "learning_plan",
    "load",
    "parse_have",
    "read_profile",
    "resolve",
    "skill_gap",
]
