"""No Celery ETA or countdown longer than five minutes anywhere in the code.

A task held back for hours lives only in the broker (Redis holds it, a lost broker loses
it); the database remembers what is still to be sent and a short kick hands it out again.
The scanner reads the source as text, so it also catches a countdown built in a dict or
passed through ``apply_async``; a name is followed to its module-level number.
"""

import ast
import re
from pathlib import Path

import pytest

from reminders import tasks

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGES = ("config", "union", "plans", "emulation", "reminders")
LIMIT_SECONDS = 300

# countdown=600, eta=60 * 10, "countdown": 900, countdown=BACKOFF, eta=self.delay
CALL = re.compile(
    r"""["']?\b(?P<key>countdown|eta)\b["']?\s*[=:]\s*"""
    r"""(?P<value>\d[\d_]*(?:\.\d+)?(?:\s*[*+]\s*\d[\d_]*(?:\.\d+)?)*|[A-Za-z_][\w.]*)"""
)


def source_files():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def seconds(expression: str) -> float:
    """The value of ``60 * 10`` or ``300``: numbers joined by * and + only."""

    def value(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            return value(node.left) * value(node.right)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return value(node.left) + value(node.right)
        raise ValueError(expression)

    return value(ast.parse(expression, mode="eval").body)


def module_constants(source: str) -> dict[str, float]:
    """Names bound at module level to a number (``LEASE = 5 * 60``)."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
            node.targets[0], ast.Name
        ):
            try:
                found[node.targets[0].id] = seconds(ast.unparse(node.value))
            except ValueError:
                continue
    return found


def long_delays(source: str, *, path: str = "<string>") -> list[str]:
    """Every ``countdown=``/``eta=`` whose number, or whose name's number, is over the limit."""
    constants = module_constants(source)
    problems = []
    for number, line in enumerate(source.splitlines(), start=1):
        for match in CALL.finditer(line):
            text = match["value"]
            amount = constants.get(text) if not text[0].isdigit() else seconds(text)
            if amount is not None and amount > LIMIT_SECONDS:
                problems.append(f"{path}:{number}: {match[0].strip()} ({amount:g} s)")
    return problems


def test_no_source_file_holds_a_task_back_longer_than_five_minutes():
    files = list(source_files())
    assert any(f.name == "tasks.py" for f in files), "the scan found the code"
    problems = [
        problem for path in files
        for problem in long_delays(path.read_text(encoding="utf-8"),
                                   path=str(path.relative_to(ROOT)))
    ]
    assert problems == []


def test_the_delivery_backoff_stays_within_five_minutes():
    assert tasks.BACKOFF_SECONDS
    assert all(0 < delay <= LIMIT_SECONDS for delay in tasks.BACKOFF_SECONDS)


@pytest.mark.parametrize("source", [
    "deliver_task.apply_async(args=[1], countdown=301)",
    "self.retry(exc=error, countdown=60 * 6)",
    "task.apply_async(eta=3600)",
    'task.apply_async(**{"countdown": 900})',
    "LATER = 10 * 60\n\ntask.apply_async(countdown=LATER)",
    "task.apply_async(countdown=1_000)",
])
def test_the_scanner_catches_a_long_delay(source):
    assert len(long_delays(source)) == 1


@pytest.mark.parametrize("source", [
    "self.retry(countdown=300)",
    "self.retry(countdown=countdown)",
    "SOON = 5 * 60\n\ntask.apply_async(countdown=SOON)",
    "task.apply_async(eta=timezone.now())",
    "countdown_label = 900",
])
def test_the_scanner_lets_a_short_or_unknown_delay_through(source):
    assert long_delays(source) == []


def test_a_long_countdown_in_a_source_file_fails_the_scan(tmp_path):
    bad = tmp_path / "tasks.py"
    bad.write_text("def later(task):\n    task.apply_async(countdown=301)\n", encoding="utf-8")
    assert long_delays(bad.read_text(encoding="utf-8"), path="tasks.py") == [
        "tasks.py:2: countdown=301 (301 s)"]
