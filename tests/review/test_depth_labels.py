"""The depth band reads the same everywhere: one definition (``highlighting.DEPTH_LABELS``), one badge."""

import pytest

from newsverify.review.models import Claim
from newsverify.review.templatetags.review_labels import depth_badge, depth_heading


@pytest.mark.parametrize(
    ("depth", "badge", "heading"),
    [
        (0, '<span class="badge depth-0" title="Own reporting, depth 0">0</span>', "Own reporting"),
        (1, '<span class="badge depth-1" title="Firsthand, depth 1">1</span>', "Firsthand"),
        (2, '<span class="badge depth-2" title="Secondhand, depth 2">2</span>', "Secondhand"),
        (
            4,
            '<span class="badge depth-3" title="Third-hand and beyond, depth 4">3+</span>',
            "Third-hand and beyond (4 hops)",
        ),
    ],
)
def test_a_claims_depth_has_one_badge_and_one_heading(depth, badge, heading):
    claim = Claim(depth=depth)
    assert str(depth_badge(claim)) == badge
    assert depth_heading(claim) == heading
