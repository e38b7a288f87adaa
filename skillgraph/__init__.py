"""skillgraph: an open knowledge graph of software-engineering careers.

The typed core: load the graph, resolve names, find career paths, describe
nodes. Front ends (the CLI, the HTML explorer, notebooks) build on it.

>>> import skillgraph
>>> g = skillgraph.load()
>>> path = skillgraph.career_path(g, g.resolve("junior"), g.resolve("senior"))
>>> path.steps[-1].label
'Senior Backend Developer'
"""

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
from .paths import CareerPath, RoleStep, SkillItem, career_path
from .plan import Gap, LearningPlan, PlanItem, Stage
from .plan import gap as skill_gap
from .plan import plan as learning_plan
from .profile import Profile, parse_have, read_profile
from .resolve import resolve

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
