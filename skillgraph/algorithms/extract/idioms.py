"""How postings say the skills every job asks for, in their own words.

A posting rarely writes ESCO's name of a transversal skill: it asks for "a team player", "attention
to detail" or "a self-starter", where ESCO's labels are "work in teams", "attend to detail" and
"show initiative". :data:`IDIOMS` maps each such phrase to the names of the skills it means; the
names pass reads a phrase as a mention of every skill of the graph with one of those names (a
graph without them reads nothing from it), as it reads "k8s" as Kubernetes.

The names on the right are the preferred labels of ESCO v1.2.0's transversal skills and
competences (https://esco.ec.europa.eu/en/about-esco/escopedia/escopedia/transversal-knowledge-skills-and-competences),
and of the curated soft skills; ESCO spells one of them "think innovately", and both spellings
are listed. "Programming languages" is ESCO's "computer programming" (not its "modern
languages"). A phrase is listed only where it names the skill whatever the posting is about:
"team player" always asks for work in teams; "driven" (data-driven), "flexible" (flexible hours),
"resilience" (of a system) or "independently" (deployable) do not always ask for a skill of a
person, so they are not listed.

>>> IDIOMS["team player"]
('work in teams',)
"""

from __future__ import annotations

from typing import Final

__all__ = ["IDIOMS"]

_TEAMS: Final = ("work in teams",)
_COMMUNICATION: Final = ("communication",)
_PROBLEMS: Final = ("solve problems",)
_ANALYTICAL: Final = ("think analytically",)
_INNOVATIVE: Final = ("think innovatively", "think innovately")
_CREATIVE: Final = ("think creatively",)
_CRITICAL: Final = ("think critically",)
_INITIATIVE: Final = ("show initiative",)
_DETERMINATION: Final = ("show determination",)
_DETAIL: Final = ("attend to detail",)
_TIME: Final = ("manage time",)
_DEADLINES: Final = ("meet deadlines",)
_ALONE: Final = ("work independently",)
_LEARN: Final = ("demonstrate willingness to learn",)
_CHANGE: Final = ("adapt to change",)
_DECISIONS: Final = ("make decisions",)
_STRESS: Final = ("cope with stress",)
_MULTITASK: Final = ("perform multiple tasks at the same time",)
_LEAD: Final = ("lead others",)
_MOTIVATE: Final = ("motivate others",)
_CUSTOMERS: Final = ("communicate with customers",)
_CURIOSITY: Final = ("demonstrate curiosity",)
_RESPONSIBILITY: Final = ("assume responsibility",)
_DRIVE: Final = ("drive vehicles",)
_OFFICE: Final = ("use microsoft office",)
_SPREADSHEETS: Final = ("use spreadsheets software",)
_LITERACY: Final = ("have computer literacy",)
_NUMERACY: Final = ("apply numeracy skills",)
_SHIFTS: Final = ("work in shifts",)
_EMPATHY: Final = ("relate empathetically",)
_CONFIDENTIALITY: Final = ("observe confidentiality",)
_MENTOR: Final = ("mentor individuals",)
_ENTREPRENEURIAL: Final = ("show entrepreneurial spirit",)
_CONFIDENCE: Final = ("show confidence",)
_SALES: Final = ("achieve sales targets",)
_PRIORITIES: Final = ("establish daily priorities",)
_SERVICE: Final = ("maintain customer service",)
_PROGRAMMING: Final = ("computer programming",)
_ORGANISED: Final = ("work in an organised manner",)
_PATIENCE: Final = ("exercise patience",)
_PRESENTING: Final = ("give live presentation",)
_PERSUADING: Final = ("present arguments persuasively",)
_CONFLICT: Final = ("apply conflict management",)
_PHYSICAL: Final = ("adjust to physical demands",)
_RELIABLY: Final = ("act reliably",)
_COMMITMENTS: Final = ("meet commitments",)
_COMPANY_GOALS: Final = ("identify with the company's goals",)

