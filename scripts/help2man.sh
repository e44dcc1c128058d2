#!/bin/sh
# Writes the man page of a kundli binary from its own --help output, so that
# the page cannot drift from the option tables: kundli(1), with one subsection
# per command listed under "commands:", or kundlid(8).
# Usage: help2man.sh BINARY SECTION VERSION OUTPUT [SEE_ALSO,...]
# SPDX-License-Identifier: AGPL-3.0-or-later
set -u

if [ $# -lt 4 ]; then
    echo "usage: help2man.sh BINARY SECTION VERSION OUTPUT [SEE_ALSO,...]" >&2
    exit 2
fi
bin=$1
sect=$2
version=$3
out=$4
seealso=${5:-}
prog=$(basename "$bin")

# The page's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today.
if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d 2>/dev/null || date -u +%Y-%m-%d)
else
    date=$(date -u +%Y-%m-%d)
fi

tmp="$out.tmp.$$"
trap 'rm -f "$tmp" "$tmp.help"' EXIT HUP INT TERM

# help TITLE ARGS...: appends one --help text to $tmp.help after a marker line.
help() {
    title=$1
    shift
    printf '\001section %s\n' "$title" >>"$tmp.help"
    if ! "$bin" "$@" --help >>"$tmp.help" 2>/dev/null; then
        echo "help2man.sh: '$prog${*:+ $*} --help' failed" >&2
        exit 1
    fi
}

