"""Where the shipped models' files live, and the error that says one is missing or broken.

models/sentiment/vocab.json is the one vocabulary every model reads, and
models/sentiment/accents.json the one table that puts back a review's missing diacritics;
models/sentiment/<name>/{model.onnx, metadata.json} are each model's own files.
"""

from __future__ import annotations

from pathlib import Path

from core.errors import CoreError

ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = ROOT / "models"
MODEL_NAMES = ("bag", "rnn", "lstm")  # slide 8's bag, slide 25's RNN, the LSTM
DEFAULT_MODEL = "lstm"
VOCAB_FILE = "sentiment/vocab.json"  # shared by every model
ACCENTS_FILE = "sentiment/accents.json"  # shared: diacritics put back (core.sentiment.accents)


def model_files(name: str = DEFAULT_MODEL) -> tuple[str, str, str]:
    """The files model `name` reads, relative to the models folder: vocab, ONNX, metadata."""
    if name not in MODEL_NAMES:
        raise ValueError(f"unknown model {name!r}: one of {', '.join(MODEL_NAMES)}")
    return (VOCAB_FILE, f"sentiment/{name}/model.onnx", f"sentiment/{name}/metadata.json")


FILES = model_files(DEFAULT_MODEL)  # the default model's files
REBUILD = "make train"  # the command that rebuilds the artifacts


def project_path(path: Path | str) -> str:
    """A path as errors show it: relative to the project when inside it, so a hosted page
    never prints the server's folders; a caller's own path outside it stays as given."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


class ModelUnavailable(CoreError):
    """The model files are missing or unreadable: codes model_missing and model_broken."""

    @classmethod
    def missing(cls, path: Path) -> ModelUnavailable:
        """model_missing {file, command}."""
        file = project_path(path)
        return cls(
            "model_missing",
            f"{file} is missing; rebuild the model with `{REBUILD}`.",
            file=file,
            command=REBUILD,
        )

    @classmethod
    def broken(cls, path: Path, error: Exception) -> ModelUnavailable:
        """model_broken {file, detail, command}: detail names the error, without server paths."""
        path = Path(path)
        detail = f"{type(error).__name__}: {error}"
        for folder in (path.resolve().parent, path.parent):
            detail = detail.replace(str(folder), project_path(folder))
        file = project_path(path)
        return cls(
            "model_broken",
            f"{file} is corrupt or incomplete ({detail}); rebuild the model with `{REBUILD}`.",
            file=file,
            detail=detail,
            command=REBUILD,
        )
