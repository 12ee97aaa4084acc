"""Per-case sync state for the case list and the open case, read from the local store off the GUI thread.

`CaseSyncStates` keeps the latest states of every submitted case; it reloads them through the task
runner when the sync indicator reports a new status revision, and says when they changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from counter_app.sync.service import SyncService
from counter_app.sync.status import CaseSyncState
from ui.i18n import pick
from ui.tasks import Runner


class CaseSyncStates(QObject):
    """Signals:
        states_changed(): new per-case states are in; views redraw.
    """

    states_changed = Signal()

    def __init__(self, sync: SyncService | None, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sync = sync
        self._runner = runner
        self._states: dict[str, CaseSyncState] = {}
        self._loading = False
        self._again = False

    def reload(self, _revision: int = 0) -> None:
        if self._sync is None:
            return
        if self._loading:  # one load at a time; another one follows if asked meanwhile
            self._again = True
            return
        self._loading = True
        sync = self._sync
        self._runner.run(sync.case_states, self._loaded, self._failed)

    def state(self, case_id: str) -> CaseSyncState | None:
        return self._states.get(case_id)

    def states(self) -> dict[str, CaseSyncState]:
        return dict(self._states)

    def _loaded(self, states: dict[str, CaseSyncState]) -> None:
        self._loading = False
        changed = states != self._states
        self._states = states
        if changed:
            self.states_changed.emit()
        if self._again:
            self._again = False
            self.reload()

    def _failed(self, _exc: BaseException) -> None:
        self._loading = False  # keep the last known states; the next revision tries again


def label(state: CaseSyncState) -> str:
    return pick(state.label_zh, state.label_en)


def detail(state: CaseSyncState) -> str:
    text = state.detail_zh if state.detail_zh else None
    if text is None:
        return ""
    return pick(text, state.detail_en or text)
