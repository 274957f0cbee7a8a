"""Roles: who did it, to whom or what, with what — noun phrases of an event sentence.

The extractor finds an event's actors from dictionary names and a few parse patterns.
This module reads every noun phrase of the sentence as a candidate filler ("a bus
carrying 30 passengers" -> "bus", "members of the FMLN", "car bomb") and a linear model
over parse features (the phrase's head word, its path to the event word, its modifiers,
the event's sub-type, what the extractor's rules made of it) decides which role each
fills: perpetrator, target (a thing), victim (a person) or weapon. The model is trained
on the MUC-4 train split (`python -m newsevents.models.train_roles`, see
docs/roles.md) and ships as data/role_model.json; without that file arguments are
left as the extractor made them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from newsevents.errors import DataFileError

ROLES = ("perpetrator", "target", "victim", "weapon")
NONE = "none"
MODEL_FILE = "role_model.json"
_HEAD_POS = frozenset({"NOUN", "PROPN"})
_PART_DEPS = frozenset({"compound", "flat", "amod", "nmod"})
_MAX_PATH = 4
# The rules' perpetrators and victims are the event's actors as named (actor1, actor2):
# they stay next to the model's, which was trained on coders who list named victims only.
_RULES_KEPT = frozenset({"perpetrator", "victim"})
_VARIANTS = ("full", "no_of", "core", "core_of", "bare", "name", "head")


@dataclass(frozen=True)
class Candidate:
    """A noun phrase of a sentence that may fill a role: its head, its surface variants
    (see _variants) and its features."""

    head: int  # token index in the sentence doc
    variants: dict[str, str]
    features: tuple[str, ...]
    proper: bool = False  # headed by a proper noun


def head_kind(cand: Candidate) -> str:
    """The kind of a candidate's head, which picks its variant: a name or a noun."""
    return "name" if cand.proper else "noun"


