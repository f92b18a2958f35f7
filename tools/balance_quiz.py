"""Place the correct option of each single-answer question so that its position cannot be guessed.

    python -m tools.balance_quiz data/quiz.json          # rewrite the file, print the balance
    python -m tools.balance_quiz data/quiz.json --check  # only print the balance

Only the position of the correct option changes; the distractors keep their relative order and every
option keeps its own feedback. The position is chosen question by question (in bank order) from a
preference order seeded by the question's id, under two quotas: no position of the stored bank, and
no position on screen after the widget's shuffle (``ipm_lib.course.selfcheck.shuffled_order``), may hold the answer in
more than ``QUOTA`` of the single-answer questions; in no topic may "always the first option" (stored
or shown) score more than ``TOPIC_FIRST`` of the topic's questions; and no topic's answers may follow
one fixed step. The result is reproducible, and not a rotation a student could learn.
"""

from __future__ import annotations

import collections
import json
import random
import sys
import zlib
from pathlib import Path

from ipm_lib.course.selfcheck import shuffled_order

QUOTA = 0.30  # the tests allow 0.35; aiming lower leaves room for new questions
TOPIC_FIRST = (
    0.4  # "always the first option" should score at most this in any topic (pass mark 0.5)
)


def correct_index(q: dict) -> int:
    return next(i for i, o in enumerate(q["options"]) if o["correct"])


def move_correct(q: dict, position: int) -> None:
    options = q["options"]
    right = options.pop(correct_index(q))
    options.insert(position, right)


def rotation(positions: list[int]) -> bool:
    """True if three or more answer positions follow one fixed step (0, 1, 2 or 2, 0, 2 ...)."""
    steps = {(b - a) % 4 for a, b in zip(positions, positions[1:], strict=False)}
    return len(positions) >= 3 and len(steps) == 1


def balance(questions: list[dict]) -> None:
    single = [q for q in questions if q["kind"] == "single"]
    limit = max(1, int(QUOTA * len(single)))
    stored, shown = collections.Counter(), collections.Counter()
    first = collections.Counter()  # (topic, "stored" | "shown") -> questions answered by option 0
    sequence = collections.defaultdict(list)  # topic -> stored answer positions so far
    size = collections.Counter(q["topic"] for q in questions)
    for q in single:
        n = len(q["options"])
        order = shuffled_order(q["id"], n)
        preference = list(range(n))
        random.Random(zlib.crc32(("place:" + q["id"]).encode("utf-8"))).shuffle(preference)

        def cost(p, q=q, order=order):
            """How many limits choosing position ``p`` would break (0 is best)."""
            s = order.index(p)
            cap = TOPIC_FIRST * size[q["topic"]]
            return (
                (stored[p] >= limit)
                + (shown[s] >= limit)
                + (p == 0 and first[(q["topic"], "stored")] + 1 > cap)
                + (s == 0 and first[(q["topic"], "shown")] + 1 > cap)
                + rotation(sequence[q["topic"]] + [p])
            )

        best = min(preference, key=lambda p: (cost(p), preference.index(p)))
        move_correct(q, best)
        stored[best] += 1
        sequence[q["topic"]].append(best)
        shown[order.index(best)] += 1
        first[(q["topic"], "stored")] += best == 0
        first[(q["topic"], "shown")] += order[0] == best


def report(questions: list[dict]) -> str:
    single = [q for q in questions if q["kind"] == "single"]
    stored = collections.Counter(correct_index(q) for q in single)
    shown = collections.Counter(
        shuffled_order(q["id"], len(q["options"])).index(correct_index(q)) for q in single
    )
    longest = sum(
        max(range(len(q["options"])), key=lambda i, q=q: len(q["options"][i]["text"]))
        == correct_index(q)
        for q in single
    )
    lines = [
        f"{len(single)} single-answer questions of {len(questions)}",
        "answer position stored: " + ", ".join(f"{p}: {stored[p]}" for p in sorted(stored)),
        "answer position shown:  " + ", ".join(f"{p}: {shown[p]}" for p in sorted(shown)),
        f"answer is the longest option: {longest} ({longest / len(single):.0%})",
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    path = Path(argv[0])
    doc = json.loads(path.read_text(encoding="utf-8"))
    if "--check" not in argv:
        balance(doc["questions"])
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(doc["questions"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
