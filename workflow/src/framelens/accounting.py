"""Accounting: every article read is kept, quarantined (with a reason) or dropped as a duplicate.

The corpus steps (ingest, boilerplate, language, syndication) each pass an
accounting record on to the next one (inside the articles table's Parquet
metadata), and each checks the invariant

    in = kept + quarantined + dropped duplicates

where *quarantined* counts rows rejected with a reason (listed in a
``results/qc/rejected*.csv`` table) and *dropped duplicates* counts
syndicated copies removed by the ``origin_only`` policy (listed in
``results/qc/syndication.csv``). Copies that are kept (and marked) count as
kept.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["from_ingest", "record_step", "check", "describe"]


def from_ingest(counts: Mapping[str, int]) -> dict[str, int]:
    """Start an accounting record from the ingest step's counts (``read, kept, rejected, rejected_*``)."""
    acc = {"in": int(counts["read"]), "kept": int(counts["kept"]),
           "quarantined": int(counts["rejected"]), "dropped_duplicates": 0}
    for key, value in counts.items():
        if key.startswith("rejected_"):
            acc[f"quarantined_{key[len('rejected_'):]}"] = int(value)
    return check(acc)


def record_step(
    acc: Mapping[str, int],
    *,
    kept: int,
    quarantined: Mapping[str, int] | None = None,
    dropped_duplicates: int = 0,
) -> dict[str, int]:
    """Return a new record after a step that kept ``kept`` of the previously kept articles."""
    out = dict(acc)
    for reason, n in (quarantined or {}).items():
        out["quarantined"] += int(n)
        out[f"quarantined_{reason}"] = out.get(f"quarantined_{reason}", 0) + int(n)
    out["dropped_duplicates"] += int(dropped_duplicates)
    lost = acc["kept"] - kept - sum((quarantined or {}).values()) - dropped_duplicates
    if lost:
        raise AssertionError(f"step lost {lost} article(s): {acc['kept']} before, {kept} kept, "
                             f"{dict(quarantined or {})} quarantined, {dropped_duplicates} dropped")
    out["kept"] = int(kept)
    return check(out)


def check(acc: Mapping[str, int]) -> dict[str, int]:
    """Return ``acc`` as a dict after asserting ``in == kept + quarantined + dropped_duplicates``."""
    total = acc["kept"] + acc["quarantined"] + acc["dropped_duplicates"]
    if acc["in"] != total:
        raise AssertionError(f"accounting broken: in={acc['in']} but kept+quarantined+dropped={total} ({dict(acc)})")
    return dict(acc)


def describe(acc: Mapping[str, int]) -> str:
    """One line for logs: ``in = kept + quarantined + dropped duplicates`` with the numbers."""
    return (f"{acc['in']} in = {acc['kept']} kept + {acc['quarantined']} quarantined + "
            f"{acc['dropped_duplicates']} dropped duplicates")
