"""Line-level cleaning of scraped article text.

No library does this for Arabic (jusText drops every Arabic paragraph as too short; trafilatura works on HTML
trees, not on already-flattened text), so it is ours. The decisions come from general signals, never from
particular sentences:

* **position** relative to the prose: lines before the first paragraph (the *head*) hold title, byline,
  dateline, captions, page date and breadcrumbs; lines after the last paragraph (the *tail*) hold share
  buttons, related links, comment forms and sometimes the headline printed again;
* **shape**: word count, sentence-final punctuation, script mix (a short Latin line in an Arabic page),
  link-like text, a date and nothing else;
* **repetition**: a paragraph printed twice, a caption printed twice, a headline repeated as heading or inside
  the breadcrumb, a pull quote that re-words body text;
* **phrase lists** kept as data files (``rasd/data/chrome_*.txt`` …), compared on folded text.

Everything dropped is returned in ``removed`` with its reason and line number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..data import load_json, load_lines
from ..model import Removed
from ..text.fold import arabic_ratio, fold
from .dates import date_only_line, find_dates, read_date_line

_NONWORD = re.compile(r"[^\w\s]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_TERMINAL = re.compile(r"[.!?؟…](?:[\"'”»)\]\s]*)$")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|net|org|ma|dz|tn|sa)\b", re.I)
_HANDLE = re.compile(r"(?:@\w{2,}|\w+@\w+)")
# matched against folded text, so the pattern is folded too (ة → ه …)
_READING_TIME = re.compile(fold(
    r"(?:\d+\s*(?:دقائق|دقيقة|min|mins|minutes?)\b.*(?:قراءة|القراءة|للقراءة|read))"
    r"|(?:(?:دقائق|دقيقة|وقت)\s+(?:ال)?(?:قراءة|للقراءة))|reading time|min read"), re.I)
# a place (one or two words), maybe a date, then an agency in brackets at the head of the first paragraph
_LEAD_AGENCY = re.compile(r"^[^\W\d_]+(?:\s[^\W\d_]+)?\s*(?:[-–—،,][^()\n]{0,30})?\(([^()\n]{1,25})\)\s*[-–—:]")
_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_BREADCRUMB_SEP = re.compile(r"\s[»›>/|]\s|[»›]")
_BULLET = re.compile(r"^[\W_]+", re.UNICODE)
PARA_MIN_WORDS = 6  # a line ending a sentence with at least this many words is prose
PROSE_WORDS = 25  # a line this long is prose even without final punctuation
SHORT_LINE = 12  # phrase-list containment is only tried on lines up to this many words


def key(text: str) -> str:
    """Folded, punctuation-free, space-collapsed form used for phrase lists and repetition."""
    return _SPACE.sub(" ", _NONWORD.sub(" ", fold(text))).strip()


def _clitic_free_tokens(text: str) -> list[str]:
    out = []
    for tok in key(text).split():
        if len(tok) > 3 and tok[0] in "وف":
            tok = tok[1:]
        out.append(tok)
    return out


@cache
def _phrases(name: str) -> frozenset[str]:
    return frozenset(key(p) for p in load_lines(name) if key(p))


@cache
def _prefixes(name: str) -> tuple[str, ...]:
    return tuple(sorted({key(p) for p in load_lines(name) if key(p)}, key=len, reverse=True))


@cache
def _chrome_regex() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in load_lines("chrome_patterns.txt")), re.I)


@cache
def _credit_pattern() -> re.Pattern:
    words = sorted({fold(w) for w in load_lines("credit_markers.txt")}, key=len, reverse=True)
    return re.compile(r"(?:^|[\s(\[\-–—:|/])(?:" + "|".join(re.escape(w) for w in words) + r")(?:$|[\s)\]:\-–—|/])", re.I)


@cache
def _byline_words() -> frozenset[str]:
    return frozenset(key(w) for w in load_lines("byline_markers.txt")) | _agencies()


@cache
def _agencies() -> frozenset[str]:
    return frozenset(key(w) for w in load_lines("agency_markers.txt"))


@cache
def _place_names() -> frozenset[str]:
    """Cities and countries of the knowledge base (data/kb), for datelines of the form "الرباط - هسبريس"."""
    names = [n for p in load_json("kb/places.json")["places"] for n in p["names"]]
    names += [n for c in load_json("kb/countries.json")["countries"] for n in c["names"]]
    return frozenset(key(n) for n in names)


@dataclass(slots=True)
class Line:
    n: int  # 1-based line number in the input
    text: str
    key: str
    words: int
    terminal: bool
    label: str = ""  # body | title | caption | byline | dateline | page_date | chrome … (set by the cleaner)
    reason: str = ""

    @property
    def prose(self) -> bool:
        return (self.terminal and self.words >= PARA_MIN_WORDS) or self.words >= PROSE_WORDS


@dataclass(slots=True)
class Cleaned:
    body: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None
    page_date: str | None = None
    published: str | None = None  # from a line labelled as the publication date, or a dated time beside the title
    published_why: str = "line labelled as the publication date"
    captions: list[str] = field(default_factory=list)
    caption_dates: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each body line in body


def split_lines(text: str) -> list[Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    out = []
    for n, raw in enumerate(text.split("\n"), 1):
        t = raw.strip()
        if t:
            out.append(Line(n, t, key(t), len(t.split()), bool(_TERMINAL.search(t))))
    return out


def is_chrome(line: Line) -> str:
    """Reason the line is web chrome, or ''."""
    k = line.key
    if not k:
        return "chrome: symbols only"
    if k in _phrases("chrome_lines.txt"):
        return "chrome: widget text"
    if _chrome_regex().match(fold(line.text)):
        return "chrome: feed or comment-form notice"
    if line.words <= SHORT_LINE:
        for p in _prefixes("chrome_prefixes.txt"):
            if k.startswith(p):
                return "chrome: link or notice"
        if _READING_TIME.search(fold(line.text)):
            return "chrome: reading time"
        padded = f" {k} "
        for p in _phrases("chrome_lines.txt"):
            if " " in p and f" {p} " in padded:
                residue = padded.replace(f" {p} ", " ").split()
                if all(len(t) <= 2 or t.isdigit() for t in residue):
                    return "chrome: widget text"
        if _URL.fullmatch(line.text.strip()) or (_URL.search(line.text) and line.words <= 4):
            return "chrome: link"
    return ""


def _is_credit(line: Line) -> bool:
    text = fold(line.text)
    return bool(_credit_pattern().search(text) or _HANDLE.search(text)
                or (find_dates(line.text) and (" - " in line.text or "|" in line.text)))


_BYLINE_SPLIT = re.compile(r"\s*[:：]\s*|\s*[-–—|/]\s*")


def byline_parts(line: Line) -> tuple[str, str, str] | None:
    """("byline"|"dateline", name part, marker) for lines like "ناظورسيتي: متابعة", "الرباط-وكالات", "بقلم: فلان"."""
    if line.words > 7 or line.terminal:
        return None
    parts = [p.strip() for p in _BYLINE_SPLIT.split(line.text, maxsplit=1)]
    if len(parts) != 2 or not all(parts):
        return None
    sep = line.text[len(parts[0]):len(line.text) - len(parts[1])].strip()
    markers = _byline_words()
    left, right = key(parts[0]), key(parts[1])
    if right in markers and len(left.split()) <= 4:
        kind = "dateline" if sep and sep[0] in "-–—|/" else "byline"
        return kind, parts[0], parts[1]
    if left in markers and len(right.split()) <= 4:
        return "byline", parts[1], parts[0]
    if sep[:1] in ("-", "–", "—") and left in _place_names() and len(right.split()) <= 3 \
            and not find_dates(right) and not _CLOCK.search(right) and not right.replace(" ", "").isdigit():
        return "dateline", parts[0], parts[1]  # "الرباط - هسبريس": a place, then who reports from there
    return None


def _asks(line: Line) -> bool:
    """A line ending in a question mark: a headline may ask ("إلى أين يتجه التعاون …؟")."""
    return line.text.rstrip().endswith(("؟", "?"))


def _lone_name(line: Line) -> bool:
    """A short run of letters with no punctuation or digits: an author name on its own line."""
    return 1 <= line.words <= 3 and not line.terminal and bool(re.fullmatch(r"[^\W\d_]+(?:\s+[^\W\d_]+){0,2}", line.text))


def _contained(short: Line, others: list[Line], min_share: float) -> Line | None:
    """A longer prose line holding nearly all words of ``short`` (a pull quote or teaser re-wording it)."""
    toks = _clitic_free_tokens(short.text)
    if not toks:
        return None
    for other in others:
        if other is short or other.words < short.words * 0.8 or other.label not in ("", "body"):
            continue
        pool = set(_clitic_free_tokens(other.text))
        if sum(t in pool for t in toks) / len(toks) >= min_share:
            return other
    return None


def clean_text(text: str, known_title: str | None = None) -> Cleaned:
    lines = split_lines(text)
    out = Cleaned(body="")
    arabic_doc = arabic_ratio(text) >= 0.5
    title_key = key(known_title) if known_title else ""

    def drop(line: Line, label: str, reason: str) -> None:
        line.label, line.reason = label, reason

    # 1. chrome by phrase lists and script mix; anything after a comment form is the end of the article.
    end_seen = in_links = False
    strong, links = _phrases("tail_markers.txt"), _phrases("link_block_headers.txt")
    for line in lines:
        if end_seen:
            drop(line, "chrome", "chrome: after end of article")
            continue
        if (line.key in strong or (line.words <= 8 and any(line.key.startswith(m + " ") for m in strong))) \
                and any(x.prose for x in lines if x.n < line.n):
            end_seen = True
            drop(line, "chrome", "chrome: end-of-article marker")
            continue
        if line.key in links:
            in_links = True
            drop(line, "chrome", "chrome: link list header")
            continue
        if in_links:
            if line.words >= 15 and line.terminal and not line.text.rstrip().endswith(("…", "...")):
                in_links = False  # real prose again: the link box was inline
            else:
                drop(line, "chrome", "chrome: link list item")
                continue
        reason = is_chrome(line)
        if not reason and arabic_doc and line.words <= 6 and arabic_ratio(line.text) == 0 and re.search("[A-Za-z]", line.text):
            reason = "chrome: short foreign-script line"
        if reason:
            drop(line, "chrome", reason)
        elif title_key and line.key == title_key:
            drop(line, "title", "title (from metadata)")
            out.title = out.title or known_title

    # 2. exact repetition: the first copy of a prose line stays, later copies go.
    seen: dict[str, Line] = {}
    repeated: set[str] = set()
    for line in lines:
        if line.label:
            continue
        first = seen.setdefault(line.key, line)
        if first is not line:
            repeated.add(line.key)
            if line.prose:
                drop(line, "duplicate", "repeated paragraph")

    live = [x for x in lines if not x.label]
    prose = [x for x in live if x.prose]
    # a headline may ask ("إلى أين يتجه التعاون …؟"): a short question first, with prose after it, is the head
    if len(prose) >= 2 and prose[0] is live[0] and prose[0].words <= 15 and _asks(prose[0]):
        prose = prose[1:]
    if not prose:
        prose = [max(live, key=lambda x: x.words)] if live else []
    first_p = prose[0].n if prose else 10**9
    last_p = prose[-1].n if prose else -1

    # 3. the head: lines before the first paragraph.
    head = [x for x in live if x.n < first_p]
    # date lines, read once: labelled as publishing (head or tail) they date the article; unlabelled in the
    # head they are the page's date (the tail's are read below, after its headline)
    for line in head + [x for x in live if x.n > last_p]:
        got = read_date_line(line.text)
        if got and got[1]:
            drop(line, "published", "publication date line")
            out.published = out.published or got[0].isoformat()
        elif got and line.n < first_p:
            drop(line, "page_date", "page date")
            out.page_date = out.page_date or got[0].isoformat()
    head = [x for x in head if not x.label]
    for line in head:
        if line.key in repeated:
            if _is_credit(line) or line.words > 20:
                drop(line, "caption", "photo caption (printed twice)")
            elif out.title is None:
                drop(line, "title", "title (repeated as heading)")
                out.title = line.text
            else:
                drop(line, "title" if line.key == key(out.title) else "duplicate", "repeated heading")
            continue
        bl = byline_parts(line)
        if bl:
            kind, name, _marker = bl
            drop(line, kind, kind)
            if kind == "dateline":
                out.dateline = out.dateline or line.text
                if key(_marker) in _agencies():  # "الرباط - الجزيرة نت": the named source is the outlet
                    out.outlet = out.outlet or _marker
                elif key(_marker) not in _byline_words():
                    if len(_marker.split()) == 1:  # "الرباط - هسبريس": one word is the outlet
                        out.outlet = out.outlet or _marker
                    else:  # "القاهرة - محمد علي": a name is the correspondent
                        out.byline = out.byline or _marker
            else:
                out.byline = out.byline or line.text
                if _marker and key(_marker) in _phrases("outlet_markers.txt"):
                    out.outlet = out.outlet or name
            continue
        if _is_credit(line) and line.words >= 4:
            drop(line, "caption", "photo caption")
            continue
        if _BREADCRUMB_SEP.search(line.text) and line.words <= 20 and not line.terminal:
            drop(line, "chrome", "chrome: breadcrumb")
            continue
    for line in head:
        if line.label:
            continue
        if out.title and _contains_title(line, out.title):
            drop(line, "chrome", "chrome: breadcrumb (holds the title)")
        elif any(line.key.startswith(h) for h in _prefixes("home_words.txt")):
            drop(line, "chrome", "chrome: breadcrumb")
        elif out.title is None and 3 <= line.words <= 30 and (not line.terminal or _asks(line)):
            drop(line, "title", "title (first line)")
            out.title = line.text
        elif out.byline is None and out.title and _lone_name(line):
            drop(line, "byline", "byline (author name)")
            out.byline = line.text
        elif line.words <= 3:
            drop(line, "chrome", "chrome: short line before the article")
        # longer lines stay: a standfirst or lead is article text

    # a date with its time of day right beside the headline ("2024/03/13 - 10:45" above it) stamps the article; a
    # page header's date (the day the page was served) stands at the top, and without a time
    top = [x for x in lines if x.n < first_p]
    title_n = next((x.n for x in top if x.label == "title"), None)
    stamp = next((x for x in top if x.label == "page_date" and title_n is not None and abs(x.n - title_n) == 1
                  and _CLOCK.search(x.text)), None)
    if stamp is not None and out.published is None:
        out.published, out.published_why = out.page_date, "date and time beside the headline"

    # 4. the tail: after the last paragraph. A headline printed at the end is the title when none was found.
    tail = [x for x in live if x.n > last_p and not x.label]
    if tail and out.title is None:
        cand = tail[0]
        between = [x for x in lines if last_p < x.n < cand.n]
        if 2 <= cand.words <= 30 and not cand.terminal and not any(x.label == "chrome" for x in between):
            drop(cand, "title", "title (headline printed after the article)")
            out.title = cand.text
    tkey = key(out.title) if out.title else ""
    for line in tail:
        if not line.label:
            bl = byline_parts(line)
            if bl:
                drop(line, bl[0], bl[0])
                if bl[0] == "byline":
                    out.byline = out.byline or line.text
                else:
                    out.dateline = out.dateline or line.text
            elif tkey and line.key == tkey:
                drop(line, "title", "title printed again")
            elif (printed := date_only_line(line.text)) is not None:  # "السبت 21 أكتوبر 2023" under the article
                drop(line, "page_date", "page date (after the article)")
                out.page_date = out.page_date or printed.isoformat()
            else:
                drop(line, "chrome", "chrome: trailing line after the article")

    # 5. the middle: captions, pull quotes that re-word body text, repeated short lines.
    middle = [x for x in live if first_p <= x.n <= last_p and not x.label]
    for line in middle:
        if tkey and line.key == tkey:
            drop(line, "title", "title printed again")
        elif not line.prose and line.key in repeated and seen[line.key] is not line:
            drop(line, "duplicate", "repeated line")
        elif not line.prose and _is_credit(line) and line.words >= 3:
            drop(line, "caption", "photo caption")
        elif line.words >= 10 and (not line.terminal or _BULLET.match(line.text)):
            twin = _contained(line, middle, 0.85)
            if twin is not None:
                drop(line, "duplicate", f"pull quote repeating line {twin.n}")

    # 6. assemble.
    pieces: list[str] = []
    pos = 0
    for line in lines:
        if line.label in ("", "body"):
            line.label = "body"
            if pieces:
                pos += 2
            out.paragraphs.append((pos, pos + len(line.text)))
            pieces.append(line.text)
            pos += len(line.text)
        else:
            out.removed.append(Removed(line.text, f"{line.reason} [line {line.n}]"))
            if line.label == "caption":
                if line.text not in out.captions:
                    out.captions.append(line.text)
                    out.caption_dates += [d.isoformat() for _s, _e, d in find_dates(line.text)]
    out.body = "\n\n".join(pieces)
    if out.outlet is None and pieces:  # "أبوظبي (أ ف ب) - وصل …": the agency named in the lead's dateline
        m = _LEAD_AGENCY.match(pieces[0])
        if m and key(m.group(1)) in _agencies():
            out.outlet = m.group(1).strip()
    if out.title and key(out.title) and out.body and key(out.title) == key(pieces[0]):
        out.title = None  # a paragraph is never a title
    return out


def _contains_title(line: Line, title: str) -> bool:
    tk = key(title)
    return bool(tk) and tk in line.key and line.key != tk
