#!/usr/bin/env bash
# Regenerates the offline demo media for the simulator from scripts/demo-media/spec.json:
#
#   public/demo/audio/<call>.mp3        5 two-voice demo call recordings (agent + contact)
#   public/demo/audio/<voicemail>.mp3   3 single-voice voicemails
#   public/demo/images/<key>.jpg        3 MMS photos, 640x480 JPEG, drawn with ImageMagick
#   public/demo/docs/<key>.pdf          1 one-page quote PDF (hand-assembled, real text)
#   lib/simulator/demo-media.ts         typed constants: paths, sizes, durations, transcripts
#
# The TypeScript module is written by this script from what it measured, so transcripts can
# never drift from the audio: every dialogue line is synthesized separately with espeak-ng
# (one voice for the agent, another for the contact), trimmed of espeak's leading/trailing
# silence, resampled to 16 kHz mono and measured with `soxi -D`; the lines are then joined
# with fixed silences (spec.audio.leadInSeconds / gapSeconds / tailSeconds), so segment i
# starts at leadIn + sum(previous line durations) + i*gap (+ the fixed MP3 codec delay, see
# encode()) and ends duration(i) later.
# The text of a line is both what is spoken and the segment's `content`.
#
# Audio format: MP3, 16 kHz mono, 16 kbit/s CBR (MPEG-2 Layer III, with a LAME/Xing header so
# players get the exact length and skip the encoder delay). Chromium, Firefox and Safari all
# play it natively, and a 40 s call is about 80 KB.
#
# Usage:   bash scripts/demo-media/generate.sh          (from anywhere; run as often as you like)
# Needs:   espeak-ng sox lame imagemagick jq node       (Debian:
#          apt-get install -y espeak-ng sox lame imagemagick fonts-dejavu-core jq)
# Output is deterministic: re-running with the same spec and tool versions gives identical
# bytes. The script owns public/demo/{audio,images,docs}/ and deletes files there that the spec
# no longer lists. It fails (non-zero) if any file breaks the size/duration budgets below.

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SPEC="$HERE/spec.json"
OUT="$ROOT/public/demo"
TS_OUT="$ROOT/lib/simulator/demo-media.ts"

# Budgets (bytes / seconds).
MAX_AUDIO_BYTES=150000
MAX_IMAGE_BYTES=60000
MAX_DOC_BYTES=20000
MAX_TOTAL_BYTES=1500000
CALL_MIN_S=15; CALL_MAX_S=40
VM_MIN_S=8; VM_MAX_S=15

for tool in espeak-ng sox soxi lame convert jq node; do
  command -v "$tool" >/dev/null || { echo "generate.sh: missing '$tool' (see header for apt-get line)" >&2; exit 1; }
done
# /usr/local/bin/convert may be a non-ImageMagick stand-in on some machines: insist on the real one.
CONVERT=convert
[ -x /usr/bin/convert ] && CONVERT=/usr/bin/convert
"$CONVERT" -version 2>/dev/null | grep -q ImageMagick || { echo "generate.sh: need ImageMagick's convert" >&2; exit 1; }
FONT=DejaVu-Sans
FONT_BOLD=DejaVu-Sans-Bold

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
MEASURE="$TMP/measurements.tsv"
: >"$MEASURE"

RATE_WPM=$(jq -r '.audio.rateWpm' "$SPEC")
SR=$(jq -r '.audio.sampleRate' "$SPEC")
KBPS=$(jq -r '.audio.bitrateKbps' "$SPEC")
LEAD=$(jq -r '.audio.leadInSeconds' "$SPEC")
GAP=$(jq -r '.audio.gapSeconds' "$SPEC")
TAIL=$(jq -r '.audio.tailSeconds' "$SPEC")

mkdir -p "$OUT/audio" "$OUT/images" "$OUT/docs" "$(dirname "$TS_OUT")"
declare -A KEEP=()

# --- audio helpers -----------------------------------------------------------------------------

# silence SECONDS OUT.wav
silence() { sox -R -n -r "$SR" -c 1 -b 16 "$2" trim 0 "$1"; }

