# The front door: `make demo` and `make test` work on a fresh Debian 12 machine.
BUILD      ?= build
ASAN_BUILD ?= build-asan
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc)
DB         ?= newsfacts.db

# Debian packages the build, the tests and the demo need (README, "How it is built").
PACKAGES := cmake ninja-build g++ pkg-config libre2-dev libicu-dev libcurl4-openssl-dev \
            libgumbo-dev libsqlite3-dev sqlite3 doctest-dev zlib1g-dev libssl-dev \
            libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libcpp-httplib-dev libbrotli-dev libzstd-dev zstd python3

# What the checks .ci/run adds after the tests need: a browser for `serve`
# (tests/browser/), node (warcio, puppeteer-core; npm comes with it or is there already),
# a single-node Slurm cluster.
CI_PACKAGES := chromium nodejs slurmctld slurmd slurm-client munge

.PHONY: all deps ci-deps build asan test test-asan demo install clean format

all: build

# $(call install_missing,PACKAGES): apt-get install those not installed.
define install_missing
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

ci-deps:
	$(call install_missing,$(CI_PACKAGES))

build: deps
	@[ -f $(BUILD)/build.ninja ] || cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD) -j $(JOBS)

asan: deps
	@[ -f $(ASAN_BUILD)/build.ninja ] || cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DNEWSFACTS_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer (.ci/run runs it).
test-asan: asan
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

demo: build
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BUILD)/newsfacts extract --quiet --db $(DB) corpus/
	@sh docs/demo.sh $(DB)
	@echo; echo '== Checking the seed figure: newsfacts check "Mexico seized 8.2 tonnes of fentanyl"'
	@$(BUILD)/newsfacts check --db $(DB) --limit 3 "Mexico seized 8.2 tonnes of fentanyl"

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
