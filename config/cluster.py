"""Several application servers on shared services, on this machine, as ``make cluster`` runs them.

    python -m config.cluster [--bind 127.0.0.1:8443] [--servers 2] [--workers 2] [--no-demo]

Starts, each on a free local port, in one temporary folder removed at the end:

- PostgreSQL 15, a throwaway cluster (``initdb``; as root it runs as the postgres user,
  since initdb refuses root), for the rows and the sessions;
- Redis, for the page cache, the query cache and the search limit's counts;
- an S3-compatible object store (moto's standalone server) with one private bucket, for
  every uploaded file and its renditions (``events.bucket.PrivateBucketStorage``);
- ``--servers`` application servers, each what ``make serve`` runs (nginx in front of
  gunicorn, ``config/serve.py``), with the same settings;
- nginx in front of them all, over HTTPS with a self-signed certificate (openssl),
  balancing requests between them and passing an idempotent request that a server
  could not answer (it died mid-request, say) to the next one.

It prints the address and runs until Ctrl-C (or SIGTERM), then stops everything. The
settings the servers get (``Cluster.env``) are those a real deployment sets: README's
production section maps each part to a managed service. The cluster tests
(tests/cluster/) start it the same way, and stop and restart its parts.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .serve import FRAME, NGINX, frame_values, free_port, self_signed_certificate

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS = os.environ.get("REDIS_SERVER", "redis-server")
BUCKET = "media"
# collectstatic (hashing, then gzip and brotli) takes about a minute: its result is kept
# here between runs and made again only when a static file or an installed package changes.
STATIC_ROOT = Path(os.environ.get("CLUSTER_STATIC_ROOT", ROOT / ".cache" / "cluster-static"))

PROXY_CONFIG = (
    FRAME
    + """\
    upstream application {{
        {servers}
        keepalive 32;
    }}
    server {{
        listen {listen} ssl;
        ssl_certificate {folder}/cert.pem;
        ssl_certificate_key {folder}/key.pem;
        location / {{
            proxy_pass http://application;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_redirect off;
            # A server that refuses the connection, or drops it before answering, is
            # passed over; an idempotent request goes to the next one (a POST is not
            # sent twice: nginx never retries one).
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            proxy_next_upstream error timeout http_502 http_504;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto https;
        }}
    }}
}}
"""
)


def wait_for(check, what: str, seconds: float = 60, process=None) -> None:
    """Call ``check()`` until it returns true; fail after ``seconds`` or when ``process``
    has exited."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - anything short of an answer is "not yet"
            pass
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {seconds} s")
        time.sleep(0.2)


def answers(url: str, headers=None) -> bool:
    import ssl

    request = urllib.request.Request(url, headers=headers or {})
    context = ssl._create_unverified_context()  # our own throwaway certificate
    with urllib.request.urlopen(request, timeout=3, context=context) as response:
        return response.status == 200


