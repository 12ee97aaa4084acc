"""Search of local cases: case number, name (characters, pinyin, initials), business name, ID suffix."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from counter_app.domain.status import CaseStatus
from counter_app.security.crypto import FieldCipher
from counter_app.store.db import Database
from counter_app.store.repository import CaseRecord, CaseRepository
from counter_app.store.search import pinyin_keys
from tests.support.applications import complete_application, new_record


@pytest.fixture
def cases(repo: CaseRepository) -> dict[str, CaseRecord]:
    people = {
        "zhangsan": ("张三", "11010519491231002X", "攀枝花市仁和区张三小吃店"),
        "lisi": ("李四", "440524188001010014", "攀枝花市仁和区好运来便利店"),
        "shan": ("单田芳", "510411199001011234", ""),
        "zeng": ("曾小贤", "510411199202022345", "攀枝花市仁和区小贤理发店"),
        "rare": ("𠮷䶮", "510411198803031002", ""),
    }
    result = {}
    for key, (name, id_number, business) in people.items():
        application = complete_application(name=name, id_number=id_number, business_name=business)
        result[key] = repo.create(new_record(repo, application))
    repo.set_status(result["lisi"].case_id, CaseStatus.PRE_REVIEWED)
    return result


def found(repo: CaseRepository, query: str, status: CaseStatus | None = None) -> set[str]:
    return {s.operator_name for s in repo.search(query, status=status)}


@pytest.mark.parametrize("query", ["zs", "ZS", "zhangsan", "zhang", "Zhang San", "张三", "张"])
def test_name_by_characters_pinyin_and_initials(repo: CaseRepository, cases: dict[str, CaseRecord],
                                                query: str) -> None:
    assert found(repo, query) == {"张三"}


def test_characters_with_several_readings(repo: CaseRepository, cases: dict[str, CaseRecord]) -> None:
    assert found(repo, "stf") == {"单田芳"}  # 单 as a surname reads shan
    assert found(repo, "shantianfang") == {"单田芳"}
    assert found(repo, "dtf") == {"单田芳"}  # and the common reading still works
    assert found(repo, "zxx") == {"曾小贤"}  # 曾 as a surname reads zeng
    assert found(repo, "zengxiao") == {"曾小贤"}


def test_rare_characters_are_found(repo: CaseRepository, cases: dict[str, CaseRecord]) -> None:
    assert found(repo, "𠮷") == {"𠮷䶮"}
    assert found(repo, "䶮") == {"𠮷䶮"}


@pytest.mark.parametrize(("query", "expected"), [
    ("002x", {"张三"}), ("002X", {"张三"}), ("1231002x", {"张三"}), ("11010519491231002X", {"张三"}),
    ("0014", {"李四"}), ("1002", {"𠮷䶮"}),
])
def test_id_number_suffix(repo: CaseRepository, cases: dict[str, CaseRecord], query: str,
                          expected: set[str]) -> None:
    assert found(repo, query) == expected


def test_id_suffix_needs_four_characters_and_the_end(repo: CaseRepository,
                                                     cases: dict[str, CaseRecord]) -> None:
    assert found(repo, "02x") == set()  # too short to say anything about an ID
    assert found(repo, "1101") == set()  # a prefix is not a suffix


def test_case_number_substring(repo: CaseRepository, cases: dict[str, CaseRecord]) -> None:
    number = cases["zeng"].case_number
    assert [s.case_number for s in repo.search(number)] == [number]
    assert found(repo, number[-4:]) >= {"曾小贤"}
    assert {s.case_number for s in repo.search(number[:6])} == {c.case_number for c in cases.values()}


def test_business_name(repo: CaseRepository, cases: dict[str, CaseRecord]) -> None:
    assert found(repo, "理发") == {"曾小贤"}
    assert found(repo, "小吃店") == {"张三"}


def test_status_filter_and_no_match(repo: CaseRepository, cases: dict[str, CaseRecord]) -> None:
    assert found(repo, "ls") == {"李四"}
    assert found(repo, "ls", CaseStatus.PRE_REVIEWED) == {"李四"}
    assert found(repo, "ls", CaseStatus.DRAFT) == set()
    assert found(repo, "wangwu") == set()
    assert len(repo.search("   ")) == len(cases)


def test_summary_values_are_decrypted(repo: CaseRepository, cases: dict[str, CaseRecord]) -> None:
    (summary,) = repo.search("zs")
    assert (summary.case_id, summary.id_number, summary.business_name) == (
        cases["zhangsan"].case_id, "11010519491231002X", "攀枝花市仁和区张三小吃店")


def test_pinyin_keys() -> None:
    assert pinyin_keys("张三") == (("zhangsan",), ("zs",))
    full, initials = pinyin_keys("吕布")
    assert "lvbu" in full and "lubu" in full and initials == ("lb",)
    assert pinyin_keys("") == ((), ())


def test_changes_by_another_repository_are_seen(repo: CaseRepository, cases: dict[str, CaseRecord],
                                                db: Database, cipher: FieldCipher) -> None:
    assert found(repo, "zs") == {"张三"}  # summaries now held in memory
    other = CaseRepository(db, cipher)  # e.g. a second window or process
    other.save_application(cases["zhangsan"].case_id, complete_application(name="王五"))
    assert found(repo, "zs") == set()
    assert found(repo, "ww") == {"王五"}
    with db.write() as session:  # a purged case disappears from the list
        session.execute(text("DELETE FROM cases WHERE case_id = :c"), {"c": cases["lisi"].case_id})
    assert "李四" not in {s.operator_name for s in repo.list_summaries()}
