# The two commands of the README: `make demo` and `make check`.
BUILD ?= build
TWZ_CLANG := $(BUILD)/bin/twz-clang

.PHONY: all deps build demo check fuzz bench clean

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

# A longer run of the random differential tester (test/random/README.md):
# every seed's program built plain and with twz-clang -O0..-O3, compared.
FUZZ_SEEDS ?= 1..1000
FUZZ_JOBS ?= 2
fuzz: build
	@python3 test/random/run.py --seeds $(FUZZ_SEEDS) --jobs $(FUZZ_JOBS) --progress \
	  --twz-clang $(CURDIR)/$(TWZ_CLANG) --keep $(CURDIR)/$(BUILD)/random-failures

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
