# Savings plan: compound growth with cumprod, a loan amortisation table.
import numpy as np

rates = np.array([0.03, 0.05, -0.02, 0.07, 0.04, 0.01])
growth = np.cumprod(1 + rates)
print(np.round(growth, 6))
print(f"final {growth[-1]:.6f} geometric mean rate {growth[-1] ** (1 / len(rates)) - 1:.6f}")
principal, annual, years = 10000.0, 0.06, 3
r = annual / 12
n = 12 * years
payment = principal * r / (1 - (1 + r) ** -n)
print(f"monthly payment {payment:.4f}")
balance = principal
for month in range(1, n + 1):
    interest = balance * r
    balance = balance + interest - payment
    if month % 6 == 0:
        print(f"month {month:2d} interest {interest:8.4f} balance {balance:10.4f}")
print(abs(balance) < 1e-6)
