"""Sudoku solver: constraint propagation over candidate sets plus depth-first search.

Each cell keeps the set of digits still possible; assigning a digit removes it
from the cell's peers, and a unit where a digit fits in one place only forces
it there. When propagation stalls the solver branches on the cell with the
fewest candidates. Dicts, sets, recursion and exceptions for dead ends.
"""

ROWS = "ABCDEFGHI"
COLS = "123456789"
DIGITS = "123456789"
CELLS = [r + c for r in ROWS for c in COLS]
UNITS = (
    [[r + c for c in COLS] for r in ROWS]
    + [[r + c for r in ROWS] for c in COLS]
    + [[r + c for r in rs for c in cs] for rs in ("ABC", "DEF", "GHI") for cs in ("123", "456", "789")]
)
UNITS_OF = {cell: [u for u in UNITS if cell in u] for cell in CELLS}
PEERS = {cell: set().union(*UNITS_OF[cell]) - {cell} for cell in CELLS}


class Contradiction(Exception):
    pass


def assign(grid, cell, digit):
    for other in grid[cell] - {digit}:
        eliminate(grid, cell, other)


def eliminate(grid, cell, digit):
    candidates = grid[cell]
    if digit not in candidates:
        return
    candidates.discard(digit)
    if not candidates:
        raise Contradiction(cell)
    if len(candidates) == 1:
        (only,) = candidates
        for peer in PEERS[cell]:
            eliminate(grid, peer, only)
    for unit in UNITS_OF[cell]:
        places = [c for c in unit if digit in grid[c]]
        if not places:
            raise Contradiction(cell)
        if len(places) == 1 and len(grid[places[0]]) > 1:
            assign(grid, places[0], digit)


def parse(puzzle):
    grid = {cell: set(DIGITS) for cell in CELLS}
    for cell, ch in zip(CELLS, puzzle):
        if ch in DIGITS:
            assign(grid, cell, ch)
    return grid


class Solver:
    def __init__(self):
        self.guesses = 0

    def search(self, grid):
        if all(len(v) == 1 for v in grid.values()):
            return grid
        cell = min((c for c in CELLS if len(grid[c]) > 1), key=lambda c: len(grid[c]))
        for digit in sorted(grid[cell]):
            self.guesses += 1
            trial = {c: set(v) for c, v in grid.items()}
            try:
                assign(trial, cell, digit)
                solved = self.search(trial)
            except Contradiction:
                continue
            if solved:
                return solved
        return None


def is_valid(grid):
    return all(sorted("".join(grid[c]) for c in unit) == list(DIGITS) for unit in UNITS)


PUZZLES = [
    "003020600900305001001806400008102900700000008006708200002609500800203009005010300",
    "4.....8.5.3..........7......2.....6.....8.4......1.......6.3.7.5..2.....1.4......",
    "52...6.........7.13...........4..8..6......5...........418.........3..2...87.....",
    "6.....8.3.4.7.................5.4.7.3..2.....1.6.......2.....5.....8.6......1....",
    "48.3............71.2.......7.5....6....2..8.............1.76...3.....4......5....",
    "....14....3....2...7..........9...3.6.1.............8.2.....1.4....5.6.....7.8...",
]


def main():
    solver = Solver()
    lines = []
    for puzzle in PUZZLES * 3:
        grid = solver.search(parse(puzzle))
        assert grid is not None and is_valid(grid)
        lines.append("".join("".join(grid[c]) for c in CELLS))
    return solver.guesses, lines


guesses, solutions = main()
print("checksum", guesses)
for s in solutions:
    print(s)
