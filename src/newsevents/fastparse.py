"""Run the English model's pipeline faster with exactly the same result.

Measured on the demo corpus, two of the model's five components cost more than its
neural network: the attribute ruler (a token Matcher with 179 rule patterns that sets
POS and morphology from the tag) and the rule lemmatiser (Python code per token). Both
are pure functions of a few token attributes, so this module evaluates each distinct
input once and caches the outcome, then sets the same attributes the components would.
The model's own matrix products go through numpy's BLAS rather than the bundled BLIS
kernels, which run at a third of the speed on current CPUs.

`tests/test_fastparse.py` checks token by token (tag, POS, morphology, lemma, head,
dependency) that `parse` and the model's own `pipe` agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import NumpyOps

# Token attributes the model's attribute rules test, in the order of a cache key.
_RULE_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
# Distinct token signatures kept before a cache starts afresh (memory stays bounded).
_CACHE_LIMIT = 500_000
# Sentences per network batch: 64 to 128 ran 5 % faster than 256 (smaller matrices stay
# in cache); results do not depend on how sentences are batched.
_BATCH = 128

Values = tuple[str, str | None, str, bool]
Predicate = Callable[[Values], bool]


class UnsupportedRules(ValueError):
    """The model's attribute rules use a Matcher feature this module does not evaluate."""


def _predicate(attr: str, spec: Any, lower_words: set[str]) -> Predicate:
    """A test on one token's (tag, lower, dep, is_space) as the Matcher would apply it.

    Words that LOWER tests name are added to `lower_words`; any other word fails every
    LOWER test, so tokens can share a cache entry whatever their word (None stands for
    "a word no rule names").
    """
    if attr not in _RULE_ATTRS:
        raise UnsupportedRules(f"attribute {attr}")
    i = _RULE_ATTRS.index(attr)
    if isinstance(spec, str | bool):
        if attr == "LOWER":
            lower_words.add(str(spec))
        return lambda v: v[i] == spec
    if not isinstance(spec, dict) or len(spec) != 1:
        raise UnsupportedRules(f"{attr}: {spec!r}")
    ((op, arg),) = spec.items()
    if op == "IN":
        members = frozenset(arg)
        if attr == "LOWER":
            lower_words.update(members)
        return lambda v: v[i] in members
    if op == "NOT_IN" and attr != "LOWER":
        excluded = frozenset(arg)
        return lambda v: v[i] not in excluded
    if op == "REGEX" and attr == "LOWER":
        # The Matcher searches, it does not match from the start.
        pattern = re.compile(arg)
        return lambda v: isinstance(v[i], str) and pattern.search(v[i]) is not None
    raise UnsupportedRules(f"{attr}: operator {op}")


