#!/usr/bin/env python3
"""Glass-to-glass latency probe for bench/latency.sh.

`send W H FPS SECONDS`: writes raw I420 frames to stdout in real time, black with a white
flash every second, and prints on stderr the wall-clock time at which each flash was written.
`receive W H`: reads raw I420 frames from stdin and prints the wall-clock time at which each
flash arrived (a frame whose mean luma jumps above half). `report SENT RECEIVED`: pairs each
arrival with the latest flash sent before it and prints the median and p95 latency in ms.
`stages SENT STAGES NAME=RECEIVED...`: the same for each pad in STAGES ("<time> <element:pad>"
lines from bench/flash_tracer.c) and each receiver, as a table sorted by time."""
import statistics
import sys
import time


def send(width, height, fps, seconds):
    luma = width * height
    chroma = luma // 2
    black = bytes([16]) * luma + bytes([128]) * chroma
    white = bytes([235]) * luma + bytes([128]) * chroma
    start = time.monotonic()
    for n in range(int(fps * seconds)):
        due = start + n / fps
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        flash = n % fps == 0 and n > 0
        if flash:
            print(f"{time.time():.6f}", file=sys.stderr, flush=True)
        try:
            sys.stdout.buffer.write(white if flash else black)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            return


def receive(width, height):
    size = width * height * 3 // 2
    bright = False
    stream = sys.stdin.buffer
    while True:
        frame = stream.read(size)
        if len(frame) < size:
            return
        now = time.time()
        mean = sum(frame[0:width * height:97]) / len(frame[0:width * height:97])
        if mean > 128 and not bright:
            print(f"{now:.6f}", flush=True)
        bright = mean > 128


def times(path):
    return [float(x) for x in open(path) if x.strip().replace(".", "", 1).isdigit()]


def since_flash(sent, arrivals):
    """Milliseconds from the latest flash written before each arrival (within 0.9 s)."""
    latencies = []
    for arrival in arrivals:
        before = [s for s in sent if s <= arrival]
        if before and arrival - before[-1] < 0.9:
            latencies.append((arrival - before[-1]) * 1000)
    return latencies


def report(sent_path, received_path):
    latencies = since_flash(times(sent_path), times(received_path))
    if len(latencies) < 3:
        sys.exit(f"latency_probe: only {len(latencies)} flashes came through")
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"flashes {len(latencies)}  median {statistics.median(latencies):.0f} ms  p95 {p95:.0f} ms")


def stages(sent_path, stages_path, *received):
    """Median time after the flash at each pad the tracer saw, then at each receiver
    (RECEIVED is NAME=PATH pairs)."""
    sent = times(sent_path)
    seen = {}
    for line in open(stages_path):
        when, pad = line.split()
        seen.setdefault(pad, []).append(float(when))
    rows = [(statistics.median(ms), len(ms), pad)
            for pad, ms in ((pad, since_flash(sent, whens)) for pad, whens in seen.items()) if ms]
    for name_and_path in received:
        name, path = name_and_path.split("=", 1)
        arrivals = since_flash(sent, times(path))
        if arrivals:
            rows.append((statistics.median(arrivals), len(arrivals), f"(decoded by {name})"))
    print("median ms  flashes  where")
    for median, count, pad in sorted(rows):
        print(f"{median:9.1f}  {count:7d}  {pad}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "send":
        send(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    elif command == "receive":
        receive(int(sys.argv[2]), int(sys.argv[3]))
    elif command == "stages":
        stages(sys.argv[2], sys.argv[3], *sys.argv[4:])
    else:
        report(sys.argv[2], sys.argv[3])
