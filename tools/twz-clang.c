/*
 * twz-clang: the compiler driver. It runs the system's clang-19 with the twz
 * Clang plugin and pass plugin, <twz/persistent.h> included by default, and
 * libtwz linked, and otherwise passes every argument through untouched, so
 * `CC=twz-clang make` works on an ordinary C project. It execs clang, so
 * clang's diagnostics, exit status and locations reach the user unchanged.
 *
 * Layout, relative to this executable (the build tree and an installation
 * look alike): ../lib/{TwzPass.so,TwzAttrs.so,libtwz.so,libtwz.a} and
 * ../include/twz/. Programs link libtwz.so, with ../lib as their run path so
 * they run without LD_LIBRARY_PATH, and so share one runtime with the shared
 * libraries they load; -static-libtwz links libtwz.a instead. Environment:
 * TWZ_CLANG overrides the clang binary; TWZ_DRIVER_DEBUG=1 prints the
 * command before running it. --version prints twz's version before clang's;
 * --help prints twz-clang(1)'s text.
 *
 * --target=x86_64-unknown-twizzler (or -target x86_64-unknown-twizzler)
 * builds static binaries for the twz kernel instead: clang's musl target
 * with the sysroot in ../share/twz/sysroot, or ../sysroot in the build tree
 * (musl, libsodium, libtwz with the native back end, twizzler.ld), lld and compiler-rt; the plugins and header are
 * the same as for the hosted target; LIBRARY_PATH, CPATH and
 * C_INCLUDE_PATH (host directories) are dropped from clang's environment.
 * Any other --target passes through.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TWZ_CLANG_PATH
#define TWZ_CLANG_PATH "clang-19"
#endif
#ifndef TWZ_VERSION
#define TWZ_VERSION "unknown"
#endif

/* The man page's text (tools/man/twz-clang.1), for --help. */
static const char help[] =
    "usage: twz-clang [clang options] file...\n"
    "\n"
    "Compile C with twz persistent pointers: clang-19 with the twz Clang plugin\n"
    "and pass plugin, <twz/persistent.h> included, and libtwz linked. Every\n"
    "other argument goes to clang unchanged (CC=twz-clang make works).\n"
    "\n"
    "options of twz-clang:\n"
    "  -static-libtwz        link libtwz.a instead of libtwz.so\n"
    "  --target=x86_64-unknown-twizzler\n"
    "                        a static program for the twz kernel (twz-boot runs it)\n"
    "  -Wtwz, -Wno-twz-*, -Werror=twz...\n"
    "                        the Clang plugin's warnings\n"
    "  --version             twz's version, then clang's\n"
    "  --help                this text (clang's options: clang-19 --help)\n"
    "\n"
    "Programs linked with libtwz.so find it through their run path (the lib/\n"
    "directory next to this twz-clang's bin/).\n"
    "\n"
    "environment:\n"
    "  TWZ_CLANG             the clang to run (default: the one twz was built with)\n"
    "  TWZ_DRIVER_DEBUG=1    print the clang command line before running it\n"
    "  TWZ_STORE             where compiled programs keep objects (./twz-store)\n";

/* Options whose value is the next argument (so the value is not an input). */
static const char *const separate_arg_opts[] = {
    "-o", "-I", "-D", "-U", "-include", "-imacros", "-isystem", "-idirafter", "-iquote",
    "-iprefix", "-iwithprefix", "-isysroot", "-x", "-MF", "-MT", "-MQ", "-Xclang", "-Xlinker",
    "-Xassembler", "-Xpreprocessor", "-mllvm", "-target", "-arch", "-L", "-l", "-T", "-e", "-u",
    "-z", "--param", "-F", "-B", "-install_name", "-dependency-file", "-serialize-diagnostics",
    NULL};

/* Options that stop before linking. */
static const char *const no_link_opts[] = {"-c", "-S", "-E", "-M", "-MM", "-fsyntax-only",
                                           "--precompile", NULL};

