"""Debian's nginx in front of local replicas, run from the README's recipe (deploy/nginx.conf).

The recipe is an http-block snippet written for a real host (`listen 80`, replicas on
127.0.0.1:8501-8503). render() points it at the ports a test chose and wraps it in a main
configuration whose every path (pid, logs, temporary files) is in a folder of the test's, so
running it changes nothing on the machine. Standard library only, no pytest.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import ROOT

RECIPE = ROOT / "deploy" / "nginx.conf"
NGINX = Path(shutil.which("nginx") or "/usr/sbin/nginx")

# One line per proxied request: the affinity key the request was hashed on, the replica
# nginx chose, the status (101 = a WebSocket, logged when it closes), the request line, the
# cookie as sent, and the Streamlit session a reconnecting WebSocket asks to resume (the
# third entry of its Sec-WebSocket-Protocol; the second, the XSRF token, is left out).
LOG_FORMAT = '$lstm_lab_route $upstream_addr $status "$request" "$cookie_lstm_lab_route" $resume'
LOG_LINE = re.compile(r'^(\S+) (\S+) (\d{3}) "(\S+) (\S+) [^"]*" "([^"]*)" (\S+)$')

MAIN = """\
worker_processes 1;
# A graceful stop closes the open WebSockets after 1 s (and logs them) instead of waiting.
worker_shutdown_timeout 1s;
events {{ worker_connections 256; }}
http {{
    map $http_sec_websocket_protocol $resume {{
        "~^[^,]*,[^,]*,\\s*(?<sid>[0-9a-f-]+)\\s*$" $sid;
        default -;
    }}
    log_format replicas '{log_format}';
    access_log {dir}/access.log replicas;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    # Large answers stay in memory: nginx's workers may not enter the test's private folder.
    proxy_max_temp_file_size 0;
{site}
}}
"""


def render(recipe: str, port: int, replicas: list[str]) -> str:
    """The recipe listening on 127.0.0.1:port, its upstream listing `replicas` (host:port)."""
    (upstream,) = re.findall(r"upstream lstm_lab \{.*?\n\}", recipe, flags=re.S)
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+;\n", upstream, flags=re.M)
    assert servers, "the recipe's upstream lists no replica"
    ours = "".join(f"    server {r};\n" for r in replicas)
    new_upstream = upstream.replace("".join(servers), ours)
    assert new_upstream != upstream, "the replicas are not one block of server lines"
    site = recipe.replace(upstream, new_upstream)
    assert site.count("listen 80;") == 1, "the recipe should listen once, on port 80"
    return site.replace("listen 80;", f"listen 127.0.0.1:{port};")


@dataclass
class Nginx:
    """A running nginx: its URL, process, folder (logs, pid, configuration) and port."""

    url: str
    port: int
    dir: Path
    proc: subprocess.Popen | None = None

    @property
    def access_log(self) -> Path:
        return self.dir / "access.log"

    def error_log(self) -> str:
        path = self.dir / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def requests(self) -> list[dict]:
        """Every proxied request logged so far: key, replica, status, method, path, cookie,
        resume (the session id a reconnecting WebSocket presented, or "")."""
        if not self.access_log.exists():
            return []
        out = []
        for line in self.access_log.read_text(errors="replace").splitlines():
            m = LOG_LINE.match(line)
            assert m, f"an access log line not in the test's format: {line!r}"
            key, replica, status, method, path, cookie, resume = m.groups()
            out.append(
                {"key": key, "replica": replica, "status": int(status), "method": method,
                 "path": path, "cookie": "" if cookie == "-" else cookie,
                 "resume": "" if resume == "-" else resume}
            )  # fmt: skip
        return out


def configure(folder: Path, port: int, replicas: list[str], recipe: str | None = None) -> Nginx:
    """Write folder/nginx.conf: the recipe (deploy/nginx.conf unless given) inside a main
    configuration whose logs and temporary files are all in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    site = render(RECIPE.read_text() if recipe is None else recipe, port, replicas)
    indented = "".join(f"    {line}" if line.strip() else line for line in site.splitlines(True))
    conf = MAIN.format(log_format=LOG_FORMAT, dir=folder, site=indented)
    (folder / "nginx.conf").write_text(conf)
    return Nginx(f"http://127.0.0.1:{port}", port, folder)


def start(ngx: Nginx, timeout_s: float = 20) -> Nginx:
    """Run nginx in the foreground (its own process group) until its port accepts."""
    d = ngx.dir
    cmd = [
        str(NGINX), "-p", str(d), "-e", str(d / "error.log"), "-c", str(d / "nginx.conf"),
        "-g", f"daemon off; pid {d / 'nginx.pid'};",
    ]  # fmt: skip
    ngx.proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + timeout_s
    while True:
        if ngx.proc.poll() is not None:
            raise RuntimeError(f"nginx exited ({ngx.proc.returncode}):\n{ngx.error_log()}")
        try:
            with socket.create_connection(("127.0.0.1", ngx.port), timeout=1):
                return ngx
        except OSError:
            if time.monotonic() > deadline:
                stop(ngx)
                raise RuntimeError(f"nginx not listening after {timeout_s} s") from None
            time.sleep(0.05)


def stop(ngx: Nginx) -> None:
    """Graceful stop (SIGQUIT): the port closes at once, open WebSockets 1 s later (logged);
    returns once nginx has exited."""
    proc = ngx.proc
    if proc is None or proc.poll() is not None:
        return
    try:
        os.kill(proc.pid, signal.SIGQUIT)
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)
    except ProcessLookupError:
        pass