def static_sources() -> str:
    """What collectstatic's result depends on: the site's own static files (name, size,
    time) and the installed packages (by name and version)."""
    import hashlib
    import sysconfig

    digest = hashlib.sha256(sys.version.encode())
    for app in ("config", "events", "partnerships"):
        for path in sorted((ROOT / app / "static").rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(
                    f"{path.relative_to(ROOT)} {stat.st_size} {stat.st_mtime_ns}\n".encode()
                )
    packages = Path(sysconfig.get_paths()["purelib"])
    digest.update(" ".join(sorted(p.name for p in packages.glob("*.dist-info"))).encode())
    return digest.hexdigest()


def manage(env: dict, *args: str, **options) -> subprocess.CompletedProcess:
    """``manage.py`` with these settings, its output captured; an error if it fails."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **options,
    )


class Cluster:
    def __init__(self, bind: str = "127.0.0.1:8443", servers: int = 2, workers: int = 2):
        self.bind = bind
        self.host, _, port = bind.rpartition(":")
        self.port = int(port)
        self.workers = workers
        self.folder = Path(tempfile.mkdtemp(prefix="cluster-"))
        # As root, nginx's workers and PostgreSQL run as other users inside this folder.
        self.folder.chmod(0o711)
        (self.folder / "tmp").mkdir(mode=0o711)
        self.as_root = os.geteuid() == 0
        self.pg_port, self.redis_port, self.store_port = free_port(), free_port(), free_port()
        self.server_ports = [free_port() for _ in range(servers)]
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs = []
        self.url = f"https://{'localhost' if self.host in ('127.0.0.1', '') else self.host}"
        self.url += f":{self.port}"
        self.env = self.application_env()

    # -- the settings every application server gets ------------------------------------

    def application_env(self) -> dict:
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("DJANGO_", "AWS_"))
            and name not in {"DATABASE_URL", "REDIS_URL", "MEDIA_STORAGE", "SERVE_MEDIA"}
        }
        return {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": os.environ.get("DJANGO_ALLOWED_HOSTS") or "localhost,127.0.0.1",
            # TLS ends at the proxy in front, which says so in X-Forwarded-Proto.
            "DJANGO_BEHIND_PROXY": "1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{self.pg_port}/postgres",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "MEDIA_STORAGE": "events.bucket.PrivateBucketStorage",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.store_port}",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "cluster",
            "AWS_SECRET_ACCESS_KEY": "cluster-secret",
            "STATIC_ROOT": str(STATIC_ROOT),
            "TMPDIR": str(self.folder / "tmp"),
            **{
                name: value
                for name, value in os.environ.items()
                if name.startswith("DJANGO_SUPERUSER_")
            },
        }

    # -- the parts ---------------------------------------------------------------------

    def log(self, name: str):
        log = open(self.folder / f"{name}.log", "a")  # noqa: SIM115 - closed in stop()
        self.logs.append(log)
        return log

    def popen(self, name: str, command: list[str], **options) -> subprocess.Popen:
        log = self.log(name)
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, **options
        )
        self.processes[name] = process
        return process

    def as_postgres(self) -> list[str]:
        return ["runuser", "-u", "postgres", "--"] if self.as_root else []

    def start_database(self) -> None:
        data = self.folder / "pgdata"
        if not (PG_BIN / "initdb").exists():
            raise RuntimeError(f"PostgreSQL 15's server is needed ({PG_BIN}/initdb)")
        if self.as_root:
            (self.folder / "pg").mkdir()
            shutil.chown(self.folder / "pg", user="postgres")
            data = self.folder / "pg" / "data"
        self.pg_data = data
        subprocess.run(
            [*self.as_postgres(), PG_BIN / "initdb", "-D", data, "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C.UTF-8"],
            check=True, stdout=self.log("postgres"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        options = (
            f"-p {self.pg_port} -k {data} -c listen_addresses=127.0.0.1 -c max_connections=100"
        )
        subprocess.run(
            [*self.as_postgres(), PG_BIN / "pg_ctl", "-D", data, "-l", data / "server.log",
             "-w", "start", "-o", options],
            check=True, stdout=self.log("postgres"), stderr=subprocess.STDOUT,
        )  # fmt: skip

    def stop_database(self) -> None:
        if getattr(self, "pg_data", None):
            subprocess.run(
                [*self.as_postgres(), PG_BIN / "pg_ctl", "-D", self.pg_data, "-m", "fast", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def start_redis(self) -> None:
        import redis

        process = self.popen(
            "redis",
            [REDIS, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder),
             "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"],
        )  # fmt: skip
        wait_for(lambda: redis.Redis(port=self.redis_port).ping(), "Redis", process=process)

    def start_store(self) -> None:
        import boto3

        process = self.popen(
            "store",
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.store_port)],
        )
        wait_for(
            lambda: answers(f"http://127.0.0.1:{self.store_port}/moto-api/"),
            "the object store (moto)",
            process=process,
        )
        boto3.client("s3", **self.s3_options()).create_bucket(Bucket=BUCKET)

    def bucket(self):
        """The bucket, as boto3 sees it (for tests and checks)."""
        import boto3

        return boto3.resource("s3", **self.s3_options()).Bucket(BUCKET)

    def s3_options(self) -> dict:
        """How boto3 reaches the object store, from the servers' own settings."""
        return {
            "endpoint_url": self.env["AWS_S3_ENDPOINT_URL"],
            "region_name": self.env["AWS_S3_REGION_NAME"],
            "aws_access_key_id": self.env["AWS_ACCESS_KEY_ID"],
            "aws_secret_access_key": self.env["AWS_SECRET_ACCESS_KEY"],
        }

    def manage(self, *args: str, **options) -> subprocess.CompletedProcess:
        return manage(self.env, *args, **options)

    def collect_static(self) -> None:
        stamp = STATIC_ROOT / ".sources"
        sources = static_sources()
        if stamp.exists() and stamp.read_text() == sources:
            return
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)
        self.manage("collectstatic", "--noinput")
        stamp.write_text(sources)

    def server_name(self, index: int) -> str:
        return f"server-{index + 1}"

    def server_url(self, index: int) -> str:
        """An application server's own address (plain HTTP: the proxy in front ends TLS)."""
        return f"http://127.0.0.1:{self.server_ports[index]}"

    def start_server(self, index: int, wait: bool = True) -> None:
        process = self.popen(
            self.server_name(index),
            [sys.executable, "-m", "config.serve", "--workers", str(self.workers),
             "--bind", f"127.0.0.1:{self.server_ports[index]}"],
            env=self.env,
            # Its own process group: it can be killed whole, nginx, gunicorn and workers.
            start_new_session=True,
        )  # fmt: skip
        if wait:
            self.wait_for_server(index, process)

    def wait_for_server(self, index: int, process=None) -> None:
        wait_for(
            lambda: answers(f"{self.server_url(index)}/healthz"),
            self.server_name(index),
            process=process or self.processes[self.server_name(index)],
        )

    def kill_server(self, index: int) -> None:
        """Kill an application server at once, nginx and gunicorn and every worker."""
        process = self.processes[self.server_name(index)]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop(self, name: str) -> None:
        """Stop one part (an application server whole, with its nginx and workers)."""
        process = self.processes.get(name)
        if process is None or process.poll() is not None:
            return
        group = name.startswith("server-")

        def send(signum):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signum) if group else process.send_signal(signum)

        send(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            send(signal.SIGKILL)
            process.wait(timeout=10)

    def start_proxy(self, name: str = "proxy", servers=None, bind=None) -> None:
        """nginx in front of the application servers (all, or those of ``servers``, by
        index), listening on ``bind`` (the cluster's address by default)."""
        bind = bind or self.bind
        ports = [self.server_ports[index] for index in servers or range(len(self.server_ports))]
        folder = self.folder / name
        folder.mkdir(mode=0o711)
        shutil.copy(self.folder / "cert.pem", folder / "cert.pem")
        shutil.copy(self.folder / "key.pem", folder / "key.pem")
        servers = "\n        ".join(
            f"server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports
        )
        config = PROXY_CONFIG.format(**frame_values(folder), servers=servers, listen=bind)
        (folder / "nginx.conf").write_text(config)
        process = self.popen(name, [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")])
        healthz = f"https://127.0.0.1:{bind.rpartition(':')[2]}/healthz"
        wait_for(lambda: answers(healthz), "nginx", process=process)

    # -- the whole -----------------------------------------------------------------------

    def start(self, demo: bool = True) -> "Cluster":
        try:
            self_signed_certificate(self.folder)
            self.start_database()
            self.start_redis()
            self.start_store()
            self.manage("migrate", "--noinput")
            self.collect_static()
            if self.env.get("DJANGO_SUPERUSER_PASSWORD"):
                self.manage("createsuperuser", "--noinput")
            if demo:
                self.manage("load_demo")
            for index in range(len(self.server_ports)):
                self.start_server(index, wait=False)
            for index in range(len(self.server_ports)):
                self.wait_for_server(index)
            self.start_proxy()
        except BaseException:
            self.tail_logs()
            self.shutdown()
            raise
        return self

    def tail_logs(self, lines: int = 20) -> None:
        for log in sorted(self.folder.glob("*.log")):
            text = log.read_text(errors="replace").splitlines()[-lines:]
            if text:
                print(f"--- {log.name}", *text, sep="\n", file=sys.stderr)

    def shutdown(self) -> None:
        for name in ["proxy", *map(self.server_name, range(len(self.server_ports)))]:
            self.stop(name)
        for name in list(self.processes):
            self.stop(name)
        self.stop_database()
        for log in self.logs:
            log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def sigterm_as_interrupt():
    """Meanwhile SIGTERM (a time limit, ``timeout``, ``kill``) raises KeyboardInterrupt, as
    Ctrl-C does, so whoever holds a cluster stops it in a ``finally``: otherwise the
    process dies at once and leaves every part running (the servers in sessions of their
    own, PostgreSQL as a daemon) and the folder behind."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1:8443")
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-demo", action="store_true", help="Start with no content.")
    args = parser.parse_args(argv)
    for tool in (NGINX, REDIS, "openssl"):
        if not shutil.which(tool):
            print(f"{tool} is needed: apt-get install nginx redis-server openssl", file=sys.stderr)
            return 1

    cluster = Cluster(args.bind, servers=args.servers, workers=args.workers)
    print(f"Starting PostgreSQL, Redis, the object store and {args.servers} servers…")
    try:
        # While starting, Ctrl-C or SIGTERM stops what has started (Cluster.start cleans up).
        with sigterm_as_interrupt():
            cluster.start(demo=not args.no_demo)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"The cluster did not start: {error}", file=sys.stderr)
        if getattr(error, "stderr", None):
            print(error.stderr[-2000:], file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130

    stopping = []

    def stop(signum, frame):
        stopping.append(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    env = cluster.env
    print(
        f"Serving at {cluster.url}/ (a self-signed certificate; admin at /admin/)\n"
        f"  {args.servers} application servers: "
        + ", ".join(cluster.server_url(i) for i in range(args.servers))
        + f"\n  PostgreSQL: {env['DATABASE_URL']}\n  Redis: {env['REDIS_URL']}\n"
        f"  object store: {env['AWS_S3_ENDPOINT_URL']} (bucket {BUCKET!r})\n"
        f"  logs: {cluster.folder}/*.log\n"
        "Ctrl-C stops everything.",
        flush=True,
    )
    try:
        while not stopping:
            for name, process in cluster.processes.items():
                if process.poll() is not None:
                    print(f"{name} stopped (status {process.returncode}).", file=sys.stderr)
                    cluster.tail_logs()
                    stopping.append(name)
                    break
            time.sleep(0.5)
    finally:
        print("Stopping…", flush=True)
        cluster.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
