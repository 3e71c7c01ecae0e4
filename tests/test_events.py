"""Events from the clause structure: type, sides, status and mode, one sentence at a time."""

from __future__ import annotations

import pytest


def coded(pipeline, text: str, published: str = "2024-03-04"):
    readout = pipeline.extract_text(text, published=published)
    codes = {actor.id: actor.code for actor in readout.actors}
    return [(e.type, sorted(codes[a] for a in e.actors), sorted(codes[r] for r in e.recipients), e.status)
            for e in readout.events]


@pytest.mark.parametrize("text, expected", [
    ("Italy condemned Russia's strikes on Ukrainian cities.", ("ACCUSE", ["ITA"], ["RUS"], "occurred")),
    ("Russia launched massive drone strikes on Ukraine overnight.", ("ASSAULT", ["RUS"], ["UKR"], "occurred")),
    ("The EU imposed new sanctions on Iran on Monday.", ("SANCTION", ["EU"], ["IRN"], "occurred")),
    ("Poland will send tanks to Ukraine.", ("AID", ["POL"], ["UKR"], "intended")),
    ("Seoul summoned the Japanese ambassador on Tuesday.", ("ACCUSE", ["KOR"], ["JPN"], "occurred")),
    ("Germany pledged 500 million euros in aid for Sudan.", ("AID", ["DEU"], ["SDN"], "intended")),
    ("Japan thanked India for its support.", ("SUPPORT", ["JPN"], ["IND"], "occurred")),
    ("Hungary vetoed the proposal.", ("REJECT", ["HUN"], [], "occurred")),
    ("Turkey urged Sweden to crack down on militants.", ("REQUEST", ["TUR"], ["SWE"], "occurred")),
    ("China accused the United States of provoking tensions.", ("ACCUSE", ["CHN"], ["USA"], "occurred")),
    ("Kenya expelled two Somali diplomats on Friday.", ("SANCTION", ["KEN"], ["SOM"], "occurred")),
])
def test_clause_gives_type_actor_recipient_and_status(pipeline, text, expected):
    assert expected in coded(pipeline, text)


@pytest.mark.parametrize("text, status", [
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin.", "occurred"),
    ("French President Emmanuel Macron will meet German Chancellor Olaf Scholz next week.", "planned"),
    ("French President Emmanuel Macron plans to visit Germany in May.", "planned"),
    ("French President Emmanuel Macron did not meet German Chancellor Olaf Scholz.", "negated"),
    ("French President Emmanuel Macron refused to meet German Chancellor Olaf Scholz.", "negated"),
    ("If Germany agrees, French President Emmanuel Macron will meet Chancellor Olaf Scholz.", "hypothetical"),
])
def test_status_of_a_meeting(pipeline, text, status):
    events = [e for e in coded(pipeline, text) if e[0] == "CONSULT"]
    assert [e[3] for e in events] == [status]


def test_compound_actors_are_all_actors(pipeline):
    events = coded(pipeline, "Ukraine and Italy agreed to expand defence co-production.")
    assert ("AGREE", ["UKR"], ["ITA"], "occurred") in events


@pytest.mark.parametrize("text", [
    "Macron hopes to meet Scholz soon.",
    "Italy should help Ukraine more, analysts said.",
])
def test_wishes_and_opinions_are_no_events(pipeline, text):
    assert coded(pipeline, text) == []


def test_a_football_report_yields_no_event(pipeline):
    text = ("Arsenal beat Chelsea 2-1 at the Emirates Stadium on Saturday, with a late header from the "
            "captain sealing the win. \"We showed character,\" the manager said after the match. "
            "The result lifts Arsenal to second place in the table.")
    assert coded(pipeline, text) == []


@pytest.mark.parametrize("text, mode", [
    ("Polish President Andrzej Duda spoke by phone with Lithuanian President Gitanas Nauseda.", "phone"),
    ("Polish President Andrzej Duda had a phone call with Lithuanian President Gitanas Nauseda.", "phone"),
    ("Russia launched drone strikes on Ukraine.", "drone"),
    ("NATO leaders met at a summit in Vilnius.", "multilateral"),
])
def test_mode(pipeline, text, mode):
    readout = pipeline.extract_text(text)
    assert [e.mode for e in readout.events if e.primary] == [mode]


