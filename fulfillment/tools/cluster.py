"""`make cluster`: a local demo cluster. PostgreSQL, one Rasa, N `emma serve` instances and nginx balancing them.

    python -m fulfillment.tools.cluster start [--instances 3] [--port 8090]
    python -m fulfillment.tools.cluster stop

Everything lives under `<EMMA_HOME>/cluster/`: the PostgreSQL data (kept between starts), one EMMA_HOME per
instance (logs, outbox), nginx's configuration and logs, and `state.json` with the processes to stop.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from fulfillment.settings import Settings
from fulfillment.tools.local_postgres import LocalPostgres
from nlu.rasa_service import free_port, new_auth_token, rasa_run_command
from nlu.training import rasa_env, rasa_executable

EMMA = (sys.executable, "-m", "fulfillment.apps.cli.main")
NGINX = """# Written by `make cluster`. Turns carry idempotency keys, so nginx may resend a POST to another instance
# when the first one died before answering (non_idempotent): the key makes the retry safe.
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {folder}/nginx-access.log;
    client_body_temp_path {folder}/nginx-tmp/body;
    proxy_temp_path {folder}/nginx-tmp/proxy;
    fastcgi_temp_path {folder}/nginx-tmp/fastcgi;
    uwsgi_temp_path {folder}/nginx-tmp/uwsgi;
    scgi_temp_path {folder}/nginx-tmp/scgi;
    upstream emma {{
        least_conn;
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://emma;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
{forward}
            proxy_next_upstream error timeout http_502 non_idempotent;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
        }}
    }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", "--no-install-recommends",
                   "nginx-light"]
        if subprocess.run(install, env=env, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run(install, env=env, capture_output=True)
        found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        raise SystemExit("nginx is not installed (apt-get install nginx-light)")
    return found


def write_nginx_conf(folder: Path, port: int, backends: list[int], relayed: bool = True) -> Path:
    """With `relayed`, nginx says whom it relays (X-Forwarded-For): the instances then want an API key, as for
    any caller that is not this machine. The benchmarks, on loopback only, leave it out."""
    (folder / "nginx-tmp").mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;" for p in backends)
    forward = "            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" if relayed else ""
    conf = folder / "nginx.conf"
    conf.write_text(NGINX.format(folder=folder, port=port, servers=servers, forward=forward))
    return conf


def start_nginx(folder: Path, port: int, backends: list[int], relayed: bool = True) -> None:
    conf = write_nginx_conf(folder, port, backends, relayed)
    done = subprocess.run([nginx_binary(), "-c", str(conf), "-p", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"nginx failed: {done.stderr.strip()}")


def stop_nginx(folder: Path) -> None:
    pid_file = folder / "nginx.pid"
    if pid_file.exists():
        pid = int(pid_file.read_text().strip() or 0)
        _signal(pid, signal.SIGQUIT)
        _wait_gone(pid)


def spawn(argv: list[str], log: Path, env: dict[str, str]) -> int:
    """A detached process (its own session: it outlives `make`), output to `log`."""
    with log.open("ab") as out:
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
    return proc.pid


def wait_http(url: str, seconds: float, what: str, pid: int | None = None, log: Path | None = None) -> None:
    """Until `url` answers 200; fails at once when the process `pid` has exited (with the end of its `log`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pid is not None and not _alive(pid):
            tail = "\n".join(log.read_text(errors="replace").splitlines()[-12:]) if log and log.exists() else ""
            raise RuntimeError(f"{what} exited while starting:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not answer {url} within {seconds:.0f} s")


def start(config: Settings, instances: int, port: int) -> None:
    folder = config.home.resolve() / "cluster"
    if (folder / "state.json").exists():
        raise SystemExit(f"A cluster is already running (state in {folder}); `make cluster-stop` first.")
    folder.mkdir(parents=True, exist_ok=True)
    state: dict[str, object] = {"port": port}
    postgres = LocalPostgres.create(postgres_folder(folder), port=free_port(), throwaway=False)
    postgres.start()
    state["postgres"] = {"folder": str(postgres.folder), "port": postgres.port}
    _save(folder, state)
    url = postgres.url("emma")
    try:
        postgres.create_database("emma")
    except Exception as err:  # noqa: BLE001 - it exists from an earlier start
        if "already exists" not in str(err):
            raise
    from nlu.training import ensure_model

    model = ensure_model(config.models_dir / "nlu", config.nlu.rasa_python)
    rasa_port, token = free_port(), new_auth_token()
    state["nlu"] = {"url": f"http://127.0.0.1:{rasa_port}", "token": token}  # for EMMA_NLU_URL/EMMA_NLU_TOKEN
    state["rasa"] = rasa_pid = spawn(rasa_run_command(rasa_executable(config.nlu.rasa_python), rasa_port, token, model),
                          folder / "rasa.log", rasa_env())
    _save(folder, state)
    print(f"PostgreSQL on 127.0.0.1:{postgres.port}; Rasa starting on 127.0.0.1:{rasa_port} (about 40 s)...")
    wait_http(f"http://127.0.0.1:{rasa_port}/status?token={token}", 240, "Rasa", rasa_pid, folder / "rasa.log")
    env = {**os.environ, "EMMA_DATABASE_URL": url, "EMMA_NLU_URL": f"http://127.0.0.1:{rasa_port}",
           "EMMA_NLU_TOKEN": token, "EMMA_ENV": config.env}
    ports, pids = [free_port() for _ in range(instances)], []
    for n, instance_port in enumerate(ports, start=1):
        home = folder / f"instance-{n}"
        home.mkdir(exist_ok=True)
        pids.append(spawn([*EMMA, "--home", str(home), "serve", "--no-speech", "--port", str(instance_port)],
                          home / "serve.log", {**env, "EMMA_HOME": str(home)}))
        state["instances"] = [{"pid": p, "port": q} for p, q in zip(pids, ports, strict=False)]
        _save(folder, state)
    for n, (pid, instance_port) in enumerate(zip(pids, ports, strict=True), start=1):
        wait_http(f"http://127.0.0.1:{instance_port}/health", 180, f"instance {n}", pid,
                  folder / f"instance-{n}" / "serve.log")
    key = api_key(folder, env)
    start_nginx(folder, port, ports)
    state["nginx"] = True
    _save(folder, state)
    wait_http(f"http://127.0.0.1:{port}/health", 30, "nginx")
    print(f"Emma cluster: http://127.0.0.1:{port} -> {instances} instances on ports "
          f"{', '.join(map(str, ports))}; PostgreSQL {url}")
    print(f"Requests through nginx need an API key (they are not local): {key}")


def api_key(folder: Path, env: dict[str, str]) -> Path:
    """A key for this cluster's callers, kept in `folder/api-key` (0600); one per start, stored in PostgreSQL
    like every key, so all instances accept it."""
    name = f"cluster-{time.strftime('%Y%m%d-%H%M%S')}"
    done = subprocess.run([*EMMA, "api-key", "add", name], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"emma api-key add failed: {done.stderr.strip()}")
    path = folder / "api-key"
    path.touch(mode=0o600)
    path.write_text(done.stdout.strip() + "\n")
    return path


def postgres_folder(folder: Path) -> Path:
    """`folder/postgres`, unless (as root) the server's own user cannot reach it, e.g. in a clone under /root:
    then a folder of its own under /var/tmp, named after this cluster, kept like the other."""
    wanted = folder / "postgres"
    if os.geteuid() != 0 or all(os.stat(p).st_mode & 0o001 for p in [*reversed(folder.parents), folder]):
        return wanted
    import hashlib

    return Path("/var/tmp") / f"emma-cluster-{hashlib.sha256(str(folder).encode()).hexdigest()[:12]}"


def stop(config: Settings) -> None:
    folder = config.home.resolve() / "cluster"
    state_file = folder / "state.json"
    if not state_file.exists():
        print("No cluster is running.")
        return
    state = json.loads(state_file.read_text())
    if state.get("nginx"):
        stop_nginx(folder)
    for instance in state.get("instances", []):
        _signal(instance["pid"], signal.SIGTERM)
    for instance in state.get("instances", []):
        _wait_gone(instance["pid"])
    if state.get("rasa"):
        _signal(int(state["rasa"]), signal.SIGTERM)
        _wait_gone(int(state["rasa"]))
    if "postgres" in state:
        pg = state["postgres"]
        LocalPostgres(Path(pg["folder"]), int(pg["port"]), _pg_bin(), throwaway=False).stop(remove=False)
    state_file.unlink()
    print(f"Emma cluster stopped (PostgreSQL's data stays in {state.get('postgres', {}).get('folder')}).")


def _pg_bin() -> Path:
    from fulfillment.tools.local_postgres import server_bin

    return server_bin()


def _save(folder: Path, state: dict[str, object]) -> None:
    (folder / "state.json").write_text(json.dumps(state, indent=2))


def _signal(pid: int, sig: int) -> None:
    if pid > 0:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def _alive(pid: int) -> bool:
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:  # our child, exited: reaped now
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_gone(pid: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        try:  # our own child (not detached by a shell): reap it
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            pass
        time.sleep(0.1)
    _signal(pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fulfillment.tools.cluster")
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--instances", type=int, default=3)
    parser.add_argument("--port", type=int, default=8090, help="nginx's port (default 8090)")
    args = parser.parse_args(argv)
    config = Settings.from_env()
    if args.action == "start":
        try:
            start(config, args.instances, args.port)
        except BaseException:
            stop(config)
            raise
    else:
        stop(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
