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
	$(GO) test -count=1 ./...

test-short:
	$(GO) test -short ./...

clean:
	rm -rf bin public
