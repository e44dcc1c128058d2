# Embeds file IN as a NUL-terminated C string `NAME` in source file OUT, with
# its length `NAME_len` and the hex SHA-256 of its bytes `NAME_sha256` (for
# validators such as ETags).
# Usage: cmake -DIN=... -DOUT=... -DNAME=... -P embed.cmake
file(READ "${IN}" hex HEX)
file(SHA256 "${IN}" digest)
string(LENGTH "${hex}" n)
math(EXPR bytes "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," array "${hex}")
file(WRITE "${OUT}"
"/* Generated from ${IN} by cmake/embed.cmake; do not edit. */\n"
"#include <stddef.h>\n"
"const char ${NAME}[] = {${array} 0};\n"
"const size_t ${NAME}_len = ${bytes};\n"
"const char ${NAME}_sha256[] = \"${digest}\";\n")