#: A phrase of postings -> the names of the skills it asks for (see the module docstring).
IDIOMS: Final[dict[str, tuple[str, ...]]] = {
    # working with others
    "team player": _TEAMS,
    "teamwork": _TEAMS,
    "team work": _TEAMS,
    "team-oriented": _TEAMS,
    "work in a team": _TEAMS,
    "work in teams": _TEAMS,
    "work within a team": _TEAMS,
    "work well in a team": _TEAMS,
    "work as part of a team": _TEAMS,
    "work as a team": _TEAMS,
    "collaborative team": _TEAMS,
    "co-located team": _TEAMS,
    "cross-functional team": _TEAMS,
    "team environment": _TEAMS,
    "communication skills": _COMMUNICATION,
    "communicator": _COMMUNICATION,
    "communicate effectively": _COMMUNICATION,
    "communicate clearly": _COMMUNICATION,
    "interpersonal skills": _COMMUNICATION,
    "customer-facing": _CUSTOMERS,
    "client-facing": _CUSTOMERS,
    "leadership skills": _LEAD,
    "lead by example": _LEAD,
    "inspire others": _MOTIVATE,
    "presentation skills": _PRESENTING,
    "public speaking": _PRESENTING,
    "persuasive": _PERSUADING,
    "conflict resolution": _CONFLICT,
    "resolve conflicts": _CONFLICT,
    "conflict management": _CONFLICT,
    "motivate others": _MOTIVATE,
    # thinking
    "problem solving": _PROBLEMS,
    "problem solver": _PROBLEMS,
    "solve problems": _PROBLEMS,
    "solve complex problems": _PROBLEMS,
    "analytical skills": _ANALYTICAL,
    "analytical thinking": _ANALYTICAL,
    "analytical mind": _ANALYTICAL,
    "analytical mindset": _ANALYTICAL,
    "analytically minded": _ANALYTICAL,
    "innovative thinking": _INNOVATIVE,
    "innovative mindset": _INNOVATIVE,
    "innovative culture": _INNOVATIVE,
    "think innovatively": _INNOVATIVE,
    "creative thinking": _CREATIVE,
    "creative thinker": _CREATIVE,
    "think outside the box": _CREATIVE,
    "out-of-the-box thinking": _CREATIVE,
    "creativity": _CREATIVE,
    "critical thinking": _CRITICAL,
    "critical thinker": _CRITICAL,
    "think critically": _CRITICAL,
    "decision making": _DECISIONS,
    "make decisions": _DECISIONS,
    "curious": _CURIOSITY,
    "curiosity": _CURIOSITY,
    "intellectual curiosity": _CURIOSITY,
    # how one works
    "self-starter": _INITIATIVE,
    "take initiative": _INITIATIVE,
    "proactive attitude": _INITIATIVE,
    "proactive mindset": _INITIATIVE,
    "be proactive": _INITIATIVE,
    "show initiative": _INITIATIVE,
    "sense of initiative": _INITIATIVE,
    "highly motivated": _DETERMINATION,
    "self-motivated": _DETERMINATION,
    "determination": _DETERMINATION,
    "perseverance": _DETERMINATION,
    "attention to detail": _DETAIL,
    "eye for detail": _DETAIL,
    "detail-oriented": _DETAIL,
    "time management": _TIME,
    "manage your time": _TIME,
    "manage their time": _TIME,
    "meet deadlines": _DEADLINES,
    "meet tight deadlines": _DEADLINES,
    "deadline-driven": _DEADLINES,
    "goal-oriented": _COMMITMENTS,
    "goal oriented": _COMMITMENTS,
    "results-oriented": _COMMITMENTS,
    "results-driven": _COMMITMENTS,
    "achieve organizational goals": _COMMITMENTS,
    "achieve organisational goals": _COMMITMENTS,
    "company goals": _COMPANY_GOALS,
    "company's goals": _COMPANY_GOALS,
    "common goals": _COMPANY_GOALS,
    "shared goals": _COMPANY_GOALS,
    "work independently": _ALONE,
    "work autonomously": _ALONE,
    "with minimal supervision": _ALONE,
    "eager to learn": _LEARN,
    "willing to learn": _LEARN,
    "willingness to learn": _LEARN,
    "fast learner": _LEARN,
    "quick learner": _LEARN,
    "learn quickly": _LEARN,
    "adaptability": _CHANGE,
    "adapt to change": _CHANGE,
    "adapt quickly": _CHANGE,
    "open to change": _CHANGE,
    "work under pressure": _STRESS,
    "calm under pressure": _STRESS,
    "perform under pressure": _STRESS,
    "thrive under pressure": _STRESS,
    "deliver under pressure": _STRESS,
    "handle pressure": _STRESS,
    "stress resistant": _STRESS,
    "multitasking": _MULTITASK,
    "multi-tasking": _MULTITASK,
    "sense of responsibility": _RESPONSIBILITY,
    "well organised": _ORGANISED,
    "well-organised": _ORGANISED,
    "well organized": _ORGANISED,
    "well-organized": _ORGANISED,
    "highly organised": _ORGANISED,
    "highly organized": _ORGANISED,
    "organisational skills": _ORGANISED,
    "organizational skills": _ORGANISED,
    "punctual": _RELIABLY,
    "punctuality": _RELIABLY,
    "patience": _PATIENCE,
    "prioritise tasks": _PRIORITIES,
    "prioritize tasks": _PRIORITIES,
    "prioritise work": _PRIORITIES,
    "prioritize work": _PRIORITIES,
    "set priorities": _PRIORITIES,
    "confidentiality": _CONFIDENTIALITY,
    "discretion": _CONFIDENTIALITY,
    "empathy": _EMPATHY,
    "empathetic": _EMPATHY,
    "empathic": _EMPATHY,
    "self-confident": _CONFIDENCE,
    "self-confidence": _CONFIDENCE,
    "entrepreneurial": _ENTREPRENEURIAL,
    "entrepreneurial spirit": _ENTREPRENEURIAL,
    "entrepreneurial mindset": _ENTREPRENEURIAL,
    "mentoring": _MENTOR,
    "mentor others": _MENTOR,
    "mentor junior": _MENTOR,
    # with customers, tools and the job's conditions
    "customer care": _SERVICE,
    "customer-oriented": _SERVICE,
    "customer-focused": _SERVICE,
    "customer focus": _SERVICE,
    "service-minded": _SERVICE,
    "sales targets": _SALES,
    "driving licence": _DRIVE,
    "driving license": _DRIVE,
    "driver's licence": _DRIVE,
    "driver's license": _DRIVE,
    "drivers licence": _DRIVE,
    "drivers license": _DRIVE,
    "ms office": _OFFICE,
    "microsoft office": _OFFICE,
    "ms excel": _SPREADSHEETS,
    "microsoft excel": _SPREADSHEETS,
    "spreadsheets": _SPREADSHEETS,
    "computer literate": _LITERACY,
    "computer literacy": _LITERACY,
    "computer skills": _LITERACY,
    "numeracy": _NUMERACY,
    "numerical skills": _NUMERACY,
    "numerate": _NUMERACY,
    "shift work": _SHIFTS,
    "work shifts": _SHIFTS,
    "work in shifts": _SHIFTS,
    "rotating shifts": _SHIFTS,
    "physically demanding": _PHYSICAL,
    "physically fit": _PHYSICAL,
    "physical stamina": _PHYSICAL,
    # the broad skill of technical postings that name no language
    "programming languages": _PROGRAMMING,
    "programming skills": _PROGRAMMING,
    "coding skills": _PROGRAMMING,
}
