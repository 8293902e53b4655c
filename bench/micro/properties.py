"""Property getters and setters, and a read-only computed property."""


class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32


def main(n):
    t = Temperature(0)
    acc = 0.0
    for i in range(n):
        t.celsius = i % 100
        acc += t.celsius + t.fahrenheit
    return f"{acc:.2f}"


print("checksum", main(1_500_000))
