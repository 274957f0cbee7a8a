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
import operator
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import repeat
from pathlib import Path

from spacy.tokens import Doc, Token

from newsevents.data_files import package_data, read_yaml_mapping, word_set
from newsevents.errors import DataFileError
from newsevents.tokenview import token_view

ROLES = ("perpetrator", "target", "victim", "weapon")
NONE = "none"
MODEL_FILE = "role_model.json"
_HEAD_POS = frozenset({"NOUN", "PROPN"})
_PART_DEPS = frozenset({"compound", "flat", "amod", "nmod"})
_MAX_PATH = 4
# The rules' perpetrators and victims are the event's actors as named (actor1, actor2):
# they stay next to the model's, which was trained on coders who list named victims only.
_RULES_KEPT = frozenset({"perpetrator", "victim"})
_NO_ROLES: frozenset[str] = frozenset()
_VARIANTS = ("full", "no_of", "core", "core_of", "bare", "name", "head")
# At most how many sentences after a violent event's own are read for its fillers (the
# next sentence often names the victims or the group: "The victims were ..."); while
# recording, all of them; at run time, as many as the model was trained with.
NEIGHBOUR_REACH = 2
# The roles a later sentence fills for the event: not its weapon, which decides the kind
# of attack (a bombing) and is as often that of another incident the article recalls.
NEIGHBOUR_ROLES = frozenset({"perpetrator", "target", "victim"})


@dataclass(frozen=True)
class Candidate:
    """A noun phrase of a sentence that may fill a role: its head, its surface variants
    (see _variants) and its features."""

    head: int  # token index in the sentence doc
    variants: dict[str, str]
    features: tuple[str, ...]
    proper: bool = False  # headed by a proper noun
    distance: int = 0  # sentences after the event's own (0: in the event's sentence)


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
    # Per role, the probability a candidate needs to fill it (chosen on held-out train
    # documents); a role not listed takes `threshold`.
    thresholds: dict[str, float] = field(default_factory=dict)
    # How many sentences after a violent event's own are read for its fillers (the
    # model was trained with candidates that far; 0 for a model trained without them).
    reach: int = 0

    def threshold_for(self, role: str) -> float:
        """The probability a candidate needs to be given `role`."""
        return self.thresholds.get(role, self.threshold)

    def probabilities(self, features: Sequence[str]) -> list[float]:
        """Softmax probabilities of each class for one candidate."""
        # (A weight row is never empty: only missing features drop out.)
        found = list(filter(None, map(self.weights.get, features)))
        # Each class's score adds its weights to the bias one by one in feature order,
        # as a per-feature loop would (the same floating-point sums), in C.
        columns = zip(*found, strict=True) if found else repeat((), len(self.bias))
        scores = list(map(reduce, repeat(operator.add), columns, self.bias))
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]


