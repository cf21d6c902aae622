"""The "Train it yourself" page's presentation: controls and replay, figures, words."""
