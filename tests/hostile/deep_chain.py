#!/usr/bin/env python3
"""Writes a valid .efg that is a chain of N decisions (default 300,000,
about 11 MB): at each level the mover (players 1 and 2 in turn) stops or
goes on. Usage: deep_chain.py FILE [N]"""
import sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300_000
with open(path, "w") as f:
    f.write('EFG 2 R "a chain of %d decisions" { "1" "2" }\n""\n' % n)
    for k in range(n):
        f.write('p "" %d %d "" { "s" "g" } 0\n' % (1 + k % 2, k // 2 + 1))
        # Three outcomes, defined once and then reused.
        f.write('t "" %d "" { %d, %d }\n' % (k % 3 + 1, k % 3, (k + 1) % 3) if k < 3 else 't "" %d\n' % (k % 3 + 1))
    f.write('t "" 4 "" { 2, 2 }\n')
