"""What the first-run wizard (ui/firstrun) does, without Qt: check the district service's address and
certificate, register the counter PC, make a printer test page, save the settings."""
