"""man-matches-help.py PAGE.1 < HELP: the man page and the --help text name
the same options and environment variables (--help is the man page's
equal). Prints what one has and the other lacks; exit 1 if anything."""
import re
import sys


def names(text):
    return set(re.findall(r"(?<![\w-])(--?[a-z][\w=-]*|TWZ_[A-Z_]+)", text))


page = open(sys.argv[1]).read()
page = re.sub(r"^\.\\\".*$", "", page, flags=re.M)  # roff comments
page = re.sub(r"^\.(TH|SH|TP|PP|B|I|br)\b ?", "", page, flags=re.M)
page = page.replace("\\-", "-").replace("\\&", "").replace("\\fR", "").replace("\\fI", "")
help_names, page_names = names(sys.stdin.read()), names(page)
bad = False
for n in sorted(help_names - page_names):
    print("only in --help:", n)
    bad = True
for n in sorted(page_names - help_names):
    print("only in the man page:", n)
    bad = True
print("%s: %d names, %s" % (sys.argv[1], len(help_names), "different" if bad else "same"))
sys.exit(1 if bad else 0)
