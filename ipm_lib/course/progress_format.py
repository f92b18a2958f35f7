"""The progress file's format: what a valid record holds (``problem``), and an empty one (``empty``).

The file is JSON: ``{"format": FORMAT, "version": VERSION, "answers": {topic: {question id: {"chosen":
[option numbers], "correct": bool, "question": fingerprint, "at": time}}}, "exercises": {name:
{"correct": bool, "solved": bool, "attempts": n, "at": time}}}``. Reading and writing: ``progress``.
"""

from __future__ import annotations

FORMAT = "ipm-course-progress"
VERSION = 1


def empty() -> dict:
    """A record with nothing answered yet."""
    return {"format": FORMAT, "version": VERSION, "answers": {}, "exercises": {}}


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def problem(doc) -> str | None:
    """What is wrong with a parsed progress document, or None if it is a valid one."""
    if not isinstance(doc, dict):
        return f"it holds a JSON {type(doc).__name__}, not a progress record"
    if doc.get("format") != FORMAT:
        return f'it is not a progress file of this course (no "format": "{FORMAT}")'
    version = doc.get("version")
    if not _is_int(version) or version < 1:
        return f'its "version" is {version!r}, not a whole number from 1'
    if version > VERSION:
        return (
            f"it was written by a newer version of the course (format version {version}; "
            f"this one reads version {VERSION})"
        )
    answers, exercises = doc.get("answers"), doc.get("exercises")
    if not isinstance(answers, dict) or not isinstance(exercises, dict):
        return 'it lacks the "answers" and "exercises" sections'
    for topic, by_id in answers.items():
        if not isinstance(by_id, dict):
            return f"answers for {topic!r} are not a mapping of question ids"
        for qid, entry in by_id.items():
            where_ = f"answer to {topic}/{qid}"
            if not isinstance(entry, dict):
                return f"the {where_} is not a record"
            chosen = entry.get("chosen")
            if (
                not isinstance(chosen, list)
                or not chosen
                or not all(_is_int(i) and i >= 0 for i in chosen)
            ):
                return f"the {where_} has no list of chosen option numbers"
            if not isinstance(entry.get("correct"), bool):
                return f'the {where_} has no true/false "correct"'
    for name, entry in exercises.items():
        if not isinstance(entry, dict):
            return f"the result of exercise {name!r} is not a record"
        if not isinstance(entry.get("correct"), bool) or not isinstance(entry.get("solved"), bool):
            return f'the result of exercise {name!r} has no true/false "correct" and "solved"'
        if not _is_int(entry.get("attempts")) or entry["attempts"] < 1:
            return f"the result of exercise {name!r} has no count of attempts"
    return None
