"""check-abi-doc.py ABI_MD INCLUDE_DIR CLANG OUT_DIR: every constant docs/abi.md
states is checked against <twz/abi.h> and <twz/security.h> (abi-doc.test).

The doc is read as it is written, not reorganised for the check:
  - "NUMBER (`TWZ_X`)", "`TWZ_X` = NUMBER", "offset NUMBER ... (TWZ_X)",
    "offset TWZ_X ... (NUMBER)": a named constant;
  - the "offset | size | field" tables of the object header and of FOT
    entries: offsetof and sizeof of each field of the struct;
  - flag bits ("bit 0 `VALID`"), rights ("`READ 0x01`") and the facts in
    FACTS below (a pattern of the doc and the C expression it states).
Each value becomes a line of a C program compiled against the headers; the
program prints the headers' values and this script compares. Every pattern
in FACTS must match the doc once: a rewritten sentence fails loudly
instead of going unchecked."""
import os
import re
import subprocess
import sys

doc_path, include, clang, out = sys.argv[1:5]
doc = open(doc_path).read()
checks = []  # (what, C expression, documented value)


def number(text):
    text = text.strip().replace("`", "")
    m = re.fullmatch(r"(\d+) ([KMG])iB", text)
    if m:
        return int(m.group(1)) << {"K": 10, "M": 20, "G": 30}[m.group(2)]
    m = re.fullmatch(r"2\^(\d+)", text)
    if m:
        return 1 << int(m.group(1))
    return int(text, 0)


NUM = r"(0x[0-9A-Fa-f]+|\d+ [KMG]iB|2\^\d+|\d+)"
for line in doc.splitlines():
    for m in re.finditer(NUM + r"\)? \(`(TWZ_[A-Z0-9_]+)`\)", line):
        checks.append((m.group(2), m.group(2), number(m.group(1))))
    for m in re.finditer(r"`(TWZ_[A-Z0-9_]+)` = " + NUM, line):
        checks.append((m.group(1), m.group(1), number(m.group(2))))
    m = re.match(r"offset " + NUM + r" .*\((TWZ_[A-Z0-9_]+)\)\s*$", line)
    if m:
        checks.append((m.group(2), m.group(2), number(m.group(1))))
    m = re.match(r"offset (TWZ_[A-Z0-9_]+) .*\(" + NUM + r"\)\s*$", line)
    if m:
        checks.append((m.group(1), m.group(1), number(m.group(2))))


def table_after(heading, struct):
    at = doc.index("| offset | size | field |", doc.index(heading))
    rows = re.findall(r"^\| (\d+) \| (\d+) \| `(\w+)` \| (.*) \|$", doc[at:].split("\n\n", 1)[0], re.M)
    if not rows:
        sys.exit("no table after " + heading)
    for off, size, field, meaning in rows:
        checks.append(("%s.%s offset" % (struct, field), "offsetof(struct %s, %s)" % (struct, field), int(off)))
        checks.append(("%s.%s size" % (struct, field), "sizeof(((struct %s *)0)->%s)" % (struct, field), int(size)))
        for bit, flag in re.findall(r"bit (\d+) `(\w+)`", meaning):
            prefix = {"twz_obj_header": "TWZ_OBJ_", "twz_view_entry": "TWZ_VE_"}.get(struct, "TWZ_FOT_")
            checks.append((prefix + flag, prefix + flag, 1 << int(bit)))
    return rows


table_after("## Object header", "twz_obj_header")
table_after("## FOT entries", "twz_fot_entry")
table_after("### View object", "twz_view_entry")
table_after("### Thread object", "twz_thread")

for right, value in re.findall(r"`(READ|WRITE|EXEC|USE|DEL) (0x[0-9a-f]+)`", doc):
    checks.append(("TWZ_PERM_" + right, "TWZ_PERM_" + right, int(value, 16)))

