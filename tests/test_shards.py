"""Shard assignment: stable, order-independent, and a deterministic id sample."""

from __future__ import annotations

import hashlib

import pytest

from framelens.errors import ConfigError
from framelens.shards import sample_ids, shard_indices, shard_names, shard_of


def test_shard_names_are_zero_padded_and_checked():
    assert shard_names(3) == ["000", "001", "002"]
    with pytest.raises(ConfigError, match="whole number >= 1, not 0"):
        shard_names(0)


def test_shard_is_blake2b_of_the_utf8_id_modulo_the_count():
    # independent computation of the documented rule
    expected = int.from_bytes(hashlib.blake2b("prensa-0001".encode(), digest_size=8).digest(), "big") % 7
    assert shard_of("prensa-0001", 7) == expected
    assert shard_of("prensa-0001", 1) == 0


def test_assignment_does_not_depend_on_order_and_spreads_ids():
    ids = [f"a{i}" for i in range(300)]
    forward = dict(zip(ids, shard_indices(ids, 3)))
    backward = dict(zip(ids[::-1], shard_indices(ids[::-1], 3)))
    assert forward == backward
    sizes = [list(forward.values()).count(k) for k in range(3)]
    assert min(sizes) > 60  # 300 ids over 3 shards: each far from empty


def test_sample_is_deterministic_and_bounded():
    ids = [f"x{i}" for i in range(50)]
    assert sample_ids(ids, 100) == set(ids)
    sample = sample_ids(ids, 10)
    assert len(sample) == 10 and sample == sample_ids(reversed(ids), 10)
    with pytest.raises(ConfigError, match="sample size must be >= 1"):
        sample_ids(ids, 0)
