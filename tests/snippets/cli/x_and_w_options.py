# args: -W ignore::DeprecationWarning -X utf8 -X custom=val -c "import sys; print(sys.flags.utf8_mode, sys.warnoptions, sorted(sys._xoptions.items()))"
