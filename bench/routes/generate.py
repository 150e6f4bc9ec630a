#!/usr/bin/env python3
"""Requests for the route benchmark: the path templates of a real public API description
(bench/routes/sources/*.txt, each taken from the spec named in its header), filled with
realistic values, plus real static paths the spec does not describe.

  bench/routes/generate.py SOURCE N SEED > requests.tsv

Each output line is `RAW_PATH<TAB>TRUTH`: the request path as a client sends it (with a query
string sometimes), and the route it belongs to (the spec's template, or for a static path the
path itself, with a content hash as `{hash}`). The scorer (route_bench.cpp) reads both.

What a value looks like comes from the parameter's name, in the order of KINDS below, unless
the source file says otherwise with a `# param NAME KIND` line (from the spec's own
description of the parameter). Values are drawn from pools with a Zipf-like skew (s = 0.6),
so that some owners and tags are popular, as in real traffic, but none carries most of it;
templates are drawn with s = 1.0 over a shuffled order, so a few endpoints dominate.
Standard library only: it runs under any python3.
"""
import random
import re
import string
import sys

BASE62 = string.ascii_letters + string.digits
WORDS = ("alpha beta gamma delta api web app core data edge cloud node auth user shop cart pay "
         "order mail chat log metric trace cache queue stream search index image video file doc "
         "blog wiki site home admin test prod stage dev demo lab tools kit lib sdk cli bot hub "
         "net ops sec infra build deploy release backend frontend mobile ios android desktop "
         "server client proxy gateway router worker job task sync store db sql redis kafka "
         "mongo postgres mysql elastic grafana prom vault consul nomad terraform ansible docker "
         "helm charts config secrets monitor alert billing invoice report export import "
         "north south east west blue green red orange river stone maple cedar falcon otter").split()
FIRST = ("alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy "
         "rupert sybil trent victor walter xena yusuf zoe amir bianca chen diego elena farah "
         "goran hana igor jun kofi lena mateo nora omar priya quinn rosa sven tariq uma vera wen").split()
TLDS = ["com", "net", "org", "io", "dev", "co.uk", "de", "app"]
REGIONS = ["nyc1", "nyc3", "sfo2", "sfo3", "ams3", "sgp1", "lon1", "fra1", "tor1", "blr1", "syd1"]
EXTENSIONS = ["png", "jpg", "pdf", "csv", "txt", "json", "zip", "md"]


