#!/bin/sh
# End-to-end test of the terminal UI in tmux: aelab BINARY opens on MNIST, trains a small model
# while the panel updates, pauses, resumes, stops with Ctrl-C, quits with the terminal restored,
# and a 60×20 terminal gets the size message. Usage: .ci/tui-e2e.sh path/to/aelab
set -u

BINARY=${1:?usage: .ci/tui-e2e.sh path/to/aelab}
case $BINARY in /*) ;; *) BINARY=$(pwd)/$BINARY ;; esac
[ -x "$BINARY" ] || { echo "tui-e2e: $BINARY is not an executable" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tui-e2e: tmux is not installed" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SOCKET=aelab-e2e-$$
STATE=$(mktemp -d)
export LC_ALL=C.UTF-8
T() { tmux -L "$SOCKET" -f /dev/null "$@"; }
cleanup() { T kill-server 2>/dev/null; rm -rf "$STATE"; }
trap cleanup EXIT INT TERM

capture() { T capture-pane -p -t "$1"; }
show() { echo "---- $1 ----"; capture "$2"; echo "----"; }
fail() { echo "tui-e2e: FAILED: $1" >&2; capture "${2:-aelab-e2e}" >&2 2>/dev/null; exit 1; }

# wait_for SESSION REGEX SECONDS: polls the pane until a line matches.
wait_for() {
    tries=$(( $3 * 10 ))
    while [ "$tries" -gt 0 ]; do
        capture "$1" 2>/dev/null | grep -Eq "$2" && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

# wait_for_braille: polls until the loss chart's axis and a braille dot are on screen.
wait_for_braille() {
    tries=100
    while [ "$tries" -gt 0 ]; do
        capture aelab-e2e | grep -q 'loss by epoch' && capture aelab-e2e | grep -qP '┤.*[\x{2801}-\x{28FF}]' && return 0
        sleep 0.1
        tries=$((tries - 1))
    done
    return 1
}

panel() { capture aelab-e2e | sed -n '/── training:/,$p' | head -n -3; }
progress() { capture aelab-e2e | grep -E '^ epoch [0-9]+/30 ▕'; }

# --- 120×40: the notebook ------------------------------------------------------------------
T new-session -d -s aelab-e2e -x 120 -y 40 \
    "cd '$ROOT' && XDG_STATE_HOME='$STATE' sh -c '\"$BINARY\"; echo RESTORED status \$?; sleep 5'"
wait_for aelab-e2e '\[1\] data mnist .*✓' 60 || fail "cell 1 (data mnist) did not finish"
wait_for aelab-e2e 'aelab │ mnist' 5 || fail "the status line does not show the data set"
show "cell 1 done" aelab-e2e

T send-keys -t aelab-e2e "?"
wait_for aelab-e2e 'aelab help' 3 || fail "? did not open the help overlay"
wait_for aelab-e2e 'train \[epochs=10' 1 || fail "the help overlay does not list train"
T send-keys -t aelab-e2e Escape
T send-keys -t aelab-e2e "mod" Tab
wait_for aelab-e2e '^\[2\]> model *$' 3 || fail "Tab did not complete 'mod' to 'model'"
wait_for aelab-e2e 'model ae\|deep\|conv' 1 || fail "no usage hint for the command being typed"
T send-keys -t aelab-e2e C-u

T send-keys -t aelab-e2e "model ae hidden=64 latent=2" Enter
wait_for aelab-e2e '\[2\] model ae hidden=64 latent=2 .*✓' 30 || fail "cell 2 (model) did not finish"
wait_for aelab-e2e 'params' 5 || fail "the status line does not show the parameters"

T send-keys -t aelab-e2e "train epochs=30 lr=0.001" Enter
wait_for aelab-e2e '── training: running' 30 || fail "the training panel did not open"
wait_for aelab-e2e '^ epoch [0-9]+/30 ▕.* batch [0-9]+/[0-9]+' 30 || fail "no progress bar"
wait_for_braille || fail "no braille loss chart"
first_progress=$(progress); first_panel=$(panel)
show "training, first capture" aelab-e2e
sleep 0.8
second_progress=$(progress); second_panel=$(panel)
show "training, second capture" aelab-e2e
[ -n "$first_progress" ] && [ "$first_progress" != "$second_progress" ] || fail "the progress bar did not move between captures"
first_chart=$(echo "$first_panel" | sed -n '3,$p'); second_chart=$(echo "$second_panel" | sed -n '3,$p')
[ "$first_chart" != "$second_chart" ] || fail "the loss chart did not change between captures"

T send-keys -t aelab-e2e Space
wait_for aelab-e2e 'training: ⏸ paused' 5 || fail "Space did not pause training"
sleep 0.4  # a batch already running when Space arrived still finishes
paused_progress=$(progress); sleep 0.8
[ "$paused_progress" = "$(progress)" ] || fail "training went on while paused"
show "paused" aelab-e2e
T send-keys -t aelab-e2e Space
wait_for aelab-e2e 'training: running' 5 || fail "Space did not resume training"

T send-keys -t aelab-e2e C-c
wait_for aelab-e2e 'training: cancelled after [0-9]+ complete epoch' 10 || fail "Ctrl-C did not stop training"
wait_for aelab-e2e '^ +cancelled after [0-9]+ complete epoch' 5 || fail "the train cell does not say it was cancelled"
wait_for aelab-e2e '\[3\] train epochs=30 lr=0.001 .*✓' 5 || fail "the train cell did not finish after Ctrl-C"
show "stopped with Ctrl-C" aelab-e2e

T send-keys -t aelab-e2e q
if wait_for aelab-e2e 'Quit anyway\?' 1; then T send-keys -t aelab-e2e y; fi
wait_for aelab-e2e '^RESTORED status 0' 10 || fail "q did not quit with status 0 and a restored terminal"
capture aelab-e2e | grep -q '── training' && fail "the notebook is still on the screen after quitting"
show "after quitting" aelab-e2e
grep -qx 'train epochs=30 lr=0.001' "$STATE/aelab/history" || fail "the history file was not written"
T kill-session -t aelab-e2e

# --- 60×20: too small ----------------------------------------------------------------------
T new-session -d -s aelab-e2e-small -x 60 -y 20 \
    "cd '$ROOT' && XDG_STATE_HOME='$STATE' sh -c '\"$BINARY\"; echo RESTORED status \$?; sleep 5'"
wait_for aelab-e2e-small 'aelab needs at least 80×24; this terminal is 60×20' 10 || fail "no size message at 60×20" aelab-e2e-small
show "60×20" aelab-e2e-small
T send-keys -t aelab-e2e-small q
if wait_for aelab-e2e-small 'Quit anyway\?' 1; then T send-keys -t aelab-e2e-small y; fi
wait_for aelab-e2e-small '^RESTORED status 0' 10 || fail "q did not quit the small terminal" aelab-e2e-small

echo "tui-e2e: all steps passed"
