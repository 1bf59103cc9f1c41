"""Reports of the main job: parity table (Markdown, CSV) and learning-curve overlays."""
