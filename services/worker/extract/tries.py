"""Regex alternations rewritten as first-character tries, with the same matches (speed).

Python's regex engine tries an alternation's branches in order, at every position it reaches.
A branch that starts with a literal is rejected by one comparison, but a lexicon pattern has
dozens of branches, many starting with a group ("(?:export|import)\\s+bans?"), and those are
entered each time. Rewritten, `a(?:b|c)|d(?:e|f)` lets the engine reject all but one bucket
by comparing one character each.

The rewrite works on the parsed pattern, with three rules that keep the engine's order of
attempts, hence the same match, the same groups and the same backtracking:

- branches are grouped by the character they start with, in their order within each group:
  at one position only the branches that start with its character can match, so dropping
  the others from the order changes nothing;
- a leading group is distributed over what follows it: `(?:a|b)R` is `aR|bR`;
- a leading greedy optional part is a choice: `(?:x)?R` is `xR|R`, and `x+R` is `xx*R`;
- a leading look-behind takes in the first character: `(?<!a )b` is `b(?<!a b)`;
- a leading `\\b` before word characters is the look-behind `(?<!\\w)`.

The pattern's own top level is rewritten the same way when it starts with `\\b` or a
look-behind: then it starts with characters, which the engine skips to in C, where a leading
assertion costs it an attempt at every position.

A branch that starts otherwise (a named group, a look-around, `\\w`) leaves its alternation
as it is; the alternations inside it are still rewritten. So does anything that would copy a
capturing group (the engine numbers each group once).
"""

from __future__ import annotations

import _sre as _csre  # type: ignore[import-not-found]
import re
from re import _compiler as _sre_compile  # type: ignore[attr-defined]
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _sre  # type: ignore[attr-defined]
from typing import Any, Final

_Items = list[tuple[Any, Any]]
_Expanded = list[tuple[int, _Items]]  # (first character, the rest of the branch)
# A rewrite that would copy more than this many branches is left alone: nested optional parts
# multiply (three of them are eight branches), and a huge pattern is no faster.
_MAX_EXPANDED: Final = 400
_DIGITS: Final = tuple(range(ord("0"), ord("9") + 1))
_REPEATS: Final = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_LOOK_BEHIND: Final = -1  # an assertion's direction
_WORD_CATEGORY: Final = (_c.CATEGORY, _c.CATEGORY_WORD)


def compile_trie(pattern: str, *, ascii_text: bool = False) -> re.Pattern[str]:
    """`pattern` (case-sensitive, no flags) compiled with its alternations as tries; with
    `ascii_text`, it only ever runs on ASCII text (then \\d is [0-9]). Falls back to the
    plain pattern when the rewrite fails, or when the `re` internals it uses differ (another
    Python version)."""
    try:
        return _compiled(pattern, _rewritten(pattern, ascii_text))
    except _REWRITE_ERRORS:
        return re.compile(pattern)


_REWRITE_ERRORS: Final = (AttributeError, re.error, RecursionError, TypeError, ValueError)


def _rewritten(pattern: str, ascii_text: bool) -> Any:
    parsed = _sre.parse(pattern, 0)
    rewriter = _Rewriter(parsed.state, ascii_text)
    return _sre.SubPattern(parsed.state, rewriter.top(list(parsed.data)))


def prefixed_trie(pattern: str) -> re.Pattern[str] | None:
    """`compile_trie(pattern)` when it starts with characters the engine can skip to (a literal
    or a set of first characters) rather than trying the pattern at every position; else
    None."""
    try:
        parsed = _rewritten(pattern, False)
        flags = parsed.state.flags
        literal = _sre_compile._get_literal_prefix(parsed, flags)[0]
        if not literal and _sre_compile._get_charset_prefix(parsed, flags) is None:
            return None
        return _compiled(pattern, parsed)
    except _REWRITE_ERRORS:
        return None


def _compiled(source: str, parsed: Any) -> re.Pattern[str]:
    """`re._compiler.compile` of a parsed pattern, keeping `source` as the pattern's text."""
    state = parsed.state
    index_group: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        index_group[index] = name
    code = _sre_compile._code(parsed, 0)
    flags = state.flags
    return _csre.compile(source, flags, code, state.groups - 1, state.groupdict, tuple(index_group))  # type: ignore[no-any-return]


