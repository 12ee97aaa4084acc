"""Printing from the desktop client: preview, print to a chosen printer, save as PDF, paper settings."""
