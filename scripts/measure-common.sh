# Shared by scripts/compile-time.sh and scripts/feature-build-time.sh, which
# source it after setting ROOT (the repository) and WORK (their directory
# under target/).

# standalone_crate DIR NAME DEPENDENCY-LINES: a library crate outside the
# project's workspace, with the project's Cargo.lock so that shared
# dependencies (proc-macro2, quote, syn, serde, ...) keep the project's
# versions.
standalone_crate() {
    local dir="$1" name="$2" deps="$3"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$deps

# Not a member of the project's workspace.
[workspace]
EOF
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
}

# seconds COMMAND...: runs the command quietly, prints its wall time and
# its CPU time (user + system, of it and its children), in seconds, tab
# separated. The CPU time is the steadier figure on a machine that runs
# other work.
seconds() {
    python3 - "$WORK/last-build.log" "$@" <<'EOF'
import resource, subprocess, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.monotonic()
with open(log, "w") as out:
    code = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT)
wall = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
if code != 0:
    sys.stderr.write(open(log).read())
    sys.exit(code)
print(f"{wall:.3f}\t{cpu:.3f}")
EOF
}
