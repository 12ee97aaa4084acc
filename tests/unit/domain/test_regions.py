from __future__ import annotations

import json
from pathlib import Path

from counter_app.domain.regions import (
    PROVINCES,
    RegionIndex,
    county_names,
    load_default_regions,
    province_name,
    short_name,
    townships_of,
)


def test_province_table() -> None:
    assert len(PROVINCES) == 34  # 31 + 台湾, 香港, 澳门
    assert PROVINCES["51"] == "四川省" and PROVINCES["81"] == "香港特别行政区" and PROVINCES["71"] == "台湾省"
    assert province_name("510411199001010879") == "四川省"
    assert province_name("99") is None


def test_demo_district() -> None:
    regions = load_default_regions()
    assert (regions.province_name, regions.city_code, regions.city_name) == ("四川省", "5104", "攀枝花市")
    assert {"仁和区", "东区", "西区", "米易县", "盐边县"} == county_names()
    home = regions.home_county
    assert home is not None and (home.code, home.name, home.is_district) == ("510411", "仁和区", True)
    towns = townships_of("510411")
    assert {"仁和镇", "平地镇", "大田镇", "务本乡", "大龙潭彝族乡", "啊喇彝族乡"} <= set(towns)
    assert len(towns) == len(set(towns))
    assert townships_of("999999") == []


def test_short_names() -> None:
    assert short_name("广西壮族自治区") == "广西"
    assert short_name("新疆维吾尔自治区") == "新疆"
    assert short_name("香港特别行政区") == "香港"
    assert short_name("攀枝花市") == "攀枝花"
    assert short_name("东区") == "东区"  # a one-character short form would match too much


def test_place_names_include_short_forms() -> None:
    names = load_default_regions().place_names()
    assert {"攀枝花", "攀枝花市", "仁和", "仁和区", "四川", "北京"} <= names


def test_name_prefixes_longest_first() -> None:
    prefixes = [p for p, _ in load_default_regions().name_prefixes()]
    assert prefixes[0] == "四川省攀枝花市仁和区" or len(prefixes[0]) >= len("四川省攀枝花市仁和区")
    assert prefixes.index("攀枝花市仁和区") < prefixes.index("仁和区")


def test_load_other_district(tmp_path: Path) -> None:
    data = {"province": {"code": "53", "name": "云南省"}, "city": {"code": "5323", "name": "楚雄彝族自治州"},
            "counties": [{"code": "532327", "name": "永仁县", "townships": ["永定镇"]}]}
    path = tmp_path / "regions.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    regions = RegionIndex.load(path)
    assert regions.county_names() == {"永仁县"} and regions.townships_of("532327") == ["永定镇"]
    assert regions.home_county is not None and regions.home_county.name == "永仁县"
