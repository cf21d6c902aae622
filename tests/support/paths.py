"""Where things are: the repository, its shipped models, the course's data folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
MODELS = ROOT / "models"
DATA = ROOT.parent / "shared" / "data" / "ntc-scv"
SEED = ROOT.parent / "shared" / "seed"