: >"$tmp.help"
help ""
# The commands are those the top-level help lists under "commands:".
cmds=$(awk '/^commands:$/ { on = 1; next } on && /^$/ { exit }
            on && /^  [^ ]/ { print $1 }' "$tmp.help")
for c in $cmds; do
    help "$c" "$c"
done

awk -v prog="$prog" -v sect="$sect" -v version="$version" -v date="$date" \
    -v seealso="$seealso" '
# esc(s): s as roff text: backslashes and hyphens escaped.
function esc(s) {
    gsub(/\\/, "\\e", s)
    gsub(/-/, "\\-", s)
    return s
}
# line(s): s escaped and safe at the start of a roff line.
function line(s) {
    s = esc(s)
    if (s ~ /^[.\047]/)
        s = "\\&" s
    return s
}
function squeeze(s) {
    gsub(/[ \t]+/, " ", s)
    sub(/^ /, "", s)
    sub(/ $/, "", s)
    return s
}
# tag(t): an option tag: the first word and flags bold, arguments italic.
function tag(t,    n, w, i, s, comma) {
    n = split(t, w, " ")
    s = ""
    for (i = 1; i <= n; i++) {
        comma = ""
        if (w[i] ~ /,$/) {
            comma = ","
            w[i] = substr(w[i], 1, length(w[i]) - 1)
        }
        if (i == 1 || w[i] ~ /^-/)
            s = s (i > 1 ? " " : "") "\\fB" esc(w[i]) "\\fR" comma
        else
            s = s " \\fI" esc(w[i]) "\\fR" comma
    }
    if (s ~ /^[.\047]/)
        s = "\\&" s
    return s
}
function emit(where, text) {
    if (where == "desc")
        DESC = DESC text
    else if (where == "env")
        ENV = ENV text
    else
        OPTS = OPTS text
}
# Where entries of the current block go.
function target() {
    if (heading == "environment")
        return "env"
    if (cur == "" && heading == "commands")
        return "desc"
    return "opts"
}
function flush_para() {
    if (para == "")
        return
    if (para ~ /AGPL|GPL-/)
        COPY = COPY ".PP\n" para
    else if (cur == "") {
        if (NAMETEXT == "")
            NAMETEXT = paratext
        DESC = DESC ".PP\n" para
    } else
        OPTS = OPTS ".PP\n" para
    para = ""
    paratext = ""
}
function flush_entry(    t, d, w, n, env, def, path, h, flag, where) {
    if (etag == "")
        return
    t = etag
    split(t, w, " ")
    tagof[w[1]] = t
    d = squeeze(edesc)
    where = target()
    # kundlid settings: "--name   KUNDLI_NAME   default VALUE" + help line.
    if (d ~ /^KUNDLI_[A-Z0-9_]+ default /) {
        n = split(d, w, " ")
        env = w[1]
        def = w[3]
        h = d
        sub(/^KUNDLI_[A-Z0-9_]+ default [^ ]+ ?/, "", h)
        emit(where, ".TP\n" tag(t " value") "\n" line(h) \
             (h != "" ? ". " : "") "Default: " line(def) "; environment: \\fB" esc(env) "\\fR.\n")
        ENV = ENV ".TP\n\\fB" esc(env) "\\fR\nAs \\fB" esc(t) "\\fR.\n"
        flags[env] = 1
        d = h " (default " def ")"
    } else {
        emit(where, ".TP\n" tag(t) "\n" (d == "" ? "" : line(d) "\n"))
    }
    # A default that is an absolute path is a file the program reads.
    if (match(d, /default \/[A-Za-z0-9_.\/+-]+/)) {
        path = substr(d, RSTART + 8, RLENGTH - 8)
        h = d
        sub(/ *\(?default \/[A-Za-z0-9_.\/+-]+\)?/, "", h)
        split(t, w, " ")
        if (!(path in seenfile)) {
            seenfile[path] = 1
            FILES = FILES ".TP\n\\fI" esc(path) "\\fR\n" line(h) "; the default of \\fB" \
                    esc(w[1]) "\\fR.\n"
        }
    }
    etag = ""
    edesc = ""
}
function flush_all() {
    flush_entry()
    flush_para()
}
# split_entry(s): sets etag and edesc from an entry line without its indent.
function split_entry(s,    n, w, i) {
    if (match(s, /  +/)) {
        etag = substr(s, 1, RSTART - 1)
        edesc = substr(s, RSTART + RLENGTH)
        return
    }
    # One blank only: the tag is the first word, its arguments (upper case,
    # or alternatives a|b) and any further ", --flag".
    n = split(s, w, " ")
    etag = w[1]
    for (i = 2; i <= n; i++) {
        if (w[i] ~ /^[A-Z0-9|:<>"\[\].-]+$/ && w[i] ~ /[A-Z0-9|]/)
            etag = etag " " w[i]
        else if (w[i] ~ /^-/ && w[i - 1] ~ /,$/)
            etag = etag " " w[i]
        else
            break
    }
    edesc = ""
    for (; i <= n; i++)
        edesc = edesc (edesc == "" ? "" : " ") w[i]
}
function synopsis(s,    n, w, i, out, first) {
    s = squeeze(s)
    n = split(s, w, " ")
    out = ".SY " esc(w[1])
    i = 2
    if (cur != "" && w[2] == cur) {
        out = ".SY \"" esc(w[1] " " w[2]) "\""
        i = 3
    }
    out = out "\n"
    for (first = i; i <= n; i++)
        out = out (i > first ? " " : "") esc(w[i])
    nsyn++
    SYN[nsyn] = out
}

/^\001section/ {
    flush_all()
    cur = substr($0, 10)
    heading = ""
    usage = 0
    if (cur != "")
        OPTS = OPTS ".SS \"" prog " " cur "\"\n"
    next
}
/^usage: / {
    flush_all()
    usage = 1
    synopsis(substr($0, 8))
    next
}
/^[ \t]*$/ {
    flush_all()
    usage = 0
    next
}
usage && /^[ \t]/ {
    s = squeeze($0)
    if (index(s, prog " ") == 1)
        synopsis(s)
    else
        SYN[nsyn] = SYN[nsyn] " " esc(s)
    next
}
/^[a-z][a-z ]*:$/ {
    flush_all()
    heading = substr($0, 1, length($0) - 1)
    if (cur == "" && heading == "commands")
        DESC = DESC ".SS Commands\n"
    else if (cur != "" && heading != "environment")
        OPTS = OPTS ".PP\n\\fI" esc(toupper(substr(heading, 1, 1)) substr(heading, 2)) ":\\fR\n"
    next
}
/^   +[^ ]/ && etag != "" {
    edesc = edesc " " squeeze($0)
    next
}
/^  [^ ]/ {
    flush_all()
    split_entry(substr($0, 3))
    next
}
{
    flush_entry()
    s = squeeze($0)
    t = s
    while (match(t, /KUNDLI_[A-Z][A-Z0-9_]*/)) {
        mentioned[substr(t, RSTART, RLENGTH)] = 1
        t = substr(t, RSTART + RLENGTH)
    }
    para = para line(s) "\n"
    paratext = paratext (paratext == "" ? "" : " ") s
}
END {
    flush_all()
    # NAME: the first sentence of the description, up to its first comma,
    # without parenthesised asides.
    n = NAMETEXT
    sub(/\. .*/, "", n)
    sub(/\.$/, "", n)
    sub(/, .*/, "", n)
    while (match(n, / \([^)]*\)/))
        n = substr(n, 1, RSTART - 1) substr(n, RSTART + RLENGTH)
    manual = (sect == "8") ? "System Administration" : "User Commands"
    printf ".\\\" Generated by scripts/help2man.sh from %s --help; do not edit.\n", prog
    printf ".TH %s %s \"%s\" \"%s %s\" \"%s\"\n", toupper(prog), sect, date, prog, version, manual
    printf ".SH NAME\n%s \\- %s\n", esc(prog), esc(n)
    printf ".SH SYNOPSIS\n"
    for (i = 1; i <= nsyn; i++)
        printf "%s\n.YS\n", SYN[i]
    printf ".SH DESCRIPTION\n%s", DESC
    if (OPTS != "")
        printf ".SH OPTIONS\n%s", OPTS
    # Variables the text mentions that no table lists (KUNDLI_CONFIG): "as
    # --config FILE" when that flag exists.
    for (v in mentioned) {
        f = "--" tolower(substr(v, 8))
        gsub(/_/, "-", f)
        if (!(v in flags) && (f in tagof))
            ENV = ENV ".TP\n\\fB" esc(v) "\\fR\nAs " tag(tagof[f]) ".\n"
    }
    if (ENV != "")
        printf ".SH ENVIRONMENT\n%s", ENV
    if (FILES != "")
        printf ".SH FILES\n%s", FILES
    if (COPY != "")
        printf ".SH COPYRIGHT\n%s", COPY
    if (seealso != "") {
        printf ".SH SEE ALSO\n"
        k = split(seealso, sa, ",")
        for (i = 1; i <= k; i++) {
            p = index(sa[i], "(")
            printf ".BR %s %s%s\n", esc(substr(sa[i], 1, p - 1)), substr(sa[i], p), (i < k ? "," : "")
        }
    }
}
' "$tmp.help" >"$tmp" || exit 1
mv "$tmp" "$out"
