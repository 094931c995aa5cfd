"""Every span in a report points into the text exactly: ``text[start:end] == span.text``
(real model)."""

from __future__ import annotations

import pytest

from tests.attribution.reading import every_span, offset_errors

TEXTS = {
    "verbs": "Miriam Osei said that the bridge would reopen in March. The bridge "
    "will reopen in March, said Miriam Osei.",
    "according": "According to the Harbour Authority, cargo volumes fell by a third. As per the Harbour Authority "
    "report, exports rose.",
    "citing": "Cargo volumes fell by a third, the Lakeside Gazette reported, citing the Harbour Authority.",
    "quoted": 'Reuters quoted Mayor Ana Ribeiro as saying, "The tunnel will open in May, whatever happens."',
    "split-quote": 'Fire chief Marta Kowalski arrived. "The blaze," she said, "started '
    'in the kitchen of the old mill."',
    "inside-cue": "Fire chief Marta Kowalski spoke at the scene. The blaze, she said, was the worst in a decade.",
    "multi-paragraph": 'Fire chief Marta Kowalski said: "The blaze started in the kitchen.\n\n'
    '"It spread to the roof within minutes, and the crews could not reach it."\n\nThe mill was built in 1890.',
    "crlf": "Miriam Osei said that the bridge would reopen in March.\r\n\r\nShe added that tolls would rise.\r\n",
    "tabs-and-nbsp": "\tMiriam\u00a0Osei said that the bridge would reopen in "
    "March.\t\n  She added that tolls would rise.",
    "astral-before": "\U0001f30a\U0001f30a Flood update \U0001f30a\n\nResidents said "
    "that the water had risen within an hour.",
    "combining": "Re\u0301sidents of Ko\u0308rvo said that the dam was safe. "
    "Engineer Lena Petrova\u0301 said it was not.",
    "cited-report": "The dam at Korvo burst overnight, Reuters cited Interfax report. Water flooded three villages.",
    "discrepancy": "A gas explosion hit a bakery in Varnsdorf on Monday. The fire brigade said that four people were "
    "injured. Regional police said that nine people were injured.",
    "telegram": "Mayor Ana Ribeiro said in a post on Telegram that the tunnel would open in May.",
    "label": "RIBEIRO: The tunnel will open in May and tolls will stay the same.",
    "typographic": "Fire chief Marta Kowalski said, \u201cThe blaze started in the kitchen and spread fast.\u201d "
    "\u201cNobody was hurt,\u201d she added.",
}


@pytest.fixture(scope="module")
def reports(extract):
    return {name: extract(text) for name, text in TEXTS.items()}


@pytest.mark.parametrize("name", list(TEXTS))
def test_every_span_points_into_the_text(reports, name) -> None:
    assert offset_errors(reports[name], TEXTS[name]) == []


@pytest.mark.parametrize("name", list(TEXTS))
def test_the_json_form_has_the_same_offsets(reports, name) -> None:
    text = TEXTS[name]
    data = reports[name].to_dict()
    spans = [c for c in data["claims"]]
    spans += [c["cue"] for c in data["claims"] if c["cue"]]
    spans += [h["mention"] for c in data["claims"] for h in c["chain"] if h["mention"]]
    spans += [a[k] for a in data["attributions"] for k in ("source", "cue", "content") if a[k]]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
        for s, e in span.get("fragments", []):
            assert span["start"] <= s <= e <= span["end"]


def test_fragments_are_reported_for_a_cue_inside_its_content(reports) -> None:
    text = TEXTS["inside-cue"]
    fragmented = [a.content for a in reports["inside-cue"].attributions if a.content.fragments]
    assert [[text[s:e] for s, e in span.fragments] for span in fragmented] == [
        ["The blaze", "was the worst in a decade"]
    ]


def test_the_reports_hold_spans_of_every_kind(reports) -> None:
    """The texts above exercise claims, cues, hop mentions, attribution sources and contents."""
    labels = {label.split()[0] for report in reports.values() for label, _ in every_span(report)}
    assert labels == {"claim", "cue", "mention", "content", "source"}
