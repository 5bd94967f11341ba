# Switchboard — the two commands are `make run` and `make test`.
SHELL := /bin/bash
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GO_LDFLAGS := -s -w -X main.version=$(VERSION)
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/package.json frontend/vite.config.ts graph/schema -type f 2>/dev/null)

.PHONY: run test build frontend generate fmt vet clean

## run: build what is missing and start the hub on SQLite (http://localhost:8080)
run: build
	./bin/switchboard serve

## test: every test — Go on SQLite and PostgreSQL, frontend, browser
test:
	scripts/test.sh

## build: the single binary, with the admin app inside
build: frontend
	go build -trimpath -ldflags "$(GO_LDFLAGS)" -o bin/switchboard .

## frontend: install the app's dependencies and build it when sources changed
frontend: frontend/dist/index.html

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: frontend/node_modules/.package-lock.json $(FRONTEND_SOURCES)
	cd frontend && npm run build

## generate: regenerate GraphQL code (Go resolvers' interfaces, TypeScript types)
generate:
	go tool gqlgen generate
	cd frontend && npm run codegen

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	go vet ./...

clean:
	rm -rf bin tmp frontend/dist/assets frontend/dist/index.html
