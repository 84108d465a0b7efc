#!/usr/bin/env python3
"""Bytes kensho writes to the terminal per key, as an SSH session would carry them.

Usage: python3 tools/bytes_per_key.py [KEYS] [RECORDS] [BINARY]   (after cargo build --release)
Starts BINARY (default target/release/kensho) on RECORDS (default: the bundled
records) in a pseudo-terminal of 80x24, waits for the first frame, then sends
each character of KEYS (default: ten j's) one at a time and counts the bytes
written until the screen is quiet again. Prints the bytes per key, their
median, and the last key's output (escaped) to see what was redrawn.
"""
import fcntl, os, pty, re, select, struct, sys, termios, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYS = sys.argv[1] if len(sys.argv) > 1 else "j" * 10
RECORDS = sys.argv[2] if len(sys.argv) > 2 else "records"
BIN = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "target", "release", "kensho")


def drain(fd, quiet):
    """Everything written until nothing came for `quiet` seconds."""
    out = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return out
        try:
            out += os.read(fd, 65536)
        except OSError:
            return out


pid, fd = pty.fork()
if pid == 0:
    os.chdir(ROOT)
    os.environ["TERM"] = "xterm-256color"
    os.execv(BIN, [BIN, "--lang", "en", RECORDS])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
buf = b""
while not re.search(rb"1 / \d+", buf):
    r, _, _ = select.select([fd], [], [], 30)
    if not r:
        raise SystemExit("no first frame within 30 s")
    buf += os.read(fd, 65536)
drain(fd, 1.5)
sizes = []
last = b""
for k in KEYS:
    os.write(fd, k.encode())
    last = drain(fd, 0.3)
    sizes.append(len(last))
os.write(fd, b"q")
drain(fd, 0.5)
os.waitpid(pid, 0)
print("bytes per key:", sizes)
print("median:", sorted(sizes)[len(sizes) // 2])
print("last key's output:", repr(last))
