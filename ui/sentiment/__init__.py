"""The sentiment page's presentation: markup, figures, tables, card words, sections."""
