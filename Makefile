# Builds the Lambda bootstrap. `sam build` runs build-NotifierFunction with ARTIFACTS_DIR set (template.yaml:
# BuildMethod makefile); `make bootstrap` builds the same into artifacts/bootstrap for a local look.
#
#   RID=linux-arm64   for Architecture=arm64 (AOT needs an arm64 host or cross toolchain; else AOT=false)
#   AOT=false         a self-contained, single-file JIT bootstrap, for hosts that cannot compile Native AOT

RID ?= linux-x64
AOT ?= true
CONFIGURATION ?= Release
FUNCTION := src/NeptuneNotifier.Function/NeptuneNotifier.Function.csproj

# Native AOT links with clang; Debian ships it as clang-14.
LINKER := $(if $(shell command -v clang),,$(if $(shell command -v clang-14),-p:CppCompilerAndLinker=clang-14,))

ifeq ($(AOT),true)
PUBLISH_FLAGS := -p:PublishAot=true $(LINKER)
else
PUBLISH_FLAGS := -p:PublishAot=false -p:PublishSingleFile=true
endif

.PHONY: build-NotifierFunction bootstrap

build-NotifierFunction:
	dotnet publish $(FUNCTION) -c $(CONFIGURATION) -r $(RID) --self-contained $(PUBLISH_FLAGS) -o "$(ARTIFACTS_DIR)"
	rm -f "$(ARTIFACTS_DIR)"/*.pdb "$(ARTIFACTS_DIR)"/*.dbg "$(ARTIFACTS_DIR)"/*.xml

bootstrap:
	$(MAKE) build-NotifierFunction ARTIFACTS_DIR="$(CURDIR)/artifacts/bootstrap"
