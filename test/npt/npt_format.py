"""lit test format of test/npt: ShTest over the tests that boot the kernel
(their file names %twz-boot). A module of its own so that lit's worker
processes can unpickle it."""
import lit.formats


class BootsTheKernel(lit.formats.ShTest):
    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        for test in super().getTestsInDirectory(testSuite, path_in_suite, litConfig, localConfig):
            with open(test.getSourcePath(), errors="replace") as f:
                if "%twz-boot" in f.read():
                    yield test
