# Builds the Lambda bootstrap. `sam build` runs build-NotifierFunction with ARTIFACTS_DIR set (template.yaml:
# BuildMethod makefile); `make bootstrap` builds the same into artifacts/bootstrap for a local look.
#
# The CPU architecture is the one template.yaml states (Globals: Function: Architectures): SAM gives a makefile build
# only ARTIFACTS_DIR and the caller's environment, never the function's architecture, so the build reads the template.
#   AOT=false   a self-contained, single-file JIT bootstrap, for hosts that cannot compile Native AOT for that
#               architecture (macOS, Windows, a host with the other CPU): it cross-publishes
#   RID=...     accepted only when it matches the template (linux-x64 for x86_64, linux-arm64 for arm64)

AOT ?= true
CONFIGURATION ?= Release
FUNCTION := src/NeptuneNotifier.Function/NeptuneNotifier.Function.csproj
HERE := $(dir $(lastword $(MAKEFILE_LIST)))

ARCHITECTURE := $(shell bash "$(HERE)eng/template-architecture.sh" "$(HERE)template.yaml")
TEMPLATE_RID := $(if $(filter x86_64,$(ARCHITECTURE)),linux-x64,$(if $(filter arm64,$(ARCHITECTURE)),linux-arm64))
ifeq ($(TEMPLATE_RID),)
$(error the build follows the architecture in template.yaml; fix Architectures there (the line above says what is wrong))
endif

ifneq ($(filter command line environment environment override,$(origin RID)),)
ifneq ($(RID),$(TEMPLATE_RID))
$(error RID=$(RID) disagrees with template.yaml, which deploys $(ARCHITECTURE) ($(TEMPLATE_RID)): change Architectures in template.yaml, which the build follows, and drop RID)
endif
endif
RID := $(TEMPLATE_RID)

# Native AOT compiles and links for the CPU it runs on.
HOST_OS := $(shell uname -s)
HOST_ARCHITECTURE := $(patsubst aarch64,arm64,$(patsubst amd64,x86_64,$(shell uname -m)))
ifeq ($(AOT),true)
ifneq ($(HOST_OS),Linux)
$(error Native AOT for Lambda builds on Linux only (this host runs $(HOST_OS)): build on Linux, or use AOT=false for a self-contained JIT bootstrap)
endif
ifneq ($(HOST_ARCHITECTURE),$(ARCHITECTURE))
$(error template.yaml deploys $(ARCHITECTURE) but this host is $(HOST_ARCHITECTURE), and Native AOT builds for its host: build on an $(ARCHITECTURE) host, or use AOT=false for a self-contained JIT bootstrap, which cross-publishes)
endif
endif

# Native AOT links with clang; Debian ships it as clang-14.
LINKER := $(if $(shell command -v clang),,$(if $(shell command -v clang-14),-p:CppCompilerAndLinker=clang-14,))

ifeq ($(AOT),true)
PUBLISH_FLAGS := -p:PublishAot=true $(LINKER)
CHECK_GLIBC := bash "$(HERE)eng/check-glibc.sh"
else
PUBLISH_FLAGS := -p:PublishAot=false -p:PublishSingleFile=true
CHECK_GLIBC := bash "$(HERE)eng/check-glibc.sh" --optional
endif

.PHONY: build-NotifierFunction bootstrap

build-NotifierFunction:
	$(if $(ARTIFACTS_DIR),,$(error ARTIFACTS_DIR is not set: sam build sets it, `make bootstrap` builds into artifacts/bootstrap))
	dotnet publish $(FUNCTION) -c $(CONFIGURATION) -r $(RID) --self-contained $(PUBLISH_FLAGS) -o "$(ARTIFACTS_DIR)"
	rm -f "$(ARTIFACTS_DIR)"/*.pdb "$(ARTIFACTS_DIR)"/*.dbg "$(ARTIFACTS_DIR)"/*.xml
	$(CHECK_GLIBC) "$(ARTIFACTS_DIR)/bootstrap"

bootstrap:
	$(MAKE) build-NotifierFunction ARTIFACTS_DIR="$(CURDIR)/artifacts/bootstrap"
