"""One web-address rule for every door: the service's check, the forms' and the API's fields, the
pages' own URLs (``newsverify.web_address``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsverify.api.serializers import EvidenceURLField
from newsverify.articles.forms import ArticleUploadForm
from newsverify.articles.uploads import _web_address_or_blank
from newsverify.review.forms import ClaimVerdictForm, HopConfirmForm
from newsverify.web_address import is_web_address, web_address_check, web_address_validator

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://example.org/statement", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("ftp://example.org/file", False),
        ("data:text/html,<b>x</b>", False),
        ("example.org", False),
    ],
)
def test_only_http_and_https_addresses_pass_every_door(url, web):
    assert is_web_address(url) is web
    assert (_web_address_or_blank(url) == url) is web
    if web:
        assert web_address_check(f"  {url} ") == url
    else:
        with pytest.raises(ValueError, match="is not an http or https address"):
            web_address_check(url, label="The evidence URL")


def test_the_fields_use_the_one_validator():
    fields = [
        ArticleUploadForm().fields["url"],
        ClaimVerdictForm().fields["evidence_url"],
        HopConfirmForm().fields["evidence_url"],
        EvidenceURLField(),
    ]
    for field in fields:
        assert web_address_validator in field.validators, field


def test_no_other_module_builds_its_own_url_validator():
    builders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "newsverify").rglob("*.py")
        if re.search(r"\bURLValidator\(", path.read_text(encoding="utf-8"))
    ]
    assert builders == ["newsverify/web_address.py"]
