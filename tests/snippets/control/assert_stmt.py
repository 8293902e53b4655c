# assert statements.
assert True
assert 1 == 1, "not shown"
try:
    assert 1 == 2
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
try:
    assert False, "custom message"
except AssertionError as e:
    print("AssertionError", e)
try:
    assert [], {"k": [1, 2]}
except AssertionError as e:
    print(e.args)
x = 5
try:
    assert x < 0, f"x was {x}"
except AssertionError as e:
    print(e)
print("done", __debug__)