def test_events_inside_quotes_take_the_speakers_side(pipeline):
    text = ('Ukrainian President Volodymyr Zelensky spoke after the call. "We thanked Italy for its help," '
            'Zelensky said.')
    assert ("SUPPORT", ["UKR"], ["ITA"], "occurred") in coded(pipeline, text)


def test_one_call_told_three_times_is_one_event(pipeline):
    text = ("Polish President Andrzej Duda and Lithuanian President Gitanas Nauseda discussed security. "
            "\"I had a call with Gitanas Nauseda,\" Duda said. Both leaders also discussed energy.")
    readout = pipeline.extract_text(text)
    consults = [e for e in readout.events if e.type == "CONSULT"]
    assert len(consults) == 1 and len(consults[0].evidence) == 3
    assert sum(e.primary for e in readout.events) == 1


def coded_with_mode(pipeline, text: str):
    readout = pipeline.extract_text(text, published="2024-03-04")
    codes = {actor.id: actor.code for actor in readout.actors}
    return [(e.type, sorted(codes[a] for a in e.actors), sorted(codes[r] for r in e.recipients),
             e.status, e.mode) for e in readout.events]


# One or more cases for each of PLOVER's 16 types, with the mode the clause gives.
@pytest.mark.parametrize("text, expected", [
    ("Armenia and Azerbaijan agreed on Friday to reopen their border crossings.",
     ("AGREE", ["ARM"], ["AZE"], "occurred", None)),
    ("Kenya accepted a proposal from Ethiopia to share the dam's water.",
     ("AGREE", ["KEN"], ["ETH"], "occurred", None)),
    ("The Chilean foreign minister visited Peru on Monday.", ("CONSULT", ["CHL"], ["PER"], "occurred", "visit")),
    ("Norway mediated talks between Colombia and Venezuela.",
     ("CONSULT", ["NOR"], ["COL", "VEN"], "occurred", "third-party")),
    ("Spain and Morocco held a video call on migration.", ("CONSULT", ["ESP"], ["MAR"], "occurred", "phone")),
    ("Canada praised Ghana for the peaceful election.", ("SUPPORT", ["CAN"], ["GHA"], "occurred", None)),
    ("Ireland welcomed Finland's decision to join the alliance.",
     ("SUPPORT", ["IRL"], ["FIN"], "occurred", None)),
    ("Serbia apologized to Croatia for the border incident.", ("CONCEDE", ["SRB"], ["HRV"], "occurred", None)),
    ("Myanmar lifted the curfew in Yangon on Sunday.", ("CONCEDE", ["MMR"], [], "occurred", None)),
    ("Egypt extradited two suspects to Jordan on Tuesday.", ("COOPERATE", ["EGY"], ["JOR"], "occurred", None)),
    ("Greece and Cyprus launched joint naval exercises in the Aegean.",
     ("COOPERATE", ["GRC"], ["CYP"], "occurred", None)),
    ("Japan gave Tonga ten tonnes of drinking water after the eruption.",
     ("AID", ["JPN"], ["TON"], "occurred", None)),
    ("Norway granted asylum to three Belarusian journalists.", ("AID", ["NOR"], ["BLR"], "occurred", None)),
    ("Iran released two French citizens on Friday.", ("RETREAT", ["IRN"], ["FRA"], "occurred", "release")),
    ("Ethiopia withdrew its troops from the Somali border town on Sunday.",
     ("RETREAT", ["ETH"], ["SOM"], "occurred", "withdraw")),
    ("Bolivia demanded that Chile return the seized cargo.", ("REQUEST", ["BOL"], ["CHL"], "occurred", None)),
    ("Nigeria appealed to Ghana for help with the refugees.", ("REQUEST", ["NGA"], ["GHA"], "occurred", None)),
    ("Poland said Germany must pay reparations for the war.", ("REQUEST", ["POL"], ["DEU"], "occurred", None)),
    ("Lithuania accused Belarus of pushing migrants over the border.",
     ("ACCUSE", ["LTU"], ["BLR"], "occurred", "allege")),
    ("Mexico lodged a complaint with Ecuador over the embassy raid.",
     ("ACCUSE", ["MEX"], ["ECU"], "occurred", "disapprove")),
    ("France opened an investigation into the Lebanese central bank governor.",
     ("ACCUSE", ["FRA"], ["LBN"], "occurred", "investigate")),
    ("Venezuela rejected a Guyanese proposal for joint patrols.", ("REJECT", ["VEN"], ["GUY"], "occurred", None)),
    ("Uganda said it will not accept more refugees from Sudan.", ("REJECT", ["UGA"], [], "occurred", "assist")),
    ("China threatened to impose sanctions on Lithuania.",
     ("THREATEN", ["CHN"], ["LTU"], "occurred", "relations")),
    ("Turkey threatened to launch an offensive unless Syria withdrew the militia.",
     ("THREATEN", ["TUR"], ["SYR"], "occurred", "violence")),
    ("Thousands of Georgians demonstrated in Tbilisi against the new law.",
     ("PROTEST", ["GEO"], [], "occurred", "demo")),
    ("Kenyan farmers blocked roads outside Nairobi on Monday.", ("PROTEST", ["KEN"], [], "occurred", "obstruct")),
    ("Hundreds of Israeli doctors began a hunger strike.", ("PROTEST", ["ISR"], [], "occurred", "hunger")),
    ("Estonia expelled two Russian diplomats on Friday.", ("SANCTION", ["EST"], ["RUS"], "occurred", "expel")),
    ("Morocco broke off relations with Iran.", ("SANCTION", ["MAR"], ["IRN"], "occurred", "discontinue")),
    ("Japan halted economic aid to Myanmar.", ("SANCTION", ["JPN"], ["MMR"], "occurred", "discontinue")),
    ("India deployed additional troops to the Ladakh border.", ("MOBILIZE", ["IND"], [], "occurred", "troops")),
    ("Armenia mobilized reservists on Tuesday.", ("MOBILIZE", ["ARM"], [], "occurred", "troops")),
    ("Belarusian police arrested dozens of Polish activists.", ("COERCE", ["BLR"], ["POL"], "occurred", "arrest")),
    ("Tunisia imposed a curfew in the southern city on Sunday.", ("COERCE", ["TUN"], [], "occurred", "curfew")),
    ("Russia banned Latvian broadcasters.", ("COERCE", ["RUS"], ["LVA"], "occurred", "restrict")),
    ("Russia launched massive drone strikes on Ukraine.", ("ASSAULT", ["RUS"], ["UKR"], "occurred", "drone")),
    ("Israeli jets bombed Syrian positions near Damascus.", ("ASSAULT", ["ISR"], ["SYR"], "occurred", "aerial")),
    ("Afghan militants kidnapped two Chinese engineers.", ("ASSAULT", ["AFG"], ["CHN"], "occurred", "abduct")),
])
def test_every_plover_type_is_found_from_the_clause(pipeline, text, expected):
    assert expected in coded_with_mode(pipeline, text)


