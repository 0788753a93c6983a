"""Domain knowledge kept as data files, loaded once.

Generated files (``calendar.json``) are rebuilt by ``python -m rasd.data.build``; a test regenerates them and
fails if the committed copy differs. Hand-kept lists (``*.txt``) hold one phrase per line; ``#`` starts a comment.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources


def path(name: str):
    return resources.files(__package__).joinpath(name)


@cache
def load_json(name: str):
    return json.loads(path(name).read_text(encoding="utf-8"))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    out = []
    for line in path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("\\#") else line.strip()[1:]
        if line:
            out.append(line)
    return tuple(out)
