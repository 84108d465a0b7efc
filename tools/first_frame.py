#!/usr/bin/env python3
"""Time from starting kensho in a pseudo-terminal (80x24) to its first frame.

Usage: python3 tools/first_frame.py [RUNS] [BINARY]   (after cargo build --release)
Prints the median, min and max over RUNS starts (default 30) of BINARY (default
target/release/kensho; give another build to compare two in one run).
"""
import fcntl, os, pty, select, signal, struct, sys, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "kensho")
MARK = "1 / 88".encode()


def once():
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.environ["TERM"] = "xterm-256color"
        os.execv(BIN, [BIN, "records"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    buf = b""
    while MARK not in buf:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            raise SystemExit("no first frame within 5 s")
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
