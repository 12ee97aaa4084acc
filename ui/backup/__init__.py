"""数据 → 备份: the backup of the open data folder, in the background, with progress."""
