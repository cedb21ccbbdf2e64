# f-strings with format specs in loops over array values.
import numpy as np

xs = np.linspace(0.0, 1.0, 6)
print(f"{'x':>6} {'sin':>10} {'exp':>10}")
for x in xs:
    print(f"{x:6.2f} {np.sin(x):10.6f} {np.exp(x):10.4e}")
table = np.arange(1, 13).reshape(3, 4)
for i, row in enumerate(table):
    cells = " ".join(f"{int(v):4d}" for v in row)
    print(f"row {i}: {cells} | sum={row.sum():5d} mean={row.mean():.3f}")
total = table.sum()
print(f"total={total}, share of first row={table[0].sum() / total:.2%}")
print(f"{np.pi:.10f} {np.e:.3f} {1e-7:.2e} {12345.678:.2f} {42:08.3f}")