# (pattern with one group: the documented value, C expression)
FACTS = [
    (r"\| 0 \| 8 \| `magic` \| `(0x[0-9a-f]+)`", "TWZ_OBJ_MAGIC"),
    (r"\| 8 \| 4 \| `abi_version` \| (\d+) \|", "TWZ_ABI_VERSION"),
    (r"## Object header \(at `TWZ_META_OFFSET`, (\d+) bytes\)", "sizeof(struct twz_obj_header)"),
    (r"fot_count` \| FOT entries claimed, index 0 included \(1 ≤ n ≤ (\d+)\)", "TWZ_FOT_MAX_ENTRIES"),
    (r"entries of (\d+) bytes \(2 MiB\) below the metadata", "TWZ_FOT_ENTRY_SIZE"),
    (r"entries of 32 bytes \((\d+ MiB)\) below the metadata", "TWZ_FOT_MAX_ENTRIES * TWZ_FOT_ENTRY_SIZE"),
    (r"\| page size \| (\d+) \|", "TWZ_PAGE_SIZE"),
    (r"null page \((\d+ KiB)\), never accessible", "TWZ_NULL_PAGE_SIZE"),
    (r"The \*\*null page\*\* `\[0, (0x[0-9a-f]+)\)`", "TWZ_NULL_PAGE_SIZE"),
    (r"offset (0x[0-9A-F]+) +end of slot", "TWZ_SLOT_SIZE"),
    (r"Every extent starts with a (\d+)-byte header `\{magic, size,\s+next, txid, owner, alt, coord\[16\]\}`", "sizeof(struct twz_log)"),
    (r"`\{magic, size,\s+next, txid, owner, alt, coord\[(\d+)\]\}`", "sizeof(((struct twz_log *)0)->coord)"),
    (r"`TWZ_LOG_MAGIC` =\s+0x0032474f4c5a5754 \(\"TWZLOG2\\0\"\)", None),
    (r"with `TWZ_LOG_COMMITTED` \(bit (\d+)\) set", "__builtin_ctzll(TWZ_LOG_COMMITTED)"),
    (r"one may be\s+`alloc_top` \(offset (\d+), 8 bytes\)", "offsetof(struct twz_obj_header, alloc_top)"),
    (r"only the bytes from `root` \(offset (\d+)\) on", "offsetof(struct twz_obj_header, root)"),
    (r"fields opening validates \(offsets 0 to (\d+)\)", "offsetof(struct twz_obj_header, root) - 1"),
    (r"`struct twz_heap \{ u64 free_head\[(\d+)\]", "TWZ_HEAP_CLASSES"),
    (r"`struct twz_heap \{ u64 free_head\[9\]; u64 reserved\[7\]; \}`", None),
    (r"\{magic u32 = (0x[0-9a-f]+), state u32", "TWZ_BLOCK_MAGIC"),
    (r"state u32 \((\d+) free, 1 used\)", "TWZ_BLOCK_FREE"),
    (r"Names live in the store's namespace object, ID `([0-9a-f]{32})`", "TWZ_NAMESPACE_ID_LAST_BYTE"),
    (r"Names are 1 to (\d+)\s+characters", "TWZ_NAME_MAX"),
    (r"`T __persistent \*` is a pointer in address space (\d+)", "TWZ_PERSISTENT_AS"),
    (r"one 32-byte entry per slot, entry `s` at (0x[0-9a-f]+) \+ 32·s", "TWZ_VIEW_ENTRY_OFFSET(0)"),
    (r"one (\d+)-byte entry per slot", "sizeof(struct twz_view_entry)"),
    (r"Root `struct twz_view` at (0x[0-9a-f]+): magic", "TWZ_DATA_START"),
    (r"\| 8 \| 4 \| `version` \| (\d+) \|", "TWZ_THREAD_VERSION"),
    (r"\| 12 \| 4 \| `state` \| (\d+) running", "TWZ_THREAD_RUNNING"),
    (r"\| `state` \| 1 running, (\d+) exited", "TWZ_THREAD_EXITED"),
]
for pattern, expr in FACTS:
    found = re.findall(pattern, doc)
    if len(found) != 1:
        sys.exit("check-abi-doc: pattern %r matches %d times in %s" % (pattern, len(found), doc_path))
    if expr:
        checks.append((expr, expr, number(found[0]) if len(found[0]) != 32 else int(found[0], 16)))

# Field lists of the undo log: "`{a, b u64, c[16]}`" after the sentence that
# names the struct; each field lies at the sum of the sizes before it (u64
# when no size is given, [n] bytes for an array).
for pattern, struct_name in [
        (r"Every extent starts with a 64-byte header `\{([^}]*)\}`", "twz_log"),
        (r"Records follow the header: a 32-byte header `\{([^}]*)\}`", "twz_log_record")]:
    found = re.findall(pattern, doc)
    if len(found) != 1:
        sys.exit("check-abi-doc: pattern %r matches %d times in %s" % (pattern, len(found), doc_path))
    at = 0
    for field in re.split(r",\s+", found[0]):
        m = re.fullmatch(r"(\w+)(?:\[(\d+)\]|\s+u64)?", field.strip())
        name, size = m.group(1), int(m.group(2)) if m.group(2) else 8
        checks.append(("%s.%s offset" % (struct_name, name), "offsetof(struct %s, %s)" % (struct_name, name), at))
        checks.append(("%s.%s size" % (struct_name, name), "sizeof(((struct %s *)0)->%s)" % (struct_name, name), size))
        at += size

os.makedirs(out, exist_ok=True)
src = os.path.join(out, "abi-values.c")
with open(src, "w") as f:
    f.write("#include <stddef.h>\n#include <stdio.h>\n#include <twz/abi.h>\n#include <twz/security.h>\n#include <twz/kso.h>\n")
    f.write("int main(void) {\n")
    for i, (_, expr, _) in enumerate(checks):
        f.write('  printf("%%llu\\n", (unsigned long long)(%s));\n' % expr)
    f.write("  return 0;\n}\n")
exe = os.path.join(out, "abi-values")
subprocess.run([clang, "-D__twz_libtwz_build__", "-I", include, src, "-o", exe], check=True)
values = [int(v) for v in subprocess.run([exe], check=True, capture_output=True, text=True).stdout.split()]
bad = 0
for (what, expr, documented), actual in zip(checks, values):
    if documented != actual:
        print("MISMATCH %s: docs/abi.md says %#x, the headers %#x" % (what, documented, actual))
        bad += 1
print("%d constants of docs/abi.md checked, %d mismatches" % (len(checks), bad))
sys.exit(1 if bad else 0)
