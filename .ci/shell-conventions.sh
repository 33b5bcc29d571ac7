#!/bin/sh
# The shell's conventions, checked on the built binary: --version, usage errors exit 64, no colour
# escapes into a pipe, with TERM=dumb or with NO_COLOR set (not empty), a clear line instead of
# the screen on a terminal that cannot draw it, and completion scripts that complete the files
# each argument takes. Usage: .ci/shell-conventions.sh PATH/TO/aelab
set -u
aelab=${1:?usage: .ci/shell-conventions.sh PATH/TO/aelab}
failed=0
fail() { echo "shell-conventions: $*" >&2; failed=1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version=$("$aelab" --version) || fail "--version failed"
echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+$' || fail "--version printed '$version'"

for args in "run x.ae --color lots" "replay x.aesession --size 3x3" "replay x.aesession --idle-limit 0" "bench --epochs 0" "--no-such-option"; do
    # shellcheck disable=SC2086
    "$aelab" $args >/dev/null 2>&1
    status=$?
    [ "$status" -eq 64 ] || fail "'aelab $args' exited $status, not 64 (a usage error)"
done

printf 'data mnist train=100 test=20\nmodel ae hidden=16 latent=2\nshow n=4\n' > "$work/show.ae"
escapes() { grep -c "$(printf '\033')\[" || true; }
[ "$(TERM=xterm-256color COLORTERM=truecolor "$aelab" run "$work/show.ae" | escapes)" -eq 0 ] || fail "colour escapes written into a pipe"
[ "$(TERM=xterm-256color "$aelab" run "$work/show.ae" --color 256 | escapes)" -gt 0 ] || fail "--color 256 wrote no colour into a pipe"
if command -v script >/dev/null; then
    # script(1) gives aelab a terminal, as a person's shell would.
    [ "$(script -qec "TERM=xterm-256color $aelab run $work/show.ae" /dev/null | escapes)" -gt 0 ] || fail "no colour in a terminal"
    [ "$(script -qec "NO_COLOR= TERM=xterm-256color $aelab run $work/show.ae" /dev/null | escapes)" -gt 0 ] || fail "an empty NO_COLOR turned colour off"
    [ "$(script -qec "NO_COLOR=1 TERM=xterm-256color $aelab run $work/show.ae" /dev/null | escapes)" -eq 0 ] || fail "NO_COLOR=1 still wrote colour"
    [ "$(script -qec "TERM=dumb $aelab run $work/show.ae" /dev/null | escapes)" -eq 0 ] || fail "TERM=dumb still got colour"
    script -qec "TERM=dumb $aelab" /dev/null | grep -q "cannot draw its screen; use 'aelab run FILE.ae'" || fail "TERM=dumb aelab did not say to use 'aelab run'"
    script -qec "env -u TERM $aelab" /dev/null | grep -q "TERM is not set" || fail "aelab without TERM did not say so"
fi

"$aelab" --generate-completion-script bash > "$work/aelab.bash" || fail "no bash completion script"
grep -q "'!\*\.@(ae)'" "$work/aelab.bash" || fail "bash completion does not offer .ae files"
grep -q "'!\*\.@(aesession)'" "$work/aelab.bash" || fail "bash completion does not offer .aesession files"
"$aelab" --generate-completion-script zsh | grep -q "aesession" || fail "zsh completion does not offer .aesession files"
"$aelab" --generate-completion-script fish | grep -q "aesession" || fail "fish completion does not offer .aesession files"

[ "$failed" -eq 0 ] && echo "shell-conventions: all checks passed"
exit "$failed"
