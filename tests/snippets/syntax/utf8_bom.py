# A UTF-8 source file starting with a byte order mark.
print("bom ok", "é")
import sys
print(__doc__)
