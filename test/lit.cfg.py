# lit configuration for twz.
#
# Substitutions:
#   %opt         opt-19 with the twz pass plugin loaded
#   %twz-clang   the twz-clang driver of this build
#   %clang       the plain clang-19 the driver runs
#   %twz-include the build tree's include/ (twz headers)
#   %twz-lib     the build tree's lib/ (libtwz.so, libtwz.a, the plugins)
#   %twz-src     the source tree (examples, inputs)
#   %twz-obj     the build tree (install/ installs it)
# Run tests set TWZ_STORE to a per-test directory so they never share objects.
import os
import sys

import lit.formats

config.name = "twz"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".ll", ".c", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.twz_obj_root, "test")

bindir = os.path.join(config.twz_obj_root, "bin")
libdir = os.path.join(config.twz_obj_root, "lib")
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, bindir, config.environment.get("PATH", os.environ["PATH"])]
)
# Keep the user's environment from leaking into tests.
for var in ("TWZ_STORE", "TWZ_CLANG", "TWZ_DRIVER_DEBUG"):
    config.environment.pop(var, None)

config.substitutions.append(
    ("%opt", "opt -load-pass-plugin=%s" % os.path.join(libdir, "TwzPass.so"))
)
config.substitutions.append(("%twz-clang", os.path.join(bindir, "twz-clang")))
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
config.substitutions.append(("%twz-lib", libdir))
config.substitutions.append(("%twz-include", os.path.join(config.twz_obj_root, "include")))
config.substitutions.append(("%twz-src", config.twz_src_root))
config.substitutions.append(("%twz-obj", config.twz_obj_root))
# %exit N CMD...: run CMD and require exit status N exactly (unlike lit's
# `not`, a crash never passes).
config.substitutions.append(
    ("%exit", "%s %s" % (sys.executable, os.path.join(os.path.dirname(__file__), "Inputs", "exit-status.py")))
)
