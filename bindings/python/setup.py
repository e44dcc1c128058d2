# setup.py - builds the CPython extension `kundli` (kundli.c) against the
# static libkundli.a, so the module needs no LD_LIBRARY_PATH. The Makefile runs
# it as `setup.py build_ext --build-lib DIR`; KUNDLI_LIB_DIR names the directory
# of libkundli.a (default build/release) and KUNDLI_INCLUDE_DIR that of kundli.h
# (default include/), KUNDLI_SANITIZE=1 adds ASan+UBSan.
# SPDX-License-Identifier: AGPL-3.0-or-later
import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
LIB_DIR = os.path.abspath(os.environ.get("KUNDLI_LIB_DIR") or os.path.join(ROOT, "build", "release"))
STATIC = os.path.join(LIB_DIR, "libkundli.a")
# kundli.h: the tree's, or an installed one (KUNDLI_INCLUDE_DIR).
INCLUDE_DIR = os.path.abspath(os.environ.get("KUNDLI_INCLUDE_DIR") or os.path.join(ROOT, "include"))

cflags = ["-std=c11", "-Wall", "-Wextra"]
ldflags = []
if os.environ.get("KUNDLI_SANITIZE") == "1":
    cflags += ["-fsanitize=address,undefined", "-fno-omit-frame-pointer"]
    ldflags += ["-fsanitize=address,undefined"]
if os.environ.get("KUNDLI_WERROR") == "1":
    cflags.append("-Werror")

setup(
    name="kundli",
    version="0.1.0",
    description="Vedic birth charts (kundlis) from libkundli",
    license="AGPL-3.0-or-later",
    ext_modules=[
        Extension(
            "kundli",
            sources=[os.path.relpath(os.path.join(HERE, "kundli.c"))],
            include_dirs=[INCLUDE_DIR],
            extra_objects=[STATIC],
            libraries=["swe", "m", "pthread"],
            extra_compile_args=cflags,
            extra_link_args=ldflags,
            depends=[os.path.join(INCLUDE_DIR, "kundli.h"), STATIC],
        )
    ],
)
