# The two commands of the README: `make demo` and `make check`.
BUILD ?= build
TWZ_CLANG := $(BUILD)/bin/twz-clang

.PHONY: all deps build demo check bench clean

all: build

deps:
	@sh tools/install-deps.sh

build: deps
	@mkdir -p $(BUILD)
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release > $(BUILD)/cmake.log 2>&1 || { cat $(BUILD)/cmake.log; exit 1; }
	@cmake --build $(BUILD)

# Builds a linked list spread over three objects in one process, then walks
# it from two more processes, each mapping the objects at other addresses.
demo: build
	@$(MAKE) --no-print-directory -C examples/list CC=$(CURDIR)/$(TWZ_CLANG) clean all
	@rm -rf $(BUILD)/demo-store
	@echo "--- process 1: build the list"
	@TWZ_STORE=$(BUILD)/demo-store examples/list/list build 10
	@echo "--- process 2: walk it"
	@TWZ_STORE=$(BUILD)/demo-store examples/list/list walk
	@echo "--- process 3: walk it again"
	@TWZ_STORE=$(BUILD)/demo-store examples/list/list walk

check: build
	@sh tools/run-lit.sh $(BUILD)

# Pointer speed: bench.c built raw / twz / pmdk / explicit, timed side by side
# (bench/README.md). Needs PMDK and valgrind besides the build's packages.
bench: build
	@sh bench/install-bench-deps.sh
	@$(MAKE) --no-print-directory -C bench BUILD=$(CURDIR)/$(BUILD)
	@python3 bench/run.py $(BUILD)/bench
	@$(MAKE) --no-print-directory -C bench/kvs BUILD=$(CURDIR)/$(BUILD) run

clean:
	rm -rf $(BUILD)
	@$(MAKE) --no-print-directory -C examples/list clean
