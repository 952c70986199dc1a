#!/bin/sh
# Print the Python interpreter the venv is built with: 3.11 or 3.12, because mediapipe 0.10.21
# (the pose model) has wheels only up to 3.12. Called by the Makefile before it creates .venv,
# so a machine with only 3.13 gets one readable line instead of a pip resolver error.
#
#   scripts/find-python.sh [PYTHON]   an explicit interpreter wins, but must be 3.11 or 3.12
#
# Only shell built-ins are used besides the candidates themselves (the tests run it with a
# PATH that holds nothing but fake interpreters).

SUPPORTED="3.11 3.12"

version_of() {
    # "3.12" for a working interpreter, nothing for a missing or broken one.
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}

supported() {
    for ok in $SUPPORTED; do
        [ "$1" = "$ok" ] && return 0
    done
    return 1
}

found=""
try() {
    # Print the interpreter's path and succeed when it is a supported version.
    path=$(command -v "$1" 2>/dev/null) || return 1
    v=$(version_of "$path")
    if supported "$v"; then
        echo "$path"
        return 0
    fi
    found="$found${found:+, }$1 is ${v:-not working}"
    return 1
}

if [ -n "$1" ]; then
    try "$1" && exit 0
else
    for candidate in python3.12 python3.11 python3; do
        try "$candidate" && exit 0
    done
fi

echo "Limber needs Python 3.11 or 3.12 (mediapipe 0.10.21 has no wheels for 3.13;" \
    "found: ${found:-no python3}): install python3.12 (apt install python3.12 /" \
    "pyenv install 3.12) or run make PYTHON=/path/to/python3.12" >&2
exit 1
