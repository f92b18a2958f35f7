"""The self-check content, kept as data: quiz questions (``data/quiz.json``) and branching virtual
patients (``data/cases.json``). Loaded and checked here; the widgets (``quiz``, ``patient``) only show
them. ``python -m ipm_lib validate`` runs ``content_problems`` with the dataset's own checks."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from .. import data
from ..data import DataError, Problem
from ..validate import validate
from .catalogue import TOPICS

__all__ = [
    "TOPICS",
    "case_problems",
    "cases",
    "content_problems",
    "next_node",
    "play",
    "questions",
    "quiz_problems",
    "validate_all",
]


def _read(name: str, folder: Path) -> dict:
    path = folder / name
    if not path.is_file():
        raise DataError(
            Problem(f"{folder.name}/{name}", None, None, "file is missing: restore it from git")
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(
            Problem(f"{folder.name}/{name}", exc.lineno, None, f"not valid JSON: {exc.msg}")
        ) from exc


def quiz_problems(doc: dict, file: str, source_ids: set[str]) -> list[Problem]:
    """Everything wrong with a quiz document (empty list = fine)."""
    problems = []
    questions = doc.get("questions")
    if not isinstance(questions, list) or not questions:
        return [Problem(file, None, "questions", "needs a non-empty list 'questions'")]
    seen = set()
    for i, q in enumerate(questions):
        where = f"questions[{i}]"
        qid = q.get("id")
        if not qid or qid in seen:
            problems.append(Problem(file, None, where, f"id {qid!r} is missing or repeated"))
        seen.add(qid)
        if q.get("topic") not in TOPICS:
            problems.append(
                Problem(
                    file, None, where, f"topic {q.get('topic')!r} is not one of {', '.join(TOPICS)}"
                )
            )
        if not q.get("prompt"):
            problems.append(Problem(file, None, where, "prompt is empty"))
        options = q.get("options") or []
        correct = sum(bool(o.get("correct")) for o in options)
        if not 2 <= len(options) <= 6:
            problems.append(Problem(file, None, where, "needs 2 to 6 options"))
        if q.get("kind") == "single" and correct != 1:
            problems.append(
                Problem(
                    file,
                    None,
                    where,
                    f"a single-choice question needs exactly 1 correct option, has {correct}",
                )
            )
        elif q.get("kind") == "multiple" and correct < 2:
            problems.append(
                Problem(
                    file,
                    None,
                    where,
                    f"a multiple-choice question needs 2 or more correct options, has {correct}",
                )
            )
        elif q.get("kind") not in ("single", "multiple"):
            problems.append(
                Problem(file, None, where, f"kind {q.get('kind')!r} must be 'single' or 'multiple'")
            )
        for j, o in enumerate(options):
            if not o.get("text") or not o.get("feedback"):
                problems.append(
                    Problem(file, None, f"{where}.options[{j}]", "needs text and feedback")
                )
        for s in q.get("source_ids", []):
            if s not in source_ids:
                problems.append(
                    Problem(file, None, where, f"source_id {s!r} is not in sources.csv")
                )
    return problems


def case_problems(doc: dict, file: str, source_ids: set[str]) -> list[Problem]:
    """Everything wrong with a cases document: structure, links, reachability, sources."""
    problems = []
    cases = doc.get("cases")
    if not isinstance(cases, list) or not cases:
        return [Problem(file, None, "cases", "needs a non-empty list 'cases'")]
    for case in cases:
        cid = case.get("id", "?")
        nodes = case.get("nodes") or {}
        if case.get("synthetic") is not True:
            problems.append(Problem(file, None, cid, "every case must be marked synthetic: true"))
        if case.get("start") not in nodes:
            problems.append(
                Problem(file, None, cid, f"start node {case.get('start')!r} does not exist")
            )
            continue
        for nid, node in nodes.items():
            where = f"{cid}.{nid}"
            if node.get("end"):
                if node.get("outcome") not in ("good", "acceptable", "poor"):
                    problems.append(
                        Problem(
                            file, None, where, "an end node needs outcome good, acceptable or poor"
                        )
                    )
            elif not node.get("choices"):
                problems.append(
                    Problem(file, None, where, "a node that is not an end needs choices")
                )
            for ch in node.get("choices", []):
                if ch.get("next") not in nodes:
                    problems.append(
                        Problem(
                            file, None, where, f"choice leads to missing node {ch.get('next')!r}"
                        )
                    )
            for fact in node.get("facts", []):
                if fact.get("source_id") and fact["source_id"] not in source_ids:
                    problems.append(
                        Problem(
                            file,
                            None,
                            where,
                            f"source_id {fact['source_id']!r} is not in sources.csv",
                        )
                    )
        reached, todo = set(), [case["start"]]
        while todo:
            nid = todo.pop()
            if nid in reached or nid not in nodes:
                continue
            reached.add(nid)
            todo.extend(ch.get("next") for ch in nodes[nid].get("choices", []))
        for nid in sorted(set(nodes) - reached):
            problems.append(Problem(file, None, f"{cid}.{nid}", "cannot be reached from the start"))
        if not any(nodes[n].get("end") for n in reached):
            problems.append(Problem(file, None, cid, "no end can be reached"))
    return problems


def content_problems(
    path: str | os.PathLike | None = None, source_ids: set[str] | None = None
) -> list[Problem]:
    """Problems in quiz.json and cases.json; ``source_ids`` saves re-reading sources.csv."""
    folder = data.data_dir(path)
    ids = (
        source_ids
        if source_ids is not None
        else set(data.read_table("sources", folder)["source_id"])
    )
    problems = []
    for name, check in (("quiz.json", quiz_problems), ("cases.json", case_problems)):
        try:
            doc = _read(name, folder)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(check(doc, f"{folder.name}/{name}", ids))
    return problems


def validate_all(path: str | os.PathLike | None = None, today=None) -> list[Problem]:
    """Every problem in the dataset: its tables (``ipm_lib.validate``), the quiz and the cases."""
    problems = validate(path, today)
    try:
        ids = set(data.read_table("sources", data.data_dir(path))["source_id"])
    except DataError:
        ids = set()  # sources.csv is broken: validate() has said how
    problems += content_problems(path, ids)
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or "", p.message))


@cache
def _load(name: str, folder: Path) -> dict:
    doc = _read(name, folder)
    ids = set(data.load("sources", folder)["source_id"])
    check = quiz_problems if name == "quiz.json" else case_problems
    problems = check(doc, f"{folder.name}/{name}", ids)
    if problems:
        raise DataError(problems)
    return doc


def questions(topic: str | None = None, path=None) -> list[dict]:
    """Quiz questions, all or of one notebook topic."""
    doc = _load("quiz.json", data.data_dir(path).resolve())
    if topic is not None:
        data.check_name("topic", topic, TOPICS)
        return [q for q in doc["questions"] if q["topic"] == topic]
    return list(doc["questions"])


def cases(path=None) -> dict[str, dict]:
    """Virtual patients by id."""
    doc = _load("cases.json", data.data_dir(path).resolve())
    return {c["id"]: c for c in doc["cases"]}


def next_node(case: dict, node_id: str, index: int) -> str:
    """The node reached from ``node_id`` by its choice ``index`` (0 = first button): the case engine
    that the virtual-patient widget and the tests share."""
    nodes = case["nodes"]
    data.check_name(f"node of case {case.get('id', '?')!r}", node_id, nodes)
    options = nodes[node_id].get("choices", [])
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(options):
        raise IndexError(
            f"choice {index!r} does not exist at {case.get('id', '?')}.{node_id}: "
            f"there are {len(options)} (0 to {len(options) - 1})"
        )
    return options[index]["next"]


def play(case: dict, choose, max_steps: int = 100) -> list[str]:
    """Play a case from its start until an end node; ``choose(node_id, node)`` returns the index of
    the button pressed at each step. Returns the node ids visited, start and end included."""
    node_id = case["start"]
    path = [node_id]
    for _ in range(max_steps):
        node = case["nodes"][node_id]
        if node.get("end"):
            return path
        node_id = next_node(case, node_id, choose(node_id, node))
        path.append(node_id)
    raise RuntimeError(
        f"case {case.get('id', '?')!r} did not reach an end within {max_steps} steps: "
        f"the choices made loop ({' -> '.join(path[-6:])})"
    )
