"""The Kubernetes manifests in deploy/k8s agree with kundlid: every
KUNDLI_* variable and flag is one of kundlid's settings and its value is
accepted (kundlid loads them with --version, which exits 2 on a bad one),
the container port is the one KUNDLI_LISTEN binds, the probes are kundlid's
/healthz and /readyz on that port, the memory limit holds the cache and the
response budget plus 64 MiB, the grace period outlasts the drain, and the
Service and the HorizontalPodAutoscaler point at the Deployment.
There is no cluster here: this reads the YAML (python3-yaml).
Usage: python3 deploy_check.py BUILD_DIR
SPDX-License-Identifier: AGPL-3.0-or-later
"""
import glob
import os
import re
import subprocess
import sys

import yaml

from kundlid import Suite

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def mib(quantity):
    """A Kubernetes memory quantity (Mi, Gi, M, plain bytes) in MiB."""
    m = re.fullmatch(r"(\d+)(Ki|Mi|Gi|K|M|G)?", str(quantity))
    n, unit = int(m.group(1)), m.group(2) or ""
    scale = {"": 1, "Ki": 1024, "Mi": 1 << 20, "Gi": 1 << 30, "K": 1e3, "M": 1e6, "G": 1e9}
    return n * scale[unit] / (1 << 20)


def setting(env, args, name, default):
    """A setting's value as the container gives it: flag, then variable."""
    flag = "--" + name.replace("_", "-")
    if flag in args:
        return args[args.index(flag) + 1]
    return env.get("KUNDLI_" + name.upper(), default)


def check(s, build):
    exe = os.path.join(build, "kundlid")
    help_text = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    docs = []
    for path in sorted(glob.glob(os.path.join(ROOT, "deploy", "k8s", "*.yaml"))):
        docs += [d for d in yaml.safe_load_all(open(path)) if d]
    kinds = {d["kind"]: d for d in docs}
    s.check(set(kinds) >= {"Deployment", "Service", "HorizontalPodAutoscaler"},
            "a Deployment, a Service and an HPA: %s" % sorted(kinds))
    dep = kinds["Deployment"]
    pod = dep["spec"]["template"]
    labels = pod["metadata"]["labels"]
    s.check(dep["spec"]["selector"]["matchLabels"].items() <= labels.items(),
            "the Deployment selects its pods")
    (c,) = pod["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in c.get("env", [])}
    args = [str(a) for a in c.get("args", [])]
    for name in env:
        s.check(name.startswith("KUNDLI_") and name in help_text,
                "%s is a kundlid setting (kundlid --help)" % name)
    for a in args:
        if a.startswith("--"):
            s.check(a in help_text, "%s is a kundlid flag" % a)
    # kundlid accepts every literal value (a secret's stands in as a SQLite URL)
    run_env = dict(os.environ)
    for k, v in env.items():
        run_env[k] = v if v is not None else "sqlite:/nonexistent/kundli.db"
    p = subprocess.run([exe, *args, "--version"], capture_output=True, text=True, env=run_env)
    s.check(p.returncode == 0, "kundlid accepts the manifest's settings: %d %s" %
            (p.returncode, p.stderr.strip()[:200]))

    listen = setting(env, args, "listen", "127.0.0.1:8080")
    host, _, port = listen.rpartition(":")
    s.check(host in ("0.0.0.0", "[::]", "::"), "listens on every address (%s)" % listen)
    ports = {p_["name"]: p_["containerPort"] for p_ in c["ports"]}
    s.check(list(ports.values()) == [int(port)], "containerPort %r = %s" % (ports, port))
    for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
        get = c[probe]["httpGet"]
        s.check(get["path"] == path and ports.get(get["port"], get["port"]) == int(port),
                "%s is GET %s on %s: %r" % (probe, path, port, get))
    s.check(c["readinessProbe"]["httpGet"]["path"] != c["livenessProbe"]["httpGet"]["path"],
            "readiness (store, ephemeris, drain) is not liveness")

    cache = int(setting(env, args, "cache_mb", "64"))
    budget = int(setting(env, args, "max_inflight_bytes", str(256 << 20))) / (1 << 20)
    for kind in ("requests", "limits"):
        got = mib(c["resources"][kind]["memory"])
        s.check(got >= cache + budget + 64, "memory %s %.0f MiB >= cache %d + budget %.0f + 64"
                % (kind, got, cache, budget))
    drain = int(setting(env, args, "drain_seconds", "10"))
    grace = pod["spec"].get("terminationGracePeriodSeconds", 30)
    s.check(grace > drain, "grace period %ds outlasts the drain %ds" % (grace, drain))

    svc = kinds["Service"]
    s.check(svc["spec"]["selector"].items() <= labels.items(), "the Service selects the pods")
    s.check(all(sp["targetPort"] in ports or sp["targetPort"] == int(port)
                for sp in svc["spec"]["ports"]), "the Service targets the container port")
    hpa = kinds["HorizontalPodAutoscaler"]["spec"]
    ref = hpa["scaleTargetRef"]
    s.check(ref["kind"] == "Deployment" and ref["name"] == dep["metadata"]["name"],
            "the HPA scales the Deployment")
    s.check(2 <= hpa["minReplicas"] <= hpa["maxReplicas"], "replicas %d..%d" %
            (hpa["minReplicas"], hpa["maxReplicas"]))
    s.check(c["resources"]["requests"].get("cpu"), "a CPU request (the HPA's utilisation base)")


if __name__ == "__main__":
    suite = Suite()
    suite.run([check], sys.argv[1])
    suite.finish("deploy")
