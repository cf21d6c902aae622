"""A sentiment model's nn.Module as trained: its class, read from core/training/model.py's
own text with ast (the site never imports torch), with what the class needs from that file.

`model_source(kind)` finds the class CLASSES[kind] names, then every top-level class or
function of the file that it (or those, in turn) refers to, and the file's imports, and
returns them in the file's order, each exactly as written there.
"""

from __future__ import annotations

import ast
import json
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parents[2] / "core" / "training" / "model.py"


@cache
def _module() -> tuple[str, ast.Module]:
    text = MODEL_FILE.read_text(encoding="utf-8")
    return text, ast.parse(text)


def _classes() -> dict[str, str]:
    """model.py's CLASSES dict as kind -> class name: what build() instantiates."""
    _, tree = _module()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else ()
        if any(isinstance(t, ast.Name) and t.id == "CLASSES" for t in targets):
            table = node.value
            if isinstance(table, ast.Dict):
                return {
                    k.value: v.id
                    for k, v in zip(table.keys, table.values, strict=True)
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Name)
                }
    raise LookupError(f"{MODEL_FILE} has no CLASSES table of kinds to classes")


def kinds() -> tuple[str, ...]:
    """The model kinds model.py builds; none if the file cannot be read (a card then shows
    its other parts, without the code)."""
    try:
        return tuple(_classes())
    except (OSError, SyntaxError, LookupError):
        return ()


def class_name(kind: str) -> str:
    """The class model.py builds for kind."""
    return _classes()[kind]


def _definitions(tree: ast.Module) -> dict[str, ast.AST]:
    return {
        n.name: n
        for n in tree.body
        if isinstance(n, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    }


def _needed(name: str, defs: dict[str, ast.AST]) -> set[str]:
    """name and every top-level definition it refers to, transitively."""
    seen, todo = set(), [name]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        todo += [x.id for x in ast.walk(defs[n]) if isinstance(x, ast.Name) and x.id in defs]
    return seen


def model_source(kind: str) -> str:
    """The imports and definitions that make up the model of kind, as model.py writes them."""
    text, tree = _module()
    defs = _definitions(tree)
    needed = _needed(class_name(kind), defs)
    parts = [
        ast.get_source_segment(text, n)
        for n in tree.body
        if isinstance(n, ast.Import | ast.ImportFrom) and getattr(n, "module", None) != "__future__"
    ]
    imports = "\n".join(parts)
    body = [
        "\n".join(
            [f"@{ast.get_source_segment(text, d)}" for d in getattr(n, "decorator_list", ())]
            + [ast.get_source_segment(text, n)]
        )
        for n in tree.body
        if getattr(n, "name", None) in needed
    ]
    return imports + "\n\n\n" + "\n\n\n".join(body) + "\n"


def config_fields() -> tuple[str, ...]:
    """The fields of model.py's ModelConfig, in order."""
    _, tree = _module()
    node = _definitions(tree)["ModelConfig"]
    return tuple(
        n.target.id
        for n in node.body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    )


def model_listing(kind: str, config: dict) -> str:
    """model_source(kind), then the line that builds the model with the config it was
    trained with (the metadata's; fields model.py does not know are left out)."""
    fields = [f for f in config_fields() if f in config]
    args = "".join(f"        {f}={json.dumps(config[f])},\n" for f in fields)
    build = f"model = {class_name(kind)}(\n    ModelConfig(\n{args}    )\n)\n"
    return model_source(kind) + "\n\n" + build
