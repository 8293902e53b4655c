print("the compiler rejects this before running anything")
x = 1
return x
