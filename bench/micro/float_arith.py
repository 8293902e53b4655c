"""Float arithmetic in loops: +, -, *, /, comparisons, abs, mixed int/float."""


def mandel_row(y, width, max_iter):
    """Counts iterations of z = z*z + c for one row of the Mandelbrot set."""
    total = 0
    ci = 2.0 * y / width - 1.0
    for x in range(width):
        cr = 3.0 * x / width - 2.0
        zr = zi = 0.0
        n = 0
        while n < max_iter and zr * zr + zi * zi <= 4.0:
            zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
            n += 1
        total += n
    return total


def integrate(f, a, b, steps):
    h = (b - a) / steps
    acc = 0.5 * (f(a) + f(b))
    for i in range(1, steps):
        acc += f(a + i * h)
    return acc * h


def main():
    iters = sum(mandel_row(y, 200, 80) for y in range(200))
    area = integrate(lambda x: x * x / (1.0 + abs(x)), -3.0, 3.0, 500_000)
    return f"{iters} {area:.10f}"


print("checksum", main())
