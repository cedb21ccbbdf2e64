# A small program of the kind people write: a seeded Monte Carlo estimate and a random walk with
# the standard library only, a summary written as JSON and read back, formatted with f-strings.
import json
import math
import os
import random
import string
import sys
import time


def estimate_pi(n, rng_seed):
    random.seed(rng_seed)
    inside = 0
    for _ in range(n):
        x, y = random.random(), random.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return 4.0 * inside / n


def walk(steps):
    pos = 0
    path = [pos]
    for _ in range(steps):
        pos += random.choice([-1, 1])
        path.append(pos)
    return path


def word(n):
    return "".join(random.choice(string.ascii_lowercase) for _ in range(n))


start = time.perf_counter()
estimates = [estimate_pi(2000, s) for s in range(5)]
mean = math.fsum(estimates) / len(estimates)
sd = math.sqrt(math.fsum((e - mean) ** 2 for e in estimates) / (len(estimates) - 1))
random.seed(7)
path = walk(200)
words = sorted(word(random.randint(3, 8)) for _ in range(6))
summary = {
    "estimates": estimates,
    "mean": mean,
    "sd": round(sd, 6),
    "error": abs(mean - math.pi),
    "walk": {"final": path[-1], "max": max(path), "min": min(path)},
    "words": words,
    "gauss": [round(random.gauss(0, 1), 9) for _ in range(3)],
}
text = json.dumps(summary, indent=2, sort_keys=True)
print(text)
back = json.loads(text)
print(back == json.loads(json.dumps(summary, sort_keys=True)), back["walk"]["final"] == path[-1])
print(f"pi ~ {mean:.5f} +/- {sd:.5f} ({len(estimates)} runs)", file=sys.stdout)
print(os.path.splitext(os.path.basename(sys.argv[0]))[0], time.perf_counter() - start >= 0.0)
