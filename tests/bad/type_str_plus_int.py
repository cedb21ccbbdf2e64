# expect: TypeError
# span: label = "step " + 3
label = "step " + 3
print(label)
