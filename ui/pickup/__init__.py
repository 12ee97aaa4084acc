"""The pickup desk: licence arrival, pickup slips, verified handover, overdue licences."""
