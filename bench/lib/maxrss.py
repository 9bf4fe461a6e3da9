"""Runs a command and prints its peak RSS in kB (getrusage of the children) on stderr's last line.

    python3 bench/lib/maxrss.py CMD ARG... > cmd-stdout
"""
import resource
import subprocess
import sys

code = subprocess.run(sys.argv[1:]).returncode
sys.stderr.write(f"\nmaxrss_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\n")
sys.exit(code)
