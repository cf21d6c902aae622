"""What the language-model page shows: tables, formulas and charts from core.lm's traces."""
