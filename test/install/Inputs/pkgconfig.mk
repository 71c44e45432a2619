# A plain Makefile on an installed twz: compiler and flags from pkg-config
# only (install.test builds examples/list and examples/twzkvs with it).
#   make -f pkgconfig.mk SRC=<example dir> PROG=<program> OBJS="<objects>"
CC := $(shell pkg-config --variable=twz_clang twz)
CFLAGS := -O2 -Wall -Werror $(shell pkg-config --cflags twz)
LDLIBS := $(shell pkg-config --libs twz)

$(PROG): $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

%.o: $(SRC)/%.c
	$(CC) $(CFLAGS) -c -o $@ $<
