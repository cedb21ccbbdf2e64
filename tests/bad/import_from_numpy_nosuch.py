# expect: ImportError
# span: from numpy import nosuch
from numpy import nosuch

print(nosuch)
