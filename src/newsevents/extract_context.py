"""What every part of extraction reads: the cue words (data/extract_cues.yaml), the
context of lexicon, gazetteer and actor dictionary, and the trigger record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from newsevents.actor_pairs import PairCues, compile_pair_cues
from newsevents.aggregates import AggregateCues, load_aggregate_cues
from newsevents.data_files import package_data, read_yaml_mapping, word_set
from newsevents.lexicon import Lexicon, TriggerClass
from newsevents.resolve.actors import ActorDictionary


@dataclass(frozen=True)
class Cues:
    """Word lists the extractor consults (from data/extract_cues.yaml)."""

    speech: frozenset[str]
    claim: frozenset[str]
    deny: frozenset[str]
    absence: frozenset[str]  # "no mention of": the event after them is denied
    threat: frozenset[str]
    plan: frozenset[str]
    death_verbs: frozenset[str]
    modal: frozenset[str]
    background_adverbs: frozenset[str]
    locative_preps: frozenset[str]
    directions: frozenset[str]
    not_actors: frozenset[str]
    kill: frozenset[str]
    counted_acts: frozenset[str]  # "two massacres": a count of acts, not of the dead
    injure: frozenset[str]
    people: frozenset[str]
    armed: frozenset[str]
    intervention: frozenset[str]
    aggregate: AggregateCues  # totals over a period (aggregate_cues.yaml)
    excessive: re.Pattern[str] = re.compile(r"(?!)")  # lethal force against a crowd
    crowd: re.Pattern[str] = re.compile(r"(?!)")  # a protest named in the sentence
    place_nouns: frozenset[str] = frozenset()  # "Aleppo city", "Idlib's countryside"
    inhabited_places: frozenset[str] = frozenset()  # "the rebel town": held, not hit
    place_subject_verbs: frozenset[str] = frozenset()  # "Daraa witnesses clashes"
    venue_nouns: frozenset[str] = frozenset()  # "a meeting ... in New York"
    coordinators: tuple[tuple[str, ...], ...] = ()  # where a headline's events are joined
    implied: tuple[ImpliedAttacker, ...] = ()  # weapons only one side used
    pairs: PairCues | None = None  # "between A and B", "A against B"
    thing_heads: frozenset[str] = frozenset()  # "kidnapping ring": an event word as a label
    holding: frozenset[str] = frozenset()  # "confiscated 2 grenades": weapons held
    doing_particles: frozenset[str] = frozenset()  # "carried out airstrikes": not held
    disarm: frozenset[str] = frozenset()  # "intercept", "defuse": told of weapons only
    disarmed: frozenset[str] = frozenset()  # "missile", "bomb": what is disarmed
    # "according to", "deal with": an event word opening a phrase of another sense
    recall_words: frozenset[str] = frozenset()  # "the anniversary of the massacre"
    named_events: frozenset[str] = frozenset()  # "the Ghouta Massacre"
    past_habits: frozenset[str] = frozenset()  # "used to control": an earlier state
    strike_nouns: frozenset[str] = frozenset()  # "Israeli strikes": an air strike
    executions: frozenset[str] = frozenset()  # "executed 70 members": the held, killed
    protest_demands: frozenset[str] = frozenset()  # "rallied demanding ...": a demand
    other_senses: tuple[tuple[str, ...], ...] = ()
    intransitive: frozenset[str] = frozenset()  # "demonstrates that ...": no protest
    natural_causes: frozenset[str] = frozenset()  # "an earthquake killed 40": no one's act
    self_pronouns: frozenset[str] = frozenset()  # "the SDF said it had captured": the SDF
    repel_verbs: frozenset[str] = frozenset()  # "repelled an IS attack": a battle with IS
    fighter_words: frozenset[str] = frozenset()  # "rebel rocket fire": the rebels'
    target_fighter_words: frozenset[str] = frozenset()  # "terrorist dens": hit, not acting
    armed_bodies: frozenset[str] = frozenset()  # "terrorist organizations": armed if so said
    sufferers: frozenset[str] = frozenset()  # "the group suffered losses": it underwent them
    stop: frozenset[str] = frozenset()  # "stop the kidnappings": acts called off, not told
    object_verbs: frozenset[str] = frozenset()  # "control": an act only with its object
    toll_verbs: frozenset[str] = frozenset()  # "the death toll rises to 20"
    toll_at_verbs: frozenset[str] = frozenset()  # "the death toll was put at 8"
    rest_nouns: frozenset[str] = frozenset()  # "58 others injured": a count of the rest
    count_nouns: frozenset[str] = frozenset()  # "the number of casualties"
    toll_nouns: frozenset[str] = frozenset()  # "casualties", "losses": the dead, counted
    dead_count: frozenset[str] = frozenset()  # "7 casualties": a count of the dead
    subject_dies: frozenset[str] = frozenset()  # "a woman dies": the subject died
    count_leads: frozenset[str] = frozenset()  # "killed at least 13": words before a count
    timing: frozenset[str] = frozenset()  # "after the killing of 30": a time, no toll
    partitive: frozenset[str] = frozenset()  # "13 members of the guard": part of a whole
    joining: frozenset[str] = frozenset()  # "casualties and wounded": written together
    toll_span: re.Pattern[str] = re.compile(r"(?!)")  # "within 45 days": a running total
    daily_toll: re.Pattern[str] = re.compile(r"(?!)")  # "26 were killed yesterday including"
    country_place_preps: frozenset[str] = frozenset()  # "in Syria": where it happened
    country_target_preps: frozenset[str] = frozenset()  # "strikes on Syria": what was hit
    residence_words: frozenset[str] = frozenset()  # "based in Afghanistan": no place
    patron_words: frozenset[str] = frozenset()  # "loyal to Damascus": a party, no place
    respond: frozenset[str] = frozenset()  # "condemned the attack": not who did it
    # "seized the mayor", "took over the train": an abduction
    captives: frozenset[str] = frozenset()
    civil_bodies: frozenset[str] = frozenset()  # "a council member": not a fighter
    respond_preps: frozenset[str] = frozenset()  # "reacted to the attack"
    reason_preps: frozenset[str] = frozenset()  # "moved warships over an attack"
    reason_nouns: frozenset[str] = frozenset()  # "in response to an attack"
    event_place_preps: frozenset[str] = frozenset()  # "explosion in Hisyah": a place
    accuse: frozenset[str] = frozenset()  # "accused rebels of launching": claimed
    place_of_events: frozenset[str] = frozenset()  # "the massacre of Hish": a place
    place_suffixes: frozenset[str] = frozenset()  # "Douma City": a place and its kind
    period_starts: frozenset[str] = frozenset()  # "the largest since 2014": no date
    month_triggers: frozenset[str] = frozenset()  # "March 11": a date, not a march
    month_leads: frozenset[str] = frozenset()  # "in late March": the month
    months: frozenset[str] = frozenset()  # "Feb 022015 Beirut ...": a dateline's date
    assembly: frozenset[str] = frozenset()  # "gathered ... to protest": a protest done
    conditions: frozenset[str] = frozenset()  # "if the siege continues": may not happen
    raids: frozenset[str] = frozenset()  # "raided a house and detained two": an arrest
    demands: frozenset[str] = frozenset()  # "called for protests": asked for, not yet done
    # Sub-type -> the crowd that did it when no actor is named ("Peaceful protest": Protesters)
    crowd_actors: Mapping[str, str] = field(default_factory=dict)
    # "three months after the fall of Assad": days a unit of time measures
    elapsed_units: Mapping[str, int] = field(default_factory=dict)
    purpose_protests: frozenset[str] = frozenset()  # the protest words of such a purpose
    aircraft: frozenset[str] = frozenset()  # "helicopters bombed": bombs from the air
    aircraft_doers: frozenset[str] = frozenset()  # "jets struck": an air strike (no "bomber")
    # "shells of the regime forces", "warplanes of the Coalition": the "of" phrase fired them
    owned_weapons: frozenset[str] = frozenset()
    based_words: frozenset[str] = frozenset()  # "the London based monitor": a modifier
    allegiance: frozenset[str] = frozenset()  # "rebels fighting IS": a party described
    government_verbs: frozenset[str] = frozenset()  # "accused Moscow": its government
    one_person: frozenset[str] = frozenset()  # "a brigadier is killed": one victim, no number
    persons: frozenset[str] = frozenset()  # nouns for people, one or many ("wife", "family")
    single_determiners: frozenset[str] = frozenset()  # "a", "the", "another" (not "no")
    habitual: frozenset[str] = frozenset()  # "a child dies every hour": no one event
    company: frozenset[str] = frozenset()  # "kills a woman with her children": more dead
    ally_preps: frozenset[str] = frozenset()  # "fought alongside the army": an ally
    # "20 people, including five soldiers", "59 worshippers, most of them policemen":
    # who was among the victims
    victim_inclusion: frozenset[str] = frozenset()
    victim_shares: frozenset[str] = frozenset()
    near_miss: frozenset[str] = frozenset()  # "almost killed": nobody died
    agent_verbs: frozenset[str] = frozenset()  # "an attack carried out by A": A did it
    weapon_use: frozenset[str] = frozenset()  # "a missile fired by A": A used it
    handover: frozenset[str] = frozenset()  # "hand over", "handover": territory if ground
    ground: frozenset[str] = frozenset()  # "the town", "positions": ground handed over
    allies: tuple[frozenset[str], ...] = ()  # actors that fight on one side
    # Parts of places' names ("Fort", "Dam"), with place_nouns and place_suffixes:
    # two places' names written together with one of these are no person's surnames.
    name_parts: frozenset[str] = frozenset()
    place_qualifiers: frozenset[str] = frozenset()  # "Metro Vancouver": no person

    @cached_property
    def people_or_armed(self) -> frozenset[str]:
        """Nouns for persons, armed or not (`people` and `armed`)."""
        return self.people | self.armed

    @cached_property
    def weapon_users(self) -> frozenset[str]:
        """Verbs whose "by" or subject names who used a weapon ("fired by", "launched"):
        `weapon_use` and `agent_verbs`."""
        return self.weapon_use | self.agent_verbs

    @cached_property
    def dead_words(self) -> frozenset[str]:
        """Words of the dead, killing or counted (`kill` and `toll_nouns`)."""
        return self.kill | self.toll_nouns

    @cached_property
    def hit_fighter_words(self) -> frozenset[str]:
        """Words for fighters that name the group as what was hit ("a rebel convoy",
        "terrorist dens"): `fighter_words` and `target_fighter_words`."""
        return self.fighter_words | self.target_fighter_words


@dataclass(frozen=True)
class ImpliedAttacker:
    """A weapon that names its user where only one side had it (barrel bombs in Syria)."""

    words: re.Pattern[str]
    countries: frozenset[str]
    actor: str
    until: dt.date | None


def _implied(data: list[dict[str, Any]]) -> tuple[ImpliedAttacker, ...]:
    """The implied_attackers rules of extract_cues.yaml."""
    rules = []
    for rule in data:
        alternation = "|".join(re.escape(str(w)).replace(r"\ ", r"[\s-]+") for w in rule["words"])
        until = rule.get("until")
        rules.append(
            ImpliedAttacker(
                words=re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE),
                countries=frozenset(str(c) for c in rule["countries"]),
                actor=str(rule["actor"]),
                until=dt.date.fromisoformat(str(until)) if until else None,
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def load_cues(path: Path | None = None) -> Cues:
    """Load the extractor's cue words (bundled file by default)."""
    src = path or package_data("extract_cues.yaml")
    data = read_yaml_mapping(src)

    def words(key: str) -> frozenset[str]:
        return word_set(data, key, src)

    return Cues(
        speech=words("speech_verbs"),
        claim=words("claim_verbs"),
        deny=words("deny_verbs"),
        absence=words("absence_nouns"),
        threat=words("threat_verbs"),
        plan=words("plan_verbs"),
        death_verbs=words("death_verbs"),
        modal=words("hypothetical_modals"),
        background_adverbs=words("background_adverbs"),
        recall_words=words("recall_words"),
        named_events=words("named_event_words"),
        past_habits=words("past_habit_verbs"),
        strike_nouns=words("strike_nouns"),
        executions=words("execution_words"),
        protest_demands=words("protest_demand_verbs"),
        locative_preps=words("locative_prepositions"),
        directions=words("direction_words"),
        not_actors=words("not_actor_names"),
        kill=words("kill_lemmas"),
        counted_acts=words("counted_act_nouns"),
        injure=words("injure_lemmas"),
        people=words("people_nouns"),
        armed=words("armed_nouns"),
        intervention=words("intervention_words"),
        aggregate=load_aggregate_cues(),
        excessive=re.compile(data["excessive_force_pattern"], re.IGNORECASE),
        crowd=re.compile(data["crowd_pattern"], re.IGNORECASE),
        place_nouns=words("place_nouns"),
        inhabited_places=words("inhabited_places"),
        place_subject_verbs=words("place_subject_verbs"),
        venue_nouns=words("venue_nouns"),
        coordinators=tuple(
            tuple(str(p).lower().split())
            for p in sorted(data["coordinators"], key=lambda p: -len(str(p).split()))
        ),
        implied=_implied(data.get("implied_attackers") or []),
        thing_heads=words("thing_heads"),
        holding=words("holding_verbs"),
        doing_particles=words("doing_particles"),
        disarm=words("disarm_verbs"),
        disarmed=words("disarmed_objects"),
        other_senses=tuple(tuple(str(p).lower().split()) for p in data.get("other_senses", [])),
        intransitive=words("intransitive_verbs"),
        natural_causes=words("natural_causes"),
        self_pronouns=words("self_pronouns"),
        repel_verbs=words("repel_verbs"),
        fighter_words=words("fighter_words"),
        target_fighter_words=words("target_fighter_words"),
        armed_bodies=words("armed_body_nouns"),
        sufferers=words("sufferer_verbs"),
        stop=words("stop_verbs"),
        object_verbs=words("object_verbs"),
        toll_verbs=words("toll_verbs"),
        toll_at_verbs=words("toll_at_verbs"),
        rest_nouns=words("rest_nouns"),
        count_nouns=words("count_nouns"),
        toll_nouns=words("toll_nouns"),
        dead_count=words("dead_count_nouns"),
        subject_dies=words("subject_dies_lemmas"),
        count_leads=words("count_leads"),
        timing=words("timing_prepositions"),
        partitive=words("partitive_prepositions"),
        joining=words("joining_conjunctions"),
        toll_span=re.compile(data["toll_span_pattern"], re.IGNORECASE),
        daily_toll=re.compile(data["daily_toll_pattern"], re.IGNORECASE),
        country_place_preps=words("country_place_prepositions"),
        country_target_preps=words("country_target_prepositions"),
        residence_words=words("residence_words"),
        patron_words=words("patron_words"),
        respond=words("response_verbs"),
        civil_bodies=words("civil_bodies"),
        captives=words("captive_nouns") | words("people_nouns") | words("hijacked_vehicles"),
        respond_preps=words("response_prepositions"),
        reason_preps=words("reason_prepositions"),
        reason_nouns=words("reason_nouns"),
        event_place_preps=words("event_place_prepositions"),
        accuse=words("accusation_verbs"),
        place_of_events=words("place_of_events"),
        place_suffixes=words("place_name_suffixes"),
        period_starts=words("period_start_words"),
        month_triggers=words("month_triggers"),
        month_leads=words("month_lead_words"),
        months=words("month_names"),
        assembly=words("assembly_verbs"),
        conditions=words("condition_marks"),
        raids=words("raid_verbs"),
        demands=words("demand_verbs"),
        crowd_actors={str(k): str(v) for k, v in (data.get("crowd_actors") or {}).items()},
        elapsed_units={str(k): int(v) for k, v in (data.get("elapsed_units") or {}).items()},
        purpose_protests=words("purpose_protests"),
        aircraft=words("aircraft_nouns"),
        aircraft_doers=words("aircraft_nouns") - words("person_aircraft_nouns"),
        owned_weapons=words("owned_weapons") | words("aircraft_nouns"),
        based_words=words("based_words"),
        allegiance=words("allegiance_participles"),
        government_verbs=words("government_verbs"),
        one_person=(words("people_nouns") | words("armed_nouns") | words("person_nouns"))
        - words("group_nouns"),
        persons=words("people_nouns")
        | words("person_nouns")
        | (words("armed_nouns") - words("aircraft_nouns")),
        single_determiners=words("single_determiners"),
        habitual=words("habitual_words"),
        company=words("company_prepositions"),
        ally_preps=words("ally_prepositions"),
        victim_inclusion=words("victim_inclusion_prepositions"),
        victim_shares=words("victim_share_words"),
        near_miss=words("near_miss_adverbs"),
        pairs=compile_pair_cues(
            [str(w) for w in data["pair_between"]],
            [str(w) for w in data["pair_joined"]],
            [str(w) for w in data["pair_against"]],
            [str(w) for w in data.get("holder_before") or []],
            [str(w) for w in data.get("holder_after") or []],
            [str(w) for w in data.get("pair_name_nouns") or []],
            [str(w) for w in data.get("mutual_phrases") or []],
            [str(w) for w in data.get("armed_actor_kinds") or []],
        ),
        agent_verbs=words("agent_verbs"),
        weapon_use=words("weapon_use_verbs"),
        handover=words("handover_words"),
        ground=words("ground_words") | words("place_nouns"),
        allies=tuple(frozenset(str(a) for a in group) for group in data.get("allied_actors") or []),
        name_parts=words("place_name_parts") | words("place_nouns") | words("place_name_suffixes"),
        place_qualifiers=words("place_qualifiers") | words("direction_words"),
    )


