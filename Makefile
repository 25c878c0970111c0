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
	@echo "make promote MODEL=NAME VERSION=V   alias champion -> V if it beats the champion on the same evaluation suite"
	@echo "                         (the champion is evaluated there first if needed; MIN_GAIN MAX_DROP MAX_RARE_DROP SUITE REMOTE=1 FORCE=1 REASON=...)"
	@echo "make models             list registered models, versions, aliases, suites scored on and key metrics (SUITE=NAME)"

setup:
	@bin/setup

build: setup
	$(MVN) -DskipTests package

test: setup
	mvn -B test

# the experiment's compiled DAG on this machine; artifacts in .chordflow/, MLflow in ./mlruns
run:
	$(CHORDFLOW) run $(EXP) --profile $(PROFILE)

# to Argo on the current kube context; NAMESPACE=ns, DRY_RUN=1 prints the Workflow instead
submit:
	$(CHORDFLOW) submit $(EXP) --profile $(PROFILE) $(if $(NAMESPACE),--namespace $(NAMESPACE)) $(if $(DRY_RUN),--dry-run)

bench: build
	$(MVN) -Pbench -DskipTests verify

# one image per step (containers/images.tsv); REGISTRY=..., TAG=..., PUSH=1 to push
images:
	@containers/build.sh $(or $(REGISTRY),ghcr.io/chordflow) $(or $(TAG),0.1.0)

# SUITE=NAME judges on that suite; MIN_GAIN, MAX_DROP, MAX_RARE_DROP are the thresholds; REMOTE=1 evaluates a
# champion that lacks the suite as a one-step Argo workflow (NAMESPACE=ns, DRY_RUN=1), then run it again
PROMOTE_OPTS = $(if $(SUITE),--suite "$(SUITE)") $(if $(MIN_GAIN),--min-gain $(MIN_GAIN)) \
  $(if $(MAX_DROP),--max-drop $(MAX_DROP)) $(if $(MAX_RARE_DROP),--max-rare-drop $(MAX_RARE_DROP)) \
  $(if $(REMOTE),--remote $(if $(NAMESPACE),--namespace $(NAMESPACE)) $(if $(DRY_RUN),--dry-run) --experiment $(EXP)) \
  $(if $(FORCE),--force --reason "$(REASON)")
promote:
	@test -n "$(MODEL)" -a -n "$(VERSION)" || { echo "usage: make promote MODEL=NAME VERSION=V [ALIAS=champion] [SUITE=NAME] [MIN_GAIN=X] [MAX_DROP=X] [MAX_RARE_DROP=X] [REMOTE=1 [NAMESPACE=ns] [DRY_RUN=1]] [FORCE=1 REASON=...]" >&2; exit 2; }
	$(CHORDFLOW) promote "$(MODEL)" "$(VERSION)" --alias "$(or $(ALIAS),champion)" $(strip $(PROMOTE_OPTS))

models:
	$(CHORDFLOW) models $(if $(SUITE),--suite "$(SUITE)")

clean:
	$(MVN) clean
