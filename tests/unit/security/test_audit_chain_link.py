"""ChainRecord.canonical_around_link: the record's canonical JSON cut around the chain link (prev hash
and sequence number), which the district's PostgreSQL intake function fills in under the head lock. Put
back together it must be exactly canonical(), whatever the text fields hold."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.security.audit_chain import ChainRecord

# Every code point JSON may have to escape or keep: quotes, backslashes, controls, CJK, astral planes.
_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)  # all but lone surrogates
_KEYLIKE = st.sampled_from(['","role":"x', ',"v":1}', '"prev":"', ',"seq":', "\\", '"', "审核"])


@settings(max_examples=400, deadline=None)
@given(actor=st.one_of(_TEXT, _KEYLIKE), action=_TEXT, detail=st.one_of(_TEXT, _KEYLIKE),
       role=st.one_of(_TEXT, _KEYLIKE), case_id=st.one_of(st.none(), _TEXT),
       device=st.one_of(st.none(), _TEXT, _KEYLIKE), seq=st.integers(min_value=1, max_value=2**62),
       prev=st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
       micros=st.integers(min_value=0, max_value=999_999))
def test_the_cut_record_joins_back_to_its_canonical_json(actor: str, action: str, detail: str, role: str,
                                                         case_id: str | None, device: str | None, seq: int,
                                                         prev: str, micros: int) -> None:
    at = datetime(2026, 11, 28, 1, 2, 3, micros, tzinfo=UTC)
    record = ChainRecord(seq=seq, at=at, actor=actor, action=action, case_id=case_id, detail=detail,
                         prev_hash=prev, role=role, device_id=device)
    head, mid, tail = record.canonical_around_link()
    assert head + prev.encode() + mid + str(seq).encode() + tail == record.canonical()


def test_the_cut_does_not_depend_on_the_link_it_leaves_out() -> None:
    at = datetime(2026, 11, 28, tzinfo=UTC)
    one = ChainRecord(seq=1, at=at, actor="a", action="b", case_id=None, detail="", prev_hash="0" * 64)
    other = ChainRecord(seq=99, at=at, actor="a", action="b", case_id=None, detail="", prev_hash="f" * 64)
    assert one.canonical_around_link() == other.canonical_around_link()
