from __future__ import annotations

from counter_app.domain.choices import (
    COMPOSITION_LABELS,
    EDUCATION_LEVELS,
    ETHNICITIES,
    GENDER_LABELS,
    ID_DOC_TYPE_LABELS,
    POLITICAL_STATUSES,
    RELATIONSHIPS,
    label,
)
from counter_app.domain.model import CompositionForm, Gender, IdDocType


def test_ethnicities_follow_gb_3304() -> None:
    assert len(ETHNICITIES) == 58  # 56 + 97 其他 + 98 外国血统中国籍人士
    assert ETHNICITIES["01"] == ("汉族", "Han")
    assert ETHNICITIES["07"][0] == "彝族" and ETHNICITIES["56"][0] == "基诺族"
    assert [f"{n:02d}" for n in range(1, 57)] == [k for k in ETHNICITIES if k not in ("97", "98")]
    assert ETHNICITIES["98"][0] == "外国血统中国籍人士"
    assert all(zh.endswith("族") for code, (zh, _) in ETHNICITIES.items() if code not in ("97", "98"))


def test_other_lists_are_complete() -> None:
    assert [zh for zh, _ in EDUCATION_LEVELS.values()] == [
        "研究生", "大学本科", "大学专科", "中等专科", "高中", "初中", "小学", "文盲或半文盲", "其他"]
    statuses = [zh for zh, _ in POLITICAL_STATUSES.values()]
    assert statuses[0] == "中共党员" and statuses[-1] == "群众" and len(statuses) == 13
    assert "无党派人士" in statuses and "九三学社社员" in statuses
    assert [zh for zh, _ in RELATIONSHIPS.values()] == ["配偶", "子女", "父母", "兄弟姐妹", "其他"]
    assert set(ID_DOC_TYPE_LABELS) == set(IdDocType)
    assert set(GENDER_LABELS) == set(Gender)
    assert set(COMPOSITION_LABELS) == set(CompositionForm)


def test_every_label_has_both_languages() -> None:
    for mapping in (ETHNICITIES, EDUCATION_LEVELS, POLITICAL_STATUSES, RELATIONSHIPS, ID_DOC_TYPE_LABELS,
                    GENDER_LABELS, COMPOSITION_LABELS):
        for zh, en in mapping.values():
            assert zh and en and zh != en


def test_label() -> None:
    assert label(ETHNICITIES, "07") == "彝族"
    assert label(ETHNICITIES, "07", "en") == "Yi"
    assert label(ETHNICITIES, "07", "en_US") == "Yi"
    assert label(GENDER_LABELS, Gender.FEMALE) == "女"
    assert label(GENDER_LABELS, "male", "en") == "Male"  # StrEnum keys accept their value
    assert label(COMPOSITION_LABELS, CompositionForm.FAMILY) == "家庭经营"
    assert label(ETHNICITIES, "") == "" and label(ETHNICITIES, None) == ""
    assert label(ETHNICITIES, "77") == "77"  # unknown codes still show something
    assert label(ETHNICITIES, ["unhashable"]) == "['unhashable']"
