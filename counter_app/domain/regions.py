"""Administrative divisions: the province table (for ID prefixes and labels) and the demo district's
region list (for premises addresses and business-name rules), bundled in resources/catalogue/regions.json.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from counter_app.resource_paths import resource_path

# GB/T 2260 province-level codes (first two digits of a resident ID), plus 71/81/82.
PROVINCES: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}

# Longest first, so 广西壮族自治区 loses 壮族自治区 rather than just 区.
_DIVISION_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
                      "省", "市", "区", "县", "州", "盟", "旗")


def short_name(name: str) -> str:
    """``广西壮族自治区`` -> ``广西``, ``仁和区`` -> ``仁和``; unchanged if < 2 characters would remain."""
    for suffix in _DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class County:
    code: str
    name: str
    is_district: bool  # 市辖区: a business name must carry the city as well (攀枝花市仁和区)
    townships: tuple[str, ...]


@dataclass(frozen=True)
class RegionIndex:
    province_code: str
    province_name: str
    city_code: str
    city_name: str
    counties: tuple[County, ...]
    home_county_code: str = ""  # the county this installation serves (examples, defaults)

    @property
    def home_county(self) -> County | None:
        return self.county_by_code(self.home_county_code) or (self.counties[0] if self.counties else None)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RegionIndex:
        counties = tuple(
            County(str(c["code"]), str(c["name"]), bool(c.get("district", False)),
                   tuple(str(t) for t in c.get("townships", [])))
            for c in data["counties"]
        )
        return cls(str(data["province"]["code"]), str(data["province"]["name"]), str(data["city"]["code"]),
                   str(data["city"]["name"]), counties, str(data.get("home_county", "")))

    @classmethod
    def load(cls, path: Path) -> RegionIndex:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    def county_names(self) -> set[str]:
        return {c.name for c in self.counties}

    def county_by_code(self, code: str) -> County | None:
        return next((c for c in self.counties if c.code == code), None)

    def county_by_name(self, name: str) -> County | None:
        return next((c for c in self.counties if c.name == name), None)

    def townships_of(self, county_code: str) -> list[str]:
        county = self.county_by_code(county_code)
        return list(county.townships) if county else []

    def name_prefixes(self) -> tuple[tuple[str, County], ...]:
        return self._name_prefixes

    @functools.cached_property
    def _name_prefixes(self) -> tuple[tuple[str, County], ...]:
        """Region prefixes a business name may start with, longest first: 四川省攀枝花市仁和区,
        攀枝花市仁和区, 攀枝花市米易县, 米易县, and the bare district name 仁和区 (which the name rules then
        flag, since a 市辖区 needs its city)."""
        prefixes: list[tuple[str, County]] = []
        for county in self.counties:
            full = self.city_name + county.name
            prefixes += [(self.province_name + full, county), (full, county), (county.name, county)]
        return tuple(sorted(prefixes, key=lambda item: len(item[0]), reverse=True))

    def place_names(self) -> frozenset[str]:
        """County-or-higher place names and their short forms, which a 字号 must not be."""
        return self._place_names

    @functools.cached_property
    def _place_names(self) -> frozenset[str]:
        names = set(PROVINCES.values()) | {self.city_name} | self.county_names()
        return frozenset(names | {short_name(n) for n in names})

    @functools.cached_property
    def place_names_longest_first(self) -> tuple[str, ...]:
        return tuple(sorted(self._place_names, key=len, reverse=True))


@functools.cache
def load_default_regions() -> RegionIndex:
    return RegionIndex.load(resource_path("catalogue", "regions.json"))


def county_names() -> set[str]:
    """County-level names of the bundled district."""
    return load_default_regions().county_names()


def townships_of(county_code: str) -> list[str]:
    """Townships/streets (乡、镇、街道) of a bundled county, [] for an unknown code."""
    return load_default_regions().townships_of(county_code)


def province_name(code: str) -> str | None:
    """Province name for the first two digits of an ID number or area code."""
    return PROVINCES.get(code[:2])