@pytest.mark.parametrize("text, kind, status", [
    (("Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan said a summit of the two "
      "presidents is to be held in Davos in a few weeks."), "CONSULT", "planned"),
    ("Italy expressed its willingness to assist Ukraine in strengthening its air defense.", "AID", "intended"),
    ("Poland will send tanks to Ukraine.", "AID", "intended"),
    ("Peru and Chile did not discuss the border dispute.", "CONSULT", "negated"),
    ("Greece refused to meet Turkey over the islands.", "CONSULT", "negated"),
    ("If Russia attacks Estonia, Germany will send troops to Estonia.", "MOBILIZE", "hypothetical"),
])
def test_status_from_the_words_that_govern_the_trigger(pipeline, text, kind, status):
    assert status in [e[3] for e in coded_with_mode(pipeline, text) if e[0] == kind]


@pytest.mark.parametrize("text", [
    "Egypt and Qatar discussed efforts to reach a ceasefire in Gaza.",   # talked about, not reached
    "Archbishop Tutu called for sanctions against Nigeria.",             # asked for, not imposed
    "Greece and Turkey must not allow the dispute to escalate.",         # a prescription
    "Canada stressed the need for an agreement that would free the hostages.",
    "Ukraine shot down twelve drones over Kyiv overnight.",              # air defence, no assault
])
def test_topics_requests_and_prescriptions_code_no_event_of_their_own(pipeline, text):
    kinds = [e[0] for e in coded_with_mode(pipeline, text)]
    assert not {"AGREE", "SANCTION", "CONCEDE", "RETREAT", "ASSAULT"} & set(kinds)


