"""Import a full-size ESCO classification: generated data in the official CSV layout.

The generator writes the nine files the importer reads, at the size of ESCO v1.2.0
(3,039 occupations, 13,939 skills, 129,000 occupation-skill relations, the skill and ISCO
hierarchies, skill-skill relations), with multi-line quoted fields, commas and quotes in
values, CRLF record ends. The values are made up (random labels, fresh UUIDs); only the
layout and the sizes are ESCO's. Then the folder is imported to N-Triples and Turtle and
the times and sizes printed (the target: under 30 s). Then the commands people type are run
on it in fresh processes (names as people type them, from the real ESCO ICT extract loaded
beside it): the first load (parse, validation, projection), the first load with a small file
of your own added, and cached ``plan``, ``show`` and ``transitions``, as ratios to the
curated ``skillgraph path junior senior`` measured in the same run, with peak memory.

    PYTHONPATH=. python benchmarks/esco_fullsize.py [--keep DIR] [--verify]

``generate()`` is reusable: a later benchmark of ``skillgraph plan`` on ESCO-sized data
starts from the same folder.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from skillgraph.importers import import_esco

TARGET_SECONDS = 30.0
REPO = Path(__file__).resolve().parents[1]

OCCUPATIONS = 3_039
SKILLS = 13_939
RELATIONS = 129_000
SKILL_RELATIONS = 5_818
SKILL_GROUPS = (4, 40, 150, 450)  # per level of the skills hierarchy (644 groups)
ISCO_GROUPS = (10, 43, 130, 436)  # per level of ISCO-08 (619 groups)
ESSENTIAL_SHARE = 0.52  # of occupation-skill relations
ESSENTIAL_SKILL_SHARE = 0.12  # of skill-skill relations

ESCO = "http://data.europa.eu/esco/"
WORDS = (
    "data",
    "software",
    "network",
    "cloud",
    "security",
    "system",
    "web",
    "mobile",
    "database",
    "test",
    "design",
    "build",
    "deploy",
    "monitor",
    "analyse",
    "manage",
    "develop",
    "maintain",
    "integrate",
    "document",
    "plan",
    "model",
    "secure",
    "automate",
    "configure",
    "migrate",
    "optimise",
    "review",
    "support",
    "train",
    "lead",
    "architecture",
    "service",
    "interface",
    "application",
    "infrastructure",
    "platform",
    "pipeline",
    "quality",
    "release",
    "incident",
    "risk",
    "compliance",
    "privacy",
    "storage",
    "cache",
    "query",
    "protocol",
    "server",
    "client",
    "kernel",
    "compiler",
    "framework",
    "library",
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _label(rng: random.Random, words: int = 3) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, words + 1)))


def _description(rng: random.Random) -> str:
    sentences = [f'{_label(rng, 6).capitalize()}, "{_label(rng)}" and {_label(rng)}.' for _ in range(3)]
    if rng.random() < 0.2:
        return sentences[0] + "\n" + " ".join(sentences[1:])  # a line break inside the field
    return " ".join(sentences)


def _alt_labels(rng: random.Random) -> str:
    return "\n".join(_label(rng) for _ in range(rng.randint(0, 6)))


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(
    directory: Path,
    *,
    occupations: int = OCCUPATIONS,
    skills: int = SKILLS,
    relations: int = RELATIONS,
    skill_relations: int = SKILL_RELATIONS,
    seed: int = 2024,
) -> dict[str, int]:
    """Write an ESCO-layout CSV folder into ``directory``; return the rows per file."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}

    # ISCO groups: codes 1..9 then one more digit per level
    isco_levels: list[list[str]] = []
    isco_rows, occ_broader = [], []
    for level, size in enumerate(ISCO_GROUPS):
        above = isco_levels[-1] if isco_levels else [""]
        # one more digit under each group of the level above, in turn: codes stay unique
        codes = [f"{above[i % len(above)]}{i // len(above) if level else i}" for i in range(size)]
        isco_levels.append(codes)
        for code in codes:
            isco_rows.append(
                [
                    "ISCOGroup",
                    f"{ESCO}isco/C{code}",
                    code,
                    _label(rng).capitalize(),
                    "released",
                    "",
                    f"{ESCO}concept-scheme/isco,\n{ESCO}concept-scheme/occupations",
                    _description(rng),
                ]
            )
            if level:
                occ_broader.append(
                    ["ISCOGroup", f"{ESCO}isco/C{code}", "ISCOGroup", f"{ESCO}isco/C{code[:-1]}"]
                )
    _write(
        directory / "ISCOGroups_en.csv",
        [
            "conceptType",
            "conceptUri",
            "code",
            "preferredLabel",
            "status",
            "altLabels",
            "inScheme",
            "description",
        ],
        isco_rows,
    )
    counts["ISCOGroups_en.csv"] = len(isco_rows)
    units = isco_levels[-1]

    occupation_uris = [f"{ESCO}occupation/{_uuid(rng)}" for _ in range(occupations)]
    occupation_labels = [f"{_label(rng)} {i}" for i in range(occupations)]
    occupation_rows = []
    for i, uri in enumerate(occupation_uris):
        unit = rng.choice(units)
        occupation_rows.append(
            [
                "Occupation",
                uri,
                unit,
                occupation_labels[i],
                _alt_labels(rng),
                "",
                "released",
                "2024-01-26T09:53:59.172Z",
                f"{ESCO}regulated-professions/unregulated",
                "",
                "",
                f"{ESCO}concept-scheme/occupations,\n{ESCO}concept-scheme/member-occupations",
                _description(rng),
                f"{unit}.{i % 97 + 1}",
            ]
        )
        occ_broader.append(["Occupation", uri, "ISCOGroup", f"{ESCO}isco/C{unit}"])
        if i and rng.random() < 0.15:
            occ_broader.append(["Occupation", uri, "Occupation", occupation_uris[rng.randrange(i)]])
    _write(
        directory / "occupations_en.csv",
        [
            "conceptType",
            "conceptUri",
            "iscoGroup",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "status",
            "modifiedDate",
            "regulatedProfessionNote",
            "scopeNote",
            "definition",
            "inScheme",
            "description",
            "code",
        ],
        occupation_rows,
    )
    _write(
        directory / "broaderRelationsOccPillar_en.csv",
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
        occ_broader,
    )
    counts["occupations_en.csv"] = occupations
    counts["broaderRelationsOccPillar_en.csv"] = len(occ_broader)

    # skill groups in four levels, and the hierarchy file walking them
    group_levels: list[list[tuple[str, str, str]]] = []  # (uri, label, code)
    group_rows, skill_broader, hierarchy_rows = [], [], []
    parents: dict[str, tuple[str, str, str]] = {}
    for size in SKILL_GROUPS:
        groups = []
        for i in range(size):
            parent = group_levels[-1][i % len(group_levels[-1])] if group_levels else None
            code = f"{parent[2]}.{i + 1}" if parent else f"S{i + 1}"
            group = (f"{ESCO}skill/{_uuid(rng)}", _label(rng), code)
            groups.append(group)
            if parent:
                parents[group[0]] = parent
                skill_broader.append(["SkillGroup", group[0], "SkillGroup", parent[0]])
            group_rows.append(
                [
                    "SkillGroup",
                    group[0],
                    group[1],
                    _alt_labels(rng) if rng.random() < 0.2 else "",
                    "",
                    "released",
                    "",
                    "",
                    f"{ESCO}concept-scheme/skills-hierarchy\n{ESCO}concept-scheme/skills",
                    _description(rng) if rng.random() < 0.5 else "",
                    code,
                ]
            )
            path = [group]
            while path[0][0] in parents:
                path.insert(0, parents[path[0][0]])
            cells: list[str] = []
            for uri, label, _ in path:
                cells += [uri, label]
            cells += [""] * (8 - len(cells))
            hierarchy_rows.append([*cells, _description(rng), "", *[g[2] for g in path]])
        group_levels.append(groups)
    _write(
        directory / "skillGroups_en.csv",
        [
            "conceptType",
            "conceptUri",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "status",
            "modifiedDate",
            "scopeNote",
            "inScheme",
            "description",
            "code",
        ],
        group_rows,
    )
    _write(
        directory / "skillsHierarchy_en.csv",
        [
            *[f"Level {i} {what}" for i in range(4) for what in ("URI", "preferred term")],
            "Description",
            "Scope note",
            *[f"Level {i} code" for i in range(4)],
        ],
        hierarchy_rows,  # short rows (fewer codes than levels) as in the official file
    )
    counts["skillGroups_en.csv"] = len(group_rows)
    counts["skillsHierarchy_en.csv"] = len(hierarchy_rows)

    skill_uris = [f"{ESCO}skill/{_uuid(rng)}" for _ in range(skills)]
    skill_labels = [f"{_label(rng)} {i}" for i in range(skills)]
    skill_types = [rng.choice(("skill/competence", "skill/competence", "knowledge", "")) for _ in skill_uris]
    skill_rows = []
    leaves = group_levels[-1] + group_levels[-2]
    for i, uri in enumerate(skill_uris):
        skill_rows.append(
            [
                "KnowledgeSkillCompetence",
                uri,
                skill_types[i],
                rng.choice(("sector-specific", "cross-sector", "occupation-specific", "transversal", "")),
                skill_labels[i],
                _alt_labels(rng),
                "",
                "released",
                "",
                "",
                "",
                "",
                _description(rng),
            ]
        )
        skill_broader.append(["KnowledgeSkillCompetence", uri, "SkillGroup", rng.choice(leaves)[0]])
        if i and rng.random() < 0.4:
            skill_broader.append(
                ["KnowledgeSkillCompetence", uri, "KnowledgeSkillCompetence", skill_uris[rng.randrange(i)]]
            )
    _write(
        directory / "skills_en.csv",
        [
            "conceptType",
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "altLabels",
            "hiddenLabels",
            "status",
            "modifiedDate",
            "scopeNote",
            "definition",
            "inScheme",
            "description",
        ],
        skill_rows,
    )
    _write(
        directory / "broaderRelationsSkillPillar_en.csv",
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
        skill_broader,
    )
    counts["skills_en.csv"] = skills
    counts["broaderRelationsSkillPillar_en.csv"] = len(skill_broader)

    # occupation-skill relations: `relations` rows spread over the occupations
    relation_rows = []
    per_occupation = [relations // occupations] * occupations
    for i in range(relations - sum(per_occupation)):
        per_occupation[i] += 1
    for o, n in enumerate(per_occupation):
        chosen = rng.sample(range(skills), n)
        essential = sorted(chosen[: round(n * ESSENTIAL_SHARE)])
        optional = sorted(chosen[round(n * ESSENTIAL_SHARE) :])
        for kind, indices in (("essential", essential), ("optional", optional)):
            relation_rows += [
                [
                    occupation_uris[o],
                    occupation_labels[o],
                    kind,
                    skill_types[s],
                    skill_uris[s],
                    skill_labels[s],
                ]
                for s in indices
            ]
    _write(
        directory / "occupationSkillRelations_en.csv",
        ["occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel"],
        relation_rows,
    )
    counts["occupationSkillRelations_en.csv"] = len(relation_rows)

    # skill-skill relations; random, so some essential ones close cycles
    pair_rows = []
    for _ in range(skill_relations):
        a, b = rng.sample(range(skills), 2)
        kind = "essential" if rng.random() < ESSENTIAL_SKILL_SHARE else "optional"
        pair_rows.append([skill_uris[a], skill_types[a], kind, skill_types[b], skill_uris[b]])
    _write(
        directory / "skillSkillRelations_en.csv",
        ["originalSkillUri", "originalSkillType", "relationType", "relatedSkillType", "relatedSkillUri"],
        pair_rows,
    )
    counts["skillSkillRelations_en.csv"] = len(pair_rows)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--verify", action="store_true", help="parse the outputs back (pyoxigraph)")
    parser.add_argument("--no-plan", action="store_true", help="skip the commands on the import")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per command (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="esco-fullsize-") as tmp:
        data = args.keep or Path(tmp) / "esco-data"
        started = time.perf_counter()
        counts = generate(data)
        print(f"generated {data} in {time.perf_counter() - started:.1f} s:")
        for name, rows in counts.items():
            size = (data / name).stat().st_size
            print(f"  {name:<36} {rows:>8,} rows {size / 1e6:>8.1f} MB")
        out_dir = args.keep or Path(tmp)
        worst = 0.0
        for suffix in (".nt", ".ttl"):
            output = out_dir / f"esco-fullsize{suffix}"
            report = import_esco(data, output)
            worst = max(worst, report.seconds)
            print(
                f"import -> {output.name}: {report.seconds:.1f} s, "
                f"{output.stat().st_size / 1e6:.1f} MB, {report.triples:,} triples "
                f"({report.occupations:,} occupations, {report.skills:,} skills, "
                f"{report.relations:,} relations, {report.cycles_skipped:,} prerequisite cycles broken)"
            )
            if args.verify:
                import pyoxigraph

                fmt = pyoxigraph.RdfFormat.TURTLE if suffix == ".ttl" else pyoxigraph.RdfFormat.N_TRIPLES
                started = time.perf_counter()
                with output.open("rb") as fh:
                    parsed = sum(1 for _ in pyoxigraph.parse(fh, format=fmt))
                assert parsed == report.triples, (parsed, report.triples)
                took = time.perf_counter() - started
                print(f"  parsed back by pyoxigraph: {parsed:,} triples in {took:.1f} s")
        verdict = "meets" if worst <= TARGET_SECONDS else "misses"
        print(f"slowest import {worst:.1f} s ({verdict} the {TARGET_SECONDS:.0f} s target)")
        if not args.no_plan:
            user_road(out_dir / "esco-fullsize.nt", Path(tmp) / "cache", args.runs)
    return 0


def _measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``cmd`` in a fresh process; return its wall time (s) and peak memory (MB)."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
        "sys.exit(r.returncode)"
    )
    done = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    seconds, kilobytes = done.stdout.split()
    return float(seconds), int(kilobytes) / 1024


