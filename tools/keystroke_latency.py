#!/usr/bin/env python3
"""Time from a typed key to the board showing that key's complete search result,
in a pseudo-terminal, typed like a person (one key every 200 ms).

Usage: python3 tools/keystroke_latency.py RECORDS [QUERY] [ROUNDS] [BINARY]
  (after cargo build --release and pip install pyte; QUERY defaults to
  児童相談所との連携, 9 characters)
Starts the board at 80x24 on RECORDS, presses `/`, then types QUERY one character
at a time, ROUNDS times (default 3; Esc clears the query between rounds). For each
keystroke it measures the time from writing the key to the arrival of the bytes
that make the screen's header show the result count with no "searching…" left
(the complete answer for that query); the time this script's own terminal
emulator (pyte, far slower than a real terminal) then takes to read them is not
counted. Prints every keystroke's time, the median and the 95th percentile.
"""
import fcntl, os, pty, re, select, struct, sys, termios, time

import pyte  # the screen is read as a terminal would show it

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RECORDS = sys.argv[1]
QUERY = sys.argv[2] if len(sys.argv) > 2 else "児童相談所との連携"
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
BIN = sys.argv[4] if len(sys.argv) > 4 else os.path.join(ROOT, "target", "release", "kensho")

screen = pyte.Screen(80, 24)
stream = pyte.ByteStream(screen)


def header():
    # The cells' text (a wide character's second cell is empty).
    row = screen.buffer[0]
    return "".join(row[x].data for x in range(screen.columns))


# When the bytes last read reached the terminal (before the emulator here,
# much slower than a real terminal's, took its time to read them).
arrived = 0.0


def pump(fd, timeout):
    global arrived
    r, _, _ = select.select([fd], [], [], timeout)
    if r:
        data = os.read(fd, 1 << 20)
        arrived = time.perf_counter()
        stream.feed(data)
        return True
    return False


pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(BIN, [BIN, "--lang", "en", RECORDS])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
deadline = time.time() + 60
while not re.search(r"1 / \d+", header()):
    if time.time() > deadline:
        raise SystemExit("no first frame within 60 s")
    pump(fd, 1)
while pump(fd, 0.5):
    pass
times = []
for _ in range(ROUNDS):
    os.write(fd, b"/")
    while pump(fd, 0.3):
        pass
    typed = ""
    for ch in QUERY:
        typed += ch
        start = time.perf_counter()
        os.write(fd, ch.encode())
        # Complete: the header names the query typed so far, and no search is
        # under way.
        while True:
            pump(fd, 0.05)
            h = header()
            if f"/{typed} " in h and "searching" not in h and re.search(r"\d+ / \d+", h):
                break
            if time.perf_counter() - start > 30:
                raise SystemExit(f"no result for {typed!r} within 30 s: {h!r}")
        times.append((arrived - start) * 1000)
        time.sleep(0.2)
    os.write(fd, b"\x1b")
    while pump(fd, 0.3):
        pass
    os.write(fd, b"\x1b")
    while pump(fd, 0.3):
        pass
os.write(fd, b"q")
time.sleep(0.3)
try:
    os.kill(pid, 9)
except OSError:
    pass
ordered = sorted(times)
p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
print("per keystroke (ms):", " ".join(f"{t:.0f}" for t in times))
print(f"median {ordered[len(ordered) // 2]:.1f} ms, p95 {p95:.1f} ms over {len(times)} keystrokes")
