"""The docs a newcomer follows stay true: every rule cited exists, every command is in the contract."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

from cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "docs" / "rules.md"
CLI_DOC = ROOT / "docs" / "cli.md"
CODE_DIRS = ("cli", "gui", "models", "services", "tests", "bench", "resources")


def _code_files() -> Iterator[Path]:
    yield ROOT / "main.py"
    for folder in CODE_DIRS:
        yield from (ROOT / folder).rglob("*.py")


def _sections() -> set[str]:
    return set(re.findall(r"^#{2,3} §(\d+(?:\.\d+)?) ", RULES.read_text(encoding="utf-8"), re.M))


def _citations() -> Iterator[tuple[str, str]]:
    """(where, section) for every `docs/rules.md §N[.M]`, and the §s that follow it in one list."""
    cite = re.compile(r"docs/rules\.md((?:(?:\s*[-/,]\s*|\s+(?:then|and)\s+|\s+)§\d+(?:\.\d+)?)+)")
    for path in _code_files():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in cite.finditer(line):
                for section in re.findall(r"§(\d+(?:\.\d+)?)", m.group(1)):
                    yield f"{path.relative_to(ROOT)}:{n}", section


def test_every_cited_rule_exists() -> None:
    """A citation like « docs/rules.md §5.3 » in the code names a section of docs/rules.md."""
    sections = _sections()
    citations = list(_citations())
    assert len(citations) > 150  # the rules are cited, not just a few
    missing = [f"{where}: §{s}" for where, s in citations if s not in sections]
    assert missing == []


def test_the_old_reference_outside_the_repository_is_gone() -> None:
    """No citation points to a file a clone does not have."""
    old = "RULES" + ".md"  # spelled apart, or this file would find itself
    stale = [str(p.relative_to(ROOT)) for p in _code_files() if old in p.read_text(encoding="utf-8")]
    assert stale == []


def test_rules_sections_have_anchors() -> None:
    """Each section carries a stable anchor (s5-3) so that links survive a change of its title."""
    text = RULES.read_text(encoding="utf-8")
    for section in _sections():
        assert f'<a id="s{section.replace(".", "-")}"></a>' in text, section


def _commands(parser: argparse.ArgumentParser, path: list[str]) -> Iterator[tuple[str, list[str]]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        options = [o for a in parser._actions for o in a.option_strings if o.startswith("--")]
        yield " ".join(path), [o for o in options if o not in ("--help", "--json")]
    for action in subs:
        for name, child in action.choices.items():
            yield from _commands(child, [*path, name])


def test_every_command_and_option_is_in_the_contract() -> None:
    """docs/cli.md has a row for every command, and that row names each of its options."""
    rows = [line for line in CLI_DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| `")]
    problems = []
    for command, options in _commands(build_parser(), []):
        row = next(
            (r for r in rows if r.startswith(f"| `{command} ") or r.startswith(f"| `{command}`")), None
        )
        if row is None:
            problems.append(f"{command}: no row")
            continue
        problems += [f"{command}: {o}" for o in options if not re.search(rf"{re.escape(o)}\b", row)]
    assert problems == []
