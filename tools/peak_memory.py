#!/usr/bin/env python3
"""Peak memory of kensho against the size of the records it opens (issue 22).

Usage: python3 tools/peak_memory.py [--settle] RECORDS [BINARY]   (after cargo build --release)

RECORDS is a records folder (e.g. `kensho generate --items 100000 --seed 1 /tmp/g100k`);
it is copied, never changed. For each case the peak resident memory of the process
(the kernel's VmHWM / ru_maxrss) is printed in KiB and as a multiple of the records'
bytes (the .ron files):

  board              the board opened in an 80x24 pseudo-terminal, then six edits
                     (B, C, B ...), then q: on a copy never saved (no log, no
                     cache), then with its log but no cache (a fresh clone of a
                     repository where the log is committed), then saved before
  export json/csv    `kensho export` to a pipe
  export xlsx        `kensho export --format xlsx --out FILE`

With --settle, the board is let finish its work before "opened" is read and
after each edit (its processor time unchanged for 2 s): the search index
(readings included) is built before the first key, and each save is over
before the next, so that the figures are the save's own and not a race with
the index being built (without it, the keys come 3 s after the first frame,
as they always did).
"""
import fcntl, os, pty, re, resource, select, shutil, struct, subprocess, sys, tempfile, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = [a for a in sys.argv[1:] if a != "--settle"]
SETTLE = "--settle" in sys.argv[1:]
RECORDS = ARGS[0]
BIN = ARGS[1] if len(ARGS) > 1 else os.path.join(ROOT, "target", "release", "kensho")
FRAME = re.compile(rb"1 / \d+")


def records_bytes(folder):
    return sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder) if f.endswith(".ron"))


def read_until(fd, pattern, seconds):
    buf, end = b"", time.time() + seconds
    while not pattern.search(buf):
        r, _, _ = select.select([fd], [], [], max(0.0, end - time.time()))
        if not r:
            raise SystemExit(f"not seen within {seconds} s: {pattern.pattern!r}")
        buf += os.read(fd, 1 << 16)
    return buf


def drain(fd, seconds):
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                os.read(fd, 1 << 16)
            except OSError:  # the board has ended
                return


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def settle(fd, pid, seconds=180):
    """Drain the screen until the board has used no processor time for 2 s."""
    if not SETTLE:
        return
    end, last, still = time.time() + seconds, -1, 0
    while time.time() < end and still < 2:
        drain(fd, 1)
        now = cpu_ticks(pid)
        still = still + 1 if now == last else 0
        last = now


def peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))


def log_lines(folder):
    try:
        with open(os.path.join(folder, "changes.jsonl"), "rb") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def wait_for_log(fd, folder, lines, seconds=300):
    end = time.time() + seconds
    while log_lines(folder) < lines:
        if time.time() > end:
            raise SystemExit(f"the edits were not all saved within {seconds} s")
        drain(fd, 0.5)


def board(folder):
    logged = log_lines(folder)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(BIN, [BIN, "--lang", "en", folder])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    read_until(fd, FRAME, 120)
    drain(fd, 3)
    settle(fd, pid)
    opened = peak_kib(pid)
    # The first save may read every file; the others only the item's.
    for n, key in enumerate(b"DCDCDC"):
        os.write(fd, bytes([key]))
        drain(fd, 8 if n == 0 else 2)
        settle(fd, pid)
    # Every edit saved before the peak is read (on a busy machine the last
    # saves come later; and q while saves wait only warns).
    wait_for_log(fd, folder, logged + 6)
    edited = peak_kib(pid)
    os.write(fd, b"q")
    drain(fd, 2)
    os.waitpid(pid, 0)
    os.close(fd)
    return opened, edited


def main():
    size = records_bytes(RECORDS) / 1024
    work = tempfile.mkdtemp()
    try:
        copy = os.path.join(work, "r")
        shutil.copytree(RECORDS, copy, ignore=shutil.ignore_patterns(".kensho-cache", ".kensho-undo", ".kensho.lock", "changes.jsonl"))
        time.sleep(1.2)
        rows = []
        for case in ["never saved", "clone with its log", "saved before"]:
            if case == "clone with its log":
                # What a fresh clone of a repository with the log committed
                # has: the records and the log, no caches.
                shutil.rmtree(os.path.join(copy, ".kensho-cache"))
                os.remove(os.path.join(copy, ".kensho.lock"))
                time.sleep(1.2)
            opened, edited = board(copy)
            rows += [(f"board, {case}: opened", opened), (f"board, {case}: 6 edits", edited)]
        # Each command in a child of its own, so that ru_maxrss is its own peak.
        for name, args in [
            ("export json", ["export", copy, "--format", "json"]),
            ("export csv", ["export", copy, "--format", "csv"]),
            ("export xlsx", ["export", copy, "--format", "xlsx", "--out", os.path.join(work, "x.xlsx")]),
        ]:
            out = subprocess.run(
                [sys.executable, "-c",
                 "import resource,subprocess,sys;"
                 "rc=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL).returncode;"
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc)", BIN, *args],
                capture_output=True, text=True, check=True)
            kib, rc = out.stdout.split()
            # A command that fails is said, with the peak it reached.
            rows.append((name if rc == "0" else f"{name} (FAILED, exit {rc})", int(kib)))
        print(f"records: {size:,.0f} KiB")
        for name, kib in rows:
            print(f"{name:40} {kib:>10,} KiB  {kib / size:.2f}x")
    finally:
        shutil.rmtree(work)


main()
