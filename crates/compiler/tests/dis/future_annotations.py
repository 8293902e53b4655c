from __future__ import annotations
x: list[int] = []
def f(a: dict[str, int | None], *b: "quoted", **c: Callable[[int], str]) -> (lambda: 1):
    y: int = 2
    return y
