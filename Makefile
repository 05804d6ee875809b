# Makefile: the two commands of the README, and a few helpers.
#   make        install missing Debian packages, build build/ocop
#   make run    ... then create var/ocop.db, load the demo, serve :8080
#   make test   ... then run every test; ends with "N passed, M failed"
BUILD ?= build
DB ?= var/ocop.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build run test bench clean format pot

all: build

deps:
	@tools/deps.sh build

build: deps
	@tools/configure.sh $(BUILD)
	@ninja -C $(BUILD) --quiet

run: build
	@mkdir -p $(dir $(DB))
	@$(BUILD)/ocop demo --db $(DB)
	@$(BUILD)/ocop demo --db $(DB) --live >/dev/null
	@$(BUILD)/ocop admin init --db $(DB)
	@echo "ocop: open http://$(LISTEN)/ (Ctrl-C stops)"
	@$(BUILD)/ocop serve --db $(DB) --listen $(LISTEN)

test:
	@tools/deps.sh test
	@tests/run.sh

bench: build
	@for b in bench/*/run; do echo "== $$b"; $$b; done

format:
	@clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/unit/*.c' 'tools/*.c')

pot:
	@tools/pot.sh

clean:
	rm -rf build build-asan
