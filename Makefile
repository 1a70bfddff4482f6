# handbook: make serve (the bundled handbook at http://127.0.0.1:1313), make test.
GO ?= go
BIN := bin/handbook

.PHONY: all build serve site test test-short bench fuzz check clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/handbook

serve: build
	./$(BIN) serve

site: build
	./$(BIN) build

check: build
	./$(BIN) check

test:
	$(GO) vet ./...
	@# Authors run the command on Windows and macOS too: it must build there.
	GOOS=windows GOARCH=amd64 $(GO) vet ./...
	GOOS=darwin GOARCH=arm64 $(GO) vet ./...
	$(GO) test -count=1 ./...
	@# The search relevance rate, printed (go test shows a passing test's output only with -v).
	$(GO) test -count=1 -run '^TestSearchRelevance$$' -v ./e2e/

test-short:
	$(GO) test -short ./...

# The harness of cmd/handbook-bench (builds against the goldmark floor, Hugo
# and Pagefind; bytes per query in Chromium), then the Go benchmarks, three
# iterations each. Slow; not part of make test.
bench:
	$(GO) run ./cmd/handbook-bench
	$(GO) test -run '^$$' -bench . -benchtime 3x ./generator/...

# Fuzz each target for FUZZTIME (go test runs their seed corpora in testdata/fuzz
# as ordinary tests; this explores beyond them). Not part of make test.
FUZZTIME ?= 20s
FUZZ_TARGETS := \
	FuzzFrontMatter:./generator/frontmatter \
	FuzzFastYAML:./generator/frontmatter \
	FuzzFastYAMLTokens:./generator/frontmatter \
	FuzzConfig:./generator/config \
	FuzzParseFile:./generator/content \
	FuzzRender:./generator/markdown \
	FuzzParse:./generator/quiz \
	FuzzImportGIFT:./generator/quiz

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t%%:*} ($(FUZZTIME))"; \
		$(GO) test -run='^$$' -fuzz="^$${t%%:*}$$" -fuzztime=$(FUZZTIME) $${t#*:}; \
	done

clean:
	rm -rf bin public
