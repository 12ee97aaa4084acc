"""Signing in on the counter: the sign-in screen, the lock screen, the idle watcher, and the session that
puts the signed-in clerk's main window (or the reviewer's workspace) in front."""
