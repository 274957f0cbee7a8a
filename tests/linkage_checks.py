"""Checks the linkage rule tests share: the pairwise test must be symmetric, and a grouping
must not depend on the order of the mentions."""

import random

from newsevents.lexicon import get_lexicon
from newsevents.linkage import cluster, profile, profiles_compatible
from newsevents.records import ResolvedMention

LEX = get_lexicon()


def linked(a: ResolvedMention, b: ResolvedMention) -> bool:
    """The cross-article test both ways round (it must be symmetric)."""
    pa, pb = profile(a, LEX), profile(b, LEX)
    forward, backward = profiles_compatible(pa, pb, False), profiles_compatible(pb, pa, False)
    assert forward == backward
    return forward


def groups(ms: list[ResolvedMention], seed: int = 3) -> list[list[str]]:
    """The partition as article ids, checked to be the same in a shuffled order."""
    out = sorted(sorted(m.source.article_id for m in g) for g in cluster(ms, LEX))
    shuffled = ms[:]
    random.Random(seed).shuffle(shuffled)
    assert sorted(sorted(m.source.article_id for m in g) for g in cluster(shuffled, LEX)) == out
    return out
