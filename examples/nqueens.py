"""Count and show solutions of the n-queens puzzle.

Usage: taipan examples/nqueens.py [N]      (default N = 8)

Uses a backtracking search over bit masks (columns and both diagonals), prints
the number of solutions for every board size up to N and draws the first
solution found for N.
"""
import sys


def solve(n):
    """Yields each solution as a tuple: the queen's column for every row."""
    full = (1 << n) - 1
    cols = []

    def place(row, used_cols, diag1, diag2):
        if row == n:
            yield tuple(cols)
            return
        free = full & ~(used_cols | diag1 | diag2)
        while free:
            bit = free & -free
            free ^= bit
            cols.append(bit.bit_length() - 1)
            yield from place(row + 1, used_cols | bit, (diag1 | bit) << 1 & full, (diag2 | bit) >> 1)
            cols.pop()

    yield from place(0, 0, 0, 0)


def draw(solution):
    n = len(solution)
    return "\n".join(" ".join("Q" if c == col else "." for c in range(n)) for col in solution)


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 8
    if n < 1:
        raise SystemExit("N must be at least 1")
    for size in range(1, n + 1):
        count = sum(1 for _ in solve(size))
        print(f"{size:2d} queens: {count} solutions")
    first = next(solve(n), None)
    if first is None:
        print(f"no solution for {n}")
    else:
        print(f"first solution for {n}:")
        print(draw(first))


if __name__ == "__main__":
    main(sys.argv)
