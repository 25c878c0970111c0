# chordflow: the user's verbs. `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B -q
EXP ?= btc-kd
PROFILE ?= default
CHORDFLOW := bin/chordflow

.PHONY: help setup build test run submit bench images promote models clean

help:
	@echo "make build              compile and package every module"
	@echo "make test               run the whole test suite"
	@echo "make run EXP=btc-kd     run an experiment's DAG on this machine (PROFILE=smoke|default|full)"
	@echo "make submit EXP=btc-kd  submit an experiment to Argo on the current kube context"
	@echo "make bench              run the benchmarks and print their figures"
	@echo "make images             build the step container images"
	@echo "make promote MODEL=NAME VERSION=V   alias champion -> V if it beats the current champion (FORCE=1 REASON=...)"
	@echo "make models             list registered models, versions, aliases and key metrics"

setup:
	@bin/setup

build: setup
	$(MVN) -DskipTests package

test: setup
	mvn -B test

run:
	@echo "make run: the local DAG runner is not available yet (issue #6); nothing was run." >&2; exit 2

submit:
	@echo "make submit: Argo submission is not available yet (issue #6); nothing was submitted." >&2; exit 2

bench: build
	$(MVN) -Pbench -DskipTests verify

images:
	@echo "make images: container builds are not available yet (issue #6)." >&2; exit 2

promote:
	@test -n "$(MODEL)" -a -n "$(VERSION)" || { echo "usage: make promote MODEL=NAME VERSION=V [ALIAS=champion] [FORCE=1 REASON=...]" >&2; exit 2; }
	$(CHORDFLOW) promote "$(MODEL)" "$(VERSION)" --alias "$(or $(ALIAS),champion)" $(if $(FORCE),--force --reason "$(REASON)")

models:
	$(CHORDFLOW) models

clean:
	$(MVN) clean
