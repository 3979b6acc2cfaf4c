"""The production server: nginx in front of gunicorn, as ``make serve`` starts it.

gunicorn's sync workers give each request a process of its own, which is what SQLite
(one writer at a time, a lock wait that blocks the caller) and psycopg want; but a
client that sends its headers or body slowly holds such a worker for as long as it
likes, and a handful of them shut everyone out. nginx reads each request whole before
passing it on, and takes each answer whole before trickling it out, so a worker only
ever sees complete requests from a fast local peer. nginx is Debian's (``apt-get install
nginx``).

    python -m config.serve --bind 127.0.0.1:8000 --workers 3 [--certfile C --keyfile K]
        [-- any further gunicorn arguments]

nginx listens where ``--bind`` says (over HTTPS with a certificate); gunicorn listens on
a free local port that only nginx uses. nginx sets ``X-Forwarded-For`` to the client's
address (appended to the one an outer proxy gave, with ``DJANGO_BEHIND_PROXY=1``) and
the application is told how many proxies stand in front, so it sees the visitor's
address, not nginx's.
"""

import argparse
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NGINX = os.environ.get("NGINX", "nginx")

# What every nginx the project starts has (this one, and make cluster's proxy): one
# worker in the foreground, its files in a folder of its own, slow clients let go. The
# ``http`` block it opens is closed by what follows it.
FRAME = """\
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log stderr warn;
{user}
events {{ worker_connections 4096; }}
http {{
    access_log off;
    server_tokens off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    # A slow client costs nginx a few kilobytes, and is let go after these.
    client_header_timeout 10s;
    client_body_timeout 20s;
    send_timeout 30s;
    keepalive_timeout 15s;
    client_max_body_size {max_body};
"""

CONFIG = (
    FRAME
    + """\
    proxy_read_timeout 60s;
    upstream application {{ server 127.0.0.1:{backend_port}; }}
    server {{
        listen {listen}{ssl};
        {certificates}
        location / {{
            proxy_pass http://application;
            proxy_redirect off;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For {forwarded_for};
            proxy_set_header X-Forwarded-Proto {forwarded_proto};
        }}
    }}
}}
"""
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def frame_values(folder: Path) -> dict:
    """``FRAME``'s values for an nginx whose files are in ``folder``."""
    user = ""
    if os.geteuid() == 0:
        # nginx's workers drop root; they write request bodies to the temporary folders.
        name = "www-data" if _user_exists("www-data") else "nobody"
        user = f"user {name};"
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / sub).mkdir(exist_ok=True)
            shutil.chown(folder / sub, user=name)
    return {"folder": folder, "user": user, "max_body": os.environ.get("SERVE_MAX_BODY", "100m")}


def self_signed_certificate(folder: Path, days: int = 30) -> tuple[Path, Path]:
    """A throwaway certificate for localhost (``cert.pem``, ``key.pem`` in ``folder``), to
    try HTTPS on one's own machine as in production (``make cluster``, the tests)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", str(days),
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def nginx_config(folder: Path, listen: str, backend_port: int, args) -> str:
    behind_proxy = os.environ.get("DJANGO_BEHIND_PROXY", "").lower() in {"1", "true", "yes", "on"}
    tls = bool(args.certfile)
    return CONFIG.format(
        **frame_values(folder),
        backend_port=backend_port,
        listen=listen,
        ssl=" ssl" if tls else "",
        certificates=(
            f"ssl_certificate {args.certfile}; ssl_certificate_key {args.keyfile};" if tls else ""
        ),
        # Without a proxy in front, whatever a client claims in these headers is dropped.
        forwarded_for="$proxy_add_x_forwarded_for" if behind_proxy else "$remote_addr",
        forwarded_proto=(
            "https" if tls else "$http_x_forwarded_proto" if behind_proxy else "$scheme"
        ),
    )


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def application_env() -> dict:
    """The application sits behind nginx, plus any proxy already in front of it."""
    env = dict(os.environ)
    outer = 0
    if env.get("DJANGO_BEHIND_PROXY", "").lower() in {"1", "true", "yes", "on"}:
        outer = int(env.get("DJANGO_PROXY_COUNT") or 1)
    env["DJANGO_BEHIND_PROXY"] = "1"
    env["DJANGO_PROXY_COUNT"] = str(outer + 1)
    return env


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1:8000")
    parser.add_argument("--workers", default="3")
    parser.add_argument("--certfile")
    parser.add_argument("--keyfile")
    parser.add_argument("gunicorn_args", nargs="*")
    args = parser.parse_args(argv)
    if not shutil.which(NGINX):
        print("nginx is needed in front of gunicorn: apt-get install nginx", file=sys.stderr)
        return 1

    folder = Path(tempfile.mkdtemp(prefix="serve-"))
    # As root, nginx's workers run as another user and write request bodies below this
    # folder: they must be able to pass through it (mkdtemp makes it private).
    folder.chmod(0o711)
    backend_port = free_port()
    (folder / "nginx.conf").write_text(nginx_config(folder, args.bind, backend_port, args))
    application = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi"),
            *("--bind", f"127.0.0.1:{backend_port}", "--workers", str(args.workers)),
            *("--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1"),
            *args.gunicorn_args,
        ],
        env=application_env(),
    )
    proxy = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")])
    children = [application, proxy]

    def stop(signum=None, frame=None):
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        # Both run until one stops (or we are told to stop); then the other follows.
        while all(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        stop()
        codes = [child.wait(timeout=30) for child in children]
        shutil.rmtree(folder, ignore_errors=True)
    return next((code for code in codes if code not in (0, -signal.SIGTERM)), 0)


if __name__ == "__main__":
    sys.exit(main())
