# expect: ImportError|ModuleNotFoundError
# span: import torch
# cpython: ModuleNotFoundError
import numpy as np
import torch

print(torch.ones(2))
