"""The people in the file: their fields, finding them, searching, the selection a campaign is about, their
history, editing, export and demo data. Lower modules never import `editing` (it calls partners)."""
