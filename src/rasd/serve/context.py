"""What every template gets: interface strings in the chosen language, dates and numbers in the chosen digits,
links, and the pictures — one builder for the server's pages and the standalone HTML export."""
from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .markup import mark_body, mark_sentence
from .svg import digits, network, timeline

HERE = Path(str(resources.files(__package__)))


@functools.cache
def strings() -> dict[str, dict[str, str]]:
    return json.loads((HERE / "strings.json").read_text(encoding="utf-8"))


def hijri(iso: str, lang: str) -> str | None:
    """A Gregorian day in the Umm al-Qura calendar (hijridate; it covers 1924–2077), or None outside it."""
    from datetime import date

    from hijridate import Gregorian

    try:
        h = Gregorian.fromdate(date.fromisoformat(iso)).to_hijri()
    except (OverflowError, ValueError):
        return None
    return f"{h.day} {h.month_name('ar' if lang == 'ar' else 'en')} {h.year} {'هـ' if lang == 'ar' else 'AH'}"


def helpers(lang: str, style: str, href: Callable[[str, str], str], cite: Callable[[dict], str],
            calendar: str = "greg") -> dict[str, Any]:
    """``calendar``: "greg" shows Gregorian dates, "both" adds the Hijri (Umm al-Qura) day beside each."""
    words = strings()

    def t(key: str, **kw) -> str:
        s = words.get(key, {}).get(lang) or key.split(".", 1)[-1]
        return s.format(**{k: digits(v, style) for k, v in kw.items()}) if kw else s

    def when(d: dict | None) -> str:
        if not d or not (d.get("start") or d.get("end")):
            return "?"
        s, e = d.get("start"), d.get("end")
        text = s if s == e else f"{s or '…'} – {e or '…'}"
        if calendar == "both":
            hs, he = (hijri(x, lang) if x else None for x in (s, e))
            if hs or he:
                text += " / " + (hs if s == e else f"{hs or '…'} – {he or '…'}")
        return digits(text, style)

    return {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr", "style": style, "calendar": calendar, "t": t,
            "when": when,
            "n": lambda x: digits(x, style), "href": href, "cite": cite, "mark_body": mark_body,
            "mark_sentence": mark_sentence,
            "timeline_svg": functools.partial(timeline, href=href, label=lambda x: t("type." + x), rtl=lang == "ar",
                                              digit_style=style),
            "network_svg": functools.partial(network, href=href)}


def safe_url(url: str | None) -> str | None:
    """An article's own URL as a link only when it is http(s): article metadata is untrusted."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def show(value: Any) -> str:
    """An attribute value as text: lists joined, mappings as JSON."""
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
