#!/usr/bin/env bash
# Sharded studies: every product in exactly one shard; a 4-shard study run through GNU Parallel
# (local -j and --sshlogin ':' forms) and through the Slurm script's body, merged with rhea merge,
# equals a single-process study row for row; merging a shard twice changes nothing; shards that
# disagree (another tip, other rules, another --until) are refused and leave OUT unchanged.
source "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 missing"; exit 77; }
command -v parallel >/dev/null || { echo "SKIP: GNU parallel missing"; exit 77; }
cd "$WORK" || exit 1
"$SAMPLE_GEN" s1 >/dev/null
"$SAMPLE_GEN" --synthetic 120 s2 >/dev/null
"$SAMPLE_GEN" --synthetic 80 s3 >/dev/null
git clone -q s1 s4
git clone -q s2 s5
git clone -q s3 s6
printf 'ml model/\n' >r.rules
{
  printf 'id\trepository\tname\trules\n'
  printf 'P1\ts1\tOne\tr.rules\nP2\ts2\tTwo\t\nP3\ts3\tThree\t\nP4\ts4\tFour\tr.rules\n'
  printf 'P5\ts5\tFive\t\nP6\ts6\tSix\t\nP7\tmissing\tSeven\t\n'
} >m.tsv

# a canonical dump: every row by content (commit ids and path ids are each database's own)
dump() {
  sqlite3 "$1" "SELECT id, repo_path, ref, tip, rules_path, rules_text, line_stats, shallow FROM products ORDER BY id;
    SELECT * FROM product_meta ORDER BY 1, 2; SELECT * FROM settings ORDER BY 1;
    SELECT product, sha, author_name, author_email, author_time, author_offset, committer_name,
      committer_email, committer_time, committer_offset, mailmap_name, mailmap_email, summary,
      parent_count, is_merge FROM commits ORDER BY product, sha;
    SELECT c.product, c.sha, p.idx, p.parent_sha FROM parents p JOIN commits c USING(cid) ORDER BY 1, 2, 3;
    SELECT c.product, c.sha, pa.path, ch.kind, ch.added, ch.removed FROM changes ch
      JOIN commits c USING(cid) JOIN paths pa USING(pid) ORDER BY 1, 2, 3;"
}

expect_exit 0 "$RHEA" study m.tsv --clones . --db full.sqlite --until 2030-01-01 --quiet
dump full.sqlite >full.dump
[ "$(grep -c . full.dump)" -gt 500 ] || fail "the single study stored too little"

# every product in exactly one of 4 shards (P7 is absent: it is skipped in its shard)
for k in 0 1 2 3; do
  expect_exit 0 "$RHEA" study m.tsv --clones . --db "only$k.sqlite" --shard "$k/4" --quiet
  expect_match "$OUT" "^study: shard $k/4 holds [0-9] of the manifest's 7 products"
  printf '%s\n' "$OUT" | sed -n 's/.* holds \([0-9]\) of.*/\1/p' >>held
  [ -f "only$k.sqlite" ] && sqlite3 "only$k.sqlite" "SELECT id FROM products" >>ids
done
held_total=$(awk '{ s += $1 } END { print s }' held)
[ "$held_total" = 7 ] || fail "shards hold $held_total products, not 7"
[ "$(sort ids | tr '\n' ' ')" = "P1 P2 P3 P4 P5 P6 " ] || fail "products per shard: $(sort ids | tr '\n' ' ')"

# GNU Parallel, local jobs
parallel -j 4 "$RHEA" study m.tsv --clones . --db 'par{}.sqlite' --shard '{}/4' --until 2030-01-01 \
  --quiet ::: 0 1 2 3 >/dev/null || fail "parallel study failed"
expect_exit 0 "$RHEA" merge merged.sqlite par0.sqlite par1.sqlite par2.sqlite par3.sqlite
expect_match "$OUT" "^merge: 4 shards into merged.sqlite: 6 products added, 0 already there the same; [0-9]+ commits added"
dump merged.sqlite >merged.dump
diff full.dump merged.dump >&2 || fail "4 shards merged differ from one study"

# the --sshlogin form (':' is this machine, without ssh), as a cluster of hosts would be named
parallel --sshlogin 2/: --workdir "$WORK" "$RHEA" study m.tsv --clones . --db 'ssh{}.sqlite' \
  --shard '{}/4' --until 2030-01-01 --quiet ::: 0 1 2 3 >/dev/null || fail "parallel --sshlogin failed"
