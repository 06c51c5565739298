"""kvk site: the static public innsyn site, from the public records only.

    index.html               the municipality: bodies, the latest meetings, data and feeds
    utvalg/<id>.html         a body: its members (with party) and its meetings
    moter/index.html         the meeting calendar, by year
    moter/<id>.html          a meeting: agenda, vedtak, votes by party, the public document
    moter/<id>/innkalling.html, protokoll.html   the public documents (kvk's render path)
    saker/index.html, saker/<år>-<nr>.html       each case: its saksgang across bodies, its vedtak
    saker/<år>-<nr>/saksframlegg.html            the public saksframlegg
    partier.html             how each party voted in every roll call
    styringskort.html        the scorecard, where the repository has indicators
    sok.html                 search: Pagefind's index when served, the small index
                             sok-indeks.js (loaded with a <script> tag) from file://
    kalender/, protokoller.atom, popolo.json     the feeds and open data of kvk export

Pages are made from the public records (source.py) and the documents through kvk's render path
in its public variant; draft minutes (utkast) are never published. The site is built aside and
moved into place (output.py): a failed build leaves the previous site untouched, and a rebuild
keeps every file whose bytes did not change.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from markupsafe import Markup

from . import feeds, output, popolo
from .export import Result, drafts
from .source import Published, public_records
from .words import WORDS

STATIC = Path(__file__).resolve().parent / "static"
TEMPLATES = "site"


# --- addresses -------------------------------------------------------------------------------

def case_page(saksnr: str) -> str:
    year, seq = saksnr.split("/")
    return f"saker/{year}-{int(seq):04d}.html"


def meeting_page(mid: str) -> str:
    return f"moter/{mid}.html"


def body_page(bid: str) -> str:
    return f"utvalg/{bid}.html"


# --- views: plain data for the templates ------------------------------------------------------

class Views:
    def __init__(self, pub: Published, repo: Any):
        self.pub = pub
        self.repo = repo
        self.w = WORDS[pub.maalform]
        self.cases = {s.saksnr: s for s in pub.cases()}

    def person(self, pid: str | None) -> dict:
        return {"navn": self.pub.name(pid), "parti": self.pub.party(pid)}

    def meeting_ref(self, m: Any) -> dict:
        tid = f"{self.w['kl']} {m.start:%H.%M}" + (f"–{m.slutt:%H.%M}" if m.slutt else "") if m.start else ""
        return {"id": m.id, "url": meeting_page(m.id), "dato": m.moetedato, "tid": tid,
                "utvalg": self.pub.body_name(m.utvalg), "utvalg_url": body_page(m.utvalg),
                "sted": ", ".join(x for x in (m.moetested, m.rom) if x),
                "tittel": self.pub.plain(m.tittel) or "",
                "protokoll": self.pub.minutes_published(m)}

    def body(self, body: Any) -> dict:
        return {"id": body.id, "navn": body.navn, "url": body_page(body.id), "type": body.type,
                "medlemmer": [{**self.person(m.person), "rolle": m.rolle} for m in body.medlemmer],
                "moeter": [self.meeting_ref(m) for m in self.pub.meetings_of(body.id)],
                "kalender": f"kalender/{body.id}.ics"}

    def votes(self, item: Any) -> list[dict]:
        if not self.pub.votes_public(item):
            return []
        proposals = {f.id: f for f in item.forslag if f.id}
        out = []
        for v in item.votering:
            over = proposals.get(v.over) if v.over else None
            parties: dict[str, dict[str, int]] = {}
            for s in v.stemmer:
                party = self.pub.party(s.person) or "–"
                parties.setdefault(party, {"ja": 0, "nei": 0, "blankt": 0})[s.stemme] += 1
            out.append({
                "over": (self.pub.hidden(item, "forslag") or self.pub.plain(over.tekst)) if over else
                        (v.over if v.over and v.over != "innstillingen" else None),
                "resultat": self.w[v.resultat] if v.resultat else None,
                "enstemmig": bool(v.enstemmig), "for": v.for_, "mot": v.mot, "blankt": v.blankt,
                "partier": [{"parti": p, **c} for p, c in sorted(parties.items())],
                "stemmer": [{**self.person(s.person), "stemme": self.w[s.stemme] if s.stemme != "blankt"
                             else self.w["blankt"]} for s in v.stemmer],
                "mindretall": self.pub.plain(v.mindretall)})
        return out

    def meeting(self, m: Any, documents: dict[str, str]) -> dict:
        minutes = self.pub.minutes_published(m)
        items = []
        for item in m.saker:
            sak = self.cases.get(item.sak) if item.sak else None
            items.append({
                "nr": item.nr, "tittel": self.pub.title(item),
                "sak": item.sak, "sak_url": case_page(item.sak) if sak is not None else None,
                "vedtak": self.pub.vedtak(item) if minutes else None,
                "votes": self.votes(item) if minutes else []})
        return {**self.meeting_ref(m), "saker": items, "documents": documents,
                "utkast": m.dokumenttype != "innkalling" and not minutes}

    def saksgang(self, sak: Any) -> list[dict]:
        """The case's way through the bodies: what it was sent to (saksgang), where it was on an
        agenda, and what each body decided there (from published minutes, or the case's own
        record of the behandling)."""
        rows: dict[tuple, dict] = {}

        def row(utvalg: str, dato) -> dict:
            key = (dato.isoformat() if dato else "9999", utvalg)
            if key not in rows:
                rows[key] = {"utvalg": self.pub.body_name(utvalg), "utvalg_url": body_page(utvalg), "dato": dato,
                             "utvalgssaksnr": None, "rolle": None, "moete_url": None, "vedtak": None}
            return rows[key]

        for step in sak.saksgang:
            r = row(step.utvalg, step.moetedato)
            r["utvalgssaksnr"] = step.utvalgssaksnr
            r["rolle"] = step.rolle
        for b in sak.behandlinger:
            r = row(b.utvalg, b.moetedato)
            r["utvalgssaksnr"] = r["utvalgssaksnr"] or b.utvalgssaksnr
            if b.vedtak is not None:
                r["vedtak"] = self.pub.hidden(b, "vedtak") or self.pub.plain(b.vedtak.tekst)
        for m, item in self.pub.items_of_case(sak.saksnr):
            r = row(m.utvalg, m.moetedato)
            r["moete_url"] = meeting_page(m.id)
            r["utvalgssaksnr"] = r["utvalgssaksnr"] or item.nr
            if self.pub.minutes_published(m):
                decided = self.pub.vedtak(item)
                if decided:
                    r["vedtak"] = decided
            else:
                r["vedtak"] = None  # a draft's decision is not the public's yet
        return [rows[k] for k in sorted(rows)]

    def case(self, sak: Any, documents: dict[str, str]) -> dict:
        return {"saksnr": sak.saksnr, "url": case_page(sak.saksnr), "tittel": self.pub.title(sak),
                "saksbehandler": self.pub.name(sak.saksbehandler), "dato": sak.dato,
                "saksgang": self.saksgang(sak), "documents": documents}

    def party_votes(self) -> list[dict]:
        """Every roll call of published minutes, with each party's ja / nei / blankt."""
        out = []
        for m in self.pub.meetings():
            if not self.pub.minutes_published(m):
                continue
            for item in m.saker:
                for v in self.votes(item):
                    if v["partier"]:
                        out.append({"moete": self.meeting_ref(m), "nr": item.nr, "tittel": self.pub.title(item),
                                    **v})
        return out


