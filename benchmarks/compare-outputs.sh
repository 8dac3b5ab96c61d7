#!/usr/bin/env bash
# Do two revisions of kgsim write the same bytes? Builds the kgsim jar of each revision in a
# temporary git worktree, runs the same scenarios with both into separate folders, and compares
# what a user reads: summary.json, trace.jsonl and every CSV. A refactoring must leave them
# byte-identical (kgsim is deterministic: same scenario and seed, same bytes).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: benchmarks/compare-outputs.sh [--charts] [--offline] [--keep] [--only] [BASE_REV [NEW_REV]] [-- FILE.yaml...]

Builds kgsim at BASE_REV and at NEW_REV, each in a temporary `git worktree` (the working tree
you call it from is never touched), runs every scenario of NEW_REV's scenarios/ plus the given
FILEs with both jars, and compares each run's summary.json, trace.jsonl and CSVs byte for byte.
Prints per scenario "identical" or, per differing file, its first differing line of each side.

  BASE_REV   default: the merge-base of HEAD and main
  NEW_REV    default: the working tree as it is now, uncommitted and untracked (not ignored)
             files included; a revision (HEAD, a branch, a commit) otherwise
  --charts   also compare the charts (*.png, *.svg) and report.html. Not by default: the
             check is about results, while a chart's or the report's look may change on
             purpose (review that by eye), and their bytes also follow the JDK's fonts and
             Java2D's rasterizer, so they compare only with one JDK on one machine.
  --only     run only the FILEs given after --, not scenarios/ (e.g. one large benchmark run)
  --offline  pass -o to Maven (all dependencies already in ~/.m2)
  --keep     keep the temporary folder (jars and outputs) and print where it is

Exit status: 0 all identical, 1 some output differs (or a run failed with one jar only),
2 bad usage or a failed build.
EOF
}

charts=false
offline=()
keep=false
only=false
revs=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --charts) charts=true ;;
    --offline) offline=(-o) ;;
    --keep) keep=true ;;
    --only) only=true ;;
    --) shift; extra=("$@"); break ;;
    -*) echo "compare-outputs: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) revs+=("$1") ;;
  esac
  shift
done
if $only && [ "${#extra[@]}" -eq 0 ]; then
  echo "compare-outputs: --only needs scenario files after --" >&2
  exit 2
fi
if [ "${#revs[@]}" -gt 2 ]; then
  echo "compare-outputs: at most two revisions, got ${revs[*]} (scenario files go after --)" >&2
  exit 2
fi

repo="$(git -C "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" rev-parse --show-toplevel)"
extra_abs=()
for f in ${extra[@]+"${extra[@]}"}; do
  [ -f "$f" ] || { echo "compare-outputs: no such scenario file: $f" >&2; exit 2; }
  extra_abs+=("$(readlink -f "$f")")
done

resolve() {
  git -C "$repo" rev-parse --verify --quiet "$1^{commit}" || { echo "compare-outputs: unknown revision '$1'" >&2; exit 2; }
}

