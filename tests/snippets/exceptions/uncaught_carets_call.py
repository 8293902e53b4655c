class Store:
    def __init__(self):
        self.data = {}
    def fetch(self, key):
        return self.data[key]
store = Store()
value = store.fetch("missing").strip()
