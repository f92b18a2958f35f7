"""Progress that persists: a student's self-check answers and exercise results, saved in a small file.

Where it lives: ``~/.ipm_course/progress.json`` in the student's home folder (never in the
repository), or the file named by the environment variable ``IPM_PROGRESS_FILE``. Answers survive a
kernel restart and a closed notebook; on Binder the file goes when the session ends, so students
download it (``report()`` shows a "Download my progress" link).

The file is JSON with a format name and a version number (``FORMAT``, ``VERSION``). Every change reads
the file afresh, changes it and writes it whole to a temporary file that then replaces the old one, so
two notebooks open at once do not overwrite each other's answers and a crash never leaves half a file.
A file that cannot be read, is not valid JSON, or is not a progress file of this course is moved aside
(``progress.json.corrupt-<time>``, kept, never deleted) with a message, and progress starts afresh.
If the folder cannot be written, progress is kept in memory until the kernel stops, with a message.

Storage only: the quiz widget and ``exercises.check`` call ``record_answer`` and ``record_exercise``.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import os
import tempfile
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .. import data, ui
from . import bank, catalogue
from .progress_format import FORMAT, VERSION, _is_int, empty, problem

__all__ = [
    "ENV",
    "FORMAT",
    "VERSION",
    "ProgressWarning",
    "fingerprint",
    "load",
    "path",
    "problem",
    "record_answer",
    "record_exercise",
    "recorded_answer",
    "recorded_answers",
    "report",
    "reset",
    "summary",
    "where",
]

ENV = "IPM_PROGRESS_FILE"
DEFAULT = Path("~") / ".ipm_course" / "progress.json"
DOWNLOAD_NAME = "ipm_progress.json"

try:  # a lock file keeps two kernels from writing at the same moment (not on Windows)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


class ProgressWarning(UserWarning):
    """Something about the progress file that the student should know; progress goes on."""


# Set when the file cannot be written: progress is kept here until the kernel stops.
_memory: dict | None = None
# Messages of this kernel session (a file moved aside, a file that cannot be written), shown by report().
_notices: list[str] = []


def path() -> Path:
    """The progress file: ``$IPM_PROGRESS_FILE`` if set, else ``~/.ipm_course/progress.json``."""
    override = os.environ.get(ENV, "").strip()
    return Path(override).expanduser() if override else DEFAULT.expanduser()


def where() -> str:
    """Where the progress is saved, as a student reads it (the same text on every computer)."""
    if _memory is not None:
        return "in memory only, until the kernel stops (the file could not be written)"
    if os.environ.get(ENV, "").strip():
        return f"in the file named by the environment variable {ENV}"
    return "in " + str(DEFAULT).replace(os.sep, "/")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def _notice(text: str) -> None:
    """Tell the student: a coloured box in a notebook, a ProgressWarning elsewhere."""
    _notices.append(text)
    if _in_notebook():
        from IPython.display import HTML, display

        display(HTML(ui.message_box(f"<b>Progress:</b> {html.escape(text)}", "error")))
    else:
        warnings.warn(text, ProgressWarning, stacklevel=3)


# ------------------------------------------------------------------ reading and checking


def _set_aside(file: Path, reason: str) -> bool:
    """Move an unusable progress file out of the way (kept, never deleted). False if it could not be."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = file.with_name(f"{file.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = file.with_name(f"{file.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(file, aside)
    except FileNotFoundError:
        return True  # another notebook has just set it aside
    except OSError as e:
        _go_to_memory(
            f"Your progress file {file} {reason}, and it could not be moved aside ({e.strerror})."
        )
        return False
    _notice(
        f"Your progress file {file} {reason}. It was kept as {aside.name} in the same folder, "
        "and your progress starts afresh. Nothing else is affected."
    )
    return True


def _go_to_memory(why: str) -> None:
    global _memory
    if _memory is None:
        _memory = empty()
        _notice(f"{why} Your answers are kept until the kernel stops, but not saved.")


def load() -> dict:
    """The stored progress (an empty record if there is none yet). Never raises for a bad file."""
    if _memory is not None:
        return json.loads(json.dumps(_memory))
    file = path()
    try:
        text = file.read_bytes().decode("utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return empty()  # nothing saved yet (or no folder for it: the first write will say so)
    except UnicodeDecodeError:
        reason = "is not a text file"
    except OSError as e:
        reason = f"could not be read ({e.strerror})"
    else:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            reason = f"is damaged: not valid JSON (line {e.lineno}, column {e.colno})"
        except (ValueError, RecursionError):
            reason = "is damaged: not JSON that can be read"
        else:
            found = problem(doc)
            if found is None:
                return doc
            reason = f"cannot be used: {found}"
    if _set_aside(file, reason) or _memory is None:
        return empty()
    return json.loads(json.dumps(_memory))


# ------------------------------------------------------------------ writing


def _write(doc: dict) -> None:
    global _memory
    if _memory is not None:
        _memory = doc
        return
    file = path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=1, sort_keys=True)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, file)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as e:
        _go_to_memory(f"Your progress could not be saved to {file} ({e.strerror}).")
        _memory = doc


@contextlib.contextmanager
def _locked():
    """Hold the progress file's lock while reading, changing and writing it."""
    if fcntl is None or _memory is not None:
        yield
        return
    file = path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = open(file.with_name(file.name + ".lock"), "a")  # noqa: SIM115
    except OSError:
        yield  # the write below reports the folder problem
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ------------------------------------------------------------------ the API


def _question(topic: str, question_id: str) -> dict:
    data.check_name("topic", topic, catalogue.TOPICS)
    by_id = {q["id"]: q for q in bank.questions(topic)}
    data.check_name(f"question of {topic}", question_id, by_id)
    return by_id[question_id]


def fingerprint(question: dict) -> str:
    """A short hash of a question's prompt and options: an answer is restored only to the same question."""
    text = json.dumps(
        [question["prompt"], [(o["text"], bool(o["correct"])) for o in question["options"]]],
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_answer(topic: str, question_id: str, chosen, correct: bool) -> None:
    """Save a checked answer: ``chosen`` are option numbers in the bank's own (unshuffled) order."""
    question = _question(topic, question_id)
    if not isinstance(correct, bool):
        raise TypeError(f"correct must be True or False, not {correct!r}")
    if isinstance(chosen, (str, bytes)) or not hasattr(chosen, "__iter__"):
        raise TypeError(f"chosen must be a list of option numbers, not {chosen!r}")
    chosen = list(chosen)
    n = len(question["options"])
    bad = [i for i in chosen if not _is_int(i) or not 0 <= i < n]
    if bad or not chosen or len(set(chosen)) != len(chosen):
        raise ValueError(
            f"chosen for {topic}/{question_id} must be distinct option numbers from 0 to {n - 1}, "
            f"at least one; got {chosen!r}"
        )
    if question["kind"] == "single" and len(chosen) != 1:
        raise ValueError(f"{topic}/{question_id} is a single-choice question; got {chosen!r}")
    with _locked():
        doc = load()
        doc["answers"].setdefault(topic, {})[question_id] = {
            "chosen": sorted(chosen),
            "correct": correct,
            "question": fingerprint(question),
            "at": _now(),
        }
        _write(doc)


def recorded_answer(topic: str, question_id: str) -> dict | None:
    """The saved answer to this question (``chosen``, ``correct``, ``at``), or None.

    None too when the question has changed since it was answered (its prompt or options differ), or
    when the saved option numbers no longer fit it: an old answer is never shown against a new question.
    """
    _question(topic, question_id)
    return recorded_answers(topic).get(question_id)


def _answers(doc: dict, topic: str) -> dict[str, dict]:
    """The usable saved answers of one topic: to questions still in the bank, unchanged."""
    saved = doc["answers"].get(topic, {})
    found = {}
    for q in bank.questions(topic):
        entry = saved.get(q["id"])
        if (
            entry is not None
            and entry.get("question") == fingerprint(q)
            and all(i < len(q["options"]) for i in entry["chosen"])
        ):
            found[q["id"]] = {
                "chosen": list(entry["chosen"]),
                "correct": entry["correct"],
                "at": entry.get("at"),
            }
    return found


def recorded_answers(topic: str) -> dict[str, dict]:
    """The saved answers of one topic by question id (one read of the file), as ``recorded_answer``."""
    data.check_name("topic", topic, catalogue.TOPICS)
    return _answers(load(), topic)


def record_exercise(name: str, correct: bool) -> None:
    """Save the result of checking an exercise; once solved, it stays solved."""
    from . import exercises  # exercises saves through this module: imported when first needed

    data.check_name("exercise", name, exercises.EXERCISES)
    if not isinstance(correct, bool):
        raise TypeError(f"correct must be True or False, not {correct!r}")
    with _locked():
        doc = load()
        old = doc["exercises"].get(name, {})
        doc["exercises"][name] = {
            "correct": correct,
            "solved": bool(old.get("solved")) or correct,
            "attempts": int(old.get("attempts", 0)) + 1,
            "at": _now(),
        }
        _write(doc)


def reset() -> None:
    """Start afresh: the current file is kept aside as ``progress.json.reset-<time>``, not deleted."""
    global _memory
    if _memory is not None:
        _memory = empty()
        return
    file = path()
    if file.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        os.replace(file, file.with_name(f"{file.name}.reset-{stamp}"))


COLUMNS = ["Notebook", "Questions", "Answered", "Correct", "Exercises", "Exercises done"]


def summary() -> pd.DataFrame:
    """Per notebook of the course: questions in the bank, answered, correct, exercises and those done.

    Only answers to questions still in the bank, unchanged, count; a last row holds the totals.
    """
    from . import exercises

    doc = load()
    rows = []
    for nb in catalogue.NOTEBOOKS:
        topic = nb.name
        questions = bank.questions(topic) if topic in catalogue.TOPICS else []
        answered = list(_answers(doc, topic).values()) if questions else []
        names = [e for e in exercises.EXERCISES if e.split("_", 1)[0] == nb.number]
        done = sum(bool(doc["exercises"].get(e, {}).get("solved")) for e in names)
        if not questions and not names:
            continue
        answered_right = sum(a["correct"] for a in answered)
        row = (len(questions), len(answered), answered_right, len(names), done)
        rows.append((f"{nb.number} {nb.title}", *row))
    table = pd.DataFrame(rows, columns=COLUMNS)
    total = ["Total", *(int(table[c].sum()) for c in COLUMNS[1:])]
    return pd.concat([table, pd.DataFrame([total], columns=COLUMNS)], ignore_index=True)


def export() -> dict:
    """What the download holds: the stored record and the summary table, for handing in."""
    doc = load()
    doc["summary"] = summary().to_dict(orient="records")
    return doc


def download_link(text: str = "Download my progress") -> str:
    """An HTML link that saves the progress as ``ipm_progress.json`` (a data: URI: no server needed)."""
    payload = json.dumps(export(), indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8")
    uri = "data:application/json;base64," + base64.b64encode(payload).decode("ascii")
    return (
        f'<b><a download="{DOWNLOAD_NAME}" href="{uri}" class="ipm-progress-download">'
        f"{html.escape(text)}</a></b>"
    )


class Report:
    """The progress table with the download link; shown as HTML in a notebook, as text elsewhere."""

    def __init__(self):
        self.table = summary()
        self.link = download_link()
        self.where = where()
        self.notices = list(_notices)

    def _repr_html_(self) -> str:
        notices = "".join(ui.message_box(html.escape(n), "error") for n in self.notices)
        return (
            f"{notices}<p><b>Your progress</b> <small>(saved {html.escape(self.where)}; "
            "run this cell again to update it)</small></p>"
            + self.table.to_html(index=False, border=0)
            + f"<p>{self.link} <small>(a file <code>{DOWNLOAD_NAME}</code> you can keep or hand in)"
            "</small></p>"
        )

    def __repr__(self) -> str:
        lines = [
            *self.notices,
            f"Your progress (saved {self.where}):",
            self.table.to_string(index=False),
        ]
        return "\n".join(lines)


def report() -> Report:
    """The progress table and a "Download my progress" link, for notebook 00."""
    return Report()
