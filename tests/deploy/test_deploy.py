"""The container and the host settings: what the README's Deploy section promises holds."""

import re
import tomllib

from tests.support.paths import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instructions(name: str) -> list[str]:
    """The arguments of every Dockerfile instruction `name`, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [m.group(1).strip() for m in re.finditer(rf"(?m)^{name}\s+(.*)$", joined)]


def test_base_image_is_python_311_slim():
    assert _instructions("FROM") == ["python:3.11-slim"]


def test_runs_as_a_non_root_user_with_uid_1000():
    user = _instructions("USER")
    assert user and user[-1] not in ("root", "0")
    created = " ".join(_instructions("RUN"))
    assert re.search(rf"useradd\b.*--uid 1000\b.*\b{user[-1]}\b", created)


def test_exposes_8501_and_serves_on_all_interfaces():
    assert _instructions("EXPOSE") == ["8501"]
    cmd = _instructions("CMD")[-1]
    assert "--server.address=0.0.0.0" in cmd and "--server.port=8501" in cmd
    assert '"app.py"' in cmd


def test_healthcheck_asks_streamlit_health_without_curl():
    (check,) = _instructions("HEALTHCHECK")
    assert "/_stcore/health" in check and "8501" in check
    assert "curl" not in check and "wget" not in check
    assert "python" in check


def test_image_installs_the_runtime_requirements_only():
    runs = " ".join(_instructions("RUN"))
    assert "pip install -r requirements.txt" in runs
    assert "requirements-dev" not in DOCKERFILE and "requirements-train" not in DOCKERFILE


def test_every_part_the_site_needs_is_copied():
    copied = " ".join(_instructions("COPY"))
    for part in ("app.py", ".streamlit/", "core/", "ui/", "pages/", "models/"):
        assert part in copied, part


def test_dockerignore_keeps_tests_and_the_venv_out():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for name in (".git", ".venv", "tests", "artifacts"):
        assert name in ignored


def test_config_is_fit_for_a_public_host():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["enableXsrfProtection"] is True
    assert isinstance(cfg["server"]["maxUploadSize"], int) and cfg["server"]["maxUploadSize"] > 0
    assert cfg["client"]["showErrorDetails"] == "none"
    assert cfg["browser"]["gatherUsageStats"] is False


def test_the_readmes_nginx_recipe_is_the_tested_file():
    """The README shows deploy/nginx.conf, which tests/deploy/test_replicas_e2e.py runs."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```nginx\n(.*?)```", readme, re.S).group(1).strip()
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8").splitlines()
    assert shown == "\n".join(line for line in conf if not line.lstrip().startswith("#")).strip()
