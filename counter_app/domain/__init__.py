"""The domain core: application model, validation, identity documents, deadlines, masking. No Qt.

The public names below are loaded on first use (PEP 562), so ``import counter_app.domain`` stays cheap
(python-stdnum alone pulls in ssl and pydoc). Import from the submodules directly if you prefer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    # model / issues
    "Application": "model", "Address": "model", "Agent": "model", "AgentPowers": "model",
    "ApprovalDocument": "model", "Commitments": "model", "CompositionForm": "model",
    "FamilyMember": "model", "Gender": "model", "IdDocType": "model", "IdDocument": "model",
    "Liaison": "model", "Operator": "model",
    "Issue": "issues", "Severity": "issues", "has_errors": "issues",
    # identity documents and numbers
    "ResidentIdInfo": "identity", "IdDocCheck": "identity", "check_resident_id": "identity",
    "check_id_document": "identity", "normalize_id_number": "identity", "age_on": "identity",
    "UsccInfo": "uscc", "check_uscc": "uscc", "classify_identifier": "uscc", "IdentifierKind": "uscc",
    "normalize_mobile": "phone", "normalize_landline": "phone", "normalize_phone": "phone",
    "parse_landline": "phone", "Landline": "phone",
    # business name, scope catalogue, regions, choices
    "NameParts": "business_name", "NameRules": "business_name", "check_business_name": "business_name",
    "parse_business_name": "business_name", "load_name_rules": "business_name",
    "ScopeCatalogue": "catalogue", "ScopeItem": "catalogue", "ScopeKind": "catalogue",
    "RegionIndex": "regions", "PROVINCES": "regions", "load_default_regions": "regions",
    "county_names": "regions", "townships_of": "regions",
    "label": "choices",
    # validation
    "validate_application": "validation", "ValidationConfig": "validation_config",
    "check_person_name": "person_name",
    # masking
    "mask_id_number": "masking", "mask_phone": "masking", "mask_name": "masking", "mask_address": "masking",
    # working days and deadlines
    "WorkingCalendar": "calendar", "DeadlineResult": "calendar", "WorkingDayCount": "calendar",
    "CalendarWarning": "calendar", "CalendarFileError": "calendar",
    "CaseDeadlines": "deadlines", "compute_deadlines": "deadlines",
}

__all__ = [
    "PROVINCES",
    "Address",
    "Agent",
    "AgentPowers",
    "Application",
    "ApprovalDocument",
    "CalendarFileError",
    "CalendarWarning",
    "CaseDeadlines",
    "Commitments",
    "CompositionForm",
    "DeadlineResult",
    "FamilyMember",
    "Gender",
    "IdDocCheck",
    "IdDocType",
    "IdDocument",
    "IdentifierKind",
    "Issue",
    "Landline",
    "Liaison",
    "NameParts",
    "NameRules",
    "Operator",
    "RegionIndex",
    "ResidentIdInfo",
    "ScopeCatalogue",
    "ScopeItem",
    "ScopeKind",
    "Severity",
    "UsccInfo",
    "ValidationConfig",
    "WorkingCalendar",
    "WorkingDayCount",
    "age_on",
    "check_business_name",
    "check_id_document",
    "check_person_name",
    "check_resident_id",
    "check_uscc",
    "classify_identifier",
    "compute_deadlines",
    "county_names",
    "has_errors",
    "label",
    "load_default_regions",
    "load_name_rules",
    "mask_address",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "normalize_id_number",
    "normalize_landline",
    "normalize_mobile",
    "normalize_phone",
    "parse_business_name",
    "parse_landline",
    "townships_of",
    "validate_application"
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


if TYPE_CHECKING:
    from counter_app.domain.business_name import (
        NameParts,
        NameRules,
        check_business_name,
        load_name_rules,
        parse_business_name,
    )
    from counter_app.domain.calendar import (
        CalendarFileError,
        CalendarWarning,
        DeadlineResult,
        WorkingCalendar,
        WorkingDayCount,
    )
    from counter_app.domain.catalogue import ScopeCatalogue, ScopeItem, ScopeKind
    from counter_app.domain.choices import label
    from counter_app.domain.deadlines import CaseDeadlines, compute_deadlines
    from counter_app.domain.identity import (
        IdDocCheck,
        ResidentIdInfo,
        age_on,
        check_id_document,
        check_resident_id,
        normalize_id_number,
    )
    from counter_app.domain.issues import Issue, Severity, has_errors
    from counter_app.domain.masking import mask_address, mask_id_number, mask_name, mask_phone
    from counter_app.domain.model import (
        Address,
        Agent,
        AgentPowers,
        Application,
        ApprovalDocument,
        Commitments,
        CompositionForm,
        FamilyMember,
        Gender,
        IdDocType,
        IdDocument,
        Liaison,
        Operator,
    )
    from counter_app.domain.person_name import check_person_name
    from counter_app.domain.phone import (
        Landline,
        normalize_landline,
        normalize_mobile,
        normalize_phone,
        parse_landline,
    )
    from counter_app.domain.regions import (
        PROVINCES,
        RegionIndex,
        county_names,
        load_default_regions,
        townships_of,
    )
    from counter_app.domain.uscc import IdentifierKind, UsccInfo, check_uscc, classify_identifier
    from counter_app.domain.validation import validate_application
    from counter_app.domain.validation_config import ValidationConfig
