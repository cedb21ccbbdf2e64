# expect: ValueError
# span: int(text)
# stdout: parsing
text = "abc"
print("parsing")
n = int(text)
print(n)