# speak VOICE TEXT OUT.wav  -> one trimmed, loudness-matched 16 kHz mono line
speak() {
  espeak-ng -v "$1" -s "$RATE_WPM" -w "$TMP/raw.wav" -- "$2"
  sox -R "$TMP/raw.wav" -r "$SR" -c 1 -b 16 "$3" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    gain -3 highpass 120 gain -n -3 rate -v "$SR"
}

# encode IN.wav OUT.mp3
# MP3 shifts audio later by LAME's 576-sample encoder delay plus the 529-sample decoder delay.
# Chromium (and soxi/libmad) play those 1105 samples rather than trimming them via the LAME tag
# (checked: Chromium's audio.duration equals soxi -D), so transcript times include the shift.
MP3_DELAY_SAMPLES=1105
encode() { lame --quiet -b "$KBPS" --resample "$((SR / 1000))" -m m "$1" "$2"; }

check_range() { # LABEL VALUE MIN MAX
  awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(v >= lo && v <= hi) }' ||
    { echo "generate.sh: $1 = $2 is outside [$3, $4]" >&2; exit 1; }
}

printf 'offset\t%s\n' "$(awk -v n="$MP3_DELAY_SAMPLES" -v r="$SR" 'BEGIN { printf "%.6f", n / r }')" >>"$MEASURE"

silence "$LEAD" "$TMP/lead.wav"
silence "$GAP" "$TMP/gap.wav"
silence "$TAIL" "$TMP/tail.wav"

# --- calls ---------------------------------------------------------------------------------------

n_calls=$(jq '.calls | length' "$SPEC")
for ((c = 0; c < n_calls; c++)); do
  key=$(jq -r ".calls[$c].key" "$SPEC")
  agent=$(jq -r ".calls[$c].agent" "$SPEC")
  agent_voice=$(jq -r --arg a "$agent" '.agents[$a].voice' "$SPEC")
  contact_voice=$(jq -r ".calls[$c].contactVoice" "$SPEC")
  [ "$agent_voice" != "$contact_voice" ] || { echo "generate.sh: $key uses one voice for both sides" >&2; exit 1; }
  parts=("$TMP/lead.wav")
  expected=$LEAD
  n_lines=$(jq ".calls[$c].lines | length" "$SPEC")
  for ((i = 0; i < n_lines; i++)); do
    speaker=$(jq -r ".calls[$c].lines[$i].speaker" "$SPEC")
    text=$(jq -r ".calls[$c].lines[$i].text" "$SPEC")
    case "$speaker" in
      agent) voice=$agent_voice ;;
      contact) voice=$contact_voice ;;
      *) echo "generate.sh: $key line $i: bad speaker '$speaker'" >&2; exit 1 ;;
    esac
    line="$TMP/$key-$i.wav"
    speak "$voice" "$text" "$line"
    d=$(soxi -D "$line")
    printf 'line\t%s\t%d\t%s\n' "$key" "$i" "$d" >>"$MEASURE"
    [ "$i" -gt 0 ] && parts+=("$TMP/gap.wav") && expected=$(awk -v a="$expected" -v b="$GAP" 'BEGIN { printf "%.6f", a + b }')
    parts+=("$line")
    expected=$(awk -v a="$expected" -v b="$d" 'BEGIN { printf "%.6f", a + b }')
  done
  parts+=("$TMP/tail.wav")
  expected=$(awk -v a="$expected" -v b="$TAIL" 'BEGIN { printf "%.6f", a + b }')
  sox -R "${parts[@]}" "$TMP/$key.wav"
  # The joined file must be exactly as long as the timeline the segments are computed from.
  master=$(soxi -D "$TMP/$key.wav")
  awk -v a="$master" -v b="$expected" 'BEGIN { d = a - b; exit !(d < 0.001 && d > -0.001) }' ||
    { echo "generate.sh: $key joined length $master != timeline $expected" >&2; exit 1; }
  encode "$TMP/$key.wav" "$OUT/audio/$key.mp3"
  KEEP["audio/$key.mp3"]=1
  dur=$(soxi -D "$OUT/audio/$key.mp3")
  size=$(stat -c %s "$OUT/audio/$key.mp3")
  check_range "$key duration (s)" "$dur" "$CALL_MIN_S" "$CALL_MAX_S"
  check_range "$key encoded vs timeline+delay (s)" "$dur" "$(awk -v a="$master" -v n="$MP3_DELAY_SAMPLES" -v r="$SR" 'BEGIN { print a + n / r }')" 1000
  check_range "$key size (bytes)" "$size" 1 "$MAX_AUDIO_BYTES"
  printf 'media\tcall\t%s\t/demo/audio/%s.mp3\taudio/mpeg\t%s\t%s\n' "$key" "$key" "$size" "$dur" >>"$MEASURE"
  echo "call      $key  ${dur}s  ${size} B  (timeline ${master}s)"
