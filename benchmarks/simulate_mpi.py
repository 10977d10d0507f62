#!/usr/bin/env python3
"""Predicted speed-up of `impasse-mpi solve --method vertex` on K ranks, from
the jobs one run searched (IMPASSE_MPI_TRACE=trace.csv: one line per job,
numbered from 1, with the job that handed on its first subtree root, 0 for
the first; its bases and wall time).

The simulation replays that job tree on K ranks as rank 0 deals it out: a
queue of subtree roots, first in first out, each search taking the time it
took in the traced run plus a message overhead, and the roots a search
hands on joining the queue when it ends. The speed-up is the one-rank time
over the K-rank time. It assumes the subtrees are cut as in the traced run
(they are cut by bases visited, so they are) and that rank 0's dealing
keeps up (it handles a result in microseconds; a subtree takes milliseconds).

Usage: benchmarks/simulate_mpi.py trace.csv [overhead_seconds] [K...]
"""
import csv
import heapq
import sys


def simulate(jobs, children, ranks, overhead):
    queue = list(children.get(0, []))  # the first job (its parent: 0, none)
    head = 0
    free = list(range(ranks))
    running = []  # (end time, job)
    now = 0.0
    while head < len(queue) or running:
        while head < len(queue) and free:
            job = queue[head]
            head += 1
            free.pop()
            heapq.heappush(running, (now + jobs[job] + overhead, job))
        now, job = heapq.heappop(running)
        free.append(0)
        queue.extend(children.get(job, []))
    return now


def main():
    path = sys.argv[1]
    overhead = float(sys.argv[2]) if len(sys.argv) > 2 else 50e-6
    counts = [int(k) for k in sys.argv[3:]] or [1, 2, 8, 32, 128]
    jobs, children = {}, {}
    with open(path) as f:
        for row in csv.DictReader(f):
            job, parent = int(row["job"]), int(row["parent"])
            jobs[job] = float(row["seconds"])
            children.setdefault(parent, []).append(job)
    for parent in children:
        children[parent].sort()
    one = simulate(jobs, children, 1, overhead)
    print(f"{len(jobs)} subtrees, {sum(jobs.values()):.3f} s of search; overhead {overhead * 1e6:.0f} us per subtree")
    print("ranks  predicted time (s)  speed-up")
    for k in counts:
        t = simulate(jobs, children, k, overhead)
        print(f"{k:5d}  {t:18.3f}  {one / t:8.2f}x")


if __name__ == "__main__":
    main()
