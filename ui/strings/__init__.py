"""The catalog's sections, one per page plus `common`; ui/i18n.py merges them."""