static bool in_list(const char *a, const char *const *list) {
  for (; *list; list++)
    if (strcmp(a, *list) == 0)
      return true;
  return false;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Inputs that never reach the C front end (objects, libraries, unpreprocessed
 * assembly): our compile flags would be unused and clang would warn. */
static bool is_backend_input(const char *a) {
  if (ends_with(a, ".s"))
    return true;
  return ends_with(a, ".o") || ends_with(a, ".a") || ends_with(a, ".so") || ends_with(a, ".lo") ||
         strstr(a, ".so.") != NULL;
}

/* -Wtwz, -Wno-twz-struct-copy, -Werror=twz, ...: warning groups the Clang
 * plugin implements. Clang would call them unknown, so they go to the plugin. */
static bool is_twz_warning_flag(const char *a) {
  static const char *const prefixes[] = {"-Wtwz", "-Wno-twz", "-Werror=twz", "-Wno-error=twz", NULL};
  for (const char *const *p = prefixes; *p; p++) {
    size_t n = strlen(*p);
    if (strncmp(a, *p, n) == 0 && (a[n] == 0 || a[n] == '-'))
      return true;
  }
  return false;
}

#define TWZ_TWIZZLER_TRIPLE "x86_64-unknown-twizzler"
#define TWZ_MUSL_TRIPLE "x86_64-linux-musl"

/* A triple whose OS is twizzler ("<arch>-<vendor>-twizzler[-...]"). */
static bool is_twizzler_triple(const char *t) {
  const char *p = strstr(t, "-twizzler");
  return p && (p[9] == 0 || p[9] == '-');
}

static char *join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 1;
  char *s = malloc(n);
  if (!s) {
    perror("twz-clang");
    exit(1);
  }
  snprintf(s, n, "%s%s", a, b);
  return s;
}

/* A file or directory that exists. */
static bool exists(const char *path) { return access(path, F_OK) == 0; }

/* The install prefix: the directory above the one holding this binary. */
static void find_prefix(char *prefix, size_t len) {
  ssize_t n = readlink("/proc/self/exe", prefix, len - 1);
  if (n < 0) {
    fprintf(stderr, "twz-clang: cannot find own location: %s\n", strerror(errno));
    exit(1);
  }
  prefix[n] = 0;
  for (int i = 0; i < 2; i++) {
    char *slash = strrchr(prefix, '/');
    if (slash)
      *slash = 0;
  }
}

