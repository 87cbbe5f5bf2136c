// `newsfacts show` and `newsfacts conflicts` (docs/factcheck.md): reading the stored
// facts back, one article at a time or across sources. factcheck/marks.h and
// factcheck/conflicts.h do the work; docs/factcheck.md describes the output.
//
//   newsfacts show [--db F] [--json] ID|URL
//     The article (title, site, date, URL, archived copy), its text with every fact marked
//     ([[...]] and a tag such as {q1} naming the fact; colours instead of brackets on a
//     terminal), then the list of facts with their rule ids. --json: the contract's article
//     object plus "marks". Exit 0 when shown, 1 when no article has that id or URL, 2 on a
//     usage or database error.
//
//   newsfacts conflicts [--db F] [--json] [--subject WORDS] [--since D] [--limit N]
//     Groups of figures about the same subject and period that disagree between articles,
//     widest disagreement first, each figure with its sentence and source. --json: one
//     object per group. Exit 0 when a group is printed, 1 when none, 2 on a usage or
//     database error.
//
// Both open the database read-only and never write to it; a database being written by
// another program (WAL) is read as of its last commit.
#pragma once

#include <CLI/CLI.hpp>

namespace newsfacts::cli {

// Adds the `show` subcommand to app; it stores its exit status in *status.
void AddShowCommand(CLI::App* app, int* status);

// Adds the `conflicts` subcommand to app; it stores its exit status in *status.
void AddConflictsCommand(CLI::App* app, int* status);

}  // namespace newsfacts::cli
