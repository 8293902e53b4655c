"""Arbitrary-precision integers: factorial, Fibonacci, modular pow, digits of e and pi."""


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def e_digits(ndigits):
    """Digits of e from the series sum(1/k!) in fixed point."""
    scale = 10 ** (ndigits + 10)
    term = scale
    total = 0
    k = 0
    while term:
        total += term
        k += 1
        term //= k
    return total // 10**10


def arctan_inv(x, scale):
    """arctan(1/x) * scale by its Taylor series."""
    power = scale // x
    total = power
    x2 = x * x
    k = 1
    sign = -1
    while power:
        power //= x2
        total += sign * (power // (2 * k + 1))
        sign = -sign
        k += 1
    return total


def pi_digits(ndigits):
    scale = 10 ** (ndigits + 10)
    pi = 4 * (4 * arctan_inv(5, scale) - arctan_inv(239, scale))
    return pi // 10**10


def main():
    f = factorial(12_000)
    g = fib(100_000)
    modulus = 2**521 - 1
    m = 0
    for base in range(2, 600):
        m ^= pow(base, 2**400 + base, modulus)
    e = str(e_digits(4000))
    pi = str(pi_digits(4000))
    checksum = (f % 1_000_000_007) ^ (g % 998_244_353) ^ (m % 1_000_003)
    return f"{checksum} {f.bit_length()} {g.bit_length()} {e[-12:]} {pi[-12:]}"


print("checksum", main())
