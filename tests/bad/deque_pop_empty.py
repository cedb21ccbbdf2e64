# expect: IndexError
# span: job = queue.popleft()
# stdout: a
from collections import deque

queue = deque(["a"])
print(queue.popleft())
job = queue.popleft()