@dataclass(frozen=True)
class ExtractContext:
    """What extraction needs besides the article: lexicons and the publication date."""

    lexicon: Lexicon
    actors: ActorDictionary
    is_place: Callable[[str], bool]
    anchor: dt.date | None
    cues: Cues
    # ISO3 country of a place name, for the article's countries (which decide what
    # "regime forces" or "the army" mean); no countries from places when absent.
    place_country: Callable[[str], str | None] = lambda name: None
    # The countries an article's words point to ("regime forces" -> SYR, place_cues.yaml),
    # and the ISO3 country of a place name read with such countries as its context
    # ("Palmyra" beside "regime forces" is Syria's, not Pennsylvania's).
    cue_countries: Callable[[Iterable[str]], tuple[str, ...]] = lambda texts: ()
    place_country_in: Callable[[str, tuple[str, ...]], str | None] = lambda name, cues: None
    # ISO3 code when a name is a country's ("Russia", "U.S."): a country that modifies an
    # event noun ("Russia airstrikes") names the attacker, a town ("Idlib shelling") the
    # place. None for every name when absent.
    country_for: Callable[[str], str | None] = lambda name: None
    # ISO3 code when a name is a country's capital ("Moscow"): outside a place's roles
    # ("in Moscow", "strikes on Damascus") a capital names its government ("Washington
    # accused Moscow"). None for every name when absent.
    capital_for: Callable[[str], str | None] = lambda name: None


@dataclass(frozen=True)
class Trigger:
    token: Token
    cls: TriggerClass
    text: str