# The working tree as a commit object, built in a scratch index: neither the caller's index nor
# files change, and the dangling commit is garbage-collected by git later.
snapshot_working_tree() {
  local index="$tmp/index"
  GIT_INDEX_FILE="$index" git -C "$repo" read-tree HEAD
  GIT_INDEX_FILE="$index" git -C "$repo" add -A
  local tree
  tree="$(GIT_INDEX_FILE="$index" git -C "$repo" write-tree)"
  rm -f "$index"
  git -C "$repo" commit-tree "$tree" -p HEAD -m "compare-outputs: working tree"
}

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kgsim-compare.XXXXXX")"
worktrees=()
cleanup() {
  for w in ${worktrees[@]+"${worktrees[@]}"}; do
    git -C "$repo" worktree remove --force "$w" >/dev/null 2>&1 || true
  done
  git -C "$repo" worktree prune >/dev/null 2>&1 || true
  if $keep; then echo "kept: $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

if [ "${#revs[@]}" -ge 1 ]; then
  base_name="${revs[0]}"
else
  base_name="merge-base of HEAD and main"
  revs[0]="$(git -C "$repo" merge-base HEAD main)" || { echo "compare-outputs: no merge-base of HEAD and main" >&2; exit 2; }
fi
base="$(resolve "${revs[0]}")"
if [ "${#revs[@]}" -ge 2 ]; then
  new_name="${revs[1]}"
  new="$(resolve "${revs[1]}")"
else
  new_name="working tree"
  new="$(snapshot_working_tree)"
fi

# Builds the jar of a commit into $tmp/<label>.jar, in a worktree of its own.
build() {
  local label="$1" commit="$2" wt="$tmp/src-$1"
  git -C "$repo" worktree add --quiet --detach "$wt" "$commit"
  worktrees+=("$wt")
  echo "building $label (${commit:0:12})..." >&2
  if ! (cd "$wt" && mvn -B -q "${offline[@]+"${offline[@]}"}" -Dstyle.color=never -pl simulator -am package -DskipTests) >"$tmp/build-$label.log" 2>&1; then
    cat "$tmp/build-$label.log" >&2
    echo "compare-outputs: the build of $label failed (output above)" >&2
    exit 2
  fi
  cp "$wt/simulator/target/kgsim.jar" "$tmp/$label.jar"
}
build base "$base"
if [ "$new" = "$base" ]; then
  echo "new is the same commit: one jar, run twice (a determinism check)" >&2
  cp "$tmp/base.jar" "$tmp/new.jar"
  new_src="$tmp/src-base"
else
  build new "$new"
  new_src="$tmp/src-new"
fi

scenarios=()
$only || scenarios=("$new_src"/scenarios/*.yaml)
scenarios+=(${extra_abs[@]+"${extra_abs[@]}"})
patterns=(summary.json trace.jsonl '*.csv')
if $charts; then patterns+=('*.png' '*.svg' report.html); fi

# The files of a run folder that are compared, one relative path a line, sorted.
compared_files() {
  local args=() p
  for p in "${patterns[@]}"; do args+=(-name "$p" -o); done
  (cd "$1" && find . -type f \( "${args[@]}" -false \) | sed 's|^\./||' | LC_ALL=C sort)
}

# The first differing line of a file on each side, cut to 200 characters.
first_difference() {
  local a="$1" b="$2" line
  line="$(cmp "$a" "$b" 2>/dev/null | sed -n 's/.* line \([0-9]*\).*/\1/p' || true)"
  if [ -z "$line" ]; then
    # cmp reports EOF when one file is a prefix of the other: the first extra line.
    line=$(( $(wc -l <"$a") < $(wc -l <"$b") ? $(wc -l <"$a") + 1 : $(wc -l <"$b") + 1 ))
  fi
  echo "    first difference at line $line:"
  echo "    base: $(sed -n "${line}p" "$a" | cut -c1-200)"
  echo "    new:  $(sed -n "${line}p" "$b" | cut -c1-200)"
}

status=0
echo "base: $base_name (${base:0:12})"
echo "new:  $new_name (${new:0:12})"
for s in "${scenarios[@]}"; do
  name="$(basename "$s" .yaml)"
  # A given file may share its name with a bundled scenario: its own folder all the same.
  n=2
  while [ -e "$tmp/out/$name" ]; do name="$(basename "$s" .yaml)-$n"; n=$((n + 1)); done
  out_base="$tmp/out/$name/base"
  out_new="$tmp/out/$name/new"
  mkdir -p "$(dirname "$out_base")"
  rc_base=0
  rc_new=0
  java -Djava.awt.headless=true -Dkgsim.progress=none -jar "$tmp/base.jar" run "$s" --out "$out_base" >"$tmp/out/$name/base.log" 2>&1 || rc_base=$?
  java -Djava.awt.headless=true -Dkgsim.progress=none -jar "$tmp/new.jar" run "$s" --out "$out_new" >"$tmp/out/$name/new.log" 2>&1 || rc_new=$?
  if [ "$rc_base" -ne 0 ] || [ "$rc_new" -ne 0 ]; then
    if [ "$rc_base" -eq "$rc_new" ] && cmp -s "$tmp/out/$name/base.log" "$tmp/out/$name/new.log"; then
      echo "$name: identical (both runs failed alike, exit $rc_base)"
    else
      echo "$name: DIFFERENT: base exited $rc_base, new exited $rc_new"
      echo "    base: $(tail -n 1 "$tmp/out/$name/base.log" | cut -c1-200)"
      echo "    new:  $(tail -n 1 "$tmp/out/$name/new.log" | cut -c1-200)"
      status=1
    fi
    continue
  fi
  files_base="$(compared_files "$out_base")"
  files_new="$(compared_files "$out_new")"
  report=""
  if [ "$files_base" != "$files_new" ]; then
    report+="  the files differ: $(diff <(echo "$files_base") <(echo "$files_new") | grep '^[<>]' | sed 's/^</only base:/; s/^>/only new:/' | tr '\n' ' ')"$'\n'
  fi
  while IFS= read -r f; do
    [ -n "$f" ] && [ -f "$out_new/$f" ] || continue
    if ! cmp -s "$out_base/$f" "$out_new/$f"; then
      report+="  $f differs"$'\n'"$(first_difference "$out_base/$f" "$out_new/$f")"$'\n'
    fi
  done <<<"$files_base"
  if [ -z "$report" ]; then
    echo "$name: identical ($(wc -l <<<"$files_base") files)"
  else
    echo "$name: DIFFERENT"
    printf '%s' "$report"
    status=1
  fi
done
exit "$status"
