# if / elif / else chains.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for n in (-3, 0, 5, 50):
    print(n, classify(n))
x = 5
if x > 3:
    if x > 4:
        print("nested true")
    else:
        print("nested false")
if []:
    print("no")
elif {}:
    print("no")
else:
    print("empty containers are false")
