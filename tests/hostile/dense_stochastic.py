#!/usr/bin/env python3
"""Writes a dense stochastic game as impasse's JSON: S states, two players
with A actions each in every state, integer payoffs 0..9 times SCALE, and
from every profile a move to three states with probabilities 1/2, 1/4, 1/4.
Seeded, so the same game on every machine.
Usage: dense_stochastic.py FILE [S [A [SCALE [SEED]]]]"""
import json
import random
import sys

path = sys.argv[1]
states = int(sys.argv[2]) if len(sys.argv) > 2 else 16
actions = int(sys.argv[3]) if len(sys.argv) > 3 else 2
scale = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 7)
names = ["s%d" % k for k in range(states)]
game = {"title": "dense, %d states, payoffs times %g" % (states, scale), "players": ["1", "2"],
        "discount": 0.9, "states": []}
for k in range(states):
    outcomes = []
    for _ in range(actions * actions):
        to = rng.sample(names, 3)
        outcomes.append({"payoffs": [rng.randint(0, 9) * scale, rng.randint(0, 9) * scale],
                         "next": {to[0]: "1/2", to[1]: "1/4", to[2]: "1/4"}})
    game["states"].append({"name": names[k],
                           "actions": [["a%d" % a for a in range(actions)], ["b%d" % a for a in range(actions)]],
                           "outcomes": outcomes})
with open(path, "w") as f:
    json.dump(game, f)
