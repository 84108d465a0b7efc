#!/bin/bash
# Usage: tools/external_change.sh RECORDS_FOLDER NEW_PHASE (needs tmux and a release build,
# or another build in KENSHO_BIN;
# the folder must hold an item 1-1-c0, as `kensho generate` writes).
# Time from the end of another user's `kensho set` to the board showing it.
K=${KENSHO_BIN:-"$(dirname "$0")/../target/release/kensho"}; D=$1; V=$2
tmux -L ext kill-server 2>/dev/null; tmux -L ext new -d -x 120 -y 30 "$K --lang en $D"
S=$(date +%s%N)
until tmux -L ext capture-pane -p | grep -q "1 / "; do sleep 0.02; done
echo "first frame: $(( ($(date +%s%N)-S)/1000000 )) ms"
sleep 3
$K set $D 1-1-c0 phase=$V >/dev/null
S=$(date +%s%N)
until tmux -L ext capture-pane -p | grep -q "loaded changes"; do sleep 0.02; done
echo "external change shown: $(( ($(date +%s%N)-S)/1000000 )) ms after the save ended"
tmux -L ext kill-server