def test_a_quoted_instruction_is_an_event_of_the_speakers_side(pipeline):
    text = ('Ukrainian President Volodymyr Zelensky spoke with Italian Prime Minister Giorgia Meloni. '
            '"We instructed our teams to intensify bilateral work on security guarantees," Zelensky said.')
    readout = pipeline.extract_text(text)
    quoted = [e for e in readout.events if e.quotes]
    assert all(readout.actors[int(e.actors[0][1:]) - 1].code == "UKR" for e in quoted)


def test_a_refusal_wrapping_a_meeting_leaves_the_meeting_as_the_headline(pipeline):
    text = "China has declined a U.S. proposal for Lloyd Austin to meet Li Shangfu in Singapore."
    readout = pipeline.extract_text(text)
    [primary] = [e for e in readout.events if e.primary]
    assert (primary.type, primary.status) == ("CONSULT", "negated")


def test_an_agreement_after_a_call_is_reached_with_the_other_side(pipeline):
    text = ('Ukrainian President Volodymyr Zelensky spoke by phone with Polish President Andrzej Duda. '
            '"We agreed to keep in close touch," Zelensky wrote after the call.')
    assert ("AGREE", ["UKR"], ["POL"], "occurred", None) in coded_with_mode(pipeline, text)


@pytest.mark.parametrize("text", [
    "The winger fired a low shot past the goalkeeper in the second half.",
    "The striker was sent off after the referee showed him a second yellow card.",
])
def test_sports_language_is_no_event(pipeline, text):
    assert coded_with_mode(pipeline, text) == []


@pytest.mark.parametrize("text, expected", [
    # a material act aimed at no one named is aimed at the country where it is done
    ("Chadian troops shelled positions near Maiduguri.", ("ASSAULT", ["TCD"], ["NGA"], "occurred")),
    ("Canada will provide food aid to villagers in Malawi.", ("AID", ["CAN"], ["MWI"], "intended")),
    # "the city of X", a capital tagged as a person, "linked to X"
    ("Russian missiles struck the city of Kharkiv, Ukraine said.", ("ASSAULT", ["RUS"], ["UKR"], "occurred")),
    ("Britain imposed sanctions on ten firms linked to Iran's missile program.",
     ("SANCTION", ["GBR"], ["IRN"], "occurred")),
    ("Germany recalled its ambassador from Moscow after Russia expelled two German diplomats.",
     ("SANCTION", ["DEU"], ["RUS"], "occurred")),
])
def test_recipients_named_through_places_and_owners(pipeline, text, expected):
    assert expected in coded(pipeline, text)


@pytest.mark.parametrize("text, expected", [
    ("The Serbian army prepared to resume shelling the border villages.", "MOBILIZE"),
    ("Armenia mobilized its reservists on Sunday.", "MOBILIZE"),
    ("One third of the Ugandan rebels have been demobilized, officials said.", "RETREAT"),
])
def test_readied_forces_and_disarmed_fighters(pipeline, text, expected):
    assert expected in [event[0] for event in coded(pipeline, text)]


@pytest.mark.parametrize("text", [
    "Chile mobilized public opinion against the treaty.",
    "Thousands of Kenyans demonstrated in Nairobi, calling for lower fuel prices.",
    "Ghana rejected a Togolese appeal for talks.",
])
def test_what_is_mobilised_answered_or_protested_for_codes_no_event_of_its_own(pipeline, text):
    kinds = [event[0] for event in coded(pipeline, text)]
    assert "MOBILIZE" not in kinds and "REQUEST" not in kinds


def test_a_rejection_of_the_allegations_answers_the_accuser(pipeline):
    text = ("Norway accused Iran of plotting attacks on Monday. Iran's foreign ministry rejected "
            "the allegations on Tuesday.")
    assert ("REJECT", ["IRN"], ["NOR"], "occurred") in coded(pipeline, text)


def test_a_visit_made_to_meet_someone_has_that_person_as_host(pipeline):
    readout = pipeline.extract_text("Czech Prime Minister Petr Fiala will visit Kyiv next week to meet "
                                    "Ukrainian President Volodymyr Zelensky.", published="2024-03-04")
    names = {actor.id: actor.name for actor in readout.actors}
    [visit] = [e for e in readout.events if e.type == "CONSULT"]
    assert [names[i] for i in visit.recipients] == ["Volodymyr Zelensky"]


def test_a_board_meeting_of_one_organisation_is_no_event(pipeline):
    assert coded(pipeline, "The IMF's board meets on Wednesday to consider the loan.") == []
