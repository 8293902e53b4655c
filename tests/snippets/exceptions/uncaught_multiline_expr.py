# Traceback for an error inside a multi-line expression.
data = {"a": {"b": None}}
result = (
    data["a"]["b"]
    ["c"]
)