def model_path() -> Path:
    """Where the bundled role model lives."""
    return package_data(MODEL_FILE)


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
            thresholds={str(k): float(v) for k, v in raw.get("thresholds", {}).items()},
            reach=int(raw.get("reach", 0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{src}: malformed role model ({type(exc).__name__}: {exc})") from exc


# -- candidates ----------------------------------------------------------------------------


class _Tree:
    """A parsed sentence's tokens as plain lists, read once: building every candidate's
    variants and features walks the tree many times, and each spaCy Token access builds
    an object. Children, subtrees and ancestors follow spaCy's own definitions (`lefts`
    and `rights` scan between a token's left and right edges)."""

    def __init__(self, doc: Doc) -> None:
        # The token view holds every column (a Token object per word and attribute cost a
        # fifth of reading a sentence's candidates), read in one array read.
        view = token_view(doc)
        self.n = n = len(view)
        self.head: list[int] = list(view.head)
        self.dep = list(view.dep)
        self.pos = list(view.pos)
        self.tag = list(view.tag)
        self.text = list(view.text)
        self.lower = list(view.lower)
        self.lemma = list(view.lemma)
        self.idx = list(view.idx)
        self.space = list(view.space)
        self.alpha = list(view.is_alpha)
        self.punct = list(view.is_punct)
        # A token's subtree spans its left edge to its right edge: each token widens the
        # edges of its heads up to the root.
        self.left_edge = list(range(n))
        self.right_edge = list(range(n))
        for i in range(n):
            node, steps = i, 0
            while steps <= n:
                if i < self.left_edge[node]:
                    self.left_edge[node] = i
                if i > self.right_edge[node]:
                    self.right_edge[node] = i
                up = self.head[node]
                if up == node:
                    break
                node, steps = up, steps + 1
        self._doc = doc
        self._sent_roots: list[str] | None = None
        self._subtrees: dict[int, list[int]] = {}
        self._lefts: dict[int, list[int]] = {}
        self._rights: dict[int, list[int]] = {}
        self._chains: dict[int, list[int]] = {}

    def sent_root(self, i: int) -> str:
        """The root lemma of token i's sentence (as `tok.sent.root.lemma_`)."""
        if self._sent_roots is None:
            roots = [""] * self.n
            for sent in self._doc.sents:
                root = sent.root.lemma_.lower()
                for k in range(sent.start, sent.end):
                    roots[k] = root
            self._sent_roots = roots
        return self._sent_roots[i]

    def lefts(self, i: int) -> list[int]:
        """Token.lefts (do not modify the list: it is kept)."""
        known = self._lefts.get(i)
        if known is None:
            head = self.head
            known = self._lefts[i] = [j for j in range(self.left_edge[i], i) if head[j] == i]
        return known

    def rights(self, i: int) -> list[int]:
        """Token.rights (do not modify the list: it is kept)."""
        known = self._rights.get(i)
        if known is None:
            head = self.head
            known = [j for j in range(i + 1, self.right_edge[i] + 1) if head[j] == i]
            self._rights[i] = known
        return known

    def chain(self, i: int) -> list[int]:
        """Token i and its heads upwards, at most _MAX_PATH + 1 tokens (kept: read only)."""
        known = self._chains.get(i)
        if known is None:
            head = self.head
            known = [i]
            while head[known[-1]] != known[-1] and len(known) <= _MAX_PATH:
                known.append(head[known[-1]])
            self._chains[i] = known
        return known

    def subtree(self, i: int) -> list[int]:
        """Token.subtree's order: left children's subtrees, the token, the right ones'."""
        known = self._subtrees.get(i)
        if known is None:
            known = []
            for j in self.lefts(i):
                known.extend(self.subtree(j))
            known.append(i)
            for j in self.rights(i):
                known.extend(self.subtree(j))
            self._subtrees[i] = known
        return known

    def is_ancestor(self, i: int, descendant: int) -> bool:
        """Token.is_ancestor: is i on the way from `descendant` up to its root?"""
        node, steps = descendant, 0
        while self.head[node] != node and steps < self.n:
            node = self.head[node]
            if node == i:
                return True
            steps += 1
        return False


def _is_head(tree: _Tree, i: int) -> bool:
    """A noun that heads its own phrase (not a modifier inside another one)."""
    if tree.pos[i] not in _HEAD_POS:
        return False
    head = tree.head[i]
    return not (tree.dep[i] in _PART_DEPS and tree.pos[head] in _HEAD_POS and head > i)


def _left_tokens(tree: _Tree, head: int, drop_det: bool) -> list[int]:
    toks: list[int] = []
    for child in tree.lefts(head):
        dep = tree.dep[child]
        if dep in ("punct", "cc", "preconj"):
            continue
        if drop_det and dep in ("det", "nummod", "quantmod", "predet", "poss"):
            continue
        toks.extend(tree.subtree(child))
    return toks


def _text(tree: _Tree, tokens: Collection[int]) -> str:
    """The words of some tokens of one sentence, in order, without leading determiners."""
    ordered = sorted(tokens)
    leading = load_words().leading
    first, last = 0, len(ordered)
    while first < last and (tree.lower[ordered[first]] in leading or tree.punct[ordered[first]]):
        first += 1
    while first < last and tree.punct[ordered[last - 1]]:
        last -= 1
    parts: list[str] = []
    for k in range(first, last):
        i = ordered[k]
        parts.append(tree.text[i])
        if k + 1 < last:
            parts.append(tree.space[i] if ordered[k + 1] == i + 1 else " ")
    return "".join(parts)


@dataclass(frozen=True)
class RoleWords:
    """Word lists of data/role_words.yaml: titles before names, and head words by role."""

    titles: frozenset[str]
    by_role: dict[str, frozenset[str]]  # "weapon", "perpetrator", "target" -> head words
    leading: frozenset[str]  # words a filler does not start with ("these", "its")


@lru_cache(maxsize=1)
def load_words(path: Path | None = None) -> RoleWords:
    """Load data/role_words.yaml (bundled file by default)."""
    src = path or package_data("role_words.yaml")
    raw = read_yaml_mapping(src)

    def words(key: str) -> frozenset[str]:
        return word_set(raw, key, src)

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
    """The surfaces a phrase can be written as filler (see _tree_variants)."""
    return _tree_variants(_Tree(head.doc), head.i)


def _tree_variants(tree: _Tree, head: int) -> dict[str, str]:
    """The surfaces a phrase can be written as filler: the whole phrase ("the four
    powerful rockets of the army"), without its "of" phrase, without determiners and
    counts ("core", "core_of"), its compound words only ("bare"), the name without
    titles ("senator Luis Carlos Galan" -> "Luis Carlos Galan") and the head alone."""
    left = _left_tokens(tree, head, drop_det=False)
    right: list[int] = []
    of_part: list[int] = []
    for child in tree.rights(head):
        if tree.dep[child] in ("compound", "flat"):
            right.extend(tree.subtree(child))
        elif tree.dep[child] == "prep" and tree.lower[child] == "of":
            of_part.extend(tree.subtree(child))
    base = [*left, head, *right]
    core = [*_left_tokens(tree, head, drop_det=True), head, *right]
    # the words right before the head that are part of its name or compound
    bare: list[int] = []
    for tok in reversed(tree.lefts(head)):
        if tree.dep[tok] not in ("compound", "flat") or tok != (bare[0] if bare else head) - 1:
            break
        bare.insert(0, tok)
    titles = load_words().titles
    name = [*bare, head, *right]
    while len(name) > 1 and tree.lower[name[0]].strip(".") in titles:
        name = name[1:]
    # Most phrases have no "of" part, determiner or title: several variants are the same
    # tokens, written once.
    written: dict[tuple[int, ...], str] = {}

    def text(tokens: list[int]) -> str:
        key = tuple(tokens)
        known = written.get(key)
        if known is None:
            known = written[key] = _text(tree, tokens)
        return known

    return {
        "full": text([*base, *of_part]),
        "no_of": text(base),
        "core": text(core),
        "core_of": text([*core, *of_part]),
        "bare": text([*bare, head, *right]),
        "name": text(name),
        "head": text([head, *right]) if right else tree.text[head],
    }


def _path(tree: _Tree, a: int, b: int) -> str | None:
    """Dependency labels from a up to the common ancestor and down to b ("nsubj^", "v
    pobj"); None when longer than a few steps."""
    up = tree.chain(a)
    down = tree.chain(b)
    for n, tok in enumerate(up):
        if tok in down:
            m = down.index(tok)
            if n + m > _MAX_PATH:
                return None
            dep = tree.dep
            ups = [f"{dep[t]}^" for t in up[:n]]
            downs = [f"v{dep[t]}" for t in reversed(down[:m])]
            # a preposition on the way names the relation ("pobj^ of^")
            words = [tree.lower[t] for t in up[1:n] if dep[t] == "prep"]
            return " ".join(ups + downs + words)
    return None


def _nearest_path(tree: _Tree, head: int, triggers: Sequence[int]) -> tuple[int, str, int] | None:
    """The shortest dependency path from a token to one of the triggers: (length, path,
    trigger), None when every trigger is too far."""
    best: tuple[int, str, int] | None = None
    for trig in triggers:
        path = _path(tree, head, trig)
        if path is not None:
            length = path.count("^") + path.count("v")
            if best is None or length < best[0]:
                best = (length, path, trig)
    return best


def _anchor(tree: _Tree, head: int) -> int:
    """The first conjunct or the noun an apposition describes, up a chain of `conj` and
    `appos` links between nouns (the token itself when there is none)."""
    node = head
    for _ in range(_MAX_PATH):
        up = tree.head[node]
        if tree.dep[node] not in ("conj", "appos") or up == node or tree.pos[up] not in _HEAD_POS:
            break
        node = up
    return node


def _features(
    tree: _Tree,
    head: int,
    triggers: Sequence[int],
    sub_event_type: str,
    rule_roles: Collection[str],
    actor_kind: str | None,
    distance: int = 0,
) -> tuple[str, ...]:
    feats = _sentence_features(tree, head, triggers, sub_event_type, rule_roles, actor_kind)
    if distance == 0:
        return feats
    # A phrase of a sentence after the event's: a copy of its main features under "nb|"
    # lets the model weigh them apart (most such phrases fill no role of the event), and
    # the distance its own bias.
    near = [f"nb|{f}" for f in feats if f.split("=", 1)[0] in _NEIGHBOUR_COPIED]
    return (*feats, f"dist={min(distance, NEIGHBOUR_REACH)}", *near)


_NEIGHBOUR_COPIED = frozenset(
    {"lem", "pos", "dep", "sub", "lex", "path", "prep", "rule", "actor", "titled", "nwords"}
)


def _sentence_features(
    tree: _Tree,
    head: int,
    triggers: Sequence[int],
    sub_event_type: str,
    rule_roles: Collection[str],
    actor_kind: str | None,
) -> tuple[str, ...]:
    lemma = tree.lemma[head]
    dep = tree.dep[head]
    gov = tree.head[head]
    feats = [
        f"lem={lemma}",
        f"pos={tree.pos[head]}",
        f"dep={dep}",
        f"tag={tree.tag[head]}",
        f"gov={dep}>{tree.lemma[gov]}",
        f"sub={sub_event_type}",
        f"sub={sub_event_type}|lem={lemma}",
        f"cap={tree.text[head][:1].isupper()}",
        f"suffix={lemma[-3:]}",
    ]
    # The phrase's first and last words are its subtree's edges (no need to walk it).
    first = tree.left_edge[head]
    last = tree.right_edge[head]
    feats.append(f"prev={tree.lower[first - 1] if first > 0 else '<s>'}")
    feats.append(f"next={tree.lower[last + 1] if last + 1 < tree.n else '</s>'}")
    feats.append(f"lem={lemma}|dep={dep}")
    feats.append(f"root={tree.sent_root(head)}")
    if dep == "conj":
        feats.append(f"conjdep={tree.dep[gov]}")
    words = load_words()
    lefts = tree.lefts(head)
    if any(tree.lower[t] in words.titles for t in lefts):
        feats.append("titled")
    lower = tree.lower[head]
    for role, heads in words.by_role.items():
        if lemma in heads or lower in heads:
            feats.append(f"lex={role}")
            feats.append(f"lex={role}|dep={dep}")
    if dep == "pobj":
        feats.append(f"prep={tree.lower[gov]}>{tree.lemma[tree.head[gov]]}")
        feats.append(f"prep={tree.lower[gov]}")
    for child in [*lefts, *tree.rights(head)]:
        child_dep = tree.dep[child]
        if child_dep in ("amod", "compound", "nummod", "det", "poss"):
            feats.append(f"mod={child_dep}:{tree.lemma[child]}")
            feats.append(f"moddep={child_dep}")
        if child_dep == "prep" and tree.lower[child] == "of":
            pobj = next(
                (g for g in (*tree.lefts(child), *tree.rights(child)) if tree.dep[g] == "pobj"),
                None,
            )
            if pobj is not None:
                feats.append(f"of={tree.lemma[pobj]}")
    best = _nearest_path(tree, head, triggers)
    anchor = _anchor(tree, head)
    if anchor != head:
        # A later conjunct or an apposition ("X, Y and Z were killed", "Z, a judge,")
        # fills the role its first conjunct or its noun fills: that one's path counts too.
        near = _nearest_path(tree, anchor, triggers)
        feats.append(f"apath={near[1] if near else 'far'}")
        if near is not None:
            feats.append(f"apath={near[1]}|trig={tree.lemma[near[2]]}")
    if tree.pos[head] == "PROPN":
        # The size of a name's phrase (its words and what hangs on them, up to five):
        # people's names run to two to four words, places' and groups' vary more.
        feats.append(f"nwords={min(len(tree.subtree(head)), 5)}")
    if best is None:
        feats.append("path=far")
    else:
        length, path, trig = best
        tlemma = tree.lemma[trig]
        feats += [
            f"path={path}",
            f"path={path}|trig={tlemma}",
            f"plen={length}",
            f"trig={tlemma}",
            f"trig={tlemma}|lem={lemma}",
            f"side={'before' if head < trig else 'after'}|trig={tlemma}",
        ]
        if head == trig or tree.is_ancestor(trig, head):
            feats.append("under_trigger")
    if head in triggers:
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
    distance: int = 0,
) -> list[Candidate]:
    """Every noun phrase of a sentence as a candidate filler, with its features.

    `actors` are the dictionary actors found in the sentence: (start, end, kind), character
    offsets into the sentence text. `distance` counts the sentences from the event's own
    (0: the event's sentence; 1: the next one).
    """
    rule: dict[str, set[str]] = {}
    for role in ROLES:
        for surface in arguments.get(role, ()):
            rule.setdefault(_norm(surface), set()).add(role)
    tree = _Tree(doc)
    norms: dict[str, str] = {}

    def norm(text: str) -> str:
        known = norms.get(text)
        if known is None:
            known = norms[text] = _norm(text)
        return known

    trigger_ids = [t.i for t in triggers]
    offset = tree.idx[0] if tree.n else 0
    out: list[Candidate] = []
    # A later sentence adds perpetrators, targets and victims: names, and nouns of the
    # role word lists ("the guerrillas", "the substation"); other nouns are not read there.
    known = _neighbour_heads() if distance else None
    for i in range(tree.n):
        if not _is_head(tree, i) or not tree.alpha[i]:
            continue
        if known is not None and not (
            tree.pos[i] == "PROPN" or tree.lemma[i] in known or tree.lower[i] in known
        ):
            continue
        variants = _tree_variants(tree, i)
        if not variants["full"]:
            continue
        # Built as a union in variant order, as the set's order orders the features; a
        # surface written by several variants adds its roles once.
        roles: set[str] = (
            set().union(*[rule.get(norm(v), _NO_ROLES) for v in dict.fromkeys(variants.values())])
            if rule
            else set()
        )
        start = tree.idx[tree.left_edge[i]] - offset  # the subtree's first token
        end = tree.idx[i] + len(tree.text[i]) - offset
        kind = next((k for s, e, k in actors if s < end and start < e), None)
        feats = _features(tree, i, trigger_ids, sub_event_type, roles, kind, distance)
        out.append(Candidate(i, variants, feats, tree.pos[i] == "PROPN", distance))
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


@lru_cache(maxsize=1)
def _neighbour_heads() -> frozenset[str]:
    words = load_words()
    return frozenset().union(*(words.by_role[r] for r in NEIGHBOUR_ROLES if r in words.by_role))


def neighbour_reach() -> int:
    """How many sentences after a violent event's own to read for its fillers: as many as
    the installed model was trained with; all NEIGHBOUR_REACH while recording."""
    if _RECORDERS:
        return NEIGHBOUR_REACH
    model = load_model()
    return min(model.reach, NEIGHBOUR_REACH) if model is not None else 0


_PARTY_ROLES = frozenset({"perpetrator", "victim"})


def predict(
    model: RoleModel,
    found: Sequence[Candidate],
    places: Collection[int] = (),
    probabilities: Sequence[Sequence[float]] | None = None,
) -> dict[str, list[str]]:
    """Role -> surfaces of the candidates the model assigns to that role; a candidate
    headed by one of `places` (token indices) is no perpetrator or victim.
    `probabilities` are the candidates' class probabilities when already computed (the
    training command tries thresholds on the same candidates)."""
    out: dict[str, list[str]] = {}
    for n, cand in enumerate(found):
        probs = model.probabilities(cand.features) if probabilities is None else probabilities[n]
        # The likeliest role, taken when likely enough even if "none" is likelier still:
        # the role's threshold trades precision for recall (chosen on held-out train).
        best = max((i for i, c in enumerate(model.classes) if c != NONE), key=probs.__getitem__)
        role = model.classes[best]
        if (
            probs[best] < model.threshold_for(role)
            or (role in _PARTY_ROLES and cand.head in places)
            or (cand.distance > 0 and role not in NEIGHBOUR_ROLES)
        ):
            continue
        order = model.variant_order.get(f"{role}|{head_kind(cand)}", _VARIANTS)
        surface = next((cand.variants[v] for v in order if cand.variants.get(v)), None)
        if surface and surface not in out.get(role, []):
            out.setdefault(role, []).append(surface)
    return out


def _recorded(doc: Doc, found: list[Candidate]) -> bool:
    """While the model is trained, hand the candidates to the recorders and say so: the
    arguments then stay as the rules left them."""
    for recorder in _RECORDERS:
        recorder(doc, found)
    return bool(_RECORDERS)


def refine_roles(
    doc: Doc,
    triggers: Sequence[Token],
    sub_event_type: str,
    arguments: dict[str, tuple[str, ...]],
    actors: Sequence[tuple[int, int, str]] = (),
    model: RoleModel | None = None,
    places: Collection[int] = (),
) -> dict[str, tuple[str, ...]]:
    """An event mention's arguments with the role model's fillers: its targets and weapons
    replace the rules' ones, its perpetrators and victims join them; other arguments
    (place, time) are kept. Unchanged when no model is installed. `places` are the token
    indices of the heads of place names ("Jabal al-Akrad", "al-Qaryatayn city"): where
    the event was, never who took part in it."""
    model = model or load_model()
    if model is None and not _RECORDERS:
        return arguments
    found = candidates(doc, triggers, sub_event_type, arguments, actors)
    if _recorded(doc, found):
        return arguments
    assert model is not None
    predicted = predict(model, found, places)
    out = {k: v for k, v in arguments.items() if k not in ROLES}
    for role in ROLES:
        kept = arguments.get(role, ()) if role in _RULES_KEPT else ()
        merged = tuple(dict.fromkeys([*predicted.get(role, ()), *kept]))
        if merged:
            out[role] = merged
    return out


def neighbour_roles(
    doc: Doc,
    distance: int,
    sub_event_type: str,
    arguments: dict[str, tuple[str, ...]],
    model: RoleModel | None = None,
    is_place: Callable[[str], bool] | None = None,
) -> dict[str, tuple[str, ...]]:
    """An event mention's arguments with the fillers the role model finds in a sentence
    `distance` sentences after the event's (`doc`, parsed): perpetrators, targets and
    victims (NEIGHBOUR_ROLES) join the arguments, which keep all they had. The sentence's
    roots stand for the event word in the path features; a name `is_place` says is a
    place is no perpetrator or victim."""
    model = model or load_model()
    if model is None and not _RECORDERS:
        return arguments
    roots = [t for t in doc if t.dep_ == "ROOT"]
    found = candidates(doc, roots, sub_event_type, arguments, distance=distance)
    if _recorded(doc, found):
        return arguments
    assert model is not None
    places = (
        {c.head for c in found if c.proper and is_place(c.variants["name"])}
        if is_place is not None
        else set()
    )
    predicted = predict(model, found, places)
    out = dict(arguments)
    for role in ROLES:
        merged = tuple(dict.fromkeys([*arguments.get(role, ()), *predicted.get(role, ())]))
        if merged:
            out[role] = merged
    return out
