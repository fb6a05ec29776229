#!/bin/sh
# Prints the path of a Python 3.10 interpreter for the Rasa virtualenv (Rasa 3.6 needs 3.8-3.10).
# Looks in pyenv first, then at python3.10 on PATH; never at a hard-coded path.
if command -v pyenv >/dev/null 2>&1; then
  for candidate in "$(pyenv root)"/versions/3.10.*/bin/python3.10; do
    if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
  done
fi
if python3.10 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
  command -v python3.10; exit 0
fi
echo "Python 3.10 not found. Install it (e.g. 'pyenv install 3.10') - Rasa 3.6 runs only on Python 3.8-3.10." >&2
exit 1
