// The extractors: Article::text -> quantities, dates, officials, quotes.
//
// Each extractor reads the article text (UTF-8) and one rule set, and appends facts with
// BYTE spans into that text (see common/article.h); the pipeline converts spans to code
// points afterwards. Nothing here reads the clock, the network or a database: relative
// dates are resolved against Context::reference_date only.
//
// Output order is deterministic: sorted by span start, then end, then rule id.
// Thread safety: all functions are reentrant; a RuleBook is immutable and shared.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "extract/rule_set.h"

namespace newsfacts {

struct Context {
  // The article's publication date, YYYY-MM-DD, when known: the "now" of relative dates
  // and the year of dates written without one.
  std::optional<std::string> reference_date;
};

// The four rule sets the extractors need, loaded from one directory: every *.toml file
// in it is loaded; the files whose [ruleset] id is "quantities", "dates", "officials"
// and "quotes" feed the extractors of that name. A missing one is an error (kInvalidRule).
//
// LoadSets(dir, ids) loads only the named sets, from the files DIR/<id>.toml (a command
// that needs fewer extractors pays for compiling only those); a file whose [ruleset] id is
// not its name, or a missing one, is an error. ExtractAll skips the extractors whose set
// is not loaded. With rules::Compile::kOnFirstUse the patterns are compiled as the
// extractors first need them (see rule_set.h): for a command that reads one short text;
// errors in them are then in CompileStatus() after the extractors ran.
//
// StartLoading(dir, ids, focus) returns at once and loads each set on a thread of its own,
// compiled on first use and focused on `focus` (RuleSet::FocusOn): for a command that
// reads one short text, whose work on a set can start as soon as that set is loaded (and
// whose other start-up work, opening a database, goes on meanwhile). has() and the
// accessors wait for their set; a set that failed to load is not had (has() is false),
// and its error is the first in CompileStatus().
class RuleBook {
 public:
  static Result<RuleBook> Load(const std::string& dir);
  static Result<RuleBook> LoadSets(const std::string& dir, const std::vector<std::string>& ids,
                                   rules::Compile when = rules::Compile::kAtLoad);

  static RuleBook StartLoading(const std::string& dir, const std::vector<std::string>& ids,
                               const std::string& focus);

  // The first error of a set loaded in the background, then of a pattern compiled on
  // first use, in any set; Ok when none.
  Status CompileStatus() const;

  bool has(const std::string& id) const;

  // The set; it must be had (has()).
  const rules::RuleSet& quantities() const { return Get("quantities"); }
  const rules::RuleSet& dates() const { return Get("dates"); }
  const rules::RuleSet& officials() const { return Get("officials"); }
  const rules::RuleSet& quotes() const { return Get("quotes"); }
  // {set id: version} of every loaded set.
  std::map<std::string, int> versions() const;

 private:
  struct Pending;  // a set being loaded in the background
  const rules::RuleSet& Get(const std::string& id) const;
  // The set, waiting for it when it is being loaded; null when absent or failed.
  const rules::RuleSet* Find(const std::string& id) const;

  std::map<std::string, std::unique_ptr<rules::RuleSet>> sets_;
  std::map<std::string, std::shared_ptr<Pending>> pending_;
};

void ExtractQuantities(const std::string& text, const rules::RuleSet& rules,
                       std::vector<Quantity>* out);
void ExtractDates(const std::string& text, const rules::RuleSet& rules, const Context& context,
                  std::vector<DateFact>* out);
// The forms a dates rule may name (emit.form): each is read by one handler of ExtractDates.
std::vector<std::string_view> DateFormNames();
// Officials with every mention; their pronouns resolved by a coreference pass over this
// set's lexicons (extract/coref.h).
void ExtractOfficials(const std::string& text, const rules::RuleSet& rules,
                      std::vector<Official>* out);
// Speakers are resolved against `officials` (already extracted from the same text).
void ExtractQuotes(const std::string& text, const rules::RuleSet& rules,
                   const std::vector<Official>& officials, std::vector<Quote>* out);
// Both, with one coreference pass: the officials' pronoun mentions are the pronouns the
// quotes' speakers were resolved with, so "she" is never a mention of one person and the
// speaker of a quotation as another. Reads the pronoun and name lexicons of the quotes set.
void ExtractOfficialsAndQuotes(const std::string& text, const rules::RuleSet& officials_rules,
                               const rules::RuleSet& quotes_rules, std::vector<Official>* officials,
                               std::vector<Quote>* quotes);

// Runs the extractors of the loaded sets on article->text, replacing any facts already
// there. Spans are bytes.
void ExtractAll(const RuleBook& book, const Context& context, Article* article);

}  // namespace newsfacts
