# expect: AttributeError
# span: print(acc.deposit(5))
class Account:
    def __init__(self):
        self.balance = 0

    def deposit_amount(self, x):
        self.balance += x
        return self.balance


acc = Account()
print(acc.deposit(5))
