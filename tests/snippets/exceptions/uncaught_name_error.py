def greet():
    return f"hello {nmae}"
name = "x"
greet()
