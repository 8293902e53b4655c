class ConfigError(Exception):
    def __init__(self, key):
        super().__init__(f"missing key {key}")
class Config:
    def get(self, key):
        raise ConfigError(key)
import sys
print("stdout line")
print("stderr line", file=sys.stderr)
Config().get("port")
