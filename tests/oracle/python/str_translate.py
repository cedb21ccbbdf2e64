# str.maketrans and str.translate (numpy's polynomial printing builds superscripts with them).
sup = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
print(sorted(sup.items())[:3])
print("x12 + y3".translate(sup))
t = str.maketrans("abc", "xyz", "d")
print("abcdabcd".translate(t))
print("hello".translate(str.maketrans({"h": "J", "o": None, "l": 76})))
print("abc".translate({97: "AA", 98: None}))
for bad in [("ab", "c"), ({"ab": 1},), ("a",)]:
    try:
        str.maketrans(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
