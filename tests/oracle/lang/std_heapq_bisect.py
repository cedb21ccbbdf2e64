# heapq and bisect as programs use them: a priority queue of (priority, item) tuples, Dijkstra's
# shortest paths, heapify/heapreplace/heappushpop, nlargest/nsmallest with key, merge of sorted
# lists; bisect for grades and insort to keep a list sorted.
import heapq
from bisect import bisect, bisect_left, bisect_right, insort

h = []
for pri, task in [(3, "write"), (1, "plan"), (4, "test"), (2, "code"), (1, "coffee")]:
    heapq.heappush(h, (pri, task))
print(h[0], [heapq.heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8, 2, 6]
heapq.heapify(data)
print(data, data[0], heapq.heapreplace(data, 5), heapq.heappushpop(data, 0), data)
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, ["pear", "fig", "apple"], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 9])), list(heapq.merge(["b", "d"], ["a", "c"], reverse=False)))
print(list(heapq.merge([7, 4, 1], [8, 5], reverse=True)), list(heapq.merge([1, 3], [2, 3], key=lambda v: -v if False else v)))
graph = {"a": {"b": 4, "c": 1}, "b": {"d": 1}, "c": {"b": 2, "d": 5}, "d": {}}
dist = {"a": 0}
pq = [(0, "a")]
while pq:
    d, node = heapq.heappop(pq)
    if d > dist.get(node, float("inf")):
        continue
    for nxt, w in graph[node].items():
        if d + w < dist.get(nxt, float("inf")):
            dist[nxt] = d + w
            heapq.heappush(pq, (d + w, nxt))
print(dist)
try:
    heapq.heappop([])
except IndexError as e:
    print(type(e).__name__, e)


def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
xs = [1, 2, 2, 2, 5]
print(bisect_left(xs, 2), bisect_right(xs, 2), bisect_left(xs, 3), bisect_right(xs, 0), bisect_left(xs, 2, 2))
s = []
for v in [5, 1, 4, 1, 3]:
    insort(s, v)
print(s)
people = [("ann", 31), ("bob", 25)]
people.sort(key=lambda p: p[1])
insort(people, ("cy", 28), key=lambda p: p[1])
print(people, bisect_left(people, 30, key=lambda p: p[1]))
