#!/usr/bin/env python3
"""Glass-to-glass latency probe for bench/latency.sh.

`send W H FPS SECONDS`: writes raw I420 frames to stdout in real time, black with a white
flash every second, and prints on stderr the wall-clock time at which each flash was written.
`receive W H`: reads raw I420 frames from stdin and prints the wall-clock time at which each
flash arrived (a frame whose mean luma jumps above half). `report SENT RECEIVED`: pairs each
arrival with the latest flash sent before it and prints the median and p95 latency in ms."""
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


def report(sent_path, received_path):
    def times(path):
        return [float(x) for x in open(path) if x.strip().replace(".", "", 1).isdigit()]

    sent = times(sent_path)
    received = times(received_path)
    latencies = []
    for arrival in received:
        before = [s for s in sent if s <= arrival]
        if before and arrival - before[-1] < 0.9:
            latencies.append((arrival - before[-1]) * 1000)
    if len(latencies) < 3:
        sys.exit(f"latency_probe: only {len(latencies)} flashes came through")
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"flashes {len(latencies)}  median {statistics.median(latencies):.0f} ms  p95 {p95:.0f} ms")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "send":
        send(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
    elif command == "receive":
        receive(int(sys.argv[2]), int(sys.argv[3]))
    else:
        report(sys.argv[2], sys.argv[3])