done

# --- voicemails ----------------------------------------------------------------------------------

n_vm=$(jq '.voicemails | length' "$SPEC")
for ((v = 0; v < n_vm; v++)); do
  key=$(jq -r ".voicemails[$v].key" "$SPEC")
  voice=$(jq -r ".voicemails[$v].voice" "$SPEC")
  text=$(jq -r ".voicemails[$v].text" "$SPEC")
  speak "$voice" "$text" "$TMP/$key-line.wav"
  sox -R "$TMP/lead.wav" "$TMP/$key-line.wav" "$TMP/tail.wav" "$TMP/$key.wav"
  encode "$TMP/$key.wav" "$OUT/audio/$key.mp3"
  KEEP["audio/$key.mp3"]=1
  dur=$(soxi -D "$OUT/audio/$key.mp3")
  size=$(stat -c %s "$OUT/audio/$key.mp3")
  check_range "$key duration (s)" "$dur" "$VM_MIN_S" "$VM_MAX_S"
  check_range "$key size (bytes)" "$size" 1 "$MAX_AUDIO_BYTES"
  printf 'media\tvoicemail\t%s\t/demo/audio/%s.mp3\taudio/mpeg\t%s\t%s\n' "$key" "$key" "$size" "$dur" >>"$MEASURE"
  echo "voicemail $key  ${dur}s  ${size} B"
done

# --- images --------------------------------------------------------------------------------------
# Each scene function draws a 640x480 picture into $1 (a PNG in $TMP); the caption bar is added after.

# Deterministic pseudo-random numbers for the scenes (so re-runs give identical bytes).
SEED=12345
# rnd N sets R to 0..N-1 (a variable, not stdout: $(rnd) would run in a subshell and lose SEED).
rnd() { SEED=$(( (SEED * 1103515245 + 12345) % 2147483648 )); R=$(( (SEED >> 8) % $1 )); }

scene_ceiling_stain() {
  # Stain outline: the union of a few blobs, blurred and re-thresholded into one organic shape
  # with slightly ragged edges; a darker "tide line" along its edge over a faint brown interior.
  "$CONVERT" -size 640x480 xc:black -fill white \
    -draw 'ellipse 345,200 150,95 0,360' -draw 'ellipse 440,245 90,70 0,360' \
    -draw 'ellipse 265,170 80,55 0,360' -draw 'ellipse 360,285 70,40 0,360' \
    -blur 0x22 -threshold 45% -seed 7 -spread 3 -blur 0x1.5 -threshold 50% "$TMP/mask.png"
  "$CONVERT" "$TMP/mask.png" -morphology EdgeIn Disk:5 -blur 0x2.5 "$TMP/ring.png"
  "$CONVERT" \( "$TMP/mask.png" -blur 0x8 -evaluate multiply 0.30 \) \
    \( "$TMP/ring.png" -evaluate multiply 0.75 \) -compose plus -composite \
    -fill white -draw 'ellipse 380,228 10,7 0,360' "$TMP/alpha.png"
  "$CONVERT" -size 640x480 xc:'#6e4522' "$TMP/alpha.png" -alpha off -compose CopyOpacity -composite "$TMP/stain.png"
  # Ceiling: warm off-white, lit from the left; a drywall seam; wall and cabinet tops at the bottom.
  "$CONVERT" -size 480x640 gradient:'#f4f1ea'-'#bdb6a9' -rotate 90 \
    -fill none -stroke 'rgba(0,0,0,0.06)' -strokewidth 3 -draw 'line 0,300 640,282' \
    -stroke none -fill '#d8d2c4' -draw 'polygon 0,390 640,368 640,480 0,480' \
    -fill '#8a6a4a' -draw 'polygon 0,420 260,412 260,480 0,480' \
    -fill '#7a5c3f' -draw 'polygon 260,412 270,412 270,480 260,480' \
    -fill '#e9e6df' -stroke '#b9b2a5' -strokewidth 2 -draw 'ellipse 120,120 46,24 0,360' \
    -fill '#fffdf4' -stroke none -draw 'ellipse 120,118 30,14 0,360' \
    "$TMP/stain.png" -composite \
    -seed 7 -attenuate 0.25 +noise Gaussian \
    "$1"
}