expect_exit 0 "$RHEA" merge ssh.sqlite ssh0.sqlite ssh1.sqlite ssh2.sqlite ssh3.sqlite
diff full.dump <(dump ssh.sqlite) >&2 || fail "--sshlogin shards merged differ from one study"

# merging a shard again, or all of them, changes nothing
expect_exit 0 "$RHEA" merge merged.sqlite par2.sqlite par0.sqlite
expect_match "$OUT" "0 products added, [0-9] already there the same; 0 commits added"
diff full.dump <(dump merged.sqlite) >&2 || fail "merging again changed the output"

# the Slurm script: syntax, then its body per array task with SLURM_ARRAY_TASK_ID set by hand
SB=$SRC/samples/slurm/study.sbatch
bash -n "$SB" || fail "study.sbatch does not parse"
for k in 0 1 2 3; do
  RHEA="$RHEA" N=4 MANIFEST=m.tsv CLONES=. UNTIL=2030-01-01 SHARDS=slurm SLURM_ARRAY_TASK_ID=$k \
    bash "$SB" >/dev/null || fail "study.sbatch task $k failed"
done
RHEA="$RHEA" N=4 MERGE=1 OUT=slurm.sqlite SHARDS=slurm bash "$SB" >/dev/null || fail "study.sbatch merge failed"
diff full.dump <(dump slurm.sqlite) >&2 || fail "the Slurm study differs from one study"
(RHEA="$RHEA" N=4 MANIFEST=m.tsv bash "$SB" 2>/dev/null) && fail "study.sbatch ran without SLURM_ARRAY_TASK_ID"

# conflicts: another tip, other rules, another study date; OUT stays as it was, no file left over
git -C s2 -c user.name=T -c user.email=t@example.com commit -q --allow-empty -m more \
  --date=2020-01-01T00:00:00Z
for k in 0 1 2 3; do
  "$RHEA" study m.tsv --clones . --db "new$k.sqlite" --shard "$k/4" --until 2030-01-01 --quiet >/dev/null
done
newer=$(for k in 0 1 2 3; do
  [ -n "$(sqlite3 "new$k.sqlite" "SELECT id FROM products WHERE id = 'P2'")" ] && echo "new$k.sqlite"; done)
cp merged.sqlite before.sqlite
expect_exit 1 "$RHEA" merge merged.sqlite par0.sqlite "$newer"
one_line "$ERR"
expect_match "$ERR" "product P2 has tip [0-9a-f]{12} where the output has [0-9a-f]{12}; the shards read different histories"
diff full.dump <(dump merged.sqlite) >&2 || fail "a refused merge changed the output"
cmp before.sqlite merged.sqlite || fail "a refused merge touched the output file"
ls -a | grep -q '\.merge-' && fail "a refused merge left its temporary file"

printf 'ml src/\n' >r.rules
rules_shard=$(for k in 0 1 2 3; do [ -n "$(sqlite3 "par$k.sqlite" "SELECT id FROM products WHERE id = 'P1'")" ] && echo "$k"; done)
"$RHEA" study m.tsv --clones . --db other.sqlite --shard "$rules_shard/4" --until 2030-01-01 --quiet >/dev/null
"$RHEA" analyze s1 --product P1 --db other.sqlite --rules r.rules --quiet >/dev/null
expect_exit 1 "$RHEA" merge merged.sqlite other.sqlite
expect_match "$ERR" "product P1 has other rules than in the output"
expect_exit 0 "$RHEA" study m.tsv --clones . --db date.sqlite --shard 0/4 --until 2029-01-01 --quiet
expect_exit 1 "$RHEA" merge merged.sqlite date.sqlite
expect_match "$ERR" "setting until is '2029-01-01' where the output has '2030-01-01'"
diff full.dump <(dump merged.sqlite) >&2 || fail "refused merges changed the output"

# a new output that fails is not left behind; a missing shard and usage errors
expect_exit 1 "$RHEA" merge fresh.sqlite par0.sqlite date.sqlite
[ -e fresh.sqlite ] && fail "a failed merge left a new output behind"
expect_exit 1 "$RHEA" merge fresh.sqlite nowhere.sqlite
one_line "$ERR"
printf 'not a database' >junk.sqlite
expect_exit 1 "$RHEA" merge fresh.sqlite junk.sqlite
one_line "$ERR"
expect_exit 2 "$RHEA" merge fresh.sqlite
expect_exit 2 "$RHEA" study m.tsv --shard 4/4
expect_match "$ERR" "--shard '4/4': use K/N with 0 <= K < N"
finish
