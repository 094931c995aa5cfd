"""review.panel_hops: the chain panel's hops written in one pass, byte for byte as the template's loop.

``panel_hops_loop.html`` is the loop the panel's template had (articles/article_detail.html, the
``chain`` partial): each case renders it through the template engine and compares.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from django.template import Context, engines

from newsverify.review.forms import HopConfirmForm, HopReopenForm
from newsverify.review.panel_hops import chain_hop_items
from newsverify.review.selectors import claim_for_panel
from newsverify.review.services import hop_confirm

pytestmark = pytest.mark.django_db
LOOP = (Path(__file__).parent / "panel_hops_loop.html").read_text()


def _template(context: dict) -> str:  # type: ignore[type-arg]
    return engines["django"].from_string(LOOP).template.render(Context(context, autoescape=True))


@pytest.fixture
def claim(drones, factchecker):  # type: ignore[no-untyped-def]
    hops = list(drones.hops.order_by("position"))
    hops[0].source.name = 'TASS <script>alert("x")</script> & co'
    hops[0].source.save()
    hops[1].medium = "Telegram <b>"
    hops[1].mention_text = "the <agency>"
    hops[1].confidence = None
    hops[1].save()
    hops[2].mention_text = ""
    hops[2].evidence = "context"
    hops[2].save()
    hop_confirm(hop=hops[1], by=factchecker, evidence_url="https://e.example/?a=1&b=<2>", note='said "so" <b>')
    return claim_for_panel(article=drones.article, claim_id=drones.pk)


def test_every_state_reads_as_the_template_wrote_it(claim) -> None:
    hops = list(claim.hops.all())
    assert any(hop.review for hop in hops) and any(not hop.review for hop in hops)
    forms = [
        {},
        {"hop_form": HopConfirmForm(), "hop_form_position": None},
        {"hop_form": HopConfirmForm({"evidence_url": "no <url>", "note": "n & <m>"}), "hop_form_position": 0},
        {"hop_form": HopConfirmForm({}), "hop_form_position": 2},
        {"hop_form": HopConfirmForm({}), "hop_form_position": 1, "reopen_form": HopReopenForm({})},
        {"hop_form": HopConfirmForm(), "hop_form_position": 1, "reopen_form": HopReopenForm({"note": "why"})},
    ]
    tokens = ["t0ken", "NOTPROVIDED", None]
    for form, can_verdict, token in itertools.product(forms, (True, False), tokens):
        for form_value in form.values():
            if hasattr(form_value, "is_valid"):
                form_value.is_valid()
        context = {"claim": claim, "hops": hops, "can_verdict": can_verdict, **form}
        if token is not None:
            context["csrf_token"] = token
        assert chain_hop_items(Context(context), hops) == _template(context), (form, can_verdict, token)


def test_a_chain_with_no_weakest_hop_and_one_hop(claim) -> None:
    claim.weakest_hop = None
    hops = list(claim.hops.all())[:1]
    context = {"claim": claim, "hops": hops, "can_verdict": True, "csrf_token": "x"}
    assert chain_hop_items(Context(context), hops) == _template(context)
    assert "&lt;script&gt;" in chain_hop_items(Context(context), hops)