def user_road(full: Path, cache: Path, runs: int) -> None:
    """Time the commands a person types on full-size ESCO, in fresh processes, as ratios.

    The full-size import is loaded with the real ESCO ICT extract of the tests (so the names
    are ESCO's own, typed as people type them). The baseline is the curated
    ``skillgraph path junior senior``, measured in the same run.
    """
    real = full.parent / "esco-ict.nt"
    import_esco(REPO / "tests" / "data" / "esco-1.2.0-ict", real)
    own = REPO / "tests" / "data" / "frontend-track.ttl"
    env = dict(os.environ, SKILLGRAPH_CACHE_DIR=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the bytecode a user's first run leaves behind
    sg = [sys.executable, "-m", "skillgraph"]
    data = ["--data", str(full), "--data", str(real)]
    first, first_mb = _measured([*sg, "show", "software architect", *data], env)
    print(f"first load (parse, validation, projection, cache write): {first:.1f} s, peak {first_mb:.0f} MB")
    added, added_mb = _measured([*sg, "show", "software architect", *data, "--data", str(own)], env)
    print(f"first load with a small file of your own added: {added:.1f} s, peak {added_mb:.0f} MB")
    _measured([*sg, "transitions", "software architect", *data], env)  # builds and keeps its index
    commands = {
        "path junior senior (curated)": [*sg, "path", "junior", "senior"],
        'plan --target "software architect" --have "computer programming"': [
            *sg,
            "plan",
            "--target",
            "software architect",
            "--have",
            "computer programming",
            *data,
        ],
        'show "software architect"': [*sg, "show", "software architect", *data],
        'transitions "software architect"': [*sg, "transitions", "software architect", *data],
    }
    _measured(commands["path junior senior (curated)"], env)  # its cache entry
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for _ in range(runs):
        for name, cmd in commands.items():
            seconds, mb = _measured(cmd, env)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], mb)
    base = statistics.median(times["path junior senior (curated)"])
    print(f"cached commands, median of {runs} fresh processes (ratio to the curated path):")
    for name in commands:
        median = statistics.median(times[name])
        print(f"  {name:<68} {median:5.2f} s  {median / base:4.2f}x  peak {peaks[name]:4.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
