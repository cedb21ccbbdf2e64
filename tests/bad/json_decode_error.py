# expect: JSONDecodeError
# span: json.loads(text)
import json

text = '{"a": 1, "b": [1, 2,]}'
config = json.loads(text)