# --- the documents, through kvk's render path -------------------------------------------------

def documents_of_meeting(renderer: Any, pub: Published, m: Any) -> dict[str, str]:
    from ..render import Options

    opts = Options(fmt="html", maalform=pub.maalform, public=True)
    out = {"innkalling": renderer.render("agenda", m, pub.index, opts)}
    if pub.minutes_published(m):
        out["protokoll"] = renderer.render("minutes", m, pub.index, opts)
    return out


def body_of(html: str) -> str:
    """What stands between <body> and </body> of a rendered document."""
    found = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    return found.group(1).strip() if found else ""


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# --- search -----------------------------------------------------------------------------------

def search_index(entries: list[dict]) -> str:
    """The small index for file://: a script that sets one global, loaded with a <script> tag
    (a page opened from a file may not fetch files beside it)."""
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    # '</' inside a script would end it: JSON allows the escaped form
    return "window.KVK_SOK = " + data.replace("</", "<\\/") + ";\n"


def pagefind(folder: Path) -> dict[str, bytes]:
    """Pagefind's index of the built pages (pagefind/…), or nothing where it is not installed
    (the site then searches with its own index only)."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        return {}
    with tempfile.TemporaryDirectory(prefix="kvk-pagefind-") as out:
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(folder), "--output-path", out],
                              capture_output=True, text=True)
        if done.returncode != 0:
            from ..diagnostics import KvkError

            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise KvkError(f"Pagefind could not index the site: {tail[0]}")
        return {f"pagefind/{p.relative_to(out).as_posix()}": p.read_bytes()
                for p in sorted(Path(out).rglob("*")) if p.is_file()}


# --- the build --------------------------------------------------------------------------------

def pages(repo: Any, pub: Published) -> tuple[dict[str, str | bytes], list[dict]]:
    """{file: content} of every page, and the search entries."""
    from ..render import Renderer
    from ..render.environment import make_environment, render_template
    from .. import layout

    env = make_environment("html", pub.maalform, layout.templates_dir(repo.root))
    renderer = Renderer(repo.root, repo.config)
    views = Views(pub, repo)
    w = views.w
    site = {"navn": pub.config.organisasjon, "lang": pub.maalform}
    has_scorecard = any(True for _ in pub.index.all("indicators"))
    out: dict[str, str | bytes] = {}
    search: list[dict] = []

    def page(rel: str, template: str, **values: Any) -> None:
        depth = rel.count("/")
        out[rel] = render_template(env, f"{TEMPLATES}/{template}", repo.root, w=w, site=site,
                                   up="../" * depth, here=rel, scorecard=has_scorecard, **values)

    bodies = [views.body(b) for b in pub.bodies()]
    meetings = []
    for m in pub.meetings():
        docs = documents_of_meeting(renderer, pub, m)
        links = {}
        for kind, html in docs.items():
            rel = f"moter/{m.id}/{kind}.html"
            out[rel] = html
            # the document is kvk's own public rendering, escaped as it was made
            links[kind] = {"url": rel, "body": Markup(body_of(html))}
        view = views.meeting(m, links)
        meetings.append(view)
        page(meeting_page(m.id), "moete.html.j2", m=view)
        shown = docs.get("protokoll") or docs["innkalling"]
        search.append({"t": f"{view['utvalg']} {m.moetedato.strftime('%d.%m.%Y')}", "u": meeting_page(m.id),
                       "k": w["moete"], "x": text_of(body_of(shown))})
    from ..render import Options

    opts = Options(fmt="html", maalform=pub.maalform, public=True)
    cases = []
    for sak in pub.cases():
        rel = f"saker/{sak.saksaar}-{sak.sakssekvensnummer:04d}/saksframlegg.html"
        html = renderer.render("case", sak, pub.index, opts)
        out[rel] = html
        view = views.case(sak, {"saksframlegg": {"url": rel}})
        cases.append(view)
        page(case_page(sak.saksnr), "sak.html.j2", sak=view)
        search.append({"t": f"{sak.saksnr} {view['tittel']}", "u": case_page(sak.saksnr), "k": w["sak"],
                       "x": text_of(body_of(html))})
    for b in bodies:
        page(b["url"], "utvalg.html.j2", body=b)
        search.append({"t": b["navn"], "u": b["url"], "k": w["utvalg"],
                       "x": " ".join(f"{p['navn']} {p['parti'] or ''}" for p in b["medlemmer"])})
    page("index.html", "index.html.j2", bodies=bodies, meetings=list(reversed(meetings))[:10])
    page("moter/index.html", "moeter.html.j2", meetings=meetings)
    page("saker/index.html", "saker.html.j2", cases=cases)
    page("partier.html", "partier.html.j2", votes=views.party_votes())
    page("sok.html", "sok.html.j2")
    if has_scorecard:
        from ..indicators.report import load_report
        from ..render.scorecard import view as scorecard_view

        # the scorecard's own view, in the site's frame; its findings are for the people who
        # keep the indicators (they name files), not for the public page
        card = scorecard_view(load_report(repo), f"{w['styringskort']} – {pub.config.organisasjon}")
        page("styringskort.html", "styringskort.html.j2", title=card["title"], rows=card["rows"])
    return out, search


def build(repo: Any, target: Path) -> Result:
    """Check the repository, then build the whole site aside and move it into place."""
    output.check_replaceable(Path(target).absolute())
    pub = public_records(repo)
    made, search = pages(repo, pub)
    made["sok-indeks.js"] = search_index(search)
    made["sok.js"] = (STATIC / "sok.js").read_bytes()
    made["site.css"] = (STATIC / "site.css").read_bytes()
    made.update(feeds.calendars(pub))
    made["protokoller.atom"] = feeds.atom(pub)
    made["popolo.json"] = json.dumps(popolo.popolo(pub), ensure_ascii=False, indent=2) + "\n"
    with output.build(target) as out:
        for rel, data in sorted(made.items()):
            out.write(rel, data)
        for rel, data in pagefind(out.folder).items():
            out.write(rel, data)
    return Result(folder=out.target, written=sorted(out.written), unchanged=sorted(out.unchanged),
                  removed=out.removed_files, drafts=drafts(pub))
