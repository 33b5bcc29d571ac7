#!/bin/sh
# End-to-end test of the terminal UI in tmux: aelab BINARY opens on MNIST, trains a small model
# while the panel updates, pauses, resumes, stops with Ctrl-C, explores its latent map (the
# crosshair moves, the decoding changes, a pin lands in the notebook), quits with the terminal
# restored, and a 60×20 terminal gets the size message; a session recorded with --record (an
# explore cell included) replays headless, as an asciicast and in the terminal. Usage: .ci/tui-e2e.sh path/to/aelab
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
T send-keys -t aelab-e2e Space  # 'model' and 'models' both start so; the space picks the first
wait_for aelab-e2e '^ model ae\|[a-z0-9|]+ — build an autoencoder' 3 || fail "no usage hint for the command being typed"
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

# --- the explorer: the crosshair moves, the decoding changes, a pin lands in the notebook ----
# The decoded image is the run of ▀ half-blocks right of the map; its colours are what change.
decoding() { T capture-pane -p -e -t aelab-e2e | sed -n '4,14p' | perl -CS -Mutf8 -pe 's/^.*?((?:\e\[[0-9;]*m)*▀)/$1/'; }
T send-keys -t aelab-e2e "explore" Enter
wait_for aelab-e2e '^ \[4\] explore — codes of 2 values as they are' 30 || fail "explore did not open the explorer"
wait_for aelab-e2e 'decoded at \(' 5 || fail "the explorer shows no decoding"
wait_for aelab-e2e '──┼──' 1 || fail "no crosshair on the map"
first_at=$(capture aelab-e2e | grep -o 'decoded at ([^)]*)'); first_cross=$(capture aelab-e2e | grep -n '┼' | cut -d: -f1)
first_image=$(decoding)
show "explorer" aelab-e2e
T send-keys -t aelab-e2e L L K
wait_for aelab-e2e '3 moves' 3 || fail "the keys did not move the crosshair"
second_at=$(capture aelab-e2e | grep -o 'decoded at ([^)]*)'); second_cross=$(capture aelab-e2e | grep -n '┼' | cut -d: -f1)
[ "$first_at" != "$second_at" ] || fail "the crosshair's coordinates did not change ($first_at)"
[ "$first_cross" != "$second_cross" ] || fail "the crosshair did not move up on the map"
[ "$first_image" != "$(decoding)" ] || fail "the decoded image did not change"
show "explorer after moving" aelab-e2e
T send-keys -t aelab-e2e n
wait_for aelab-e2e 'test #[0-9]+, a [0-9]' 3 || fail "n did not jump to a test example"
T send-keys -t aelab-e2e Enter
wait_for aelab-e2e 'pinned the decoding at \(' 3 || fail "Enter did not pin"
T send-keys -t aelab-e2e Escape
wait_for aelab-e2e '^ +explored: 4 moves, 1 decoding pinned' 10 || fail "Esc did not close the explorer with its path"
wait_for aelab-e2e '\[4\] explore .*✓' 5 || fail "the explore cell did not finish"
T send-keys -t aelab-e2e PageUp
wait_for aelab-e2e 'pinned at \(.*\) beside test example [0-9]+' 3 || fail "the pinned decoding is not in the notebook"
show "the explore cell" aelab-e2e

# --- a text model trains with its live questions under the charts ------------------------------
T send-keys -t aelab-e2e "data trec train=300 test=50" Enter
wait_for aelab-e2e '\[5\] data trec train=300 test=50 .*✓' 30 || fail "data trec did not load"
T send-keys -t aelab-e2e "model seq2seq units=16 hidden=16 latent=4 embedding=8" Enter
wait_for aelab-e2e '\[6\] model seq2seq .*✓' 10 || fail "the seq2seq model was not built"
T send-keys -t aelab-e2e "train epochs=200" Enter
wait_for aelab-e2e '^ questions after epoch [0-9]+: [0-9]+ of [0-9]+ words right' 60 || fail "the training panel shows no live questions"
wait_for aelab-e2e '^ +→  ' 1 || fail "the live questions show no decoding"
show "text training" aelab-e2e
T send-keys -t aelab-e2e C-c
wait_for aelab-e2e '\[7\] train epochs=200 .*✓' 30 || fail "Ctrl-C did not stop the text training"

