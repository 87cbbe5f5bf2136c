#!/bin/sh
# Prints what `make demo` stored: per article, its quantities, dates, officials and quotes.
# Usage: sh docs/demo.sh DATABASE
set -eu
db=${1:-newsfacts.db}
q() { sqlite3 -box "$db" "$1"; }

echo
echo "== Articles"
q "SELECT id, site, published, title FROM articles ORDER BY seq;"
echo
echo "== Quantities"
q "SELECT a.seq AS art, q.text, q.value, q.unit, q.si_value || ' ' || q.si_unit AS si,
          CASE q.approx WHEN 1 THEN 'yes' ELSE '' END AS approx, q.subject,
          q.equivalent_of AS restates
     FROM quantities q JOIN articles a ON a.id = q.article_id ORDER BY a.seq, q.position;"
echo
echo "== Dates"
q "SELECT a.seq AS art, d.text, d.kind, d.date_from AS 'from', d.date_to AS 'to', d.duration
     FROM dates d JOIN articles a ON a.id = d.article_id ORDER BY a.seq, d.position;"
echo
echo "== Officials"
q "SELECT a.seq AS art, o.name, o.title, o.affiliation,
          CASE o.former WHEN 1 THEN 'yes' ELSE '' END AS former,
          (SELECT count(*) FROM mentions m WHERE m.article_id = o.article_id
             AND m.official_position = o.position) AS mentions
     FROM officials o JOIN articles a ON a.id = o.article_id ORDER BY a.seq, o.position;"
echo
echo "== Quotes"
q "SELECT a.seq AS art, q.speaker, q.cue, q.via,
          CASE WHEN length(q.text) > 60 THEN substr(q.text, 1, 57) || '...' ELSE q.text END AS quote
     FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.seq, q.position;"