scene_missing_shingles() {
  local draw="" row col x y shade missing mk
  local -a miss=("3:4" "3:5" "4:4" "5:6" "6:3" "6:4")
  for ((row = 0; row < 11; row++)); do
    y=$((150 + row * 32))
    for ((col = -1; col < 12; col++)); do
      x=$((col * 60 + (row % 2) * 30))
      missing=0
      for mk in "${miss[@]}"; do [ "$mk" = "$row:$col" ] && missing=1; done
      if [ "$missing" = 1 ]; then
        # Exposed underlayment with nail holes.
        draw+=" fill #a98a5c rectangle $x,$y $((x + 59)),$((y + 31))"
        draw+=" fill #6e5535 circle $((x + 14)),$((y + 8)) $((x + 16)),$((y + 8))"
        draw+=" fill #6e5535 circle $((x + 44)),$((y + 9)) $((x + 46)),$((y + 9))"
      else
        rnd 26
        shade=$((58 + R))
        draw+=" fill rgb($shade,$((shade + 2)),$((shade + 6))) rectangle $x,$y $((x + 58)),$((y + 30))"
      fi
    done
    draw+=" fill rgba(0,0,0,0.45) rectangle 0,$((y + 29)) 640,$((y + 31))"
  done
  "$CONVERT" -size 160x640 gradient:'#7fb0dc'-'#dce9f3' -rotate 90 -crop 640x160+0+0 +repage \
    -background '#26282c' -extent 640x480 \
    -fill '#3e5a3a' -draw 'ellipse 560,150 90,70 180,360' -fill '#35502f' -draw 'ellipse 470,150 60,45 180,360' \
    -fill '#26282c' -draw 'rectangle 0,142 640,480' \
    -draw "$draw" \
    -fill '#2c2e33' -draw 'rectangle 0,142 640,152' \
    -fill none -stroke 'rgba(210,200,170,0.85)' -strokewidth 3 -draw 'ellipse 300,262 120,82 0,360' \
    -stroke none -fill 'rgba(0,0,0,0.18)' -draw 'polygon 0,480 640,330 640,480' \
    -seed 7 -attenuate 0.3 +noise Gaussian \
    "$1"
}

scene_gutter_overflow() {
  local draw="" y x rx ry
  for ((y = 150; y < 480; y += 22)); do draw+=" fill rgba(0,0,0,0.16) rectangle 0,$y 640,$((y + 2))"; done
  local rain=""
  for ((x = 0; x < 48; x++)); do
    rnd 680; rx=$R
    rnd 440; ry=$R
    rain+=" line $rx,$ry $((rx - 10)),$((ry + 38))"
  done
  # Water sheeting over the gutter lip: a wide curtain that narrows and breaks into streams, blurred.
  "$CONVERT" -size 640x480 xc:none \
    -fill 'rgba(150,185,215,0.55)' -draw 'polygon 280,98 420,98 408,140 392,480 350,480 338,150 300,140' \
    -fill 'rgba(150,185,215,0.45)' -draw 'polygon 405,136 440,136 436,480 418,480' \
    -fill 'rgba(150,185,215,0.40)' -draw 'polygon 292,136 312,136 318,480 306,480' \
    -fill 'rgba(225,238,248,0.55)' -draw 'polygon 352,104 372,104 368,480 360,480' \
    -fill 'rgba(225,238,248,0.40)' -draw 'polygon 420,140 428,140 427,480 423,480' \
    -fill 'rgba(190,215,235,0.55)' -draw 'ellipse 370,468 95,14 0,360' \
    -blur 0x2 "$TMP/water.png"
  "$CONVERT" -size 640x480 xc:'#9aa7ad' \
    -draw "$draw" \
    -fill '#3d3f44' -draw 'rectangle 0,0 640,78' \
    -fill '#2f3135' -draw 'rectangle 0,60 640,78' \
    -fill '#ecebe6' -draw 'rectangle 0,78 640,104' \
    -fill '#cfd3d4' -stroke '#8e9597' -strokewidth 2 -draw 'roundrectangle -10,96 650,136 10,10' \
    -stroke none -fill '#4a4f52' -draw 'rectangle 560,136 582,480' \
    -fill '#f3f2ee' -draw 'rectangle 110,210 290,400' -fill '#5f7f95' -draw 'rectangle 122,222 278,388' \
    -fill '#f3f2ee' -draw 'rectangle 196,222 204,388' -draw 'rectangle 122,301 278,309' \
    "$TMP/water.png" -composite \
    -fill none -stroke 'rgba(220,230,240,0.45)' -strokewidth 1.5 -draw "$rain" \
    -stroke none -fill 'rgba(30,40,55,0.22)' -draw 'rectangle 0,0 640,480' \
    -seed 7 -attenuate 0.3 +noise Gaussian \
    "$1"
}

