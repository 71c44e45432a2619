# test/npt: the kernel and sysroot suites again, with every boot under the
# nested-paging back end (twz-boot --npt, through TWZ_BOOT_NPT=1). Only the
# tests that boot the kernel (their file names %twz-boot) run here; the
# others already ran in test/kernel and test/sysroot. Source root is test/,
# so test/kernel/lit.local.cfg and test/sysroot/lit.local.cfg apply as
# there; build/test/npt/lit.site.cfg.py (from lit.site.cfg.py.in) loads this.
import os
import sys

src = os.path.dirname(os.path.dirname(__file__))
lit_config.load_config(config, os.path.join(src, "lit.cfg.py"))
config.name = "twz-npt"
config.test_source_root = src
config.test_exec_root = os.path.join(config.twz_obj_root, "test", "npt")
config.excludes = [d for d in os.listdir(src) if d not in ("kernel", "sysroot")] + ["Inputs"]


sys.path.insert(0, os.path.dirname(__file__))
from npt_format import BootsTheKernel  # noqa: E402

config.test_format = BootsTheKernel(execute_external=False)
config.environment["TWZ_BOOT_NPT"] = "1"
