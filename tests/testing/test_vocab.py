"""The strategies' word lists name no real person from the source documents."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from civicgrants.testing import vocab

HASHES = set((Path(__file__).parents[1] / "data" / "personal_name_hashes.txt").read_text().split())


def test_no_real_persons_name_in_the_vocabulary() -> None:
    text = Path(vocab.__file__).read_text(encoding="utf-8").lower()
    tokens = set(re.findall(r"\w{4,}", text))
    assert len(tokens) > 100
    assert not {t for t in tokens if hashlib.sha256(t.encode()).hexdigest() in HASHES}


def test_generated_emails_use_reserved_example_domains() -> None:
    assert all(d.split(".")[0] == "example" for d in vocab.EMAIL_DOMAINS)
