"""Test helpers shared by the unit, UI and integration tests."""