@dataclass(frozen=True)
class RoleModel:
    """Weights of the role classifier: per feature, one weight per class."""

    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    threshold: float
    variant_order: dict[str, tuple[str, ...]]  # role -> variants to output, best first

    def probabilities(self, features: Sequence[str]) -> list[float]:
        """Softmax probabilities of each class for one candidate."""
        scores = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                scores = [s + x for s, x in zip(scores, w, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def model_path() -> Path:
    """Where the bundled role model lives."""
    return Path(str(resources.files("newsevents") / "data" / MODEL_FILE))


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> RoleModel | None:
    """The role model (bundled file by default); None when the file is absent."""
    src = path or model_path()
    if not src.is_file():
        return None
    try:
        raw = json.loads(src.read_text(encoding="utf-8"))
        classes = tuple(str(c) for c in raw["classes"])
        return RoleModel(
            classes=classes,
            weights={str(k): tuple(float(x) for x in v) for k, v in raw["weights"].items()},
            bias=tuple(float(x) for x in raw["bias"]),
            threshold=float(raw["threshold"]),
            variant_order={str(k): tuple(map(str, v)) for k, v in raw["variant_order"].items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{src}: malformed role model ({type(exc).__name__}: {exc})") from exc


# -- candidates ----------------------------------------------------------------------------


def _is_head(tok: Token) -> bool:
    """A noun that heads its own phrase (not a modifier inside another one)."""
    if tok.pos_ not in _HEAD_POS:
        return False
    return not (tok.dep_ in _PART_DEPS and tok.head.pos_ in _HEAD_POS and tok.head.i > tok.i)


def _left_tokens(head: Token, drop_det: bool) -> list[Token]:
    toks: list[Token] = []
    for child in head.lefts:
        if child.dep_ in ("punct", "cc", "preconj"):
            continue
        if drop_det and child.dep_ in ("det", "nummod", "quantmod", "predet", "poss"):
            continue
        toks.extend(child.subtree)
    return toks


def _text(tokens: Collection[Token]) -> str:
    """The words of some tokens of one sentence, in order, without leading determiners."""
    ordered = sorted(tokens, key=lambda t: t.i)
    leading = load_words().leading
    while ordered and (ordered[0].lower_ in leading or ordered[0].is_punct):
        ordered = ordered[1:]
    while ordered and ordered[-1].is_punct:
        ordered = ordered[:-1]
    out = ""
    for i, tok in enumerate(ordered):
        out += tok.text
        if i + 1 < len(ordered):
            out += tok.whitespace_ if ordered[i + 1].i == tok.i + 1 else " "
    return out


@dataclass(frozen=True)
class RoleWords:
    """Word lists of data/role_words.yaml: titles before names, and head words by role."""

    titles: frozenset[str]
    by_role: dict[str, frozenset[str]]  # "weapon", "perpetrator", "target" -> head words
    leading: frozenset[str]  # words a filler does not start with ("these", "its")


@lru_cache(maxsize=1)
def load_words(path: Path | None = None) -> RoleWords:
    """Load data/role_words.yaml (bundled file by default)."""
    src = path or Path(str(resources.files("newsevents") / "data" / "role_words.yaml"))
    raw = yaml.safe_load(src.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw[key])

    try:
        return RoleWords(
            titles=words("titles"),
            by_role={
                "weapon": words("weapons"),
                "perpetrator": words("perpetrators"),
                "target": words("targets"),
            },
            leading=words("leading"),
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"{src}: malformed ({type(exc).__name__}: {exc})") from exc


def _variants(head: Token) -> dict[str, str]:
    """The surfaces a phrase can be written as filler: the whole phrase ("the four
    powerful rockets of the army"), without its "of" phrase, without determiners and
    counts ("core", "core_of"), its compound words only ("bare"), the name without
    titles ("senator Luis Carlos Galan" -> "Luis Carlos Galan") and the head alone."""
    left = _left_tokens(head, drop_det=False)
    right: list[Token] = []
    of_part: list[Token] = []
    for child in head.rights:
        if child.dep_ in ("compound", "flat"):
            right.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            of_part.extend(child.subtree)
    base = [*left, head, *right]
    core = [*_left_tokens(head, drop_det=True), head, *right]
    # the words right before the head that are part of its name or compound
    bare: list[Token] = []
    for tok in reversed(list(head.lefts)):
        if tok.dep_ not in ("compound", "flat") or tok.i != (bare[0].i if bare else head.i) - 1:
            break
        bare.insert(0, tok)
    titles = load_words().titles
    name = [*bare, head, *right]
    while len(name) > 1 and name[0].lower_.strip(".") in titles:
        name = name[1:]
    return {
        "full": _text([*base, *of_part]),
        "no_of": _text(base),
        "core": _text(core),
        "core_of": _text([*core, *of_part]),
        "bare": _text([*bare, head, *right]),
        "name": _text(name),
        "head": _text([head, *right]) if right else head.text,
    }


def _path(a: Token, b: Token) -> str | None:
    """Dependency labels from a up to the common ancestor and down to b ("nsubj^", "v
    pobj"); None when longer than a few steps."""
    up: list[Token] = [a]
    while up[-1].head.i != up[-1].i and len(up) <= _MAX_PATH:
        up.append(up[-1].head)
    down: list[Token] = [b]
    while down[-1].head.i != down[-1].i and len(down) <= _MAX_PATH:
        down.append(down[-1].head)
    ids = [t.i for t in down]
    for n, tok in enumerate(up):
        if tok.i in ids:
            m = ids.index(tok.i)
            if n + m > _MAX_PATH:
                return None
            ups = [f"{t.dep_}^" for t in up[:n]]
            downs = [f"v{t.dep_}" for t in reversed(down[:m])]
            # a preposition on the way names the relation ("pobj^ of^")
            words = [f"{t.lower_}" for t in up[1:n] if t.dep_ == "prep"]
            return " ".join(ups + downs + words)
    return None


def _features(
    head: Token,
    triggers: Sequence[Token],
    sub_event_type: str,
    rule_roles: Collection[str],
    actor_kind: str | None,
) -> tuple[str, ...]:
    lemma = head.lemma_.lower()
    feats = [
        f"lem={lemma}",
        f"pos={head.pos_}",
        f"dep={head.dep_}",
        f"tag={head.tag_}",
        f"gov={head.dep_}>{head.head.lemma_.lower()}",
        f"sub={sub_event_type}",
        f"sub={sub_event_type}|lem={lemma}",
        f"cap={head.text[:1].isupper()}",
        f"suffix={lemma[-3:]}",
    ]
    first = min(t.i for t in head.subtree if t.i <= head.i)
    last = max(t.i for t in head.subtree)
    doc = head.doc
    feats.append(f"prev={doc[first - 1].lower_ if first > 0 else '<s>'}")
    feats.append(f"next={doc[last + 1].lower_ if last + 1 < len(doc) else '</s>'}")
    feats.append(f"lem={lemma}|dep={head.dep_}")
    feats.append(f"root={head.sent.root.lemma_.lower()}")
    if head.dep_ == "conj":
        feats.append(f"conjdep={head.head.dep_}")
    words = load_words()
    if any(t.lower_ in words.titles for t in head.lefts):
        feats.append("titled")
    for role, heads in words.by_role.items():
        if lemma in heads or head.lower_ in heads:
            feats.append(f"lex={role}")
            feats.append(f"lex={role}|dep={head.dep_}")
    if head.dep_ == "pobj":
        prep = head.head
        feats.append(f"prep={prep.lower_}>{prep.head.lemma_.lower()}")
        feats.append(f"prep={prep.lower_}")
    for child in head.children:
        if child.dep_ in ("amod", "compound", "nummod", "det", "poss"):
            feats.append(f"mod={child.dep_}:{child.lemma_.lower()}")
            feats.append(f"moddep={child.dep_}")
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                feats.append(f"of={pobj.lemma_.lower()}")
    best: tuple[int, str, Token] | None = None
    for trig in triggers:
        path = _path(head, trig)
        if path is not None:
            length = path.count("^") + path.count("v")
            if best is None or length < best[0]:
                best = (length, path, trig)
    if best is None:
        feats.append("path=far")
    else:
        length, path, trig = best
        tlemma = trig.lemma_.lower()
        feats += [
            f"path={path}",
            f"path={path}|trig={tlemma}",
            f"plen={length}",
            f"trig={tlemma}",
            f"trig={tlemma}|lem={lemma}",
            f"side={'before' if head.i < trig.i else 'after'}|trig={tlemma}",
        ]
        if head.i == trig.i or trig.is_ancestor(head):
            feats.append("under_trigger")
    if any(head.i == t.i for t in triggers):
        feats.append("is_trigger")
    for role in rule_roles:
        feats.append(f"rule={role}")
    if actor_kind is not None:
        feats.append(f"actor={actor_kind}")
    return tuple(feats)


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("the ", " ").split())


def candidates(
    doc: Doc,
    triggers: Sequence[Token],
    sub_event_type: str,
    arguments: dict[str, tuple[str, ...]],
    actors: Sequence[tuple[int, int, str]] = (),
) -> list[Candidate]:
    """Every noun phrase of a sentence as a candidate filler, with its features.

    `actors` are the dictionary actors found in the sentence: (start, end, kind), character
    offsets into the sentence text.
    """
    rule: dict[str, set[str]] = {}
    for role in ROLES:
        for surface in arguments.get(role, ()):
            rule.setdefault(_norm(surface), set()).add(role)
    out: list[Candidate] = []
    for tok in doc:
        if not _is_head(tok) or not tok.is_alpha:
            continue
        variants = _variants(tok)
        if not variants["full"]:
            continue
        roles = set().union(*(rule.get(_norm(v), set()) for v in variants.values()))
        start = min(t.idx for t in tok.subtree) - doc[0].idx
        end = tok.idx + len(tok) - doc[0].idx
        kind = next((k for s, e, k in actors if s < end and start < e), None)
        feats = _features(tok, triggers, sub_event_type, roles, kind)
        out.append(Candidate(tok.i, variants, feats, tok.pos_ == "PROPN"))
    return out


# -- recording (training) ------------------------------------------------------------------

Recorder = Callable[[Doc, list[Candidate]], None]
_RECORDERS: list[Recorder] = []


@contextmanager
def recording(recorder: Recorder) -> Iterator[None]:
    """While active, every sentence's candidates go to `recorder` (the training command
    collects them this way) and the model is not applied."""
    _RECORDERS.append(recorder)
    try:
        yield
    finally:
        _RECORDERS.remove(recorder)


# -- the hook ------------------------------------------------------------------------------


def predict(model: RoleModel, found: Sequence[Candidate]) -> dict[str, list[str]]:
    """Role -> surfaces of the candidates the model assigns to that role."""
    out: dict[str, list[str]] = {}
    for cand in found:
        probs = model.probabilities(cand.features)
        # The likeliest role, taken when likely enough even if "none" is likelier still:
        # the threshold trades precision for recall (chosen on train by cross-validation).
        best = max((i for i, c in enumerate(model.classes) if c != NONE), key=probs.__getitem__)
        role = model.classes[best]
        if probs[best] < model.threshold:
            continue
        order = model.variant_order.get(f"{role}|{head_kind(cand)}", _VARIANTS)
        surface = next((cand.variants[v] for v in order if cand.variants.get(v)), None)
        if surface and surface not in out.get(role, []):
            out.setdefault(role, []).append(surface)
    return out


def refine_roles(
    doc: Doc,
    triggers: Sequence[Token],
    sub_event_type: str,
    arguments: dict[str, tuple[str, ...]],
    actors: Sequence[tuple[int, int, str]] = (),
    model: RoleModel | None = None,
) -> dict[str, tuple[str, ...]]:
    """An event mention's arguments with the role model's fillers: its targets and weapons
    replace the rules' ones, its perpetrators and victims join them; other arguments
    (place, time) are kept. Unchanged when no model is installed."""
    model = model or load_model()
    if model is None and not _RECORDERS:
        return arguments
    found = candidates(doc, triggers, sub_event_type, arguments, actors)
    if _RECORDERS:
        for recorder in _RECORDERS:
            recorder(doc, found)
        return arguments
    assert model is not None
    predicted = predict(model, found)
    out = {k: v for k, v in arguments.items() if k not in ROLES}
    for role in ROLES:
        kept = arguments.get(role, ()) if role in _RULES_KEPT else ()
        merged = tuple(dict.fromkeys([*predicted.get(role, ()), *kept]))
        if merged:
            out[role] = merged
    return out
