"""The first-run wizard: shown when the data folder has no settings yet (ui.app before anything opens)."""