n_img=$(jq '.images | length' "$SPEC")
for ((m = 0; m < n_img; m++)); do
  key=$(jq -r ".images[$m].key" "$SPEC")
  scene=$(jq -r ".images[$m].scene" "$SPEC")
  caption=$(jq -r ".images[$m].caption" "$SPEC")
  fn="scene_${scene//-/_}"
  declare -F "$fn" >/dev/null || { echo "generate.sh: unknown scene '$scene'" >&2; exit 1; }
  SEED=12345
  "$fn" "$TMP/$key.png"
  out="$OUT/images/$key.jpg"
  "$CONVERT" "$TMP/$key.png" \
    -fill 'rgba(0,0,0,0.6)' -draw 'rectangle 0,438 640,480' \
    -fill white -font "$FONT" -pointsize 17 -annotate +14+466 "$caption" \
    -fill 'rgba(255,255,255,0.8)' -font "$FONT_BOLD" -pointsize 13 -gravity NorthEast -annotate +12+10 'Bay Roofing' \
    -strip -sampling-factor 4:2:0 -interlace none -quality 70 "$out"
  KEEP["images/$key.jpg"]=1
  size=$(stat -c %s "$out")
  check_range "$key size (bytes)" "$size" 1 "$MAX_IMAGE_BYTES"
  [ "$("$CONVERT" "$out" -format '%wx%h' info:)" = 640x480 ] || { echo "generate.sh: $key is not 640x480" >&2; exit 1; }
  printf 'media\timage\t%s\t/demo/images/%s.jpg\timage/jpeg\t%s\t-\n' "$key" "$key" "$size" >>"$MEASURE"
  echo "image     $key  ${size} B"
done

# --- documents -----------------------------------------------------------------------------------

n_doc=$(jq '.documents | length' "$SPEC")
for ((d = 0; d < n_doc; d++)); do
  key=$(jq -r ".documents[$d].key" "$SPEC")
  out="$OUT/docs/$key.pdf"
  node "$HERE/build.mjs" pdf "$SPEC" "$key" "$out"
  KEEP["docs/$key.pdf"]=1
  size=$(stat -c %s "$out")
  check_range "$key size (bytes)" "$size" 1 "$MAX_DOC_BYTES"
  printf 'media\tdocument\t%s\t/demo/docs/%s.pdf\tapplication/pdf\t%s\t-\n' "$key" "$key" "$size" >>"$MEASURE"
  echo "document  $key  ${size} B"
done

# --- prune files the spec no longer lists, check the total, write the TS module -------------------

for f in "$OUT"/audio/* "$OUT"/images/* "$OUT"/docs/*; do
  [ -e "$f" ] || continue
  rel="${f#"$OUT"/}"
  [ -n "${KEEP[$rel]:-}" ] || { echo "removing stale $rel"; rm -f "$f"; }
done

total=$(find "$OUT"/audio "$OUT"/images "$OUT"/docs -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
check_range "public/demo total (bytes)" "$total" 1 "$MAX_TOTAL_BYTES"
echo "total     ${total} B"

node "$HERE/build.mjs" ts "$SPEC" "$MEASURE" "$TS_OUT"
echo "wrote     ${TS_OUT#"$ROOT"/}"
