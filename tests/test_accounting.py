import pytest

from framelens import accounting


def test_chain_keeps_the_invariant():
    acc = accounting.from_ingest({"read": 10, "kept": 7, "rejected": 3, "rejected_empty_text": 2,
                                  "rejected_malformed_json": 1})
    assert acc == {"in": 10, "kept": 7, "quarantined": 3, "dropped_duplicates": 0,
                   "quarantined_empty_text": 2, "quarantined_malformed_json": 1}
    acc = accounting.record_step(acc, kept=6, quarantined={"empty_text": 1})
    acc = accounting.record_step(acc, kept=4, dropped_duplicates=2)
    assert (acc["kept"], acc["quarantined"], acc["quarantined_empty_text"], acc["dropped_duplicates"]) == (4, 4, 3, 2)
    assert accounting.describe(acc) == "10 in = 4 kept + 4 quarantined + 2 dropped duplicates"


def test_a_step_that_loses_articles_fails():
    acc = accounting.from_ingest({"read": 3, "kept": 3, "rejected": 0})
    with pytest.raises(AssertionError, match="lost 1 article"):
        accounting.record_step(acc, kept=2)
    with pytest.raises(AssertionError, match="accounting broken"):
        accounting.check({"in": 3, "kept": 1, "quarantined": 1, "dropped_duplicates": 0})
