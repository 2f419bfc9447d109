"""Encyclopedic phrasing (extract/encyclopedic.py): the opening sentences of reference works.

Every text here is made up for these tests (invented organisations and people), so no fact
can come from a gazetteer entry: the rules must find them from the sentence alone.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from extract.encyclopedic import load_cues
from extract.typing_cues import TypeCues
from ontology.errors import ConfigurationError

FOUND = [
    # a participle on the noun a copula gives the subject, with its founder and its place
    (
        "Harborline Freight is a Norwegian shipping company founded in 1987 by the engineer "
        "Ingrid Dahlberg and based in Tromsø.",
        {
            ("Harborline Freight", "foundedIn", "1987"),
            ("Ingrid Dahlberg", "founderOf", "Harborline Freight"),
            ("Harborline Freight", "headquarteredIn", "Tromsø"),
        },
    ),
    # a leading participle dates the main clause's subject
    (
        "Established in 2004, the Meridian Policy Institute studies water law.",
        {("Meridian Policy Institute", "foundedIn", "2004")},
    ),
    # an apposition carries the participle
    (
        "Dana Whitfield is a member of Open Lantern, an organisation created in 2011 to defend "
        "public libraries.",
        {("Open Lantern", "foundedIn", "2011")},
    ),
    # the founding noun with its year
    (
        "Before the creation of the Coastal Hockey League in 1958, the teams played friendlies.",
        {("Coastal Hockey League", "foundedIn", "1958")},
    ),
    # a bracket after the name
    (
        "The Harrow Guild (founded 1921) trains printers.",
        {("Harrow Guild", "foundedIn", "1921")},
    ),
    # "active between" gives the first year
    (
        "Ardent Motori was an Italian manufacturer of scooters active between 1948 and 1979.",
        {("Ardent Motori", "foundedIn", "1948")},
    ),
    # an intransitive founding verb in a relative clause dates what its antecedent describes,
    # past a country the parser hung on that noun
    (
        "The Pellmore Credit Exchange (PCE) is a trading venue in Tallinn, Estonia that formally "
        "launched on March 3, 2016.",
        {("Pellmore Credit Exchange", "foundedIn", "2016")},
    ),
    # "form" with an organisation noun as its object: the name that noun introduces is an
    # organisation the subject founded
    (
        "In 1931 Hayashi Genzō formed the nationalist political organization Seinen Kyōkai in Osaka.",
        {
            ("Seinen Kyōkai", "foundedIn", "1931"),
            ("Hayashi Genzō", "founderOf", "Seinen Kyōkai"),
        },
    ),
    (
        "In 1929 Ravi Kulkarni had formed Meghdoot Film Company with Anil Deshpande.",
        {
            ("Ravi Kulkarni", "founderOf", "Meghdoot Film Company"),
            ("Anil Deshpande", "founderOf", "Meghdoot Film Company"),
        },
    ),
    (
        "In 1977 Tom Rawley formed a rock band called Copper Lanterns.",
        {("Tom Rawley", "founderOf", "Copper Lanterns")},
    ),
    # a name compounded onto a noun for its kind is the organisation ("the X record label"), the
    # model's tag or not; a "called" apposition after it names a second one
    (
        "In 1990 Tom Rawley founded the Korvan Sounds record label.",
        {
            ("Korvan Sounds", "foundedIn", "1990"),
            ("Tom Rawley", "founderOf", "Korvan Sounds"),
        },
    ),
    (
        "Tom Rawley founded the Harrowgate record label, a jazz label called Bluefen and the Halden "
        "Chamber Orchestra.",
        {("Tom Rawley", "founderOf", "Harrowgate")},
    ),
    # a "when" clause on a date, or right after one, is dated by it
    (
        "The hall has hosted concerts since 1884, when the Lindqvist Choral Society was founded.",
        {("Lindqvist Choral Society", "foundedIn", "1884")},
    ),
    (
        "Since 1902, when the Harrow Rowing Club was established by Tom Price, the race has been held "
        "each spring.",
        {("Harrow Rowing Club", "foundedIn", "1902")},
    ),
    # a date fronted on a clause dates the clause coordinated with it
    (
        "On 4 May 1978, after a long strike, the director Ana Morrow was dismissed from her post, and "
        "the Dockside Workers Council was formed.",
        {("Dockside Workers Council", "foundedIn", "1978")},
    ),
    # an organisation that began what it exists to do was founded then
    (
        "Nordlys FM is a Norwegian radio station. The station began broadcasting on 3 March 1971.",
        {("Nordlys FM", "foundedIn", "1971")},
    ),
    ("Vestby Airlines Ltd began operations in 1998.", {("Vestby Airlines Ltd", "foundedIn", "1998")}),
]

TOPIC = [
    # a definite organisation noun the text used to describe its subject
    (
        "The Lakeside Courier is a weekly newspaper for the towns around Lake Erie. "
        "The newspaper was established in 1911 by the printer Walter Greaves.",
        {("Lakeside Courier", "foundedIn", "1911"), ("Walter Greaves", "founderOf", "Lakeside Courier")},
    ),
]

OWNERSHIP = [
    (
        "Pinecrest Radio is a regional station owned by Northway Media.",
        {("Northway Media", "owns", "Pinecrest Radio")},
    ),
    (
        "Coldharbor Dairy is a subsidiary of Brightwater Foods.",
        {
            ("Coldharbor Dairy", "subsidiaryOf", "Brightwater Foods"),
            ("Brightwater Foods", "owns", "Coldharbor Dairy"),
        },
    ),
    (
        "The console was built by the Korvan Group's Tessel Audio Labs division.",
        {("Tessel Audio Labs", "subsidiaryOf", "Korvan Group")},
    ),
    (
        "Harborline Freight was a Norwegian shipping company. Harborline Freight belonged to the "
        "state-owned Nordkyst holding.",
        {("Harborline Freight", "subsidiaryOf", "Nordkyst"), ("Nordkyst", "owns", "Harborline Freight")},
    ),
    (
        "Tessel Audio Ltd. became part of the Korvan Group in 2019.",
        {("Tessel Audio Ltd.", "subsidiaryOf", "Korvan Group")},
    ),
    # a participle coordinated with another; owned outright, so a subsidiary too
    (
        "Ashgrove Radio is a station based in Leeds and owned by Corvane Holdings.",
        {
            ("Ashgrove Radio", "headquarteredIn", "Leeds"),
            ("Corvane Holdings", "owns", "Ashgrove Radio"),
            ("Ashgrove Radio", "subsidiaryOf", "Corvane Holdings"),
        },
    ),
    # the model tags the country that ends a national arm's name apart
    (
        "Ashgrove Radio is owned by Corvane Media Productions UK.",
        {("Corvane Media Productions UK", "owns", "Ashgrove Radio")},
    ),
    # named institutions an organisation is made of are its units
    (
        "Northgate Health Trust is an NHS foundation trust based in Leeds. It comprises Northgate "
        "General Hospital, the Harlow Dental Hospital, the Hospital for Sleep Disorders and the "
        "Carver Eye Hospital.",
        {
            ("Northgate General Hospital", "subsidiaryOf", "Northgate Health Trust"),
            ("Harlow Dental Hospital", "subsidiaryOf", "Northgate Health Trust"),
            ("Hospital for Sleep Disorders", "subsidiaryOf", "Northgate Health Trust"),
            ("Carver Eye Hospital", "subsidiaryOf", "Northgate Health Trust"),
        },
    ),
    (
        "The Halden Health Board, comprising the Harlow Dental Hospital and the Carver Eye "
        "Hospital, was formed in 1990.",
        {
            ("Harlow Dental Hospital", "subsidiaryOf", "Halden Health Board"),
            ("Carver Eye Hospital", "subsidiaryOf", "Halden Health Board"),
        },
    ),
    # a unit noun with a modifier ("law school") as the copula's complement
    (
        "The Merrow Law School is the law school of the University of Halden.",
        {("Merrow Law School", "subsidiaryOf", "University of Halden")},
    ),
    (
        "Northern Naval Forces Elmland was a command of the Elmland Navy from 1944 to 1958.",
        {("Northern Naval Forces Elmland", "subsidiaryOf", "Elmland Navy")},
    ),
    (
        "The Bureau of Fisheries is a department of the Ministry of Agriculture.",
        {("Bureau of Fisheries", "subsidiaryOf", "Ministry of Agriculture")},
    ),
]

ROLES = [
    (
        "Miriam Osei, a professor at Ridgeview University, wrote the report.",
        {("Miriam Osei", "employeeOf", "Ridgeview University")},
    ),
    (
        "Tomas Ekberg, the leader of the Greenfield Party, conceded the election.",
        {("Tomas Ekberg", "chairOf", "Greenfield Party")},
    ),
    # an endowed professorship: the name before the title is the post's, the employer is the "at" phrase
    (
        "Maria Novak is the Norbank Professor of Maritime Law in the School of Law at the University "
        "of Brandvik.",
        {("Maria Novak", "employeeOf", "University of Brandvik")},
    ),
    # an endowed chair is an academic post at the institution, not the chair of its board
    (
        'Thomas Greene held the post of "Marta Kessel Endowed Chair in Cello Studies" at the Westbrook '
        "School of Music.",
        {("Thomas Greene", "employeeOf", "Westbrook School of Music")},
    ),
    # the chair of a department is a position at the institution
    (
        "Thomas Greene, chair of the piano department at the Westbrook School of Music, retired in 2001.",
        {("Thomas Greene", "holdsPositionAt", "Westbrook School of Music")},
    ),
]

# Where an institution sits, said in passing
SEATS = [
    (
        "She earned a degree in law from the Carver University in Leeds.",
        {("Carver University", "headquarteredIn", "Leeds")},
    ),
    (
        "Brekke Idrett was a Norwegian association football club from Stavanger.",
        {("Brekke Idrett", "headquarteredIn", "Stavanger")},
    ),
    (
        "Boston is home to the Berklee College of Music.",
        {("Berklee College of Music", "headquarteredIn", "Boston")},
    ),
    # "with headquarters in Z" on a passive verb
    (
        "Orvane Holdings is a Taiwanese maker of drones. In Canada, the company is known as "
        "Orvane System with headquarters in Fresno, California.",
        {("Orvane Holdings", "headquarteredIn", "Fresno")},
    ),
    # the parser reads "a start-up based in Z specialised in ..." as a clause of its own
    (
        "Trakkr is a startup company based in Oslo specialized in ship tracking.",
        {("Trakkr", "headquarteredIn", "Oslo")},
    ),
]

# Careers as reference works tell them: a pronoun for the subject, verbs of teaching, bodies of staff.
CAREERS = [
    (
        "Lena Voss is a German violinist. She currently teaches at Ridgeview College and previously "
        "taught at Northgate University.",
        {
            ("Lena Voss", "employeeOf", "Ridgeview College"),
            ("Lena Voss", "employeeOf", "Northgate University"),
        },
    ),
    (
        "Pavel Orlik is a Czech chemist. He is an academician at the Brandt Institute of Physics and a "
        "professor at Eastvale State University.",
        {
            ("Pavel Orlik", "employeeOf", "Brandt Institute of Physics"),
            ("Pavel Orlik", "employeeOf", "Eastvale State University"),
        },
    ),
    (
        "Marek Sowa was a Polish logician. Sowa earned his doctorate in 1961, after which he joined the "
        "faculty of the University of Lindholm.",
        {
            ("Marek Sowa", "employeeOf", "University of Lindholm"),
            ("Marek Sowa", "joined", "University of Lindholm"),
        },
    ),
    # the model tags the conservatory as a place; its name's last word makes it an institution
    (
        "Carlo Brenta was an Italian composer. He taught at the Santa Ottavia Conservatory for twenty years.",
        {("Carlo Brenta", "employeeOf", "Santa Ottavia Conservatory")},
    ),
    # whoever one studies under at an institution works there; "the supervision of" names people
    (
        "Tomas Lind is a Swedish mathematician. He earned his doctorate from the University of "
        "Harrowgate in 1971, under the supervision of Erik Sandvall and Maja Holmberg.",
        {
            ("Erik Sandvall", "employeeOf", "University of Harrowgate"),
            ("Maja Holmberg", "employeeOf", "University of Harrowgate"),
        },
    ),
    (
        "Ana Ruiz received her doctorate in 1980 under Peter Hallworth at Eastvale State University.",
        {("Peter Hallworth", "employeeOf", "Eastvale State University")},
    ),
    # the parser reads "was visiting professor" as a progressive verb and its object; the later names of
    # the list are coordinated with the title
    (
        "Peter Hallworth is a British lawyer. He was visiting professor at Eastvale (2007), Harvard (2011), "
        "NYU (2013), and Stanford (2015).",
        {
            ("Peter Hallworth", "employeeOf", "Harvard"),
            ("Peter Hallworth", "employeeOf", "NYU"),
            ("Peter Hallworth", "employeeOf", "Stanford"),
        },
    ),
    (
        "Peter Hallworth was managing director of Harlow Bank.",
        {("Peter Hallworth", "holdsPositionAt", "Harlow Bank")},
    ),
    # a deputy's title "under X" names the holder of the title deputised for
    (
        "Rhona Keir is a Scottish politician. She was deputy leader of the Greenfield Party under Tomas "
        "Ekberg from 2007 to 2014.",
        {
            ("Tomas Ekberg", "chairOf", "Greenfield Party"),
            ("Rhona Keir", "holdsPositionAt", "Greenfield Party"),
        },
    ),
    # the title as the subject: "her teachers (there) included X and Y", "the chairman of Y is X"
    (
        "Lena Voss studied the violin at the Ridgeview Conservatory, where her teachers included Peter "
        "Hallworth and Anna Berg.",
        {
            ("Peter Hallworth", "employeeOf", "Ridgeview Conservatory"),
            ("Anna Berg", "employeeOf", "Ridgeview Conservatory"),
        },
    ),
    (
        "The current chairman of Harlow Bank is Peter Hallworth.",
        {("Peter Hallworth", "chairOf", "Harlow Bank")},
    ),
    # serving on an organisation's staff or management team
    (
        "Earlier, Peter Hallworth served on the core management team of Harlow Associates, a hedge fund.",
        {("Peter Hallworth", "employeeOf", "Harlow Associates")},
    ),
    (
        "Peter Hallworth served on the staff of Harlow Associates.",
        {("Peter Hallworth", "employeeOf", "Harlow Associates")},
    ),
    # taking a position (post, job) with an organisation
    (
        "Walter Greaves was an American journalist. In 1946 he took a position with the Harlow "
        "Press Association.",
        {("Walter Greaves", "employeeOf", "Harlow Press Association")},
    ),
    # a long name the model cut into several persons is one person, the pronoun's antecedent
    (
        "Don José Gabriel Ignacio Ortega-Blanco y Fuentes Larrea Villalobos (1750–1810) was a Spanish "
        "priest. He taught as a professor at the Colegio de San Ildefonso in Toledo.",
        {
            (
                "Don José Gabriel Ignacio Ortega-Blanco y Fuentes Larrea Villalobos",
                "employeeOf",
                "Colegio de San Ildefonso",
            )
        },
    ),
    # a capitalised title the model took for a person ("Dean") is a title with its "of" phrases
    (
        "Arash Karimi is an Iranian architect. He also served as Dean of the College of Applied Arts "
        "(Beaux arts) of Shiraz University for six years.",
        {("Arash Karimi", "employeeOf", "Shiraz University")},
    ),
    # a name the model took for a person is an organisation when a title is held there
    (
        "Emre Kaya is a Turkish football coach. He is currently the manager of Karadenizspor.",
        {("Emre Kaya", "employeeOf", "Karadenizspor")},
    ),
]

# Name spans the statistical model cuts, merges or misses
NAMES = [
    # two names run together across a comma: "Pellwood, Velloso" is split, and the surname is the person
    (
        "Lucia Velloso worked at Pellwood Advisors for six years. Prior to Pellwood, Velloso founded "
        "Corvane Capital Partners.",
        {("Lucia Velloso", "founderOf", "Corvane Capital Partners")},
    ),
    # the model starts the name at the patronymic and takes the first name for a place
    (
        "Oleg Vasilyevich Tarkin is a Russian banker. Tarkin is a professor at Eastvale State University.",
        {("Oleg Vasilyevich Tarkin", "employeeOf", "Eastvale State University")},
    ),
    # the model runs the name into the bracket after it
    (
        "Mara Quist is a senior fellow at the Council on Northern Maritime Relations (CNMR), a think tank.",
        {("Mara Quist", "employeeOf", "Council on Northern Maritime Relations")},
    ),
    # the model tags only the end of a series its bracketed short form spells out
    (
        "The Lake, River and Canal Authority (LRCA) was established in 1907.",
        {("Lake, River and Canal Authority", "foundedIn", "1907")},
    ),
    # a name in apposition with a lower-case word inside (a borrowed word order)
    (
        "The academy, the French Marine nationale Officers School, was created in 1912.",
        {("French Marine nationale Officers School", "foundedIn", "1912")},
    ),
    # the model tagged neither side of "acquired": the slots say both are organisations
    (
        "Harlow Telecom was acquired by Ostrava in 2009.",
        {("Ostrava", "acquired", "Harlow Telecom")},
    ),
    # "X of A, B and C": the model ends the name at A
    (
        "Lena Voss is a German painter. From 1990, she was a professor at the Tarsk School of Painting, "
        "Sculpture and Weaving.",
        {("Lena Voss", "employeeOf", "Tarsk School of Painting, Sculpture and Weaving")},
    ),
    # ... or at "and", and tags the last word as a name of its own
    (
        "The Tarsk Fund for Painting, Music and Dance was founded in 1950.",
        {("Tarsk Fund for Painting, Music and Dance", "foundedIn", "1950")},
    ),
    # a bracket written onto the name is no part of it
    (
        "Harlow Data Institute(HDI)was established in 2002 by Mara Quist.",
        {
            ("Harlow Data Institute", "foundedIn", "2002"),
            ("Mara Quist", "founderOf", "Harlow Data Institute"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), FOUND + TOPIC + OWNERSHIP + ROLES + SEATS + CAREERS + NAMES)
def test_encyclopedic_phrasing(triples, text, expected):
    got = triples(text, published=None)
    assert expected <= got, f"missing {expected - got}; got {sorted(got)}"


def test_no_founding_year_for_places_or_people(triples):
    got = triples(
        "The town of Eastmere was founded in 1702. Carla Munro was born in 1960 and formed a choir in 1990.",
        published=None,
    )
    assert not {t for t in got if t[1] == "foundedIn"}, sorted(got)


def test_a_name_described_as_a_person_founds_not_is_founded(facts):
    text = (
        "Lantern Reel was a British film production company, founded in 1984 by Morwenna Tate, "
        "the television producer."
    )
    found = {(f.subject.name, f.predicate, f.object_name): f for f in facts(text, published=None)}
    assert ("Lantern Reel", "foundedIn", "1984") in found, sorted(found)
    founder = next((f for key, f in found.items() if key[1] == "founderOf"), None)
    assert founder is not None, sorted(found)
    assert founder.subject.type == "Person"
    assert founder.object_name == "Lantern Reel"


def test_a_product_that_launched_is_not_founded(triples):
    got = triples("The Quillfin 3 is a tablet computer that launched in May 2015.", published=None)
    assert not {t for t in got if t[1] == "foundedIn"}, sorted(got)


@pytest.mark.parametrize(
    "text",
    [
        "Tom Rawley formed a friendship with Anil Deshpande in 1977.",
        "Tom Rawley formed a new government with Anil Deshpande in 1977.",
    ],
)
def test_forming_what_is_no_organisation_founds_nothing(triples, text):
    got = triples(text, published=None)
    assert not {t for t in got if t[1] in ("founderOf", "foundedIn")}, sorted(got)


def test_a_name_on_a_unit_noun_or_before_an_apposition_is_not_the_noun(triples):
    got = triples("In 1990 Tom Rawley founded the Harrowgate research team.", published=None)
    assert not {t for t in got if "Harrowgate" in (t[0], t[2])}, sorted(got)
    got = triples("In 1990 Tom Rawley joined the Halvorsen Group label, Bluefen Records.", published=None)
    assert ("Tom Rawley", "joined", "Bluefen Records") in got, sorted(got)
    assert not {t for t in got if "Halvorsen Group" in (t[0], t[2])}, sorted(got)


@pytest.mark.parametrize(
    "text",
    [
        "Vestby Airlines Ltd began operations in Brazil in 2010.",
        "Tom Rawley began broadcasting on a pirate station in 1971.",
    ],
)
def test_beginning_somewhere_or_as_a_person_is_no_founding(triples, text):
    got = triples(text, published=None)
    assert not {t for t in got if t[1] == "foundedIn"}, sorted(got)


def test_a_later_coordinated_founding_takes_no_fronted_date(triples):
    text = "In 1990 Tom Rawley left Harrowgate Ltd and later founded the Korvan Group."
    got = triples(text, published=None)
    assert ("Tom Rawley", "founderOf", "Korvan Group") in got, sorted(got)
    assert not {t for t in got if t[1] == "foundedIn"}, sorted(got)


def test_a_title_after_a_work_noun_is_no_cofounder(triples):
    got = triples(
        "Ravi Kulkarni started Meghdoot Pictures in 1929 with Anil Deshpande and the film Sundar Rani "
        "made them famous.",
        published=None,
    )
    assert ("Anil Deshpande", "founderOf", "Meghdoot Pictures") in got, sorted(got)
    assert not {t for t in got if t[0] == "Sundar Rani"}, sorted(got)


def test_a_persons_bracketed_year_is_no_founding(triples):
    got = triples("Ingrid Dahlberg (born 1961) later joined the Harrow Guild.", published=None)
    assert not {t for t in got if t[1] == "foundedIn"}, sorted(got)


def test_a_bracket_on_a_workplace_dates_the_stay_not_the_organisation(triples):
    got = triples(
        "Ingrid Dahlberg was a visiting professor at Halden College (2003), Tromsø Polytechnic "
        "(2005-2009) and Narvik University (2010).",
        published=None,
    )
    assert not {t for t in got if t[1] == "foundedIn"}, sorted(got)


def test_a_pronoun_takes_no_list_as_its_apposition(triples):
    got = triples(
        "The Lindqvist Family Trust is a charity. It was founded in 1952 for the four Lindqvist "
        "sisters: Astrid, Maja, Halden Works and Sigrid.",
        published=None,
    )
    assert ("Lindqvist Family Trust", "foundedIn", "1952") in got, sorted(got)
    assert {t for t in got if t[1] == "foundedIn"} == {("Lindqvist Family Trust", "foundedIn", "1952")}


def test_a_legal_suffix_after_a_comma_stays_with_its_name(triples):
    got = triples("Harbor Robotics, Inc. was founded in 2015 by Dana Whitfield.", published=None)
    assert ("Harbor Robotics, Inc.", "foundedIn", "2015") in got, sorted(got)
    assert not {t for t in got if t[0] in ("Inc.", "Inc")}, sorted(got)


def test_an_untagged_name_before_a_title_is_the_titles_organisation(triples):
    # the model tags no organisation in this sentence
    got = triples("The plan was backed by Eskom chairperson Ben Ngubane.", published=None)
    assert ("Ben Ngubane", "chairOf", "Eskom") in got, sorted(got)


def test_a_name_of_the_form_x_for_a_and_b_is_kept_whole(triples):
    # the model ends the name before (or after) "and" and takes the last word for a person
    got = triples(
        "Anan Srisuk was the leader of the National Council for Peace and Order until 2019.", published=None
    )
    assert ("Anan Srisuk", "chairOf", "National Council for Peace and Order") in got, sorted(got)


def test_a_company_in_a_market_is_not_seated_there(triples):
    got = triples("Tessel Audio Ltd. in Norway sold more speakers this year.", published=None)
    assert not {t for t in got if t[1] == "headquarteredIn"}, sorted(got)


def test_a_coach_at_a_tournament_is_no_employee(triples):
    got = triples("Emre Kaya was named the best coach at the Bosphorus Cup 2019.", published=None)
    assert not {t for t in got if t[1] == "employeeOf"}, sorted(got)


@pytest.mark.parametrize(
    "text",
    [
        "Maria Novak is the Norbank Professor of Maritime Law in the School of Law at the University of "
        "Brandvik.",
        'Thomas Greene held the post of "Marta Kessel Endowed Chair in Cello Studies" at the Westbrook '
        "School of Music.",
        "Thomas Greene, chair of the piano department at the Westbrook School of Music, retired in 2001.",
    ],
)
def test_an_endowed_post_or_a_departments_chair_is_no_board_chair_nor_employer(triples, text):
    got = triples(text, published=None)
    assert not {t for t in got if t[1] == "chairOf" or t[2] == "Norbank"}, sorted(got)


def test_a_name_before_a_professorship_is_the_employer_when_nothing_else_is(triples):
    got = triples("Thomas Greene, the Westbrook University Professor of Economics, criticised the plan.")
    assert ("Thomas Greene", "employeeOf", "Westbrook University") in got, sorted(got)


def test_only_a_person_one_studies_under_is_an_employee(triples):
    got = triples(
        "Ana Ruiz studied at Eastvale State University under a grant from the Orlik Foundation.",
        published=None,
    )
    assert not {t for t in got if t[1] == "employeeOf"}, sorted(got)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Berg was visiting Professor Peter Hallworth at Eastvale State University.",
        "Anna Berg was visiting professors at Eastvale State University.",
    ],
)
def test_visiting_a_professor_is_no_professorship(triples, text):
    got = triples(text, published=None)
    assert not {t for t in got if t[0] == "Anna Berg"}, sorted(got)


@pytest.mark.parametrize(
    "text",
    ["Her teachers included Peter Hallworth and Anna Berg.", "The chairman of Harlow Bank is a lawyer."],
)
def test_a_title_as_subject_needs_a_person_and_an_organisation(triples, text):
    assert not triples(text, published=None)


def test_a_staff_with_no_person_is_nobody_employed(triples):
    assert not triples("The staff of Harlow Associates went on strike.", published=None)


def test_a_position_on_something_is_no_job(triples):
    got = triples(
        "Walter Greaves was an American journalist. After the war he took a position on the Harlow "
        "Press Association's plan.",
        published=None,
    )
    assert not {t for t in got if t[1] == "employeeOf"}, sorted(got)


def test_a_named_position_is_no_employment_without_one(triples):
    # employeeOf is work "without a named position" (ontology/aigov.ttl)
    got = triples("Lena Berg worked at Norvik Bank as chief executive from 2001 to 2009.", published=None)
    assert ("Lena Berg", "ceoOf", "Norvik Bank") in got, sorted(got)
    assert ("Lena Berg", "employeeOf", "Norvik Bank") not in got, sorted(got)


def test_a_deputy_leader_is_not_the_chair(triples):
    got = triples("Rhona Keir was deputy leader of the Greenfield Party until 2016.", published=None)
    assert ("Rhona Keir", "chairOf", "Greenfield Party") not in got


def test_a_leader_under_someone_names_no_superior(triples):
    # only a deputy's title names its superior
    got = triples("Anna Berg was an analyst at Harlow Bank under Peter Hallworth.", published=None)
    assert not {t for t in got if t[0] == "Peter Hallworth"}, sorted(got)


def test_a_person_owner_is_no_ownership_fact(triples):
    # owns has an organisation as its subject (ontology/aigov.ttl): a person's holding is not stated
    got = triples("Ashgrove Radio is owned by producer Dana Whitfield.", published=None)
    assert not {t for t in got if t[1] in ("owns", "subsidiaryOf")}, sorted(got)


def test_a_place_after_a_name_is_not_always_part_of_it(triples):
    # only a place written right onto the name, with the name's words its compounds, ends the name
    got = triples("Ashgrove Radio is owned by the Corvane Institute at Leeds.", published=None)
    assert ("Corvane Institute", "owns", "Ashgrove Radio") in got, sorted(got)
def test_a_club_abbreviation_before_a_name_makes_an_organisation():
    # the model sometimes takes "FK <place name>" for a person; its lone place name then became
    # that "person's" surname
    doc = spacy.blank("en")("Jonas Berg left FK Dalsbotn for SK Vangen in 2011.")
    cues = TypeCues()
    assert cues.type_of(Span(doc, 3, 5, label="PERSON")) == "Organization"
    assert cues.type_of(Span(doc, 6, 8, label="PERSON")) == "Organization"
    assert cues.type_of(Span(doc, 0, 2, label="PERSON")) == "Person"


def test_with_headquarters_seats_only_an_organisation(triples):
    got = triples("In Spain, Ada Lind was known as Ada Orvane with headquarters in Madrid.", published=None)
    assert not {t for t in got if t[1] == "headquarteredIn"}, sorted(got)


def test_a_description_read_as_a_clause_needs_a_named_subject(triples):
    got = triples("The worry at Orlan Group is a rival based in Leeds specialized in maps.", published=None)
    assert not {t for t in got if t[1] == "headquarteredIn"}, sorted(got)


@pytest.mark.parametrize(
    "text",
    [
        # a league is made of members, not units
        "The Northern Ivy League comprises Halden University, Carver College and Merrow University.",
        # companies a forum is made of are not institutions
        "The Frontier Safety Forum comprises Orlan Group, Velmora Systems and Tessel Audio Ltd.",
    ],
)
def test_members_of_a_body_are_not_its_units(triples, text):
    got = triples(text, published=None)
    assert not {t for t in got if t[1] == "subsidiaryOf"}, sorted(got)


def test_a_unit_noun_of_a_place_or_a_person_is_no_parent(triples):
    got = triples(
        "Old Quay School is the oldest school of Leeds. Ada Lind took command of the Elmland Navy in 1950.",
        published=None,
    )
    assert not {t for t in got if t[1] == "subsidiaryOf"}, sorted(got)


def test_arm_or_unit_is_no_statement_of_ownership(triples):
    got = triples("Quarry Labs is a research unit of Brightwater Foods.", published=None)
    assert ("Quarry Labs", "subsidiaryOf", "Brightwater Foods") in got
    assert ("Brightwater Foods", "owns", "Quarry Labs") not in got


def test_facts_point_at_their_sentence(facts):
    text = "Velvet Static is a rock band from Leeds. Velvet Static was formed in 1996 by Tom Rawley."
    found = {(f.subject.name, f.predicate, f.object_name): f for f in facts(text, published=None)}
    fact = found[("Velvet Static", "foundedIn", "1996")]
    assert fact.evidence.text == "Velvet Static was formed in 1996 by Tom Rawley."
    assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    assert found[("Velvet Static", "foundedIn", "1996")].subject.type != "Person"
    assert ("Tom Rawley", "founderOf", "Velvet Static") in found


def test_bad_cue_file_names_the_file(tmp_path):
    (tmp_path / "encyclopedic.yaml").write_text("founding_verbs: 12\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as info:
        load_cues(tmp_path)
    assert "encyclopedic.yaml" in str(info.value)
    assert "founding_verbs" in str(info.value)


def test_bad_precision_is_refused(tmp_path):
    (tmp_path / "encyclopedic.yaml").write_text("precision: {founded_year: 3}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="founded_year"):
        load_cues(tmp_path)


def test_missing_cue_file_falls_back_to_the_shipped_one(tmp_path):
    cues = load_cues(tmp_path)
    assert "found" in cues.founding_verbs
    assert "company" in cues.org_nouns


def _parsed(
    words: list[str],
    heads: list[int],
    deps: list[str],
    ent: tuple[int, int, str],
    pos: list[str] | None = None,
):
    """A hand-made parse (heads as absolute indices) with one entity, for the name-span rules."""
    import spacy
    from spacy.tokens import Doc, Span

    following = [*words[1:], "."]
    spaces = [w != "(" and nxt not in (",", ".", ")") for w, nxt in zip(words, following, strict=True)]
    lemmas = [w.lower() for w in words]
    doc = Doc(
        spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas
    )
    doc.ents = [Span(doc, ent[0], ent[1], label=ent[2])]
    return doc


@pytest.mark.parametrize(
    ("words", "heads", "deps", "ent", "expected"),
    [
        # the two sides hang outside the span: two names
        (
            ["Before", "Pellwood", ",", "Velloso", "founded", "Corvane"],
            [4, 0, 4, 4, 4, 4],
            ["prep", "pobj", "punct", "nsubj", "ROOT", "dobj"],
            (1, 4, "ORG"),
            ["Pellwood", "Velloso"],
        ),
        # an apposition inside the span joins the sides: one name
        (
            ["at", "Marlow", ",", "University", "of", "Eastvale"],
            [0, 0, 1, 1, 3, 4],
            ["ROOT", "pobj", "punct", "appos", "prep", "pobj"],
            (1, 6, "ORG"),
            ["Marlow, University of Eastvale"],
        ),
        # a series the name itself closes: one name
        (
            ["the", "Hallam", "Throat", ",", "Nose", "and", "Ear", "Hospital"],
            [7, 7, 7, 2, 2, 4, 4, 7],
            ["det", "compound", "nmod", "punct", "conj", "cc", "conj", "ROOT"],
            (1, 8, "ORG"),
            ["Hallam Throat, Nose and Ear Hospital"],
        ),
        # a list of names with no closing word inside the span: two names
        (
            ["like", "Night", "Harbor", ",", "Glass", "Kingdom"],
            [0, 2, 0, 2, 5, 2],
            ["ROOT", "compound", "pobj", "punct", "compound", "conj"],
            (1, 6, "WORK_OF_ART"),
            ["Night Harbor", "Glass Kingdom"],
        ),
    ],
)
def test_a_comma_splits_a_name_only_where_the_parse_does(words, heads, deps, ent, expected):
    from extract.encyclopedic import EncyclopedicNames

    doc = _parsed(words, heads, deps, ent)
    assert [e.text for e in EncyclopedicNames()(doc).ents] == expected


def test_a_bracket_after_a_digit_stays_glued(extractor):
    # "3(b)" is a reference to a clause, not a word and a bracket
    words = [t.text for t in extractor.nlp("Clause 3(b) of the Tarsk Accord applies.")]
    assert "3(b" in words, words


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Oleg", "Oleg Vasilyevich Tarkin"),  # a first name
        ("President", "Vasilyevich Tarkin"),  # a title is no first name
    ],
)
def test_a_name_started_at_its_patronymic_takes_its_first_name(before, expected):
    from extract.encyclopedic import EncyclopedicNames

    doc = _parsed(
        [before, "Vasilyevich", "Tarkin", "spoke"],
        [2, 2, 3, 3],
        ["compound", "compound", "nsubj", "ROOT"],
        (1, 3, "PERSON"),
        pos=["PROPN", "PROPN", "PROPN", "VERB"],
    )
    assert [e.text for e in EncyclopedicNames()(doc).ents] == [expected]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["the", "Tarsk", "Guild", "(", "TG"], ["the Tarsk Guild", "TG"]),
        (["Tarsk", "Guild", "(", "TG", ")", "and"], ["Tarsk Guild", "TG"]),
        (["Tarsk", "Forum", "(", "TF", ")", "Summit"], ["Tarsk Forum (TF) Summit"]),  # the name goes on
    ],
)
def test_a_name_ends_at_a_bracket_it_runs_into(words, expected):
    from extract.encyclopedic import EncyclopedicNames

    n = len(words)
    doc = _parsed(words, [n - 1] * n, ["dep"] * (n - 1) + ["ROOT"], (0, n, "ORG"))
    assert [e.text for e in EncyclopedicNames()(doc).ents] == expected


@pytest.mark.parametrize(
    ("words", "ent", "expected"),
    [
        (
            ["the", "Lake", ",", "River", "and", "Canal", "Authority", "(", "LRCA", ")"],
            (5, 7),
            "Lake, River and Canal Authority",
        ),
        # "THA" is not "HA"
        (["Tarsk", ",", "Harbor", "Authority", "(", "HA", ")"], (2, 4), "Harbor Authority"),
        # a small word gives no initial
        (["Tarsk", "and", "Harbor", "Authority", "(", "TAHA", ")"], (2, 4), "Harbor Authority"),
    ],
)
def test_a_bracketed_short_form_gives_the_whole_name(words, ent, expected):
    from extract.encyclopedic import EncyclopedicNames

    root = ent[1] - 1
    deps = ["ROOT" if i == root else "dep" for i in range(len(words))]
    doc = _parsed(words, [root] * len(words), deps, (*ent, "ORG"))
    assert [e.text for e in EncyclopedicNames()(doc).ents] == [expected]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Tarsk", "Garde", "nationale", "Officers", "School"], "Tarsk Garde nationale Officers School"),
        # a description before the name: "rock" does not stand between two capitalised words
        (["Tarsk", "rock", "band", "Velvet", "Static"], "Velvet Static"),
    ],
)
def test_an_appositive_name_with_a_lower_case_word_inside(words, expected):
    from extract.encyclopedic import EncyclopedicNames

    n = len(words)
    doc = _parsed(
        ["The", "academy", ",", "the", *words, "."],
        [1, 1, 1, n + 3] + [n + 3] * (n - 1) + [1, 1],
        ["det", "ROOT", "punct", "det"] + ["compound"] * (n - 1) + ["appos", "punct"],
        (n + 2, n + 4, "ORG"),
    )
    assert [e.text for e in EncyclopedicNames()(doc).ents] == [expected]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["Velloso"], [("Velloso", "PERSON"), ("Corvane Partners", "ORG")]),
        # a person's slot takes no name with an organisation word in it
        (["Tarsk", "Holdings"], [("Corvane Partners", "ORG")]),
        # nor a title
        (["Chairman"], [("Corvane Partners", "ORG")]),
    ],
)
def test_an_untagged_name_in_a_relation_slot(words, expected):
    from extract.encyclopedic import EncyclopedicNames

    n = len(words)
    doc = _parsed(
        [*words, "join", "Corvane", "Partners"],
        [n - 1] * (n - 1) + [n, n, n + 2, n],
        ["compound"] * (n - 1) + ["nsubj", "ROOT", "compound", "dobj"],
        (n + 1, n + 3, "ORG"),
        pos=["PROPN"] * n + ["VERB", "PROPN", "PROPN"],
    )
    assert [(e.text, e.label_) for e in EncyclopedicNames()(doc).ents] == expected


@pytest.mark.parametrize(
    ("bracket", "expected"),
    [
        (["born", "1948"], [("Hela Benour", "PERSON"), ("1948", "DATE")]),
        # an organisation's bracket is no birth
        (["founded", "1948"], [("1948", "DATE")]),
    ],
)
def test_an_untagged_subject_born_in_its_bracket_is_a_person(bracket, expected):
    from extract.encyclopedic import EncyclopedicNames

    doc = _parsed(
        ["Hela", "Benour", "(", *bracket, ")", "is", "a", "writer"],
        [1, 6, 3, 1, 3, 3, 6, 8, 6],
        ["compound", "nsubj", "punct", "acl", "npadvmod", "punct", "ROOT", "det", "attr"],
        (4, 5, "DATE"),
        pos=["PROPN", "PROPN", "PUNCT", "VERB", "NUM", "PUNCT", "AUX", "DET", "NOUN"],
    )
    assert [(e.text, e.label_) for e in EncyclopedicNames()(doc).ents] == expected


@pytest.mark.parametrize(
    ("deps", "expected"),
    [
        # the words hang on one head: one long name the model cut in two
        (
            ["compound", "compound", "compound", "compound", "nsubj", "ROOT", "det", "attr"],
            ["Juan Ortega y Blanco Ruiz"],
        ),
        # two heads: two people coordinated
        (
            ["compound", "nsubj", "cc", "compound", "conj", "ROOT", "det", "attr"],
            ["Juan Ortega", "Blanco Ruiz"],
        ),
    ],
)
def test_a_long_name_cut_into_persons_is_one_name(deps, expected):
    import spacy
    from spacy.tokens import Doc, Span

    from extract.encyclopedic import EncyclopedicNames

    link = "y" if deps[2] == "compound" else "and"
    words = ["Juan", "Ortega", link, "Blanco", "Ruiz", "was", "a", "priest"]
    heads = [4, 4, 4, 4, 5, 5, 7, 5] if link == "y" else [1, 5, 1, 4, 1, 5, 7, 5]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "AUX", "DET", "NOUN"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 3, 5, label="PERSON")]
    assert [e.text for e in EncyclopedicNames()(doc).ents] == expected


@pytest.mark.parametrize(
    ("words", "heads", "deps", "ent", "expected"),
    [
        # a title with its organisation
        (["as", "Dean", "of", "Arts"], [0, 0, 1, 2], ["ROOT", "pobj", "prep", "pobj"], (1, 2, "PERSON"), []),
        # a person called Dean
        (["Dean", "said", "so"], [1, 1, 1], ["nsubj", "ROOT", "advmod"], (0, 1, "PERSON"), ["Dean"]),
        # a title with its possessor, taken for an organisation
        (
            ["as", "Norvik", "’s", "Values", "Correspondent"],
            [0, 4, 1, 4, 0],
            ["ROOT", "poss", "case", "compound", "pobj"],
            (3, 5, "ORG"),
            [],
        ),
        # a magazine named after a title
        (
            ["read", "Values", "Correspondent"],
            [0, 2, 0],
            ["ROOT", "compound", "dobj"],
            (1, 3, "ORG"),
            ["Values Correspondent"],
        ),
    ],
)
def test_a_capitalised_title_is_no_name(words, heads, deps, ent, expected):
    from extract.encyclopedic import EncyclopedicNames

    pos = ["PROPN" if w[:1].isupper() else "PART" if w == "’s" else "ADP" for w in words]
    doc = _parsed(words, heads, deps, ent, pos=pos)
    assert [e.text for e in EncyclopedicNames()(doc).ents] == expected


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        # the chain of units goes on after the span: the unit is the parent's part
        (["of", "the", "Academy"], ["Tarsk Institute of Physics"]),
        # the span ends the chain: the name stays as tagged
        ([], ["Tarsk Institute of Physics of the Northern Branch"]),
    ],
)
def test_a_name_ends_before_a_unit_of_its_parent(rest, expected):
    from extract.encyclopedic import EncyclopedicNames

    words = ["the", "Tarsk", "Institute", "of", "Physics", "of", "the", "Northern", "Branch", *rest]
    heads = [2, 2, 2, 2, 3, 2, 8, 8, 5, 8, 11, 9][: len(words)]
    deps = ["det", "compound", "ROOT", "prep", "pobj", "prep", "det", "compound", "pobj"]
    deps += ["prep", "det", "pobj"]
    doc = _parsed(words, heads, deps[: len(words)], (1, 9, "ORG"))
    assert [e.text for e in EncyclopedicNames()(doc).ents] == expected


def test_a_name_does_not_end_on_a_joining_word():
    from extract.encyclopedic import EncyclopedicNames

    doc = _parsed(
        ["at", "the", "Faculty", "of", "Arts", "of", "Shiraz", "University"],
        [0, 2, 0, 2, 3, 2, 7, 5],
        ["ROOT", "det", "pobj", "prep", "pobj", "prep", "compound", "pobj"],
        (1, 6, "ORG"),
    )
    assert [e.text for e in EncyclopedicNames()(doc).ents] == ["the Faculty of Arts"]


def test_a_bracket_before_punctuation_is_no_emoticon(extractor):
    # "(;born 1948)": a pronunciation cut out of the bracket leaves "(;", which is no wink
    words = [t.text for t in extractor.nlp("Hela Benour (;born 1948) is a writer.")]
    assert words[2:5] == ["(", ";", "born"], words


def test_no_name_from_the_end_of_a_hyphenated_word(triples):
    got = triples("In 2008 Harlow Telecom bought Tessel-ETC and Willmark.", published=None)
    assert not {t for t in got if t[2] == "ETC"}, sorted(got)


def test_a_name_right_after_an_organisation_noun_and_a_comma_is_an_organisation(triples):
    # the model takes the movement's name for a person and the parser hangs it on "video"
    got = triples(
        "The Harrow Collective released a song. Its video was released, showing support for a "
        "Maoist rebel organization, Aurora Roja and its leader Julián Paredes.",
        published=None,
    )
    assert ("Julián Paredes", "chairOf", "Aurora Roja") in got, sorted(got)


def test_the_subject_of_a_reporting_clause_after_an_organisation_noun_stays_a_person(extractor):
    doc = extractor.nlp("Tom Weller will leave the company, Anna Berg said on Monday.")
    kinds = {e["name"]: e["type"] for e in doc._.aigov_entities}
    assert kinds.get("Anna Berg") == "Person", kinds
