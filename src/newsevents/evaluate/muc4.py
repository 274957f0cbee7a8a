"""`eval muc4`: document-level templates on MUC-4 (docs/EVAL.md section 2).

The pipeline reads each processed message (lower case, dateline removed) published on the
date of its original dateline; its events become templates through data/muc4_map.yaml.

- Role fillers are scored as GRIT's scorer does (CEAF-REE): per document and role, an
  optimal one-to-one alignment of predicted fillers to gold entities, a filler matching an
  entity when it equals one of the entity's mentions after GRIT's normalisation (case,
  punctuation, articles, spaces); micro P/R/F1 over the five roles. The gold entities of a
  document are those of its templates merged as GRIT's preprocessing merges them (an
  entity whose mentions are a subset or superset of a kept one's is that entity).
- Incident types as GTT counts them: per document, predicted and gold templates aligned one
  to one on their type; P/R/F1 overall and per type.
- Incident date and location from the raw answer keys: each key template is paired with a
  predicted template of its type; the date counts when it falls in the key's range or equals
  an alternative, the location when the event's place, region or country is the key's most
  specific named place (or an alternative).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsevents.data_files import as_data_errors, package_data, read_yaml_mapping
from newsevents.errors import DataFileError
from newsevents.evaluate.calibration import Scored, calibration_rows
from newsevents.evaluate.common import EvalOptions, gold_path, read_json_lines
from newsevents.evaluate.metrics import max_matching, normalise_filler, stable_sample
from newsevents.evaluate.report import Report, Row, prf_rows, rate
from newsevents.ingest import make_article
from newsevents.records import Article, Event

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
TYPES = ("attack", "bombing", "kidnapping", "arson", "robbery", "forced work stoppage")
GRIT = (0.6419, 0.4736, 0.5450)  # role fillers, MUC-4 test (Du et al., EACL 2021)
GTT_TYPE_F1 = 0.6744
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}
_KEY_DATE = re.compile(r"(\d{1,2})\s+([A-Z]{3})\s+(\d{2})")
_SLOT = re.compile(r"^(\d+)\.\s+([A-Z][A-Z :]*?[A-Z])\s{2,}(.*)$")
_MESSAGE_ID = re.compile(r"^\s*((?:DEV|TST\d)-MUC\d-\d{4})\b")
_DATELINE = re.compile(r",\s*(\d{1,2})\s+([A-Z]{3})\s+(\d{2})\b")


@dataclass(frozen=True)
class GoldTemplate:
    """One gold template of the processed data: type alternatives and role entities."""

    types: tuple[str, ...]
    roles: dict[str, tuple[tuple[str, ...], ...]]  # role -> entities -> mentions


@dataclass(frozen=True)
class MucDoc:
    """One processed MUC-4 message."""

    docid: str
    text: str
    templates: tuple[GoldTemplate, ...]


DateRange = tuple[dt.date | None, dt.date]  # (first day or None for "on or before", last day)


@dataclass(frozen=True)
class KeyTemplate:
    """What the raw answer key says of one incident: its type, date and place."""

    types: tuple[str, ...]
    dates: tuple[DateRange, ...]  # alternatives
    places: tuple[str, ...]  # most specific named place of each alternative, normalised


@dataclass(frozen=True)
class PredTemplate:
    """One predicted event as a MUC-4 template."""

    type: str
    roles: dict[str, tuple[str, ...]]
    date: dt.date | None
    places: tuple[str, ...]  # the event's location, region and country, normalised


@dataclass(frozen=True)
class MucMap:
    """The contents of data/muc4_map.yaml."""

    incident_types: dict[str, str]
    split_types: dict[str, tuple[str, tuple[tuple[str, re.Pattern[str]], ...]]]
    weapon_subtypes: frozenset[str]  # sub-types whose weapon can change the type
    weapon_types: tuple[tuple[str, re.Pattern[str]], ...]  # MUC-4 type, weapon words
    roles: dict[str, str]
    person_heads: frozenset[str]
    statuses: frozenset[str]
    modalities: frozenset[str]


# -- data ----------------------------------------------------------------------------------


def _words_regex(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_map() -> MucMap:
    """Load data/muc4_map.yaml (how events become MUC-4 templates)."""
    path = package_data("muc4_map.yaml")
    raw = read_yaml_mapping(path)
    with as_data_errors(path, "MUC-4 map"):
        splits = {
            str(sub): (
                str(spec["default"]),
                tuple((str(t), _words_regex(map(str, words))) for t, words in spec["cues"].items()),
            )
            for sub, spec in raw["split_types"].items()
        }
        mapping = MucMap(
            incident_types={str(k): str(v) for k, v in raw["incident_types"].items()},
            split_types=splits,
            weapon_subtypes=frozenset(map(str, raw["weapon_types"]["applies_to"])),
            weapon_types=tuple(
                (str(t), _words_regex(map(str, words)))
                for t, words in raw["weapon_types"]["cues"].items()
            ),
            roles={str(k): str(v) for k, v in raw["roles"].items()},
            person_heads=frozenset(str(w).lower() for w in raw["person_heads"]),
            statuses=frozenset(map(str, raw["statuses"])),
            modalities=frozenset(map(str, raw["modalities"])),
        )
    targets = set(mapping.incident_types.values()) | {d for d, _ in splits.values()}
    targets |= {t for t, _ in mapping.weapon_types}
    bad = targets - set(TYPES) | set(mapping.roles.values()) - set(ROLES)
    if bad:
        raise DataFileError(f"{path}: unknown MUC-4 types or roles {sorted(bad)}")
    return mapping


def _types(value: str) -> tuple[str, ...]:
    return tuple(t.strip().lower() for t in value.split("/") if t.strip())


def load_docs(path: Path) -> list[MucDoc]:
    """The processed documents (GRIT/GTT JSON Lines: docid, doctext, templates)."""
    docs: list[MucDoc] = []
    for obj in read_json_lines(path):
        templates = []
        for t in obj.get("templates", []):
            roles = {
                role: tuple(
                    tuple(str(m[0]) for m in entity) for entity in t.get(role, []) if entity
                )
                for role in ROLES
            }
            templates.append(GoldTemplate(_types(str(t["incident_type"])), roles))
        docs.append(MucDoc(str(obj["docid"]), str(obj["doctext"]), tuple(templates)))
    return docs


def _key_date(day: str, month: str, year: str) -> dt.date | None:
    if month not in _MONTHS:
        return None
    try:
        return dt.date(1900 + int(year), _MONTHS[month], int(day))
    except ValueError:
        return None


def parse_key_dates(value: str) -> tuple[DateRange, ...]:
    """A key's INCIDENT: DATE as alternatives of (first, last) day; first None = on or before.

    Forms: "02 FEB 90", "01 FEB 90 - 02 FEB 90", "- 02 FEB 90", and alternatives
    "(A) / (B)"; "*" and "-" give none.
    """
    out: list[DateRange] = []
    for alt in value.split("/"):
        text = alt.strip().strip("()").strip()
        found = [(m, _key_date(*m.groups())) for m in _KEY_DATE.finditer(text)]
        days = [d for _, d in found if d is not None]
        if not days:
            continue
        if len(days) >= 2:
            out.append((min(days), max(days)))
        elif text.startswith("-"):
            out.append((None, days[0]))
        else:
            out.append((days[0], days[0]))
    return tuple(out)


def place_key(name: str) -> str:
    """A place name for comparison: no accents, punctuation or case."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", plain.lower()).split())