class _Rewriter:
    def __init__(self, state: Any, ascii_text: bool) -> None:
        self.state = state
        self.ascii_text = ascii_text

    def sub(self, items: _Items) -> Any:
        return _sre.SubPattern(self.state, items)

    def top(self, items: _Items) -> _Items:
        """The pattern's own sequence, as a trie of first characters when it starts with an
        assertion that would cost an attempt at every position (else as `seq` makes it)."""
        if not items or not _leads_with_assertion(items[0]):
            return self.seq(items)
        tries = self.branch([self.sub(items)])
        if len(tries) == 1:
            return tries[0]
        return [(_c.BRANCH, (None, [self.sub(t) for t in tries]))]

    def seq(self, items: _Items) -> _Items:
        """The sequence with every alternation in it rewritten."""
        out: _Items = []
        for op, av in items:
            if op is _c.BRANCH:
                out.append((op, (av[0], [self.sub(a) for a in self.branch(av[1])])))
            elif op is _c.SUBPATTERN:
                group, add, remove, inner = av
                out.append((op, (group, add, remove, self.sub(self.seq(list(inner.data))))))
            elif op in _REPEATS:
                low, high, inner = av
                out.append((op, (low, high, self.sub(self.seq(list(inner.data))))))
            elif op in (_c.ASSERT, _c.ASSERT_NOT):
                out.append((op, (av[0], self.sub(self.seq(list(av[1].data))))))
            else:
                out.append((op, av))
        return out

    def branch(self, alternatives: list[Any]) -> list[_Items]:
        """An alternation's branches as a trie of first characters, or as they are."""
        expanded: _Expanded = []
        for alternative in alternatives:
            found = self.expand(list(alternative.data))
            if found is None or len(expanded) + len(found) > _MAX_EXPANDED:
                return [self.seq(list(a.data)) for a in alternatives]
            expanded += found
        buckets: dict[int, list[_Items]] = {}
        for first, rest in expanded:
            buckets.setdefault(first, []).append(rest)
        return [self.bucket(first, rests) for first, rests in buckets.items()]

    def bucket(self, first: int, rests: list[_Items]) -> _Items:
        head: _Items = [(_c.LITERAL, first)]
        if len(rests) == 1:
            return head + self.seq(rests[0])
        tails = self.branch([self.sub(rest) for rest in rests])
        return [*head, (_c.BRANCH, (None, [self.sub(t) for t in tails]))]

    def expand(self, items: _Items) -> _Expanded | None:
        """The branch as (first character, rest) choices in the engine's order, or None."""
        if not items:
            return None  # an empty branch matches anywhere: no first character
        op, av = items[0]
        rest = items[1:]
        if op is _c.LITERAL:
            return [(av, rest)]
        if op is _c.IN:
            chars = self.members(av)
            if chars is None or (len(chars) > 1 and _has_group(rest)):
                return None
            return [(ch, rest) for ch in chars]
        if op is _c.BRANCH:
            if len(av[1]) > 1 and _has_group(rest):
                return None
            return self.expand_all([list(a.data) + rest for a in av[1]])
        if op is _c.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
            return self.expand(list(av[3].data) + rest)
        if op is _c.MAX_REPEAT:
            return self.expand_repeat(av, rest)
        if op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] == _LOOK_BEHIND:
            return self.expand_look_behind(op, list(av[1].data), rest)
        if op is _c.AT and av is _c.AT_BOUNDARY:
            return self.expand_boundary(rest)
        return None

    def expand_boundary(self, rest: _Items) -> _Expanded | None:
        """`\\b` before a word character is `(?<!\\w)`: no word character before it."""
        found = self.expand(rest)
        if found is None or not all(self.is_word(first) for first, _ in found):
            return None
        return self.look_behind_into(_c.ASSERT_NOT, [(_c.IN, [_WORD_CATEGORY])], found)

    def is_word(self, code: int) -> bool:
        """Whether \\w matches the character (ASCII's \\w under re.ASCII, else Unicode's)."""
        ch = chr(code)
        if self.state.flags & re.ASCII:
            return ch.isascii() and (ch.isalnum() or ch == "_")
        return ch.isalnum() or ch == "_"

    def expand_look_behind(self, op: Any, body: _Items, rest: _Items) -> _Expanded | None:
        """`(?<!x )t` is `t(?<!x t)`: the look-behind, moved past the character, takes it in."""
        found = self.expand(rest)
        return None if found is None else self.look_behind_into(op, body, found)

    def look_behind_into(self, op: Any, body: _Items, found: _Expanded) -> _Expanded | None:
        """The choices `found`, each with the look-behind moved past its first character."""
        if len(found) > 1 and _has_group(body):
            return None
        moved = [(op, (_LOOK_BEHIND, self.sub([*body, (_c.LITERAL, first)]))) for first, _ in found]
        return [(first, [look, *tail]) for look, (first, tail) in zip(moved, found, strict=True)]

    def expand_repeat(self, av: Any, rest: _Items) -> _Expanded | None:
        low, high, inner = av
        body = list(inner.data)
        if low == 0 and high == 1 and not _has_group(rest):
            return self.expand_all([body + rest, rest])  # greedy: with it first, then without
        if low >= 1 and len(body) == 1 and body[0][0] in (_c.LITERAL, _c.IN):
            more = high if high is _c.MAXREPEAT else high - 1
            tail = [(_c.MAX_REPEAT, (low - 1, more, inner))] if more else []
            return self.expand(body + tail + rest)
        return None

    def expand_all(self, branches: list[_Items]) -> _Expanded | None:
        out: _Expanded = []
        for items in branches:
            found = self.expand(items)
            if found is None or len(out) + len(found) > _MAX_EXPANDED:
                return None
            out += found
        return out

    def members(self, items: Any) -> list[int] | None:
        """The characters of a set of literals and ranges (and \\d on ASCII text), in order."""
        chars: list[int] = []
        for op, av in items:
            if op is _c.LITERAL:
                chars.append(av)
            elif op is _c.RANGE and av[1] - av[0] < 64:
                chars.extend(range(av[0], av[1] + 1))
            elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT and self.ascii_text:
                chars.extend(_DIGITS)
            else:
                return None  # a negated set or another category: too many characters
        return list(dict.fromkeys(chars))


def _leads_with_assertion(item: tuple[Any, Any]) -> bool:
    op, av = item
    if op is _c.AT:
        return av is _c.AT_BOUNDARY
    return op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] == _LOOK_BEHIND


def _has_group(items: Any) -> bool:
    """Whether the items hold a capturing group or a reference to one (copying breaks them)."""
    for op, av in items:
        if op is _c.SUBPATTERN and (av[0] is not None or _has_group(av[3])):
            return True
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            return True
        if op is _c.BRANCH and any(_has_group(a) for a in av[1]):
            return True
        if op in _REPEATS and _has_group(av[2]):
            return True
        if op in (_c.ASSERT, _c.ASSERT_NOT) and _has_group(av[1]):
            return True
        if op is _c.ATOMIC_GROUP and _has_group(av):
            return True
    return False
