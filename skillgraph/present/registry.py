"""Registers the presenters' renderings as the display of the core's result classes.

Imported by the package on the first ``str()`` or notebook display of a result
(:data:`skillgraph.model.display.PRESENTER_HOOKS`), so a command that only prints
text never pays for it.

>>> import skillgraph
>>> g = skillgraph.load()
>>> str(skillgraph.career_path(g, g.resolve("senior"), g.resolve("lead"))).splitlines()[0]
'Senior Backend Developer -> Lead Backend Developer'
"""

from skillgraph.algorithms.extract import Extraction
from skillgraph.algorithms.frontier import NextSteps
from skillgraph.algorithms.paths import CareerPath
from skillgraph.algorithms.plan import Gap, LearningPlan
from skillgraph.algorithms.progress import Progress
from skillgraph.algorithms.transitions import Transitions
from skillgraph.algorithms.unlocks import Unlocks
from skillgraph.model.describe import NodeDescription
from skillgraph.model.display import as_html, as_text
from skillgraph.model.graph import SkillGraph
from skillgraph.present import html, learner, text
from skillgraph.present.extract import extraction_text
from skillgraph.present.transitions import transitions_html, transitions_text

as_text.register(CareerPath, text.path_text)
as_text.register(NodeDescription, text.describe_text)
as_text.register(Gap, text.gap_text)
as_text.register(LearningPlan, text.plan_text)
as_text.register(NextSteps, learner.next_text)
as_text.register(Unlocks, learner.unlocks_text)
as_text.register(Progress, learner.progress_text)
as_text.register(Transitions, transitions_text)
as_text.register(Extraction, extraction_text)

as_html.register(SkillGraph, html.graph_html)
as_html.register(CareerPath, html.path_html)
as_html.register(NodeDescription, html.describe_html)
as_html.register(Gap, html.gap_html)
as_html.register(LearningPlan, html.plan_html)
as_html.register(Transitions, transitions_html)
