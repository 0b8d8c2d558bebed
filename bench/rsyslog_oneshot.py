#!/usr/bin/env python3
"""Runs rsyslogd over one file as a one-shot command, for bench/run.sh.

    rsyslog_oneshot.py RSYSLOGD CONF WORKDIR INPUT OUTPUT EXPECTED_LINES

rsyslog has no stdin input, so this starts a private `RSYSLOGD -n` with CONF
(from bench/rsyslog.conf.in: imptcp on an ephemeral loopback port written to
WORKDIR/port, pid file WORKDIR/rsyslogd.pid), sends INPUT over one TCP
connection, and watches OUTPUT until it holds EXPECTED_LINES lines. Then it
stops rsyslogd with SIGTERM and waits for it, so a /usr/bin/time around this
script covers rsyslogd's whole run. It exits non-zero when rsyslogd dies,
stops making progress for STALL_S seconds, or writes more lines than
expected; rsyslogd is killed on every way out.

The output is counted incrementally (only bytes appended since the last
poll), so the watching costs one read of the output in all, not one per poll.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time

POLL_S = 0.05
STARTUP_S = 30.0
STALL_S = 60.0
STOP_S = 30.0


def fail(msg, workdir):
    print(f"rsyslog_oneshot: {msg}", file=sys.stderr)
    for name in ("rsyslogd.log", "rsyslogd.stderr"):
        path = os.path.join(workdir, name)
        if os.path.exists(path):
            with open(path, errors="replace") as f:
                tail = f.readlines()[-20:]
            print(f"{path} (last lines):", file=sys.stderr)
            sys.stderr.writelines(tail)
    sys.exit(1)


def send(path, port, errors):
    try:
        with socket.create_connection(("127.0.0.1", port)) as sock, open(path, "rb") as f:
            sock.sendfile(f)
            sock.shutdown(socket.SHUT_WR)
    except OSError as e:
        errors.append(e)


def main():
    if len(sys.argv) != 7:
        sys.exit("usage: " + __doc__.strip().splitlines()[2].strip())
    rsyslogd, conf, workdir, input_path, output = sys.argv[1:6]
    expected = int(sys.argv[6])
    port_file = os.path.join(workdir, "port")
    for stale in (port_file, output):
        if os.path.exists(stale):
            os.unlink(stale)

    # SIGTERM/SIGINT (e.g. run.sh being stopped) unwind through `finally`.
    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    # rsyslogd's console output (e.g. worker threads ending after its own
    # message processing has stopped) is kept for a failure report only.
    console = open(os.path.join(workdir, "rsyslogd.stderr"), "wb")
    proc = subprocess.Popen(
        [rsyslogd, "-n", "-f", conf, "-i", os.path.join(workdir, "rsyslogd.pid")],
        stdin=subprocess.DEVNULL, stdout=console, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + STARTUP_S
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if proc.poll() is not None:
                fail(f"rsyslogd exited with {proc.returncode} before listening", workdir)
            if time.monotonic() > deadline:
                fail(f"rsyslogd not listening after {STARTUP_S:.0f} s", workdir)
            time.sleep(POLL_S)
        port = int(open(port_file).read().strip())

        errors = []
        sender = threading.Thread(target=send, args=(input_path, port, errors), daemon=True)
        sender.start()

        lines = 0
        offset = 0
        last_progress = time.monotonic()
        out = None
        while lines < expected:
            if errors:
                fail(f"sending {input_path}: {errors[0]}", workdir)
            if proc.poll() is not None:
                fail(f"rsyslogd exited with {proc.returncode} after {lines} of {expected} lines",
                     workdir)
            if out is None and os.path.exists(output):
                out = open(output, "rb")
            grew = False
            if out is not None:
                while True:
                    chunk = out.read(1 << 22)
                    if not chunk:
                        break
                    offset += len(chunk)
                    lines += chunk.count(b"\n")
                    grew = True
            now = time.monotonic()
            if grew:
                last_progress = now
            elif now - last_progress > STALL_S:
                fail(f"no output for {STALL_S:.0f} s at {lines} of {expected} lines", workdir)
            if lines < expected:
                time.sleep(POLL_S)
        if lines > expected:
            fail(f"{lines} output lines for {expected} input lines", workdir)
        sender.join()

        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            fail(f"rsyslogd still running {STOP_S:.0f} s after SIGTERM", workdir)
        if rc != 0:
            fail(f"rsyslogd exited with {rc} on SIGTERM", workdir)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