class AttributeRules:
    """The model's attribute ruler, evaluated per distinct token signature."""

    def __init__(self, ruler: Any) -> None:
        self._attrs: list[dict[int, Any]] = ruler.attrs
        self._indices: list[int] = ruler.indices
        self._single: list[tuple[int, list[Predicate]]] = []
        self._pairs: list[tuple[int, list[Predicate], list[Predicate]]] = []
        self._lower_words: set[str] = set()
        self._lower_regexes: list[re.Pattern[str]] = []
        for attr_id in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(attr_id))
            for pattern in patterns:
                for tok in pattern:
                    spec = tok.get("LOWER")
                    if isinstance(spec, dict) and "REGEX" in spec:
                        self._lower_regexes.append(re.compile(spec["REGEX"]))
                tests = [
                    [_predicate(a, s, self._lower_words) for a, s in tok.items()] for tok in pattern
                ]
                if len(tests) == 1:
                    self._single.append((attr_id, tests[0]))
                elif len(tests) == 2:
                    self._pairs.append((attr_id, tests[0], tests[1]))
                else:
                    raise UnsupportedRules(f"pattern of {len(tests)} tokens")
        self._cache: dict[tuple[int, ...], tuple[tuple[int, ...], frozenset[int], frozenset[int]]]
        self._cache = {}
        # Whether a word (by hash) is named by some LOWER test; 0 stands for all others.
        self._named: dict[int, int] = {}

    def _lower_key(self, lower: int, doc: Doc) -> int:
        named = self._named.get(lower)
        if named is None:
            word = doc.vocab.strings[lower]
            hit = word in self._lower_words or any(r.search(word) for r in self._lower_regexes)
            named = self._named[lower] = lower if hit else 0
        return named

    def _signature(
        self, key: tuple[int, ...], doc: Doc
    ) -> tuple[tuple[int, ...], frozenset[int], frozenset[int]]:
        """Rules a token with this key matches alone, and pair rules it opens or closes."""
        strings = doc.vocab.strings
        lower = strings[key[1]] if key[1] else None
        v: Values = (strings[key[0]], lower, strings[key[2]], bool(key[3]))
        single = tuple(aid for aid, tests in self._single if all(t(v) for t in tests))
        opens = frozenset(
            k for k, (_, first, _) in enumerate(self._pairs) if all(t(v) for t in first)
        )
        closes = frozenset(
            k for k, (_, _, second) in enumerate(self._pairs) if all(t(v) for t in second)
        )
        return single, opens, closes

    def __call__(self, doc: Doc) -> Doc:
        """Set POS, morphology and lemma exceptions as the attribute ruler does."""
        cache = self._cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
            self._named.clear()
        infos = []
        for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            key = (tag, self._lower_key(lower, doc), dep, space)
            info = cache.get(key)
            if info is None:
                info = cache[key] = self._signature(key, doc)
            infos.append(info)
        matches = [(aid, i) for i, info in enumerate(infos) for aid in info[0]]
        for i in range(len(infos) - 1):
            for k in infos[i][1] & infos[i + 1][2]:
                matches.append((self._pairs[k][0], i))
        # Later rules win: the ruler applies matches in the order the rules were added.
        matches.sort()
        for aid, start in matches:
            set_token_attrs(doc[start + self._indices[aid]], self._attrs[aid])
        return doc


class RuleLemmas:
    """The model's rule lemmatiser, cached by (word, POS, morphology) which fix its result."""

    def __init__(self, lemmatizer: Any) -> None:
        self._lemmatize: Callable[[Any], list[str]] = lemmatizer.lemmatize
        self._overwrite: bool = lemmatizer.overwrite
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Set each token's lemma (unless a rule set one already) as the lemmatiser does."""
        cache = self._cache
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas: Any = table[:, 3:].copy()  # uint64 hashes, as to_array gives them
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not self._overwrite:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = doc.vocab.strings.add(self._lemmatize(doc[i])[0])
            lemmas[i, 0] = value
        # One write for all tokens: setting each Token's lemma builds a Token per word.
        doc.from_array([LEMMA], lemmas)
        return doc


def use_numpy_blas(nlp: Language) -> None:
    """Route the model's matrix products through numpy (OpenBLAS) instead of BLIS."""
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


class FastPipeline:
    """A loaded English pipeline whose rule components run through the caches above."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._replacements: dict[str, Callable[[Doc], Doc]] = {}
        try:
            if "attribute_ruler" in nlp.pipe_names:
                ruler = AttributeRules(nlp.get_pipe("attribute_ruler"))
                self._replacements["attribute_ruler"] = ruler
        except UnsupportedRules:
            # Another model's rules: its own component runs, slower but the same.
            pass
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        if lemmatizer is not None and getattr(lemmatizer, "mode", None) == "rule":
            self._replacements["lemmatizer"] = RuleLemmas(lemmatizer)

    def pipe(self, texts: Iterable[str], batch_size: int = _BATCH) -> Iterator[Doc]:
        """Parse texts like `nlp.pipe(texts)`, in order."""
        docs: Iterator[Doc] = (self.nlp.make_doc(t) for t in texts)
        for name, component in self.nlp.pipeline:
            fast = self._replacements.get(name)
            if fast is not None:
                docs = map(fast, docs)
            elif hasattr(component, "pipe"):
                docs = component.pipe(docs, batch_size=batch_size)
            else:
                docs = map(component, docs)
        return docs