T send-keys -t aelab-e2e q
if wait_for aelab-e2e 'Quit anyway\?' 1; then T send-keys -t aelab-e2e y; fi
wait_for aelab-e2e '^RESTORED status 0' 10 || fail "q did not quit with status 0 and a restored terminal"
capture aelab-e2e | grep -q '── training' && fail "the notebook is still on the screen after quitting"
show "after quitting" aelab-e2e
grep -qx 'train epochs=30 lr=0.001' "$STATE/aelab/history" || fail "the history file was not written"
T kill-session -t aelab-e2e

# --- record a session, then replay it ----------------------------------------------------------
SESSION=$STATE/x.aesession
T new-session -d -s aelab-rec -x 120 -y 40 \
    "cd '$ROOT' && XDG_STATE_HOME='$STATE' sh -c '\"$BINARY\" --record \"$SESSION\"; echo RESTORED status \$?; sleep 5'"
wait_for aelab-rec '\[1\] data mnist .*✓' 60 || fail "recording: cell 1 (data mnist) did not finish" aelab-rec
wait_for aelab-rec '● rec' 1 || fail "recording: the status bar does not say it records" aelab-rec
sleep 2.5  # pauses longer than the idle limit: each cell plays 2 s after the one before
T send-keys -t aelab-rec "model ae hidden=32 latent=2" Enter
wait_for aelab-rec '\[2\] model ae hidden=32 latent=2 .*✓' 30 || fail "recording: the model cell did not finish" aelab-rec
sleep 2.5
T send-keys -t aelab-rec "train epochs=2" Enter
wait_for aelab-rec '\[3\] train epochs=2 .*✓' 120 || fail "recording: training did not finish" aelab-rec
sleep 2.5
T send-keys -t aelab-rec "scatter" Enter
wait_for aelab-rec '\[4\] scatter .*✓' 30 || fail "recording: the scatter cell did not finish" aelab-rec
sleep 2.5
T send-keys -t aelab-rec "explore" Enter
wait_for aelab-rec '^ \[5\] explore — ' 30 || fail "recording: the explorer did not open" aelab-rec
sleep 1.5
T send-keys -t aelab-rec L; sleep 0.5; T send-keys -t aelab-rec K; sleep 0.5; T send-keys -t aelab-rec Enter; sleep 1.5
T send-keys -t aelab-rec Escape
wait_for aelab-rec '\[5\] explore .*✓' 10 || fail "recording: the explore cell did not finish" aelab-rec
T send-keys -t aelab-rec q
wait_for aelab-rec '^RESTORED status 0' 10 || fail "recording: q did not quit" aelab-rec
T kill-session -t aelab-rec
[ -s "$SESSION" ] || fail "recording: no session file"

headless=$("$BINARY" replay "$SESSION" --headless) || fail "replay --headless failed"
for cell in '[1] data mnist' '[2] model ae hidden=32 latent=2' '[3] train epochs=2' '[4] scatter' '[5] explore'; do
    echo "$headless" | grep -qF "$cell" || fail "replay --headless does not show $cell"
done
echo "$headless" | grep -q 'trained 2 epochs' || fail "replay --headless does not show the training's output"
echo "$headless" | grep -q 'explored: 2 moves, 1 decoding pinned' || fail "replay --headless does not show the explore cell's output"

"$BINARY" replay "$SESSION" --asciicast "$STATE/x.cast" >/dev/null || fail "replay --asciicast failed"
python3 - "$STATE/x.cast" <<'PY' || fail "the asciicast is malformed"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
header = json.loads(lines[0])
assert header["version"] == 2 and header["width"] == 120 and header["height"] == 40, header
last = -1.0
for line in lines[1:]:
    time, kind, text = json.loads(line)
    assert kind == "o" and time > last, line[:80]
    last = time
