#include "cli/check_command.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/process.h"
#include "common/clock.h"
#include "common/utf8.h"
#include "factcheck/check.h"
#include "factcheck/hit_export.h"
#include "factcheck/hit_json.h"

namespace newsfacts::cli {
namespace {

struct CheckArgs {
  std::string db = "newsfacts.db";
  std::string rules;
  bool json = false;
  std::string format = "text";
  bool claimreview = false;
  std::optional<std::string> rating, author;
  size_t limit = 10;
  std::optional<std::string> since, until, site;
  std::string claim;
};

int Fail(const std::string& message) {
  std::cerr << "newsfacts: check: " << message << "\n";
  return kExitUsage;
}

// The sentence with the figure marked: bold on a terminal, [brackets] otherwise. Spans are
// code points; the sentence is UTF-8.
std::string Marked(const factcheck::Hit& h, bool tty) {
  if (!h.figure) return h.sentence;
  const int64_t from = h.figure->span.start - h.sentence_span.start;
  const int64_t to = h.figure->span.end - h.sentence_span.start;
  const std::vector<size_t> offsets = CodePointOffsets(h.sentence);
  std::string out;
  for (size_t cp = 0; cp < offsets.size(); ++cp) {
    if (static_cast<int64_t>(cp) == from) out += tty ? "\033[1;33m" : "[";
    if (static_cast<int64_t>(cp) == to) out += tty ? "\033[0m" : "]";
    if (cp + 1 < offsets.size()) {
      out.append(h.sentence, offsets[cp], offsets[cp + 1] - offsets[cp]);
    }
  }
  return out;
}

// Why args cannot be run, or "" when they can.
std::string Misuse(const CheckArgs& args) {
  if (args.claim.find_first_not_of(" \t\r\n") == std::string::npos) return "the claim is empty";
  if ((args.rating || args.author) && !args.claimreview) {
    return "--rating and --author go with --claimreview";
  }
  for (const auto* d : {&args.since, &args.until}) {
    if (*d && !NormaliseTimestamp(**d)) return "'" + **d + "' is not an ISO 8601 date";
  }
  std::error_code ec;
  if (!std::filesystem::exists(args.db, ec)) return "no database at " + args.db;
  return "";
}

void PrintHitText(const factcheck::Hit& h, size_t rank, bool tty) {
  std::cout << rank << ". " << factcheck::VerdictName(h.verdict);
  if (!h.how.empty()) std::cout << "  " << h.how;
  std::cout << "\n   " << Marked(h, tty) << "\n   " << h.title.value_or(h.article_id);
  if (h.site) std::cout << " — " << *h.site;
  if (h.published) std::cout << ", " << h.published->substr(0, 10);
  if (h.speaker) std::cout << "; said by " << *h.speaker;
  std::cout << "\n";
  if (h.url) std::cout << "   " << *h.url << "\n";
  if (h.archive) {
    std::cout << "   archived: " << h.archive->file << " @ " << h.archive->offset << " ("
              << h.archive->date << ", " << h.archive->digest << ")\n";
  }
}

// Prints the hits as args ask: a ClaimReview draft, CSV, JSON Lines or text.
void PrintHits(const CheckArgs& args, const std::vector<factcheck::Hit>& hits) {
  if (args.claimreview) {
    factcheck::ClaimReviewOptions review;
    review.date = NowIso8601().substr(0, 10);
    review.rating = args.rating;
    review.author = args.author;
    std::cout << factcheck::ClaimReview(args.claim, hits, review)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << std::endl;
    return;
  }
  const std::string format = args.json ? "json" : args.format;
  if (format == "csv") {
    factcheck::WriteHitsCsv(hits, std::cout);
    std::cout.flush();
    return;
  }
  const bool tty = isatty(STDOUT_FILENO);
  for (size_t i = 0; i < hits.size(); ++i) {
    if (format == "json") {
      std::cout << factcheck::HitJson(hits[i], i + 1)
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    } else {
      PrintHitText(hits[i], i + 1, tty);
    }
  }
  std::cout.flush();
}

int RunCheck(const CheckArgs& args) {
  if (const std::string misuse = Misuse(args); !misuse.empty()) return Fail(misuse);
  // Quotes are read from the database; the claim needs only its figures, dates and people.
  // Its few words need few of the rules: each is compiled for the claim when first matched,
  // and each set is read for the claim as soon as it is loaded.
  const RuleBook book = RuleBook::StartLoading(args.rules.empty() ? DefaultRulesDir() : args.rules,
                                               {"quantities", "dates", "officials"}, args.claim);
  store::StoreOptions read_only;
  read_only.read_only = true;
  auto db = store::Store::Open(args.db, read_only);
  if (!db.ok()) return Fail(db.status().ToString());
  auto claim = factcheck::ParseClaim(args.claim, book);
  if (Status s = book.CompileStatus(); !s.ok()) return Fail(s.ToString());
  if (!claim.ok()) return Fail(claim.status().ToString());
  if (claim->figures.empty()) {
    std::cerr << "newsfacts: check: the claim has no figure the rules read (they read English "
                 "figures); searching its words\n";
  }
  factcheck::CheckOptions options;
  options.limit = args.limit;
  if (args.since) options.since = args.since->substr(0, 10);
  if (args.until) options.until = args.until->substr(0, 10);
  options.site = args.site;
  options.quantity_rules = &book.quantities();
  auto hits = factcheck::Check(*db, *claim, options);
  if (!hits.ok()) return Fail(hits.status().ToString());
  if (hits->empty()) {
    std::cerr << "newsfacts: check: no stored figure or sentence matches the claim\n";
  }
  PrintHits(args, *hits);
  return hits->empty() ? kExitSomeFailed : kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App* app, int* status) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* check =
      app->add_subcommand("check", "stored figures that match, round or contradict a claim's");
  check->add_option("--db", args->db, "database file")->capture_default_str();
  check->add_option("--rules", args->rules, "rule directory (default: the shipped rules)");
  check->add_flag("--json", args->json, "one JSON object per hit, best first (--format json)");
  check->add_option("--format", args->format, "text, json (JSON Lines) or csv")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json", "csv"}));
  check->add_flag("--claimreview", args->claimreview,
                  "a schema.org ClaimReview JSON-LD draft citing the sources found");
  check->add_option("--rating", args->rating, "with --claimreview: the review's rating");
  check->add_option("--author", args->author, "with --claimreview: who reviews the claim");
  check->add_option("--limit", args->limit, "at most N hits")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  check->add_option("--since", args->since, "articles published on or after this date");
  check->add_option("--until", args->until, "articles published on or before this date");
  check->add_option("--site", args->site, "articles of this site only (e.g. example.com)");
  check->add_option("claim", args->claim, "the claim, e.g. \"8.2 tonnes of fentanyl\"")->required();
  check->callback([args, status] { *status = RunCheck(*args); });
}

}  // namespace newsfacts::cli
