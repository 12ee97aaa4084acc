"""受理 and 提交 from the desktop client: the acceptance dialog (plain or 容缺), the offer to print the
receipt afterwards, and the case editor's row of buttons that starts both."""