assert len(lines) > 3 and any("scatter" in json.loads(l)[2] for l in lines[1:]), "no scatter cell in the cast"
PY

T new-session -d -s aelab-replay -x 120 -y 40 \
    "cd '$ROOT' && sh -c '\"$BINARY\" replay \"$SESSION\"; echo RESTORED status \$?; sleep 5'"
wait_for aelab-replay '^ replay ▶ 1× — cell 1/5 — 0:0' 5 || fail "replay: no replay status line" aelab-replay
wait_for aelab-replay '\[1\] data mnist .*✓' 5 || fail "replay: cell 1 did not appear" aelab-replay
wait_for aelab-replay '── training: (running|trained 2 epochs)' 10 || fail "replay: the training panel did not open" aelab-replay
wait_for aelab-replay 'loss by epoch' 5 || fail "replay: no loss chart" aelab-replay
show "replay, training" aelab-replay
wait_for aelab-replay '\[4\] scatter .*✓' 10 || fail "replay: the scatter cell did not appear" aelab-replay
wait_for aelab-replay '^ \[5\] explore — ' 10 || fail "replay: the explorer did not open" aelab-replay
wait_for aelab-replay 'decoded at \(' 1 || fail "replay: the explorer shows no decoding" aelab-replay
replay_first=$(capture aelab-replay | grep -o 'decoded at ([^)]*)')
wait_for aelab-replay "1 move" 5 || fail "replay: the recorded moves did not play" aelab-replay
[ "$replay_first" != "$(capture aelab-replay | grep -o 'decoded at ([^)]*)')" ] || fail "replay: the crosshair did not move"
show "replay, the explorer" aelab-replay
wait_for aelab-replay '^ replay ■ 1× — cell 5/5' 10 || fail "replay: did not reach the end" aelab-replay
wait_for aelab-replay 'explored: 2 moves, 1 decoding pinned' 1 || fail "replay: the explore cell's output is missing" aelab-replay
show "replay, the end" aelab-replay
T send-keys -t aelab-replay Left
wait_for aelab-replay '^ replay .* cell 4/5' 3 || fail "replay: ← did not go back a cell" aelab-replay
capture aelab-replay | grep -q '\[5\] explore' && fail "replay: ← left the later cell on the screen" aelab-replay
# ← pauses where it lands; + doubles the speed; g goes to the start, still paused; Space plays.
T send-keys -t aelab-replay +
wait_for aelab-replay '^ replay ⏸ 2× — cell 4/5' 3 || fail "replay: ← did not pause or + did not double the speed" aelab-replay
T send-keys -t aelab-replay g
wait_for aelab-replay '^ replay ⏸ 2× — cell 0/5 — 0:00.0/' 3 || fail "replay: g did not go to the start" aelab-replay
T send-keys -t aelab-replay Space
wait_for aelab-replay '^ replay ▶ 2× — cell [0-5]/5' 3 || fail "replay: Space did not play" aelab-replay
T send-keys -t aelab-replay q
wait_for aelab-replay '^RESTORED status 0' 5 || fail "replay: q did not quit with status 0" aelab-replay
T kill-session -t aelab-replay

# --- 60×20: too small ----------------------------------------------------------------------
T new-session -d -s aelab-e2e-small -x 60 -y 20 \
    "cd '$ROOT' && XDG_STATE_HOME='$STATE' sh -c '\"$BINARY\"; echo RESTORED status \$?; sleep 5'"
wait_for aelab-e2e-small 'aelab needs at least 80×24; this terminal is 60×20' 10 || fail "no size message at 60×20" aelab-e2e-small
show "60×20" aelab-e2e-small
T send-keys -t aelab-e2e-small q
if wait_for aelab-e2e-small 'Quit anyway\?' 1; then T send-keys -t aelab-e2e-small y; fi
wait_for aelab-e2e-small '^RESTORED status 0' 10 || fail "q did not quit the small terminal" aelab-e2e-small

echo "tui-e2e: all steps passed"
