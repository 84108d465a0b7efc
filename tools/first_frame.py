#!/usr/bin/env python3
"""Time from starting kensho in a pseudo-terminal (80x24) to its first frame.

Usage: python3 tools/first_frame.py [RUNS] [BINARY] [RECORDS]   (after cargo build --release)
Prints the median, min and max over RUNS starts (default 30) of BINARY (default
target/release/kensho; give another build to compare two in one run) on RECORDS
(default: the bundled records). The first frame is the header's "1 / N".
"""
import fcntl, os, pty, re, select, signal, struct, sys, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "kensho")
RECORDS = sys.argv[3] if len(sys.argv) > 3 else "records"
MARK = re.compile(rb"1 / \d+")


def once():
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.environ["TERM"] = "xterm-256color"
        os.execv(BIN, [BIN, RECORDS])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    buf = b""
    while not MARK.search(buf):
        r, _, _ = select.select([fd], [], [], 30)
        if not r:
            raise SystemExit("no first frame within 30 s")
        buf += os.read(fd, 65536)
    elapsed = time.perf_counter() - start
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
times = sorted(once() for _ in range(runs))
print(f"first frame over {runs} starts: median {times[runs // 2] * 1000:.1f} ms, "
      f"min {times[0] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")
