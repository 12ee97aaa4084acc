from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.business_name import (
    NameParts,
    check_business_name,
    load_name_rules,
    parse_business_name,
)
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.issues import Severity

PATH = "business_name"


def codes(name: str, *, local_suffix_allowed: bool = False) -> list[str]:
    return [i.code for i in check_business_name(name, path=PATH, local_suffix_allowed=local_suffix_allowed)]


@pytest.mark.parametrize(("name", "parts"), [
    ("攀枝花市仁和区张三百货店", NameParts("攀枝花市仁和区", "", "张三", "百货", "店")),
    ("四川省攀枝花市仁和区张三百货店", NameParts("四川省攀枝花市仁和区", "", "张三", "百货", "店")),
    ("攀枝花市仁和区仁和镇老王茶叶店", NameParts("攀枝花市仁和区", "仁和镇", "老王", "茶叶", "店")),
    ("攀枝花市仁和区张三家电维修服务部", NameParts("攀枝花市仁和区", "", "张三", "家电维修", "服务部")),
    ("攀枝花市仁和区芒果种植园", NameParts("攀枝花市仁和区", "", "芒果", "种植", "园")),
    ("米易县李四小吃店", NameParts("米易县", "", "李四", "小吃", "店")),
    ("攀枝花市仁和区张三超市", NameParts("攀枝花市仁和区", "", "张三", "", "超市")),
    ("攀枝花市仁和区春雨五金建材经营部", NameParts("攀枝花市仁和区", "", "春雨", "五金建材", "经营部")),
])
def test_parse(name: str, parts: NameParts) -> None:
    assert parse_business_name(name) == parts


@pytest.mark.parametrize("name", [
    "攀枝花市仁和区张三百货店", "攀枝花市仁和区仁和镇老王茶叶店", "米易县李四小吃店",
    "攀枝花市仁和区张三超市",
    "攀枝花市仁和区𠮷祥餐饮店",  # a rare character in the 字号 is still 汉字
    "",
])
def test_good_names_have_no_issues(name: str) -> None:
    assert codes(name) == []


def test_empty_name_is_fine_because_the_name_is_optional() -> None:
    assert parse_business_name("  ") is None and codes("  ") == []


@pytest.mark.parametrize(("name", "code"), [
    ("攀枝花市仁和区ABC百货店", "name.latin"),
    ("攀枝花市仁和区zhangsan百货店", "name.latin"),
    ("攀枝花市仁和区张三8号百货店", "name.digits"),
    ("攀枝花市仁和区张三·百货店", "name.punctuation"),
    ("攀枝花市仁和区张三 百货店", "name.punctuation"),
    ("攀枝花市仁和区张三百货有限公司", "name.forbidden_form"),
    ("攀枝花市仁和区张三百货公司", "name.forbidden_form"),
    ("攀枝花市仁和区张三种植农民专业合作社", "name.forbidden_form"),
    ("攀枝花市仁和区张三百货企业", "name.forbidden_form"),
    ("攀枝花市仁和区张三公司百货店", "name.forbidden_word"),
    ("攀枝花市仁和区王记", "name.organisation_form_missing"),
    ("攀枝花市仁和区百货店", "name.trade_name_missing"),
    ("攀枝花市仁和区张百货店", "name.trade_name_short"),
    ("攀枝花市仁和区攀枝花百货店", "name.trade_name_place"),
    ("攀枝花市仁和区四川百货店", "name.trade_name_place"),
    ("攀枝花市仁和区餐饮百货店", "name.trade_name_industry"),
    ("攀枝花市仁和区张三百货店（个体工商户）", "name.local_suffix_not_allowed"),
])
def test_errors(name: str, code: str) -> None:
    issues = check_business_name(name, path=PATH)
    assert code in [i.code for i in issues]
    issue = next(i for i in issues if i.code == code)
    assert issue.severity is Severity.ERROR and issue.path == PATH and issue.message_zh and issue.message_en


@pytest.mark.parametrize(("name", "code"), [
    ("张三百货店", "name.region_missing"),
    ("仁和区张三百货店", "name.region_city_missing"),
    ("攀枝花市仁和区张三明月店", "name.industry_missing"),
    ("攀枝花市仁和区仁和春百货店", "name.trade_name_contains_place"),
])
def test_warnings(name: str, code: str) -> None:
    issues = check_business_name(name, path=PATH)
    assert [(i.code, i.severity) for i in issues] == [(code, Severity.WARNING)]


def test_local_suffix_when_the_district_allows_it() -> None:
    assert codes("攀枝花市仁和区张三百货店（个体工商户）", local_suffix_allowed=True) == []
    assert codes("攀枝花市仁和区张三百货店(个体工商户)", local_suffix_allowed=True) == []
    parts = parse_business_name("攀枝花市仁和区张三百货店（个体工商户）")
    assert parts is not None and parts.local_suffix == "（个体工商户）" and parts.organisation_form == "店"


def test_suggested_region_names_the_city() -> None:
    issue = check_business_name("仁和区张三百货店", path=PATH)[0]
    assert "攀枝花市仁和区" in issue.message_zh


def test_character_errors_come_alone() -> None:
    # Structure messages on top of a Latin name would only confuse: fix the characters first.
    assert codes("ABC") == ["name.latin"]


def test_industry_words_cover_the_scope_catalogue() -> None:
    words = load_name_rules().industry_words
    missing = {item.industry for item in ScopeCatalogue.load_default().items} - words
    assert not missing


@given(st.text())
def test_never_raises(name: str) -> None:
    issues = check_business_name(name, path=PATH)
    assert all(i.path == PATH and i.message_zh and i.message_en for i in issues)
    parse_business_name(name)


chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12)


@given(chinese)
def test_parts_reassemble_to_the_name(name: str) -> None:
    parts = parse_business_name(name)
    if parts is None:
        assert name == ""
        return
    rebuilt = parts.region + parts.locality + parts.trade_name + parts.industry + parts.organisation_form
    assert rebuilt + parts.local_suffix == name


@given(st.sampled_from(["张三", "老王", "春雨", "𠮷祥", "李四"]),
       st.sampled_from(["百货", "五金", "小吃", "理发", "种植"]),
       st.sampled_from(["店", "部", "馆", "行", "中心"]))
def test_well_formed_names_pass(trade: str, industry: str, form: str) -> None:
    assert codes(f"攀枝花市仁和区{trade}{industry}{form}") == []
