# SPDX-License-Identifier: GPL-2.0-or-later
# wsatend - build, run and test. The two commands a newcomer needs:
#   make run     install what is missing, build, start a private PostgreSQL under var/,
#                migrate, load the demo tenant, serve on 127.0.0.1:8080
#   make check   the same set-up on its own ports and cluster, then every test
# Other targets: build, generate, asan, unit, clean, distclean.

SHELL := /bin/bash
CC ?= gcc
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

PKGS := gsoapssl libxml-2.0 libpq jansson libcurl
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CPPFLAGS += -D_GNU_SOURCE -Iservice -Iclient -Igenerated -I/usr/share/gsoap/plugin $(PKG_CFLAGS) \
	-DWSATEND_VERSION='"$(VERSION)"'
OPT ?= -O2 -g
ifeq ($(SANITIZE),1)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
# Our code: strict. Generated code and gSOAP's plugin sources: theirs, built relaxed.
WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wvla -Wformat=2 -Wno-format-nonliteral
RELAXED := -std=gnu11 -w
LDLIBS := $(PKG_LIBS) -lcrypt -luuid -linih -lpthread -lcrypto

GEN_FILES := generated/soapC.c generated/soapServer.c generated/soapClient.c generated/soapH.h \
	generated/soapStub.h generated/WSAtendimentoCadastroWebSoap.nsmap
CONTRACT := wsdl/WSAtendimentoCadastroWeb.wsdl $(wildcard wsdl/xsd/*.xsd) wsdl/typemap.dat

SERVER_SRC := $(wildcard service/*.c service/core/*.c service/soap/*.c service/domain/*.c service/store/*.c)
CLIENT_SRC := $(wildcard client/*.c)
SERVER_OBJ := $(SERVER_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/soapC.o $(BUILD)/gen/soapServer.o
CLIENT_OBJ := $(CLIENT_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/soapC.o $(BUILD)/gen/soapClient.o \
	$(BUILD)/gen/curlapi.o

BIN := $(if $(filter build,$(BUILD)),bin,$(BUILD)/bin)

.PHONY: all build generate deps run check asan unit bench fuzz clean distclean
all: build
build: $(BIN)/wsatendd $(if $(CLIENT_SRC),$(BIN)/wsatend) $(BUILD)/tests/validate_test $(if $(wildcard service/core/guard.c),$(BUILD)/tests/guard_test)

deps:
	@bash deploy/install-deps.sh

# generated/ holds only what wsdl2h and soapcpp2 write from the contract; it is not in
# git and is rewritten whenever the contract or the typemap changes, so it cannot drift.
generate: $(BUILD)/generated.stamp
# Generated into a scratch directory, then only files whose content changed are
# replaced, so parallel builds in other BUILD directories never see a missing file.
$(BUILD)/generated.stamp: $(CONTRACT)
	@rm -rf $(BUILD)/generated.new && mkdir -p $(BUILD)/generated.new generated
	wsdl2h -c -t wsdl/typemap.dat -o $(BUILD)/generated.new/WSAtendimentoCadastroWeb.h wsdl/WSAtendimentoCadastroWeb.wsdl >/dev/null
	soapcpp2 -c -L -x -d $(BUILD)/generated.new $(BUILD)/generated.new/WSAtendimentoCadastroWeb.h >/dev/null
	@for f in $(BUILD)/generated.new/*; do cmp -s "$$f" generated/$${f##*/} || cp "$$f" generated/; done
	@rm -rf $(BUILD)/generated.new
	@touch $@
$(GEN_FILES): $(BUILD)/generated.stamp ;

$(BUILD)/gen/%.o: generated/%.c $(BUILD)/generated.stamp
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RELAXED) $(OPT) $(SAN) -c $< -o $@
$(BUILD)/gen/curlapi.o: /usr/share/gsoap/plugin/curlapi.c $(BUILD)/generated.stamp
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(RELAXED) $(OPT) $(SAN) -c $< -o $@

$(BUILD)/%.o: %.c $(BUILD)/generated.stamp
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(OPT) $(SAN) -MMD -MP -c $< -o $@

$(BIN)/wsatendd: $(SERVER_OBJ)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS)
$(BIN)/wsatend: $(CLIENT_OBJ)
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $^ $(LDLIBS) -lcsv

$(BUILD)/tests/validate_test: $(BUILD)/tests/unit/validate_test.o $(BUILD)/service/core/validate.o
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $^ -lcmocka
$(BUILD)/tests/guard_test: $(BUILD)/tests/unit/guard_test.o $(BUILD)/service/core/guard.o
	@mkdir -p $(@D)
	$(CC) $(SAN) -o $@ $^ -lcmocka

unit: build
	$(BUILD)/tests/validate_test
	$(if $(wildcard service/core/guard.c),$(BUILD)/tests/guard_test)

# The sanitizer build lives beside the normal one (build-asan/bin/...).
asan:
	$(MAKE) BUILD=build-asan SANITIZE=1 OPT="-O1 -g" build

run: deps
	$(MAKE) -j$(JOBS) build
	bash tests/harness/dev-server.sh

check: deps
	$(MAKE) -j$(JOBS) build
	$(MAKE) -j$(JOBS) asan
	$(MAKE) build/tests/guard_fuzz
	bash tests/run.sh

# libFuzzer on the raw-stream guard (crashes, and verdicts that depend on the split).
FUZZ_SECONDS ?= 20
$(BUILD)/tests/guard_fuzz: tests/fuzz/guard_fuzz.c service/core/guard.c service/core/guard.h
	@mkdir -p $(@D)
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -Iservice \
		service/core/guard.c tests/fuzz/guard_fuzz.c -o $@
fuzz: $(BUILD)/tests/guard_fuzz
	@mkdir -p $(BUILD)/fuzz-corpus
	$(BUILD)/tests/guard_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
		-artifact_prefix=$(BUILD)/ $(BUILD)/fuzz-corpus

# Throughput against pgbench running the same SQL in the same run (tests/bench/).
bench: deps
	$(MAKE) -j$(JOBS) build
	@command -v wrk >/dev/null || deploy/install-deps.sh
	bash tests/bench/prospect.sh
	bash tests/bench/stock_search.sh
	bash tests/bench/bulk.sh 50000 4 1000 veiculo
	bash tests/bench/bulk.sh 50000 4 1000 atendimento
	bash tests/bench/booking.sh
	bash tests/bench/bulk_bookings.sh 20000 4 1000

clean:
	rm -rf build build-asan bin generated
distclean: clean
	-tests/harness/pgcluster.sh destroy var/pg 2>/dev/null
	rm -rf var

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
