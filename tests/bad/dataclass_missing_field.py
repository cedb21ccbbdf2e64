# expect: TypeError
# span: cfg = Config(lr=0.1)
from dataclasses import dataclass


@dataclass
class Config:
    lr: float
    steps: int


cfg = Config(lr=0.1)
