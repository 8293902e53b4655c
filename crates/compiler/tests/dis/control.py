def f(items):
    for i in items:
        if i:
            continue
        elif i > 10:
            break
        print(i)
    else:
        print("done")
    while items:
        items.pop()
    while True:
        if items:
            break
    return None

def g(x):
    if x is None:
        return 1
    if x is not None and x:
        return 2
    assert x, "message"
    return 3
