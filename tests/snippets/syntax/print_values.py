# print of the simplest values.
print(1)
print(-42)
print(3.5)
print("text")
print(True, False, None)
print()
print(1, "two", 3.0)
