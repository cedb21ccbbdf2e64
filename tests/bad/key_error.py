# expect: KeyError
# span: params["momentum"]
params = {"lr": 0.1, "decay": 0.9}
print(params["momentum"])
