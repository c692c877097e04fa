# Thin wrapper over CMake (as neovim's Makefile is): every target installs what it needs first.
BUILD ?= build
SANITIZE ?= OFF
CMAKE_FLAGS ?=
DEB_PACKAGES = cmake pkg-config clang libclang-rt-14-dev valgrind libgit2-dev libdeflate-dev zlib1g-dev libglib2.0-dev libsqlite3-dev libgsl-dev check \
	libjson-glib-dev libcairo2-dev fonts-dejavu-core python3 git sqlite3 xxd parallel \
	chromium texlive-latex-base texlive-latex-recommended man-db

.PHONY: all deps build test test-asan memcheck demo bench fuzz fuzz-cpu format clean install

all: build

# Installs the Debian packages the build needs, only when one is missing.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRHEA_SANITIZE=$(SANITIZE) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j2

test: build
	cd $(BUILD) && ctest --output-on-failure -j2

# PREFIX/bin/rhea, its data files in PREFIX/share/rhea, the man page, docs and examples
# (DESTDIR=... stages them, as for a package).
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer, in its own build folder.
test-asan:
	$(MAKE) test BUILD=build-asan SANITIZE=ON

# The end-to-end tests with the rhea binary under valgrind (tests/memcheck/valgrind-rhea.sh): an
# invalid access or a definitely lost block fails the test. The 100k-commit test is skipped and
# the kill test uses a shorter history, as valgrind runs rhea some 30 times slower.
memcheck: build
	@for t in tests/e2e/test_*.sh; do \
		echo "== memcheck $$t"; \
		RHEA_REAL=$(BUILD)/rhea RHEA_SKIP_LARGE=1 RHEA_KILL_COMMITS=600 \
			bash $$t tests/memcheck/valgrind-rhea.sh $(BUILD)/rhea-sample-repo $(CURDIR); \
		rc=$$?; [ $$rc = 0 ] || [ $$rc = 77 ] || exit 1; \
	done

# Writes the sample product's repository, ingests it and prints its tables.
DEMO_DB = $(BUILD)/demo.sqlite
demo: build
	@rm -rf $(BUILD)/sample-product $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	@$(BUILD)/rhea-sample-repo $(BUILD)/sample-product
	$(BUILD)/rhea analyze $(BUILD)/sample-product --product wordwise --db $(DEMO_DB) \
		--rules samples/rules/sample.rules --line-stats --quiet
	$(BUILD)/rhea classify --product wordwise --db $(DEMO_DB)
	$(BUILD)/rhea contributors --product wordwise --db $(DEMO_DB)
	$(BUILD)/rhea coupling --product wordwise --db $(DEMO_DB) --top 3
	$(BUILD)/rhea report --db $(DEMO_DB) --format html --out $(BUILD)/demo-report.html
	@echo "HTML report with charts: $(BUILD)/demo-report.html"

# libFuzzer targets under ASan/UBSan, built with clang; each runs FUZZ_SECONDS from its seeds
# (tests/fuzz/corpus/NAME and the shipped data files tests/CMakeLists.txt names, in build-fuzz/seeds/NAME).
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DRHEA_FUZZ=ON -DRHEA_SANITIZE=ON
	cmake --build build-fuzz -j2
	@for t in build-fuzz/tests/fuzz_*; do \
		name=$$(basename $$t); mkdir -p build-fuzz/corpus/$$name; \
		echo "== $$name ($(FUZZ_SECONDS)s)"; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0 \
			$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=build-fuzz/ build-fuzz/corpus/$$name \
			build-fuzz/seeds/$$name || exit 1; \
	done

# fuzz-cpu: each target until it has used FUZZ_CPU_SECONDS of CPU (not wall) time, so that a
# shared or loaded machine still gives every target its budget (tests/fuzz/fuzz_for_cpu.sh).
FUZZ_CPU_SECONDS ?= 1800
fuzz-cpu: deps
	cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DRHEA_FUZZ=ON -DRHEA_SANITIZE=ON
	cmake --build build-fuzz -j2
	@for t in build-fuzz/tests/fuzz_*; do \
		name=$$(basename $$t); case $$name in *_replay) continue;; esac; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp:print_suppressions=0 \
		ARTIFACT_PREFIX=build-fuzz/ tests/fuzz/fuzz_for_cpu.sh $$t $(FUZZ_CPU_SECONDS) \
			build-fuzz/corpus/$$name build-fuzz/seeds/$$name tests/fuzz/corpus/$$name \
			2>build-fuzz/$$name.log || exit 1; \
	done

bench: build
	tests/bench/ingest_vs_git_log.sh $(REPO) $(BUILD)/rhea

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) build-asan build-fuzz