def _top_level_split(value: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    i = 0
    while i < len(value):
        ch = value[i]
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and value.startswith(sep, i):
            parts.append("".join(current))
            current = []
            i += len(sep)
            continue
        current.append(ch)
        i += 1
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def parse_key_location(value: str) -> tuple[str, ...]:
    """The most specific named place of each alternative of a key's INCIDENT: LOCATION.

    "GUATEMALA: PETEN (DEPARTMENT): FLORES (CITY)" -> ("flores",); a dash between two
    places ("CUCUTA (CITY) - CAMPANARIO (REGION)") gives both.
    """
    names: list[str] = []
    for alt in _top_level_split(value.strip(), "/"):
        if alt.startswith("(") and alt.endswith(")"):
            alt = alt[1:-1]
        if alt in ("*", "-", ""):
            continue
        last = _top_level_split(alt, ":")[-1]
        for piece in _top_level_split(last, " - "):
            name = place_key(re.sub(r"\([^()]*\)", " ", piece))
            if name and name not in names:
                names.append(name)
    return tuple(names)


def parse_keys(text: str) -> dict[str, list[KeyTemplate]]:
    """The raw answer-key file: message id -> its templates (none for "TEMPLATE *")."""
    keys: dict[str, list[KeyTemplate]] = {}
    for block in re.split(r"\n\s*\n", text):
        slots: dict[str, str] = {}
        last: str | None = None
        for line in block.splitlines():
            if line.startswith(";"):
                continue
            match = _SLOT.match(line.strip())
            if match:
                last = match.group(2).strip()
                slots[last] = match.group(3).strip()
            elif last is not None and line.strip():
                slots[last] += " " + line.strip()
        message = slots.get("MESSAGE: ID", "").split()
        if not message:
            continue
        templates = keys.setdefault(message[0], [])
        if slots.get("MESSAGE: TEMPLATE", "*").startswith("*"):
            continue
        templates.append(
            KeyTemplate(
                types=_types(slots.get("INCIDENT: TYPE", "").lstrip("?")),
                dates=parse_key_dates(slots.get("INCIDENT: DATE", "")),
                places=parse_key_location(slots.get("INCIDENT: LOCATION", "")),
            )
        )
    return keys


def parse_datelines(text: str) -> dict[str, dt.date]:
    """Publication dates from the raw message file's datelines ("CITY, 4 FEB 90 (SRC) --")."""
    dates: dict[str, dt.date] = {}
    current: str | None = None
    for line in text.splitlines():
        match = _MESSAGE_ID.match(line)
        if match:
            current = match.group(1)
            continue
        if current is not None and line.strip():
            found = _DATELINE.search(line)
            if found:
                day = _key_date(*found.groups())
                if day is not None:
                    dates[current] = day
            current = None
    return dates


def load_raw(raw_dir: Path) -> tuple[dict[str, list[KeyTemplate]], dict[str, dt.date]]:
    """Answer keys and publication dates of every raw file under raw/."""
    keys: dict[str, list[KeyTemplate]] = {}
    dates: dict[str, dt.date] = {}
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        text = path.read_text(encoding="latin-1")
        if path.name.startswith("key-"):
            keys.update(parse_keys(text))
        elif "-muc" in path.name:
            dates.update(parse_datelines(text))
    return keys, dates


# -- events as templates -------------------------------------------------------------------


def incident_type(event: Event, mapping: MucMap) -> str | None:
    """The MUC-4 incident type of an event, or None when it is not a MUC-4 incident."""
    if event.status not in mapping.statuses or event.modality not in mapping.modalities:
        return None
    if event.sub_event_type in mapping.split_types:
        default, cues = mapping.split_types[event.sub_event_type]
        text = " ".join(s.sentence for s in event.sources)
        for muc_type, regex in cues:
            if regex.search(text):
                return muc_type
        return default
    if event.sub_event_type in mapping.weapon_subtypes:
        weapons = " ".join(event.arguments.get("weapon", ()))
        for muc_type, regex in mapping.weapon_types:
            if regex.search(weapons):
                return muc_type
    return mapping.incident_types.get(event.sub_event_type)


def _names_people(filler: str, mapping: MucMap) -> bool:
    """Whether a phrase's head word names people: the last word before any "of" phrase
    ("members of the FMLN" is people, "the FMLN" is not)."""
    head = re.split(r"\s+of\s+", filler.lower(), maxsplit=1)[0]
    words = re.findall(r"[\w'-]+", head)
    return bool(words) and words[-1] in mapping.person_heads


def role_fillers(
    arguments: dict[str, tuple[str, ...]], mapping: MucMap
) -> dict[str, tuple[str, ...]]:
    """An event's argument surfaces as MUC-4 role fillers."""
    out: dict[str, list[str]] = {role: [] for role in ROLES}
    for arg, surfaces in arguments.items():
        role = mapping.roles.get(arg)
        if role is None:
            continue
        for surface in surfaces:
            target = role
            if role == "PerpInd" and not _names_people(surface, mapping):
                target = "PerpOrg"
            elif role in ("Target", "Victim") and _names_people(surface, mapping):
                # "a peasant", "civilians": MUC-4's HUM TGT: DESCRIPTION, which the
                # scored Victim role (HUM TGT: NAME) leaves out.
                continue
            out[target].append(surface)
    return {role: tuple(dict.fromkeys(v)) for role, v in out.items()}


def to_template(event: Event, mapping: MucMap) -> PredTemplate | None:
    """An event as a MUC-4 template, or None when its type is not a MUC-4 incident."""
    muc_type = incident_type(event, mapping)
    if muc_type is None:
        return None
    date = dt.date.fromisoformat(event.event_date) if event.event_date else None
    places = tuple(
        dict.fromkeys(place_key(p) for p in (event.location, event.admin1, event.country) if p)
    )
    return PredTemplate(muc_type, role_fillers(event.arguments, mapping), date, places)


# -- scorers -------------------------------------------------------------------------------


def gold_entities(templates: Sequence[GoldTemplate]) -> dict[str, list[tuple[str, ...]]]:
    """Per role, the document's distinct gold entities (normalised mentions).

    Entities are merged across templates as GRIT's preprocessing does: an entity whose
    mentions are a subset or a superset of those of an entity already kept ("guerrillas"
    after "guerrillas" / "guerrilla column") is that entity, and the first one stays.
    """
    out: dict[str, list[tuple[str, ...]]] = {role: [] for role in ROLES}
    kept: dict[str, list[set[str]]] = {role: [] for role in ROLES}
    for template in templates:
        for role in ROLES:
            for entity in template.roles.get(role, ()):
                mentions = set(entity)
                if any(mentions <= k or k <= mentions for k in kept[role]):
                    continue
                kept[role].append(mentions)
                out[role].append(tuple(dict.fromkeys(normalise_filler(m) for m in entity)))
    return out


def predicted_fillers(templates: Sequence[PredTemplate]) -> dict[str, list[str]]:
    """Per role, the document's distinct predicted fillers (normalised, non-empty)."""
    out: dict[str, list[str]] = {role: [] for role in ROLES}
    for template in templates:
        for role in ROLES:
            for filler in template.roles.get(role, ()):
                norm = normalise_filler(filler)
                if norm and norm not in out[role]:
                    out[role].append(norm)
    return out


def _filler_alignment(
    preds: Sequence[str], golds: Sequence[tuple[str, ...]]
) -> list[tuple[int, int]]:
    return max_matching(len(preds), len(golds), lambda i, j: preds[i] in golds[j])


def ceaf_ree(
    predicted: dict[str, list[str]], gold: dict[str, list[tuple[str, ...]]]
) -> dict[str, tuple[int, int, int]]:
    """Per role: (aligned fillers, predicted fillers, gold entities) of one document."""
    out: dict[str, tuple[int, int, int]] = {}
    for role in ROLES:
        preds, golds = predicted.get(role, []), gold.get(role, [])
        out[role] = (len(_filler_alignment(preds, golds)), len(preds), len(golds))
    return out


def type_alignment(
    predicted: Sequence[str], gold: Sequence[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """One-to-one pairs of predicted types with gold templates that allow that type."""
    return max_matching(len(predicted), len(gold), lambda i, j: predicted[i] in gold[j])


def date_ok(date: dt.date | None, alternatives: Sequence[DateRange]) -> bool:
    """Whether a date falls in one of the key's ranges ("on or before" ranges are open)."""
    if date is None:
        return False
    return any((first is None or first <= date) and date <= last for first, last in alternatives)


def place_ok(places: Sequence[str], key_places: Sequence[str]) -> bool:
    """Whether the event's place, region or country is the key's most specific place."""
    return any(p in key_places for p in places)


@dataclass
class _Counts:
    roles: Counter[str]
    types: Counter[str]
    empty_docs: int = 0
    empty_right: int = 0
    date_pairs: int = 0
    date_right: int = 0
    place_pairs: int = 0
    place_right: int = 0
    key_templates: int = 0


def score_doc(
    doc: MucDoc, preds: Sequence[PredTemplate], keys: Sequence[KeyTemplate] | None, c: _Counts
) -> None:
    """Add one document's role, type, date and place figures to the counts."""
    for role, (aligned, n_pred, n_gold) in ceaf_ree(
        predicted_fillers(preds), gold_entities(doc.templates)
    ).items():
        c.roles[f"{role} aligned"] += aligned
        c.roles[f"{role} pred"] += n_pred
        c.roles[f"{role} gold"] += n_gold
    pred_types = [p.type for p in preds]
    gold_types = [t.types for t in doc.templates]
    for i, _ in type_alignment(pred_types, gold_types):
        c.types[f"{pred_types[i]} tp"] += 1
    for t in pred_types:
        c.types[f"{t} pred"] += 1
    for g in gold_types:
        c.types[f"{g[0]} gold"] += 1
    if not doc.templates:
        c.empty_docs += 1
        c.empty_right += not preds
    if keys is None:
        return
    c.key_templates += len(keys)
    key_types = [k.types for k in keys]
    for i, j in type_alignment(pred_types, key_types):
        if keys[j].dates:
            c.date_pairs += 1
            c.date_right += date_ok(preds[i].date, keys[j].dates)
        if keys[j].places:
            c.place_pairs += 1
            c.place_right += place_ok(preds[i].places, keys[j].places)


def _rows(c: _Counts, n_docs: int) -> list[Row]:
    rows: list[Row] = []
    total = {k: sum(c.roles[f"{r} {k}"] for r in ROLES) for k in ("aligned", "pred", "gold")}
    rows += prf_rows(
        "role fillers (CEAF-REE, micro)",
        total["aligned"],
        total["pred"],
        total["aligned"],
        total["gold"],
        GRIT,
        "GRIT anchor",
    )
    for role in ROLES:
        a = c.roles[f"{role} aligned"]
        rows += prf_rows(f"  {role}", a, c.roles[f"{role} pred"], a, c.roles[f"{role} gold"])
    tp = sum(c.types[f"{t} tp"] for t in TYPES)
    n_pred = sum(c.types[f"{t} pred"] for t in TYPES)
    n_gold = sum(c.types[f"{t} gold"] for t in TYPES)
    type_rows = prf_rows(
        "incident type (GTT)",
        tp,
        n_pred,
        tp,
        n_gold,
        (None, None, GTT_TYPE_F1),
        "templates; GTT's template-level F1 (50.23) is not computed here",
    )
    rows += type_rows
    for t in TYPES:
        rows += prf_rows(
            f"  {t}",
            c.types[f"{t} tp"],
            c.types[f"{t} pred"],
            c.types[f"{t} tp"],
            c.types[f"{t} gold"],
        )
    rows.append(
        Row(
            "no-incident documents left empty",
            rate(c.empty_right, c.empty_docs),
            None,
            f"{c.empty_right}/{c.empty_docs} of {n_docs} documents",
        )
    )
    rows.append(
        Row(
            "incident date (raw keys)",
            rate(c.date_right, c.date_pairs),
            None,
            f"{c.date_right}/{c.date_pairs} key templates paired by type "
            f"({c.key_templates} key templates); no published anchor",
        )
    )
    rows.append(
        Row(
            "incident location (raw keys)",
            rate(c.place_right, c.place_pairs),
            None,
            f"{c.place_right}/{c.place_pairs} paired key templates with a place; "
            "no published anchor",
        )
    )
    return rows


# -- the suite -----------------------------------------------------------------------------


def articles_for(docs: Sequence[MucDoc], published: dict[str, dt.date]) -> list[list[Article]]:
    """Each processed message as one article, published on its dateline's date."""
    out = []
    for doc in docs:
        day = published.get(doc.docid)
        out.append(
            [
                make_article(
                    doc.text, published=day.isoformat() if day else None, source=f"muc4:{doc.docid}"
                )
            ]
        )
    return out


def run(shared: Path, options: EvalOptions) -> Report:
    """Score the pipeline's templates on MUC-4 dev (or the --gold file)."""
    # The pipeline loads spaCy: imported when a suite runs, so the scorers import fast.
    from newsevents.evaluate.extraction import events_by_group
    from newsevents.pipeline import load_knowledge

    started = time.perf_counter()
    path = gold_path(shared, "muc4/dev.json", options)
    docs = stable_sample(load_docs(path), lambda d: d.docid, options.size(None), options.seed)
    raw_dir = path.parent / "raw"
    keys, published = load_raw(raw_dir) if raw_dir.is_dir() else ({}, {})
    groups = events_by_group(articles_for(docs, published), load_knowledge())
    mapping = load_map()
    counts = _Counts(Counter(), Counter())
    scored: list[Scored] = []  # (confidence, type of a gold template of the document)
    for doc, group in zip(docs, groups, strict=True):
        pairs = [(e, to_template(e, mapping)) for e in group.events]
        templates = [t for _, t in pairs if t is not None]
        score_doc(doc, templates, keys.get(doc.docid), counts)
        gold_types = {t for g in doc.templates for t in g.types}
        scored += [(e.confidence, t.type in gold_types) for e, t in pairs if t is not None]
    params = {
        "gold": str(path),
        "documents": len(docs),
        "dated from raw datelines": sum(1 for d in docs if d.docid in published),
        "articles failed": sum(g.failed for g in groups),
    }
    rows = [*_rows(counts, len(docs)), *calibration_rows(scored, "type of a gold template")]
    return Report("muc4", tuple(rows), params, time.perf_counter() - started)
