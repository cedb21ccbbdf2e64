# expect: TypeError
# span: total = reduce(operator.add, [])
import operator
from functools import reduce

total = reduce(operator.add, [])
