# Prime search using for/else.
primes = []
for n in range(2, 60):
    for d in range(2, int(n ** 0.5) + 1):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)
def queens(n):
    sols = 0
    cols = [0] * n
    def ok(r, c):
        for pr in range(r):
            pc = cols[pr]
            if pc == c or abs(pc - c) == r - pr:
                return False
        return True
    def place(r):
        nonlocal sols
        if r == n:
            sols += 1
            return
        for c in range(n):
            if ok(r, c):
                cols[r] = c
                place(r + 1)
    place(0)
    return sols
print([queens(i) for i in range(1, 8)])