int main(int argc, char **argv) {
  char prefix[PATH_MAX];
  find_prefix(prefix, sizeof prefix);
  const char *clang = getenv("TWZ_CLANG");
  if (!clang || !*clang)
    clang = TWZ_CLANG_PATH;

  bool link = true, compile_inputs = false, backend_inputs = false, static_libtwz = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0) {
      fputs(help, stdout);
      return 0;
    }
    if (strcmp(argv[i], "--version") == 0) {
      printf("twz-clang (twz) %s\n", TWZ_VERSION);
      fflush(stdout);
    }
  }
  /* The last target option decides, as in clang. */
  const char *target = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strncmp(a, "--target=", 9) == 0)
      target = a + 9;
    else if (strcmp(a, "-target") == 0 && i + 1 < argc)
      target = argv[i + 1];
    if (in_list(a, no_link_opts))
      link = false;
    if (in_list(a, separate_arg_opts)) {
      i++;
      continue;
    }
    if (a[0] != '-' || strcmp(a, "-") == 0) {
      if (a[0] != '-' && is_backend_input(a))
        backend_inputs = true;
      else
        compile_inputs = true;
    }
  }

  bool twizzler = target && is_twizzler_triple(target);
  if (twizzler && strcmp(target, TWZ_TWIZZLER_TRIPLE) != 0) {
    fprintf(stderr, "twz-clang: unsupported target '%s': the twz kernel target is %s\n", target,
            TWZ_TWIZZLER_TRIPLE);
    return 1;
  }
  /* Installed under share/twz; the build tree keeps it at the top. */
  char *sysroot = join(prefix, "/share/twz/sysroot");
  if (!exists(sysroot))
    sysroot = join(prefix, "/sysroot");

  char **args = calloc((size_t)argc + 24, sizeof *args);
  if (!args) {
    perror("twz-clang");
    return 1;
  }
  int n = 0;
  args[n++] = (char *)clang;
  if (twizzler) {
    /* Static binaries for the twz kernel: musl's Linux ABI (the kernel runs
     * Linux x86-64 static ELF programs), headers and libraries only from the
     * sysroot: clang adds <sysroot>/include and <sysroot>/lib and no host
     * path. Our own target options replace the user's (see below). */
    args[n++] = "--target=" TWZ_MUSL_TRIPLE;
    args[n++] = join("--sysroot=", sysroot);
  }
  if (compile_inputs) {
    args[n++] = join("-fplugin=", join(prefix, "/lib/TwzAttrs.so"));
    args[n++] = join("-fpass-plugin=", join(prefix, "/lib/TwzPass.so"));
    args[n++] = "-D__twz_translate__=1";
    args[n++] = "-isystem";
    args[n++] = join(prefix, "/include");
    args[n++] = "-include";
    args[n++] = "twz/persistent.h";
    /* A remark filter that matches no pass: it makes clang track source
     * locations in the IR (without emitting debug info), so the pass can
     * report untranslatable code at file:line:col even without -g. */
    args[n++] = "-Rpass=^twz-locations$";
  }
  for (int i = 1; i < argc; i++) {
    if (twizzler && strncmp(argv[i], "--target=", 9) == 0)
      continue;
    if (twizzler && strcmp(argv[i], "-target") == 0) {
      i++;
      continue;
    }
    if (strcmp(argv[i], "-static-libtwz") == 0) {
      static_libtwz = true;
      continue;
    }
    if (is_twz_warning_flag(argv[i])) {
      if (compile_inputs)
        args[n++] = join("-fplugin-arg-twz-", argv[i]);
      continue;
    }
    args[n++] = argv[i];
    if (in_list(argv[i], separate_arg_opts) && i + 1 < argc)
      args[n++] = argv[++i]; /* an option's value is never a flag of ours */
  }
  if (twizzler && link && (compile_inputs || backend_inputs)) {
    /* Static, with lld and compiler-rt (no libgcc: there is none for musl
     * here), libtwz's native back end and libsodium from the sysroot; the
     * linker script keeps the image in slot 0. */
    args[n++] = "-static";
    args[n++] = "-fuse-ld=lld";
    args[n++] = "--rtlib=compiler-rt";
    args[n++] = "--unwindlib=none";
    args[n++] = join("-L", join(sysroot, "/lib"));
    args[n++] = "-ltwz";
    args[n++] = "-lsodium"; /* BLAKE2b object IDs, Ed25519 capabilities */
    args[n++] = join(sysroot, "/lib/twizzler.ld");
  } else if (link && (compile_inputs || backend_inputs) && static_libtwz) {
    args[n++] = join(prefix, "/lib/libtwz.a");
    args[n++] = "-lsodium"; /* BLAKE2b object IDs, Ed25519 capabilities */
    args[n++] = "-lpthread";
  } else if (link && (compile_inputs || backend_inputs)) {
    /* libtwz.so (which needs libsodium itself), found at run time through
     * the run path: one runtime per process, whoever links it. */
    args[n++] = join("-L", join(prefix, "/lib"));
    args[n++] = "-ltwz";
    args[n++] = join("-Wl,-rpath,", join(prefix, "/lib"));
    args[n++] = "-lpthread";
  }
  args[n] = NULL;
  if (twizzler) {
    /* clang adds these variables' directories to every compile or link:
     * on a Linux host they name glibc headers and libraries, which must
     * not reach a musl program (use -I / -L for extra directories). */
    static const char *const host_paths[] = {"LIBRARY_PATH", "CPATH", "C_INCLUDE_PATH",
                                             "CPLUS_INCLUDE_PATH", "OBJC_INCLUDE_PATH", NULL};
    for (const char *const *v = host_paths; *v; v++)
      unsetenv(*v);
  }

  const char *debug = getenv("TWZ_DRIVER_DEBUG");
  if (debug && *debug == '1') {
    for (int i = 0; i < n; i++)
      fprintf(stderr, "%s%s", i ? " " : "", args[i]);
    fputc('\n', stderr);
  }
  execvp(clang, args);
  fprintf(stderr, "twz-clang: cannot run %s: %s\n", clang, strerror(errno));
  return 127;
}