def zipf_index(rng, n, s):
    # Inverse-CDF over precomputed weights would be exact; this cached table is the same.
    key = (n, s)
    table = zipf_index.tables.get(key)
    if table is None:
        total, table = 0.0, []
        for k in range(1, n + 1):
            total += 1.0 / k ** s
            table.append(total)
        zipf_index.tables[key] = table
    x = rng.random() * table[-1]
    lo, hi = 0, n - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if table[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


zipf_index.tables = {}


def slug(rng):
    parts = [rng.choice(WORDS) for _ in range(rng.choice([1, 2, 2, 3]))]
    if rng.random() < 0.3:
        parts.append(str(rng.randint(1, 99)))
    return "-".join(parts)


def login(rng):
    name = rng.choice(FIRST)
    style = rng.random()
    if style < 0.35:
        return name + rng.choice(WORDS)
    if style < 0.6:
        return name + str(rng.randint(1, 9999))
    if style < 0.8:
        return name + "-" + rng.choice(WORDS)
    return rng.choice(WORDS) + "-" + rng.choice(WORDS) + rng.choice(["", "-org", "-hq", "labs", "inc"])


def hexs(rng, n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def uuid4(rng):
    h = hexs(rng, 32)
    return "%s-%s-4%s-%s%s-%s" % (h[:8], h[8:12], h[13:16], rng.choice("89ab"), h[17:20], h[20:32])


def base62(rng, n):
    return "".join(rng.choice(BASE62) for _ in range(n))


def ipv6(rng):
    return "2001:db8:%x:%x::%x" % (rng.randint(0, 0xFFFF), rng.randint(0, 0xFFFF), rng.randint(1, 0xFFFF))


# A kind says what a value looks like. Value kinds make a new value each time (ids rarely
# repeat); `pool:N:KIND` draws from N values made once per parameter (names repeat, as they
# do); `enum:a,b` picks one of the listed words; `mix:K1|K2` picks one kind (repeat one to
# weight it). A value with a '/' (a file path in a repository) is percent-encoded, as an
# OpenAPI client serializes a path parameter, unless its kind is `rawpath`.
def docker_name(rng):  # Docker's own generator: adjective_surname
    return "%s_%s" % (rng.choice(["boring", "eager", "happy", "jolly", "nifty", "quirky", "sharp", "vibrant",
                                  "zen", "brave", "clever", "dreamy", "fervent", "gifted", "keen", "loving"]),
                      rng.choice(FIRST + ["euclid", "turing", "hopper", "lovelace", "curie", "noether", "knuth"]))


def image(rng):
    name = rng.choice(["ubuntu", "nginx", "redis", "postgres", "alpine", "node", "python", "golang", "busybox",
                       "debian", "mysql", "traefik", "grafana", "httpd"] + [slug(rng)])
    return name + rng.choice(["", ":latest", ":%d.%d" % (rng.randint(1, 20), rng.randint(0, 9)), ":stable"])


def make_value(kind, rng):
    name, _, arg = kind.partition(":")
    if name == "int":
        return str(int(10 ** rng.uniform(1, 8)))
    if name == "uuid":
        return uuid4(rng)
    if name == "sha":
        return hexs(rng, 40)
    if name == "hex":
        return hexs(rng, int(arg))
    if name == "base36":
        return "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(int(arg)))
    if name == "digest":
        return "sha256:" + hexs(rng, 64)
    if name == "prefixed":  # prefixed:cus_:14 -> cus_ and 14 base62 characters
        prefix, _, length = arg.partition(":")
        return prefix + base62(rng, int(length or 14))
    if name == "prefixed-uuid":  # prefixed-uuid:fn- -> fn-4f6c71e2-1e90-4762-9fee-6cc4a0a9f2cf
        return arg + uuid4(rng)
    if name == "code":  # a coupon or promotion code of the user's choice: FALL25OFF
        return rng.choice(["FALL", "SPRING", "WELCOME", "VIP", "SAVE", "BLACKFRIDAY", ""]) + str(rng.randint(5, 90)) + \
            rng.choice(["OFF", "", "PCT", base62(rng, 4).upper()])
    if name == "ip":
        return "%d.%d.%d.%d" % (rng.randint(1, 223), rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
    if name == "ipv6":
        return ipv6(rng)
    if name == "email":
        return "%s.%s@%s.%s" % (rng.choice(FIRST), rng.choice(WORDS), rng.choice(WORDS), rng.choice(TLDS))
    if name == "fingerprint":
        return ":".join(hexs(rng, 2) for _ in range(16))
    if name == "date":
        return "20%02d-%02d-%02d" % (rng.randint(18, 26), rng.randint(1, 12), rng.randint(1, 28))
    if name == "version":
        return rng.choice(["v", ""]) + "%d.%d.%d" % (rng.randint(0, 4), rng.randint(0, 20), rng.randint(0, 30))
    if name == "file":
        return "%s_%d.%s" % (rng.choice(WORDS), rng.randint(1, 999), rng.choice(EXTENSIONS))
    if name in ("path", "rawpath"):  # a file path inside a repository: one to three segments
        return "/".join([slug(rng) for _ in range(rng.randint(0, 2))] +
                        ["%s.%s" % (rng.choice(WORDS), rng.choice(["py", "go", "md", "c", "ts", "yml"]))])
    if name == "archive":
        return rng.choice(["main", "master", "v%d.%d" % (rng.randint(0, 3), rng.randint(0, 20)), hexs(rng, 40)]) + \
            rng.choice([".zip", ".tar.gz", ".bundle"])
    maker = NAME_MAKERS.get(name)
    if maker is None:
        raise ValueError("unknown kind " + kind)
    return maker(rng)


NAME_MAKERS = {
    "login": login,
    "slug": slug,
    "domain": lambda rng: "%s%s.%s" % (rng.choice(WORDS), rng.choice(["", "-" + rng.choice(WORDS)]), rng.choice(TLDS)),
    "region": lambda rng: rng.choice(REGIONS),
    "tag": lambda rng: rng.choice(["latest", "stable", "main"]) if rng.random() < 0.2 else make_value("version", rng),
    "branch": lambda rng: rng.choice(["main", "master", "develop"]) if rng.random() < 0.4 else
    rng.choice(["feature-", "fix-", "release-", ""]) + slug(rng),
    "dockername": docker_name,
    "image": image,
    # What Docker's own client sends: a repository name's '/' unescaped (registry/org/name:tag).
    "rawimage": lambda rng: "%s/%s%s" % (rng.choice(["library", "bitnami", "myorg", "registry.example.com/team"]),
                                         slug(rng), rng.choice(["", ":latest", ":1.%d" % rng.randint(0, 30)])),
    "rawplugin": lambda rng: "%s/%s" % (login(rng), rng.choice(["sshfs", "no-remove", "rexray", "weave", "loki"])),
}


class Filler:
    """Values for one source: its overrides, and a pool per parameter and kind."""

    def __init__(self, rng, overrides):
        self.rng, self.overrides, self.pools = rng, overrides, {}

    def kind_of(self, template, param):
        best, kind = -1, None
        for (name, prefix), k in self.overrides.items():
            if name == param and template.startswith(prefix) and len(prefix) > best:
                best, kind = len(prefix), k
        if kind is not None:
            return kind
        for test, k in KINDS:
            if test(param):
                return k
        return "pool:1000:slug"  # an unknown name: a name-like value, the hardest case

    def value(self, key, kind):
        rng = self.rng
        if kind.startswith("mix:"):
            choice = rng.choice(kind[4:].split("|"))
            return self.value(key, choice)
        if kind.startswith("enum:"):
            return rng.choice(kind[5:].split(","))
        if kind.startswith("pool:"):
            _, size, inner = kind.split(":", 2)
            pool = self.pools.get((key, kind))
            if pool is None:
                seen, pool = set(), []
                for _ in range(int(size) * 20):
                    if len(pool) == int(size):
                        break
                    v = self.value(key + "/", inner)
                    if v not in seen:
                        seen.add(v)
                        pool.append(v)
                self.pools[(key, kind)] = pool
            return pool[zipf_index(rng, len(pool), 0.6)]
        v = make_value(kind, rng)
        return v if kind.startswith("raw") else v.replace("/", "%2F")


# By parameter name, first match wins, when the source has no `# param` line for it.
KINDS = [
    (lambda p: p.endswith("uuid") or p.endswith("_guid"), "uuid"),
    (lambda p: p in ("owner", "org", "username", "user", "enterprise", "login", "assignee", "collaborator",
                     "target", "template_owner"), "pool:4000:login"),
    (lambda p: p in ("repo", "reponame", "template_repo", "repository_name", "name", "component_name",
                     "registry_name", "database_name", "replica_name", "pool_name", "topic_name", "index_name",
                     "trigger_name", "tag_id", "slug", "team", "topic", "token", "pageName"), "pool:1500:slug"),
    (lambda p: p in ("ref", "branch"), "pool:600:branch"),
    (lambda p: p in ("tag", "repository_tag", "version"), "pool:300:tag"),
    (lambda p: p in ("sha", "commit_sha", "tree_sha", "file_sha", "ref_sha"), "sha"),
    (lambda p: p.endswith("digest"), "digest"),
    (lambda p: p.endswith("ipv6"), "ipv6"),
    (lambda p: p.endswith("_ip") or p in ("ip", "floating_ip", "reserved_ip"), "ip"),
    (lambda p: p.endswith("domain_name") or p == "domain", "pool:2000:domain"),
    (lambda p: p in ("email", "email_address"), "email"),
    (lambda p: p in ("region", "region_slug"), "pool:11:region"),
    (lambda p: p in ("path", "filepath", "file_path"), "path"),
    (lambda p: p == "archive", "archive"),
    (lambda p: p.endswith("id") or p.endswith("number") or p == "index", "int"),
]


# Real static paths of a site in front of an API: none is in any spec.
STATIC = ["/", "/favicon.ico", "/robots.txt", "/sitemap.xml", "/healthz", "/health", "/metrics", "/status",
          "/login", "/logout", "/signup", "/docs", "/docs/api", "/pricing", "/about", "/contact",
          "/.well-known/security.txt", "/.well-known/openid-configuration", "/apple-touch-icon.png",
          "/manifest.json", "/static/css/main.{hash}.css", "/static/js/main.{hash}.js",
          "/static/js/vendor.{hash}.chunk.js", "/assets/logo.svg", "/assets/fonts/inter-var.woff2"]


def main():
    source, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    templates, overrides = [], {}
    with open(source, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# param "):  # # param NAME[@PATH_PREFIX] KIND
                _, _, name, kind = line.split(" ", 3)
                name, _, prefix = name.partition("@")
                overrides[(name, prefix)] = kind
            elif line and not line.startswith("#"):
                templates.append(line.split("\t")[0])
    order = templates[:]
    rng.shuffle(order)
    filler = Filler(rng, overrides)
    out = sys.stdout
    for _ in range(n):
        query = "?page=%d" % rng.randint(1, 40) if rng.random() < 0.1 else ""
        if rng.random() < 0.1:
            s = STATIC[zipf_index(rng, len(STATIC), 1.0)]
            raw = s.replace("{hash}", hexs(rng, rng.choice([8, 12, 20])))
            out.write("%s%s\t%s\n" % (raw, query, s))
            continue
        template = order[zipf_index(rng, len(order), 1.0)]
        parts, at = [], 0
        for m in re.finditer(r"{([^{}]+)}", template):
            parts.append(template[at:m.start()])
            param = m.group(1)
            parts.append(filler.value(param, filler.kind_of(template, param)))
            at = m.end()
        parts.append(template[at:])
        out.write("%s%s\t%s\n" % ("".join(parts), query, template))


if __name__ == "__main__":
    main()
