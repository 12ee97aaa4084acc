"""The knobs of application validation that a district may set (domain.md marks them *(local)*)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from counter_app.domain.business_name import NameRules
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.domain.regions import RegionIndex


@dataclass(frozen=True)
class ValidationConfig:
    allow_local_name_suffix: bool = False  # the trailing "（个体工商户）" some provinces use
    capital_warning_wan: Decimal = Decimal("500")  # 出资额 above this (万元) asks the clerk to check the unit
    min_age: int = 16  # below: may not register
    adult_age: int = 18  # min_age <= age < adult_age: must be self-supporting (warning for the clerk)
    max_plausible_age: int = 100  # above: probably a typo in the birth year (warning)
    max_paper_copies: int = 10


@dataclass(frozen=True)
class ValidationContext:
    """Everything a rule needs besides the application, resolved once per validation run."""

    today: dt.date
    config: ValidationConfig
    catalogue: ScopeCatalogue
    name_rules: NameRules
    regions: RegionIndex
