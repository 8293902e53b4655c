x = 10
if x > 5:
    print("big")
else:
    print("small")
if x == 3:
    print("three")
elif x == 10:
    print("ten")
