# sys.exit with a non-int, non-str object prints it and exits with status 1.
import sys
print("exit with a list")
sys.exit([1, "two"])
