# expect: StopIteration
# span: print(next(first_two))
# stdout: 0
# stdout: 1
from itertools import count, islice

first_two = islice(count(), 2)
print(next(first_two))
print(next(first_two))
print(next(first_two))
