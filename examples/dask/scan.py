#!/usr/bin/python3
"""Map `statuslint scan --partial` over many logs on a Dask cluster, reduce with `statuslint merge`.

    examples/dask/scan.py [--scheduler ADDRESS] [--workers N] [--shard-bytes SIZE]
                          [--statuslint PATH] [--format FMT] [-o FILE] FILE... [-- SCAN OPTIONS...]

Each input is one map task, or, with --shard-bytes, plain files are cut into byte ranges of
that size (`scan --byte-range`), so one big file is mapped without splitting it on disk. Every
task runs the statuslint binary on a worker and returns its partial summary (JSON text); the
client writes them in input order and runs `statuslint merge`, which joins a file's shards back
into the file and reports exactly as one scan of all the inputs would. The merged report is
printed: JSON by default, or --format. Options after `--` go to every scan, and those that shape
the report (--trends, --top, --fail-on, rules...) to the merge too. The exit code is merge's.

Without --scheduler a LocalCluster of worker processes is started on this machine; with it,
the tasks run on that cluster, whose workers need the statuslint binary (--statuslint, the
same path everywhere) and read access to the FILE paths.

Needs Debian's python3-distributed (run with /usr/bin/python3).
"""
import argparse
import os
import subprocess
import sys
import tempfile

# Options of `scan` that `merge` takes as well (they shape the report and the gate); each takes a
# value unless listed in FLAGS.
REPORT_OPTIONS = {"--trends", "--bucket", "--top", "--fail-on", "--max-rate", "--max-count", "--max-latency",
                  "--latency", "--no-builtin-rules", "--rules", "--config",
                  "--no-config", "--enable", "--disable", "--severity", "--sarif-root"}
FLAGS = {"--trends", "--latency", "--no-builtin-rules", "--no-config"}


def report_options(scan_options):
    """The subset of scan options that merge must also see."""
    out, i = [], 0
    while i < len(scan_options):
        opt = scan_options[i]
        name = opt.split("=", 1)[0]
        if name in REPORT_OPTIONS:
            out.append(opt)
            if "=" not in opt and name not in FLAGS and i + 1 < len(scan_options):
                out.append(scan_options[i + 1])
                i += 1
        i += 1
    return out


def parse_size(text):
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    text = text.strip().lower()
    if text and text[-1] in units:
        return int(text[:-1]) * units[text[-1]]
    return int(text)


def is_plain(path):
    """Byte ranges need an uncompressed file (gzip and zstd cannot be entered in the middle)."""
    with open(path, "rb") as f:
        head = f.read(4)
    return not (head.startswith(b"\x1f\x8b") or head.startswith(b"\x28\xb5\x2f\xfd"))


def tasks_for(paths, shard_bytes):
    """(path, byte range or None) per map task, in input order."""
    tasks = []
    for path in paths:
        size = os.path.getsize(path) if os.path.isfile(path) else 0
        if shard_bytes and size > shard_bytes and is_plain(path):
            for start in range(0, size, shard_bytes):
                tasks.append((path, f"{start}:{min(start + shard_bytes, size)}"))
        else:
            tasks.append((path, None))
    return tasks


def map_task(statuslint, scan_options, path, byte_range):
    """Runs on a worker: one scan, its partial summary returned as text."""
    fd, partial = tempfile.mkstemp(suffix=".json", prefix="statuslint-partial-")
    os.close(fd)
    try:
        cmd = [statuslint, "scan", "-q", "-j", "1", *scan_options, "--partial", partial, "-o", os.devnull]
        if byte_range:
            cmd += ["--byte-range", byte_range]
        cmd.append(path)
        run = subprocess.run(cmd, capture_output=True, text=True)
        # 0 clean, 1 findings or gate: both wrote a partial. 2 may still have (an input error is
        # reported per input); a usage error wrote none.
        if not os.path.exists(partial) or os.path.getsize(partial) == 0:
            raise RuntimeError(f"statuslint scan {path}: exit {run.returncode}: {run.stderr.strip()}")
        with open(partial) as f:
            return f.read()
    finally:
        os.remove(partial)


def main(argv):
    # Everything after `--` is passed to statuslint scan.
    cut = argv.index("--") if "--" in argv else len(argv)
    args_before, scan_options = argv[:cut], argv[cut + 1:]
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="LocalCluster worker processes")
    parser.add_argument("--shard-bytes", type=parse_size, default=0,
                        help="cut plain files into byte ranges of this size (e.g. 256M)")
    parser.add_argument("--statuslint", default="statuslint", help="the statuslint binary (on every worker)")
    parser.add_argument("--format", default="json", help="merged report format (default json)")
    parser.add_argument("-o", "--output", help="write the merged report to this file")
    args = parser.parse_args(args_before)

    from dask.distributed import Client, LocalCluster

    statuslint = args.statuslint
    if os.sep in statuslint:
        statuslint = os.path.abspath(statuslint)
    files = args.files  # as given: paths every worker can open (absolute ones on a cluster)
    tasks = tasks_for(files, args.shard_bytes)

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        futures = [client.submit(map_task, statuslint, scan_options, path, byte_range, pure=False)
                   for path, byte_range in tasks]
        partial_texts = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    with tempfile.TemporaryDirectory(prefix="statuslint-merge-") as tmp:
        partials = []
        for i, text in enumerate(partial_texts):  # input order: merge joins a file's shards in order
            p = os.path.join(tmp, f"part-{i:06d}.json")
            with open(p, "w") as f:
                f.write(text)
            partials.append(p)
        cmd = [statuslint, "merge", "--format", args.format, *report_options(scan_options)]
        if args.output:
            cmd += ["-o", args.output]
        return subprocess.run(cmd + partials).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
